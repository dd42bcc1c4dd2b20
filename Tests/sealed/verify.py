#!/usr/bin/env python3
"""Independent verifier of a sealed-ballot record (docs/sealed-ballot.md, version thidua-v1).

    python3 Tests/sealed/verify.py RECORD.json

Exit 0 with one "OK: ..." line; exit 1 with one "FAIL: ..." line per problem found; exit 2 with
one line (on stderr) when the file is not a well-formed record. Written from the document alone,
never from the Swift or JavaScript code, so that it can catch a mistake they share.
For tests: verify(record) -> list of failures ([] = good); raises Malformed for a bad shape.
"""
import hashlib
import json
import sys

import p256
from p256 import G, N, encode as enc

FORMAT = "thidua-sealed-ballot-v1"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # 32 symbols: 5 bits each, no I or O


class Malformed(Exception):
    """The record is not shaped as the document says: no verdict is possible."""


# ---- the document's hashes ------------------------------------------------------------------

def H(tag, *items):
    """Challenge: SHA-256 of "thidua-v1|tag|item|item|...", read big-endian, mod n."""
    text = "thidua-v1|" + tag + "|" + "|".join(items)
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big") % N


def tracker_of(ballot_id, items):
    text = "thidua-v1|paper|" + ballot_id + "|" + "|".join(items)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def receipt_of(tracker_hex):
    bits = int(tracker_hex[:20], 16)  # first 10 bytes = 80 bits = 16 symbols of 5 bits
    symbols = "".join(ALPHABET[(bits >> (75 - 5 * i)) & 31] for i in range(16))
    return "-".join(symbols[i:i + 4] for i in range(0, 16, 4))


# ---- reading the record: every shape problem becomes Malformed, never a traceback -------------

def _get(obj, key, where):
    if not isinstance(obj, dict):
        raise Malformed(f"{where or 'record'}: expected a JSON object")
    if key not in obj:
        raise Malformed(f"{where or 'record'}: missing key '{key}'")
    return obj[key], (f"{where}.{key}" if where else key)


def _list(obj, key, where):
    v, w = _get(obj, key, where)
    if not isinstance(v, list):
        raise Malformed(f"{w}: expected a list")
    return [(x, f"{w}[{i}]") for i, x in enumerate(v)]


def _typed(ok, what):
    def conv(v, w):
        if not ok(v):
            raise Malformed(f"{w}: expected {what}")
        return v
    return conv


def _decoding(decode):
    def conv(v, w):
        try:
            return decode(v)
        except ValueError as e:  # p256 says what is wrong; we add where
            raise Malformed(f"{w}: {e}") from None
    return conv


_as_str = _typed(lambda v: isinstance(v, str), "a string")
_as_int = _typed(lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0, "a non-negative integer")
_as_hex32 = _typed(lambda v: isinstance(v, str) and len(v) == 64 and set(v) <= set("0123456789abcdef"),
                   "64 lowercase hex characters")
_as_pt, _as_sc = _decoding(p256.decode), _decoding(p256.scalar_from_hex)


def _field(conv):
    return lambda obj, key, where: conv(*_get(obj, key, where))


_str, _int, _hex32, _pt, _sc = map(_field, (_as_str, _as_int, _as_hex32, _as_pt, _as_sc))


def _branch(obj, w, with_b=True):
    return (_pt(obj, "a", w), _pt(obj, "b", w) if with_b else None, _sc(obj, "c", w), _sc(obj, "z", w))


