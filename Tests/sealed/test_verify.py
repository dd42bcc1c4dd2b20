#!/usr/bin/env python3
"""Tests of the independent sealed-ballot verifier:  python3 Tests/sealed/test_verify.py

Good records (made by prover.py) must verify; each tampering must be found AND named (the paper
by position and receipt, the trustee by index, the candidate by name). Records are kept small
because P-256 in pure Python costs about a millisecond per multiplication.
"""
import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import p256  # noqa: E402
import verify  # noqa: E402
from prover import Prover  # noqa: E402

DOC = os.path.join(HERE, "..", "..", "docs", "sealed-ballot.md")


def other_point(hex_pt):
    """A different, valid point (the original plus G): tampering that survives decoding."""
    return p256.encode(p256.add(p256.decode(hex_pt), p256.G))


def run_cli(record_or_text):
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        f.write(record_or_text if isinstance(record_or_text, str) else json.dumps(record_or_text))
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "verify.py"), f.name],
                           capture_output=True, text=True, timeout=60)
    finally:
        os.unlink(f.name)
    return p.returncode, p.stdout, p.stderr


class Curve(unittest.TestCase):
    def test_constants_match_the_doc_and_n_times_G_is_infinity(self):
        with open(DOC, encoding="utf-8") as f:
            doc = f.read()
        self.assertIn("n = 0x%064x" % p256.N, doc)
        self.assertIn("p = 0x%064x" % p256.P, doc)
        p256.self_check()
        self.assertIsNone(p256.mul(p256.N, p256.G))
        # SEC 2 value of 2G: guards the doubling formula against a consistent-but-wrong curve.
        self.assertEqual(p256.encode(p256.mul(2, p256.G)),
                         "037cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978")

    def test_decoder_refuses_bad_points(self):
        g = p256.encode(p256.G)
        self.assertEqual(p256.decode(g), p256.G)
        self.assertIsNone(p256.decode("00"))
        for bad in [g.upper(), g[:-2], "04" + g[2:], "02" + "f" * 64, g + "00", "", 5, "zz" + g[2:]]:
            with self.assertRaises(ValueError, msg=bad):
                p256.decode(bad)
        # x = 1 gives y^2 = b - 2, which is not a square mod p: not on the curve.
        with self.assertRaises(ValueError):
            p256.decode("02" + "0" * 63 + "1")
        with self.assertRaises(ValueError):
            p256.scalar_from_hex("%064x" % p256.N)


class Good(unittest.TestCase):
    def test_three_trustees_threshold_two_only_1_and_3_decrypt(self):
        pv = Prover(seed=11)
        for _ in range(4):
            pv.paper()
        rec = pv.record(decrypting=(1, 3))
        self.assertEqual(verify.verify(rec), [])
        code, out, err = run_cli(rec)
        self.assertEqual(code, 0, out + err)
        counts = ", ".join(f"{n} {c}" for n, c in zip(pv.names, rec["counts"]))
        self.assertEqual(out.strip(), f"OK: 4 papers, 3 trustees (2 needed), counts: {counts}")

    def test_nine_candidates_up_to_three_choices(self):
        names = [f"Person {i}" for i in range(1, 10)]
        pv = Prover(seed=9, candidates=names, min_choices=1, max_choices=3)
        for _ in range(8):
            pv.paper()
        rec = pv.record(decrypting=(2, 3))
        self.assertEqual(verify.verify(rec), [])
        self.assertTrue(re.fullmatch(r"([A-HJ-NP-Z2-9]{4}-){3}[A-HJ-NP-Z2-9]{4}", rec["papers"][0]["receipt"]))

    def test_seed_makes_it_deterministic(self):
        a, b = Prover(seed=5), Prover(seed=5)
        a.paper(), b.paper()
        self.assertEqual(a.record(), b.record())


