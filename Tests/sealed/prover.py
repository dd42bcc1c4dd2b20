"""Reference generator of sealed-ballot records (docs/sealed-ballot.md), for the tests ONLY.

It plays every part: the trustees (polynomials, transport keys, encrypted shares, partial
decryptions), the voters (papers with proofs) and the server (totals, counts, the export).
Its hashes are written again here rather than imported from verify.py, so that a slip in one
of the two is more likely to show up as a failing test. It can also be told to cheat.

    pv = Prover(seed=1, candidates=["Name A", "Name B"], min_choices=1, max_choices=1)
    pv.paper()                 # a random valid paper
    pv.paper([1, 1])           # a paper outside the rules: its total proof cannot verify
    record = pv.record(decrypting=(1, 3))
"""
import copy
import hashlib
import random
import secrets

import p256
from p256 import G, N, mul, add, sub, encode as E, scalar_hex as SC

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def _sha(text):
    return hashlib.sha256(text.encode("utf-8")).digest()


def challenge(tag, *items):
    return int.from_bytes(_sha("|".join(["thidua-v1", tag, *items])), "big") % N


def receipt(tracker_hex):
    bits = "".join(format(b, "08b") for b in bytes.fromhex(tracker_hex)[:10])
    sym = "".join(ALPHABET[int(bits[i:i + 5], 2)] for i in range(0, 80, 5))
    return "-".join([sym[0:4], sym[4:8], sym[8:12], sym[12:16]])