def parse(rec):
    """The record with points and scalars decoded; JSON shape is checked, meaning is not."""
    r = {k: _str(rec, k, "") for k in ("format", "ballotID", "title")}
    r["names"] = [(_str(c, "key", w), _str(c, "name", w))[1] for c, w in _list(rec, "candidates", "")]
    for k in ("minChoices", "maxChoices", "threshold"):
        r[k] = _int(rec, k, "")
    r["trustees"] = [{
        "index": _int(t, "index", w), "name": _str(t, "name", w),
        "C": [_as_pt(c, w2) for c, w2 in _list(t, "commitments", w)],
        "E": _pt(t, "transportKey", w),
        "proof": _branch(_get(t, "proof", w)[0], w + ".proof", with_b=False),
        "to": [(_int(s, "to", w2), _pt(s, "K", w2), _hex32(s, "data", w2))[0]
               for s, w2 in _list(t, "shares", w)],
    } for t, w in _list(rec, "trustees", "")]
    r["publicKey"] = _pt(rec, "publicKey", "")
    r["papers"] = [{
        "tracker": _hex32(p, "tracker", w), "receipt": _str(p, "receipt", w),
        "choices": [(_pt(c, "alpha", w2), _pt(c, "beta", w2),
                     [_branch(b, w3) for b, w3 in _list(c, "proof", w2)])
                    for c, w2 in _list(p, "choices", w)],
        "total": [_branch(b, w2) for b, w2 in _list(p, "total", w)],
    } for p, w in _list(rec, "papers", "")]
    r["totals"] = [(_pt(e, "alpha", w), _pt(e, "beta", w)) for e, w in _list(rec, "encryptedTotals", "")]
    r["decryptions"] = [(_int(d, "trustee", w),
                         [(_pt(s, "D", w2), _branch(_get(s, "proof", w2)[0], w2 + ".proof"))
                          for s, w2 in _list(d, "shares", w)])
                        for d, w in _list(rec, "decryptions", "")]
    r["counts"] = [_as_int(c, w) for c, w in _list(rec, "counts", "")]
    audit, w = _get(rec, "audit", "")
    _int(audit, "seq", w), _hex32(audit, "hash", w)
    return r


# ---- proofs -----------------------------------------------------------------------------------

def disjunctive_ok(tag, ballot_id, Y, context, alpha, beta, values, branches):
    """Disjunctive Chaum-Pedersen: (alpha, beta) encrypts one of `values`, branches in value order."""
    if len(branches) != len(values):
        return False
    items = [ballot_id, enc(Y)] + context + [enc(alpha), enc(beta)]
    for a, b, _, _ in branches:
        items += [enc(a), enc(b)]
    if sum(c for _, _, c, _ in branches) % N != H(tag, *items):
        return False
    for x, (a, b, c, z) in zip(values, branches):
        # z*G - c*alpha == a  and  z*Y - c*(beta - x*G) == b
        if p256.mul_add(z, G, -c, alpha) != a:
            return False
        if p256.mul_add(z, Y, -c, p256.sub(beta, p256.mul(x, G))) != b:
            return False
    return True


def _paper_items(paper):
    items = []
    for alpha, beta, proof in paper["choices"]:
        items += [enc(alpha), enc(beta)]
        for a, b, c, z in proof:
            items += [enc(a), enc(b), p256.scalar_hex(c), p256.scalar_hex(z)]
    for a, b, c, z in paper["total"]:
        items += [enc(a), enc(b), p256.scalar_hex(c), p256.scalar_hex(z)]
    return items


def _is_upper_uuid(s):
    return len(s) == 36 and all(s[k] == "-" if k in (8, 13, 18, 23) else s[k] in "0123456789ABCDEF"
                                for k in range(36))