class Tampered(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        pv = Prover(seed=2024, candidates=["Name A", "Name B", "Name C"], min_choices=1, max_choices=2)
        for _ in range(5):
            pv.paper()
        cls.pv, cls.base = pv, pv.record(decrypting=(1, 3))
        assert verify.verify(cls.base) == [], verify.verify(cls.base)

    def fails(self, tamper):
        rec = copy.deepcopy(self.base)
        tamper(rec)
        found = verify.verify(rec)
        self.assertTrue(found, "tampering went unnoticed")
        return "\n".join(found)

    def paper_name(self, rec_or_base, pos):
        return f"paper {pos} ({rec_or_base['papers'][pos - 1]['receipt']})"

    def test_choice_beta_replaced(self):
        def t(r):
            ch = r["papers"][2]["choices"][1]
            ch["beta"] = other_point(ch["beta"])
        text = self.fails(t)
        self.assertIn(f"{self.paper_name(self.base, 3)}: proof that candidate 2 'Name B' holds 0 or 1 fails", text)
        self.assertIn(f"{self.paper_name(self.base, 3)}: tracker does not match", text)
        self.assertIn("encryptedTotals: candidate 2 'Name B' is not the sum", text)

    def test_proof_scalar_z_changed(self):
        def t(r):
            br = r["papers"][1]["choices"][0]["proof"][1]
            br["z"] = p256.scalar_hex((int(br["z"], 16) + 1) % p256.N)
        text = self.fails(t)
        self.assertIn(f"{self.paper_name(self.base, 2)}: proof that candidate 1 'Name A' holds 0 or 1 fails", text)

    def test_tracker_changed(self):
        def t(r):
            tr = r["papers"][2]["tracker"]
            r["papers"][2]["tracker"] = ("1" if tr[0] != "1" else "2") + tr[1:]
        text = self.fails(t)
        self.assertIn(f"{self.paper_name(self.base, 3)}: tracker does not match", text)
        self.assertIn(f"{self.paper_name(self.base, 3)}: receipt does not match its tracker", text)
        self.assertNotIn("proof", text)

    def test_paper_removed(self):
        text = self.fails(lambda r: r["papers"].pop(1))
        self.assertIn("encryptedTotals: candidate 1 'Name A' is not the sum of the papers", text)

    def test_paper_duplicated(self):
        text = self.fails(lambda r: r["papers"].append(copy.deepcopy(r["papers"][1])))
        self.assertIn(f"paper 6 ({self.base['papers'][1]['receipt']}): same tracker as paper 2", text)

    def test_count_changed_by_one(self):
        n = self.base["counts"][1]
        text = self.fails(lambda r: r["counts"].__setitem__(1, n + 1))
        self.assertEqual(text, f"count for candidate 2 'Name B': record says {n + 1}, decryption gives {n}")

    def test_partial_decryption_replaced(self):
        def t(r):
            sh = r["decryptions"][1]["shares"][2]  # trustee 3, candidate 3
            sh["D"] = other_point(sh["D"])
        text = self.fails(t)
        self.assertIn("trustee 3: partial decryption of candidate 3 'Name C' fails its proof", text)
        self.assertIn("only 1 trustee(s) [1] have partial decryptions that all check, 2 needed", text)

    def test_bad_decryption_is_skipped_when_enough_others_remain(self):
        # All three decrypt; trustee 1 is spoiled, so the combination must use trustees 2 and 3.
        rec = self.pv.record(decrypting=(1, 2, 3))
        sh = rec["decryptions"][0]["shares"][0]
        sh["D"] = other_point(sh["D"])
        self.assertEqual(verify.verify(rec), ["trustee 1: partial decryption of candidate 1 'Name A' fails its proof"])

    def test_trustee_commitment_changed(self):
        def t(r):
            c = r["trustees"][1]["commitments"]
            c[1] = other_point(c[1])
        text = self.fails(t)
        self.assertIn("trustee 2: key proof fails", text)
        self.assertNotIn("trustee 1: key proof", text)
        self.assertNotIn("trustee 3: key proof", text)

    def test_public_key_changed(self):
        text = self.fails(lambda r: r.__setitem__("publicKey", other_point(r["publicKey"])))
        self.assertIn("publicKey is not the sum of the trustees' first commitments C_i0", text)

    def test_paper_encrypting_two_in_one_choice(self):
        pv = Prover(seed=77)
        pv.paper(), pv.paper(), pv.paper([2, 0, 0]), pv.paper()
        rec = pv.record(decrypting=(1, 3))
        name = f"paper 3 ({rec['papers'][2]['receipt']})"
        # The total (2) is within 1..2, so only the choice proof can catch the cheat.
        self.assertEqual(verify.verify(rec), [f"{name}: proof that candidate 1 'Name A' holds 0 or 1 fails"])

    def test_paper_total_exceeds_max_choices(self):
        pv = Prover(seed=78)
        pv.paper(), pv.paper(), pv.paper([1, 1, 1]), pv.paper()
        rec = pv.record(decrypting=(1, 3))
        name = f"paper 3 ({rec['papers'][2]['receipt']})"
        self.assertEqual(verify.verify(rec), [f"{name}: total proof fails (the paper must hold 1 to 2 choices)"])

    def test_format_string(self):
        text = self.fails(lambda r: r.__setitem__("format", "thidua-sealed-ballot-v2"))
        self.assertEqual(text, "format is 'thidua-sealed-ballot-v2', expected 'thidua-sealed-ballot-v1'")

    def test_ballot_id_not_upper_case(self):
        text = self.fails(lambda r: r.__setitem__("ballotID", r["ballotID"].lower()))
        self.assertIn("ballotID", text)
        self.assertIn("trustee 1: key proof fails", text)  # every hash is bound to the exact string

    def test_cli_prints_every_failure_and_exits_1(self):
        rec = copy.deepcopy(self.base)
        rec["counts"][0] += 1
        rec["publicKey"] = other_point(rec["publicKey"])
        code, out, err = run_cli(rec)
        self.assertEqual(code, 1, err)
        lines = out.strip().splitlines()
        self.assertTrue(all(l.startswith("FAIL: ") for l in lines), out)
        self.assertTrue(any("publicKey" in l for l in lines) and any("count for candidate 1" in l for l in lines))


class Malformed(unittest.TestCase):
    def setUp(self):
        pv = Prover(seed=3, candidates=["X", "Y"], min_choices=0, max_choices=1)
        pv.paper()
        self.rec = pv.record(decrypting=(1, 2))

    def assertMalformed(self, text, *needles):
        code, out, err = run_cli(text)
        self.assertEqual(code, 2, out + err)
        self.assertEqual(out, "")
        self.assertNotIn("Traceback", err)
        self.assertEqual(len(err.strip().splitlines()), 1, err)
        for n in needles:
            self.assertIn(n, err)

    def test_bad_json(self):
        self.assertMalformed("{not json", "not valid UTF-8 JSON")
        self.assertMalformed('{"format": NaN}', "NaN")
        self.assertMalformed('{"a": 1, "a": 2}', "appears twice")

    def test_missing_key(self):
        del self.rec["papers"][0]["choices"][1]["alpha"]
        self.assertMalformed(json.dumps(self.rec), "papers[0].choices[1]: missing key 'alpha'")
        with self.assertRaises(verify.Malformed):
            verify.verify(self.rec)

    def test_bad_hex(self):
        self.rec["publicKey"] = self.rec["publicKey"].upper()
        self.assertMalformed(json.dumps(self.rec), "publicKey:")
        self.rec["publicKey"] = "02" + "0" * 63 + "1"  # well-formed hex, but not a curve point
        self.assertMalformed(json.dumps(self.rec), "publicKey: point is not on the curve")
        self.rec["publicKey"] = p256.encode(p256.G)
        self.rec["trustees"][0]["proof"]["z"] = "g" * 64
        self.assertMalformed(json.dumps(self.rec), "trustees[0].proof.z")

    def test_wrong_types(self):
        self.rec["threshold"] = True
        self.assertMalformed(json.dumps(self.rec), "threshold: expected a non-negative integer")
        self.assertMalformed("[]", "record: expected a JSON object")


if __name__ == "__main__":
    unittest.main()
