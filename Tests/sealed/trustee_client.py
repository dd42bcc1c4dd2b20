"""A sealed round's trustees acting over the HTTP API, for the scripts that drive a real server (the hostile-input
suite, the API conformance run, the vote-load benchmark). Each trustee's secrets live in this process, as they would
on a trustee's device; the server only ever sees the public posts (docs/sealed-ballot.md).

    trustees = Trustees(call)            # call(username, method, path, body=None) -> parsed JSON
    trustees.ceremony(ballot_id)         # before POST …/open
    trustees.decrypt(ballot_id)          # after POST …/close: two holders decrypt, the round is counted
"""
import hashlib
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import p256  # noqa: E402

N = p256.N

# Who holds each seat in `thidua demo`: the board's observer, the head unit, and the one member with an account that
# is neither head nor deputy.
DEMO_HOLDERS = {"boardObserver": "bantdkt", "headUnit": "noichinh", "memberByLot": "vanphong"}


def challenge(tag, items):
    return int.from_bytes(hashlib.sha256("|".join(["thidua-v1", tag, *items]).encode()).digest(), "big") % N


def scalar():
    return secrets.randbelow(N - 1) + 1


class Device:
    """One trustee's secrets: a polynomial of degree t-1 and a transport key."""

    def __init__(self, ballot_id, index, threshold):
        self.bid, self.index = ballot_id.upper(), index
        self.coeffs = [scalar() for _ in range(threshold)]
        self.e = scalar()

    def f(self, x):
        return sum(a * pow(x, k, N) for k, a in enumerate(self.coeffs)) % N

    def key(self):
        commitments = [p256.encode(p256.mul(a, p256.G)) for a in self.coeffs]
        transport = p256.encode(p256.mul(self.e, p256.G))
        w = scalar()
        a = p256.encode(p256.mul(w, p256.G))
        c = challenge("trustee-key", [self.bid, str(self.index), *commitments, transport, a])
        return {"commitments": commitments, "transportKey": transport,
                "proof": {"a": a, "c": p256.scalar_hex(c), "z": p256.scalar_hex((w + c * self.coeffs[0]) % N)}}

    def shares(self, trustees):
        out = []
        for t in trustees:
            j = t["index"]
            if j == self.index:
                continue
            k = scalar()
            big_k = p256.mul(k, p256.G)
            shared = p256.mul(k, p256.decode(t["transportKey"]))
            text = "|".join(["thidua-v1", "share", self.bid, str(self.index), str(j), p256.encode(big_k), p256.encode(shared)])
            pad = hashlib.sha256(text.encode()).digest()
            data = bytes(x ^ y for x, y in zip(self.f(j).to_bytes(32, "big"), pad))
            out.append({"to": j, "K": p256.encode(big_k), "data": data.hex()})
        return {"shares": out}

    def secret_share(self, trustees):
        total = self.f(self.index)
        for t in trustees:
            if t["index"] == self.index:
                continue
            sealed = next(s for s in t["shares"] if s["to"] == self.index)
            big_k = p256.decode(sealed["K"])
            text = "|".join(["thidua-v1", "share", self.bid, str(t["index"]), str(self.index), sealed["K"],
                             p256.encode(p256.mul(self.e, big_k))])
            pad = hashlib.sha256(text.encode()).digest()
            share = int.from_bytes(bytes(x ^ y for x, y in zip(bytes.fromhex(sealed["data"]), pad)), "big")
            expected = p256.total([p256.mul(pow(self.index, k, N), p256.decode(c)) for k, c in enumerate(t["commitments"])])
            if p256.mul(share, p256.G) != expected:
                raise ValueError(f"trustee {t['index']}: share does not match its commitments")
            total = (total + share) % N
        return total

    def decrypt(self, trustees, totals):
        s = self.secret_share(trustees)
        v = p256.encode(p256.mul(s, p256.G))
        out = []
        for c, total in enumerate(totals):
            alpha = p256.decode(total["alpha"])
            w = scalar()
            d, a, b = p256.encode(p256.mul(s, alpha)), p256.encode(p256.mul(w, p256.G)), p256.encode(p256.mul(w, alpha))
            ch = challenge("decrypt", [self.bid, str(self.index), v, str(c), total["alpha"], d, a, b])
            out.append({"D": d, "proof": {"a": a, "b": b, "c": p256.scalar_hex(ch), "z": p256.scalar_hex((w + ch * s) % N)}})
        return {"shares": out}


class Trustees:
    """The trustees of every round this process drives, each acting as the seat's holder: `holder(seat)` names the
    user who acts for a seat (by default the demo's, by the seat's kind); `reader` is any user who may read."""

    def __init__(self, call, holder=None, reader="noichinh"):
        self.call, self.devices, self.reader = call, {}, reader
        self.holder = holder or (lambda seat: DEMO_HOLDERS[seat["seat"]])

    def state(self, ballot_id):
        return self.call(self.reader, "GET", f"/api/v1/ballots/{ballot_id}/trustees")

    def device(self, ballot_id, seat, threshold):
        return self.devices.setdefault((ballot_id, seat["number"]), Device(ballot_id, seat["number"], threshold))

    def post(self, ballot_id, seat, step, body):
        return self.call(self.holder(seat), "POST", f"/api/v1/ballots/{ballot_id}/trustees/{seat['number']}/{step}", body)

    def export(self):
        """The devices' secrets, for a benchmark that opens in one process and counts in another."""
        return [{"ballot": b, "index": d.index, "coeffs": [hex(a) for a in d.coeffs], "e": hex(d.e)} for (b, _), d in self.devices.items()]

    def restore(self, saved):
        for item in saved:
            d = Device(item["ballot"], item["index"], len(item["coeffs"]))
            d.coeffs, d.e = [int(a, 16) for a in item["coeffs"]], int(item["e"], 16)
            self.devices[(item["ballot"], item["index"])] = d

    def ceremony(self, ballot_id):
        state = self.state(ballot_id)
        for seat in state["seats"]:
            if not seat["hasKey"]:
                self.post(ballot_id, seat, "key", self.device(ballot_id, seat, state["threshold"]).key())
        state = self.state(ballot_id)
        for seat in state["seats"]:
            if not seat["hasShares"]:
                self.post(ballot_id, seat, "shares", self.device(ballot_id, seat, state["threshold"]).shares(state["trustees"]))

    def decrypt(self, ballot_id, count=None):
        state = self.state(ballot_id)
        for seat in state["seats"][:count or state["threshold"]]:
            device = self.device(ballot_id, seat, state["threshold"])
            self.post(ballot_id, seat, "decryption", device.decrypt(state["trustees"], state["encryptedTotals"]))