class Prover:
    def __init__(self, seed=None, candidates=("Name A", "Name B", "Name C"),
                 min_choices=1, max_choices=2, trustees=3, threshold=2):
        # A seeded random.Random makes test records reproducible; it is NOT fit for a real round.
        self.rng = random.Random(seed) if seed is not None else secrets.SystemRandom()
        u = "%032X" % self.rng.getrandbits(128)
        self.bid = "-".join([u[:8], u[8:12], "4" + u[13:16], "8" + u[17:20], u[20:]])
        self.names, self.L, self.U = list(candidates), min_choices, max_choices
        self.t, self.n_trustees = threshold, trustees
        self.papers, self.votes = [], []
        self._setup_trustees()

    def scalar(self):
        return self.rng.randrange(1, N)

    # ---- trustees: joint Feldman key ---------------------------------------------------------

    def _setup_trustees(self):
        ids = range(1, self.n_trustees + 1)
        coef = {i: [self.scalar() for _ in range(self.t)] for i in ids}
        e = {i: self.scalar() for i in ids}
        f = lambda i, x: sum(a * pow(x, k, N) for k, a in enumerate(coef[i])) % N
        self.trustees = []
        for i in ids:
            C = [mul(a, G) for a in coef[i]]
            w = self.scalar()
            A = mul(w, G)
            c = challenge("trustee-key", self.bid, str(i), *map(E, C), E(mul(e[i], G)), E(A))
            self.trustees.append({"index": i, "name": f"Trustee {i}", "commitments": [E(x) for x in C],
                                  "transportKey": E(mul(e[i], G)),
                                  "proof": {"a": E(A), "c": SC(c), "z": SC((w + c * coef[i][0]) % N)},
                                  "shares": []})
        for i in ids:  # step 4: shares, encrypted to each other trustee's transport key
            for j in ids:
                if j != i:
                    k = self.scalar()
                    K, S = mul(k, G), mul(k, mul(e[j], G))
                    pad = _sha(f"thidua-v1|share|{self.bid}|{i}|{j}|{E(K)}|{E(S)}")
                    data = bytes(x ^ y for x, y in zip(f(i, j).to_bytes(32, "big"), pad)).hex()
                    self.trustees[i - 1]["shares"].append({"to": j, "K": E(K), "data": data})
        self.Y = p256.total(p256.decode(tr["commitments"][0]) for tr in self.trustees)
        # Each trustee j rebuilds s_j as it would on its screen: decrypt, Feldman-check, add.
        self.s, self.V = {}, {}
        for j in ids:
            s = f(j, j)
            for tr in self.trustees:
                for sh in tr["shares"]:
                    if sh["to"] == j:
                        K = p256.decode(sh["K"])
                        pad = _sha(f"thidua-v1|share|{self.bid}|{tr['index']}|{j}|{sh['K']}|{E(mul(e[j], K))}")
                        val = int.from_bytes(bytes(x ^ y for x, y in zip(bytes.fromhex(sh["data"]), pad)), "big")
                        feld = p256.total(mul(pow(j, k, N), p256.decode(c))
                                          for k, c in enumerate(tr["commitments"]))
                        assert mul(val, G) == feld, "Feldman check of a received share"
                        s = (s + val) % N
            self.s[j] = s
            self.V[j] = p256.total(mul(pow(j, k, N), p256.decode(c))
                                   for tr in self.trustees for k, c in enumerate(tr["commitments"]))
            assert mul(s, G) == self.V[j], "s_j*G == V_j"

    # ---- voters ----------------------------------------------------------------------------

    def disjunctive(self, tag, context, alpha, beta, r, values, v):
        """Proof that (alpha, beta) encrypts one of values. If v is not among them (a cheat),
        the nearest value is claimed and the real branch simply fails to verify."""
        t = values.index(v) if v in values else (0 if v < values[0] else len(values) - 1)
        Y, br = self.Y, [None] * len(values)
        for u, x in enumerate(values):
            if u != t:
                c, z = self.scalar(), self.scalar()
                a = sub(mul(z, G), mul(c, alpha))
                b = sub(mul(z, Y), mul(c, sub(beta, mul(x, G))))
                br[u] = [a, b, c, z]
        w = self.scalar()
        br[t] = [mul(w, G), mul(w, Y), 0, 0]
        items = [self.bid, E(Y), *context, E(alpha), E(beta)] + [E(p) for a, b, _, _ in br for p in (a, b)]
        c = challenge(tag, *items)
        br[t][2] = (c - sum(b[2] for u, b in enumerate(br) if u != t)) % N
        br[t][3] = (w + br[t][2] * r) % N
        return [{"a": E(a), "b": E(b), "c": SC(c), "z": SC(z)} for a, b, c, z in br]

    def random_votes(self):
        k = self.rng.randint(self.L, self.U)
        chosen = set(self.rng.sample(range(len(self.names)), k))
        return [1 if ci in chosen else 0 for ci in range(len(self.names))]

    def paper(self, votes=None):
        votes = self.random_votes() if votes is None else list(votes)
        choices, alphas, betas, rsum = [], [], [], 0
        for ci, v in enumerate(votes):
            r = self.scalar()
            alpha, beta = mul(r, G), add(mul(v, G), mul(r, self.Y))
            choices.append({"alpha": E(alpha), "beta": E(beta),
                            "proof": self.disjunctive("choice", [str(ci)], alpha, beta, r, [0, 1], v)})
            alphas.append(alpha), betas.append(beta)
            rsum = (rsum + r) % N
        total = self.disjunctive("total", [str(self.L), str(self.U)], p256.total(alphas),
                                 p256.total(betas), rsum, list(range(self.L, self.U + 1)), sum(votes))
        items = []
        for ch in choices:
            items += [ch["alpha"], ch["beta"]] + [b[k] for b in ch["proof"] for k in "abcz"]
        items += [b[k] for b in total for k in "abcz"]
        tracker = hashlib.sha256(("thidua-v1|paper|" + self.bid + "|" + "|".join(items)).encode()).hexdigest()
        self.papers.append({"tracker": tracker, "receipt": receipt(tracker), "choices": choices, "total": total})
        self.votes.append(votes)
        return self.papers[-1]

    # ---- the count and the export ---------------------------------------------------------

    def record(self, decrypting=(1, 3)):
        m = len(self.names)
        A = [p256.total(p256.decode(p["choices"][c]["alpha"]) for p in self.papers) for c in range(m)]
        B = [p256.total(p256.decode(p["choices"][c]["beta"]) for p in self.papers) for c in range(m)]
        decryptions = []
        for j in decrypting:
            shares = []
            for c in range(m):
                D, w = mul(self.s[j], A[c]), self.scalar()
                a, b = mul(w, G), mul(w, A[c])
                ch = challenge("decrypt", self.bid, str(j), E(self.V[j]), str(c), E(A[c]), E(D), E(a), E(b))
                shares.append({"D": E(D), "proof": {"a": E(a), "b": E(b), "c": SC(ch),
                                                    "z": SC((w + ch * self.s[j]) % N)}})
            decryptions.append({"trustee": j, "shares": shares})
        return copy.deepcopy({
            "format": "thidua-sealed-ballot-v1", "ballotID": self.bid, "title": "Test round",
            "candidates": [{"key": f"c{i}", "name": nm} for i, nm in enumerate(self.names)],
            "minChoices": self.L, "maxChoices": self.U, "threshold": self.t,
            "trustees": self.trustees, "publicKey": E(self.Y), "papers": self.papers,
            "encryptedTotals": [{"alpha": E(a), "beta": E(b)} for a, b in zip(A, B)],
            "decryptions": decryptions,
            "counts": [sum(v[c] for v in self.votes) for c in range(m)],
            "audit": {"seq": 1, "hash": "0" * 64},
        })