def check(rec):
    """Returns (failures, summary line). Raises Malformed."""
    r = parse(rec)
    fails = []
    bid, names, t = r["ballotID"], r["names"], r["threshold"]
    m, L, U = len(names), r["minChoices"], r["maxChoices"]
    cand = [f"candidate {i + 1} {nm!r}" for i, nm in enumerate(names)]
    trustees = r["trustees"]
    ids = sorted(tr["index"] for tr in trustees)

    if r["format"] != FORMAT:
        fails.append(f"format is {r['format']!r}, expected {FORMAT!r}")
    if not _is_upper_uuid(bid):
        fails.append(f"ballotID {bid!r} is not an upper-case UUID (every hash is bound to it)")
    ids_ok = ids == list(range(1, len(ids) + 1))
    if not ids_ok:
        fails.append(f"trustee indices are {ids}, expected 1..{len(ids)}")
    if not 1 <= t <= len(trustees):
        fails.append(f"threshold {t} is not between 1 and the {len(trustees)} trustees")
    if not L <= U <= m:
        fails.append(f"minChoices {L} / maxChoices {U} do not fit {m} candidates")

    # Trustees: Schnorr proof of a_i0, bound to all commitments and the transport key.
    for tr in trustees:
        i, C, (A, _, c, z) = tr["index"], tr["C"], tr["proof"]
        who = f"trustee {i}"
        if len(C) != t:
            fails.append(f"{who}: {len(C)} commitments, expected {t} (the threshold)")
        ch = H("trustee-key", bid, str(i), *[enc(x) for x in C], enc(tr["E"]), enc(A))
        if not C or ch != c or p256.mul_add(z, G, -c, C[0]) != A:
            fails.append(f"{who}: key proof fails")
        others = sorted(set(ids) - {i})
        if sorted(tr["to"]) != others:
            fails.append(f"{who}: encrypted shares go to {sorted(tr['to'])}, expected one to each of {others}")

    Y = r["publicKey"]
    if Y != p256.total(tr["C"][0] for tr in trustees if tr["C"]):
        fails.append("publicKey is not the sum of the trustees' first commitments C_i0")
    if Y is None:  # beta = v*G + r*Y would then carry the vote in the clear
        fails.append("publicKey is the point at infinity")

    # Papers, named by position (from 1) and the receipt the voter holds.
    first_seen = {}
    for pos, paper in enumerate(r["papers"], 1):
        who = f"paper {pos} ({_show(paper['receipt'])})"
        choices = paper["choices"]
        tracker = tracker_of(bid, _paper_items(paper))
        if tracker != paper["tracker"]:
            fails.append(f"{who}: tracker does not match the paper (recorded {paper['tracker']}, computed {tracker})")
        if receipt_of(paper["tracker"]) != paper["receipt"]:
            fails.append(f"{who}: receipt does not match its tracker (expected {receipt_of(paper['tracker'])})")
        if len(choices) != m:
            fails.append(f"{who}: {len(choices)} choices, expected one per candidate ({m})")
        for ci, (alpha, beta, proof) in enumerate(choices[:m]):
            if not disjunctive_ok("choice", bid, Y, [str(ci)], alpha, beta, [0, 1], proof):
                fails.append(f"{who}: proof that {cand[ci]} holds 0 or 1 fails")
        A = p256.total(ch[0] for ch in choices)
        B = p256.total(ch[1] for ch in choices)
        if not disjunctive_ok("total", bid, Y, [str(L), str(U)], A, B, range(L, U + 1), paper["total"]):
            fails.append(f"{who}: total proof fails (the paper must hold {L} to {U} choices)")
        if tracker in first_seen:  # same content: the same paper counted twice
            fails.append(f"{who}: same tracker as paper {first_seen[tracker]} (a paper counted twice)")
        first_seen.setdefault(tracker, pos)

    # Encrypted totals are the candidate-wise sums over all papers.
    totals = r["totals"]
    if len(totals) != m:
        fails.append(f"encryptedTotals has {len(totals)} entries, expected {m}")
    for ci, (At, Bt) in enumerate(totals[:m]):
        cols = [p["choices"][ci] for p in r["papers"] if len(p["choices"]) > ci]
        if (p256.total(c[0] for c in cols), p256.total(c[1] for c in cols)) != (At, Bt):
            fails.append(f"encryptedTotals: {cand[ci]} is not the sum of the papers")

    # Partial decryptions: Chaum-Pedersen proof that log_G V_j == log_{A_c} D_jc.
    def V(j):
        return p256.total(p256.mul(pow(j, k, N), Ck) for tr in trustees for k, Ck in enumerate(tr["C"]))

    good, given = {}, [j for j, _ in r["decryptions"]]
    for pos, (j, shares) in enumerate(r["decryptions"]):
        who = f"trustee {j}"
        if j not in ids:
            fails.append(f"decryptions: {who} is not a trustee of this round")
            continue
        if given.count(j) > 1:  # two versions: neither is trusted; say it once
            if given.index(j) == pos:
                fails.append(f"{who}: partial decryptions given more than once")
            continue
        if len(shares) != m or len(totals) != m:
            fails.append(f"{who}: {len(shares)} partial decryptions, expected {m}")
            continue
        Vj, ok = V(j), True
        for ci, (D, (a, b, c, z)) in enumerate(shares):
            Ac = totals[ci][0]
            ch = H("decrypt", bid, str(j), enc(Vj), str(ci), enc(Ac), enc(D), enc(a), enc(b))
            if ch != c or p256.mul_add(z, G, -c, Vj) != a or p256.mul_add(z, Ac, -c, D) != b:
                fails.append(f"{who}: partial decryption of {cand[ci]} fails its proof")
                ok = False
        if ok:
            good[j] = [D for D, _ in shares]

    # Combination: Lagrange at 0 over the t lowest trustees whose decryptions all check.
    S = sorted(good)[:t]
    counts = r["counts"]
    if len(counts) != m:
        fails.append(f"counts has {len(counts)} entries, expected {m}")
    if not ids_ok:  # Lagrange needs distinct indices below n; 1..N is what the doc promises
        fails.append("the trustee indices are wrong: the counts cannot be checked")
    elif len(S) < t:
        fails.append(f"only {len(good)} trustee(s) {sorted(good)} have partial decryptions that all check, "
                     f"{t} needed: the counts cannot be checked")
    else:
        lam = {}
        for j in S:
            lam[j] = 1
            for k in S:
                if k != j:
                    lam[j] = lam[j] * k * pow(k - j, -1, N) % N
        for ci in range(min(m, len(totals))):
            M = p256.sub(totals[ci][1], p256.total(p256.mul(lam[j], good[j][ci]) for j in S))
            x, X = 0, None  # least x in 0..papers with x*G == M (0*G is infinity)
            while X != M and x < len(r["papers"]):
                x, X = x + 1, p256.add(X, G)
            if X != M:
                fails.append(f"{cand[ci]}: decrypted total is not between 0 and {len(r['papers'])}")
            elif ci < len(counts) and counts[ci] != x:
                fails.append(f"count for {cand[ci]}: record says {counts[ci]}, decryption gives {x}")

    n = len(r["papers"])
    summary = (f"OK: {n} paper{'s' * (n != 1)}, {len(trustees)} trustees ({t} needed), counts: "
               + ", ".join(f"{_show(nm)} {c}" for nm, c in zip(names, counts)))
    return fails, summary


def _show(text):
    # Names and receipts come from the file: never let one forge an extra output line.
    return text if text.isprintable() else repr(text)


def verify(record):
    return check(record)[0]


def _no_duplicate_keys(pairs):
    # Two parsers could keep different copies of a repeated key: refuse the ambiguity outright.
    keys = [k for k, _ in pairs]
    dup = next((k for k in keys if keys.count(k) > 1), None)
    if dup is not None:
        raise Malformed(f"key '{dup}' appears twice in one object")
    return dict(pairs)


def _no_constant(name):
    raise Malformed(f"{name} is not valid JSON")


def main(argv):
    sys.stdout.reconfigure(errors="backslashreplace")  # a Vietnamese name on an ASCII terminal
    if len(argv) != 2:
        print("usage: verify.py RECORD.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1], "rb") as f:
            rec = json.loads(f.read().decode("utf-8"), object_pairs_hook=_no_duplicate_keys,
                             parse_constant=_no_constant)
        fails, summary = check(rec)
    except OSError as e:
        print(f"cannot read {argv[1]}: {e.strerror}", file=sys.stderr)
        return 2
    except (ValueError, RecursionError) as e:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        print(f"malformed record: not valid UTF-8 JSON ({str(e).splitlines()[0]})", file=sys.stderr)
        return 2
    except Malformed as e:
        print(f"malformed record: {e}", file=sys.stderr)
        return 2
    for f in fails:
        print("FAIL: " + f)
    if not fails:
        print(summary)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
