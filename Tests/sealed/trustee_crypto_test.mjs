// Tests for Public/js/trustee-crypto.js (the trustee's side of docs/sealed-ballot.md).
// Run: node Tests/sealed/trustee_crypto_test.mjs   — exits non-zero on any failure, prints timings.
// Where it can, it checks against node:crypto (OpenSSL's P-256 and SHA-256) rather than the module itself.
import { createRequire } from "node:module";
import { createECDH, createHash, randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));
const TC = createRequire(import.meta.url)(path.join(here, "../../Public/js/trustee-crypto.js"));
const { G, N, P, pointMul, pointAdd, pointNeg, pointEq, encodePoint, decodePoint, hashToScalar } = TC;

let passed = 0, failed = 0;
function check(name, cond, detail) {
  if (cond) { passed++; console.log("ok   " + name); }
  else { failed++; console.log("FAIL " + name + (detail ? " — " + detail : "")); }
}
async function throwsAsync(f) { try { await f(); return null; } catch (e) { return e; } }
function throws(f) { try { f(); return null; } catch (e) { return e; } }
const hex32 = (v) => v.toString(16).padStart(64, "0");
const big = (h) => BigInt("0x" + h);
const mod = (a, m = N) => ((a % m) + m) % m;
const H = (tag, items) => mod(big(createHash("sha256").update("thidua-v1|" + tag + "|" + items.join("|"), "utf8").digest("hex")));

// ---- the group --------------------------------------------------------------------------------
check("G is on the curve", TC.onCurve(G));
check("n·G is the point at infinity", pointMul(N, G) === null && encodePoint(pointMul(N, G)) === "00");
check("(n−1)·G = −G", pointEq(pointMul(N - 1n, G), pointNeg(G)));
check("G + (−G) = infinity", pointAdd(G, pointNeg(G)) === null);
check("2·G = G + G", pointEq(pointMul(2n, G), pointAdd(G, G)));
check("2·G known value", encodePoint(pointMul(2n, G)) === "037cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978");
{
  let agree = true;
  for (let i = 0; i < 8; i++) {
    const a = createECDH("prime256v1"), b = createECDH("prime256v1");
    a.generateKeys(); b.generateKeys();
    const ka = big(a.getPrivateKey("hex")), Bpt = decodePoint(b.getPublicKey("hex", "compressed"));
    if (encodePoint(pointMul(ka, G)) !== a.getPublicKey("hex", "compressed")) agree = false;
    if (hex32(pointMul(ka, Bpt).x) !== a.computeSecret(b.getPublicKey()).toString("hex")) agree = false;
  }
  check("k·G and k·Q agree with OpenSSL (8 random keys)", agree);
}

// ---- encodings --------------------------------------------------------------------------------
{
  let round = true;
  for (let i = 0; i < 10; i++) { const Q = pointMul(TC.randomScalar(), G); if (!pointEq(decodePoint(encodePoint(Q)), Q)) round = false; }
  check("encode/decode round-trip (both parities)", round);
  check("'00' decodes to infinity", decodePoint("00") === null);
  let x = 0n; // the first x with no y: a compressed "point" that is not on the curve
  const nonResidue = (r) => { let e = (P - 1n) / 2n, b = r, acc = 1n; while (e) { if (e & 1n) acc = acc * b % P; b = b * b % P; e >>= 1n; } return acc === P - 1n; };
  while (!nonResidue(mod(x * x * x - 3n * x + TC.B, P))) x++; // Euler's criterion: x³ − 3x + b has no root
  const off = "02" + hex32(x);
  check("off-curve point refused (" + off.slice(0, 10) + "…)", /not on the curve/.test(String(throws(() => decodePoint(off)))));
  check("x ≥ p refused", throws(() => decodePoint("02" + hex32(P))) !== null);
  check("bad prefix / upper case / short refused",
    throws(() => decodePoint("04" + hex32(G.x))) && throws(() => decodePoint(encodePoint(G).toUpperCase())) && throws(() => decodePoint("02ab")));
  check("hashToScalar matches an independent SHA-256", (await hashToScalar("t", ["A", 1, "02ff"])) === H("t", ["A", 1, "02ff"]));
}

// ---- the key ceremony: 3 trustees, threshold 2 -----------------------------------------------
const ballotID = randomUUID().toUpperCase(), T = 2;
let t0 = performance.now();
const keys = [];
for (const i of [1, 2, 3]) keys.push(await TC.makeKey(ballotID, i, T));
const pubs = keys.map((k, n) => ({ index: n + 1, transportKey: k.contribution.transportKey }));
const server = [];
for (let n = 0; n < 3; n++) server.push({ index: n + 1, ...keys[n].contribution, ...(await TC.makeShares(keys[n].secret, pubs)) });
console.log(`     makeKey ×3 + makeShares ×3: ${(performance.now() - t0).toFixed(0)} ms`);
check("secret is JSON-serialisable", JSON.parse(JSON.stringify(keys[0].secret)).coefficients.length === T);
check("each trustee sends 2 shares, none to itself", server.every((s) => s.shares.length === 2 && s.shares.every((x) => x.to !== s.index)));
check("key proofs check by the doc (z·G == A + c·C_i0)", server.every((s) => {
  const c = H("trustee-key", [ballotID, s.index, ...s.commitments, s.transportKey, s.proof.a]);
  return hex32(c) === s.proof.c && pointEq(pointMul(big(s.proof.z), G), pointAdd(decodePoint(s.proof.a), pointMul(c, decodePoint(s.commitments[0]))));
}));
{ // the share's pad, built from the doc's text alone, with trustee 1's transport secret
  const sh = server[1].shares.find((x) => x.to === 1), K = decodePoint(sh.K);
  const S = pointMul(big(keys[0].secret.transportSecret), K);
  const pad = createHash("sha256").update(`thidua-v1|share|${ballotID}|2|1|${sh.K}|${encodePoint(S)}`).digest();
  const f = big(Buffer.from(sh.data, "hex").map((b, i) => b ^ pad[i]).toString("hex"));
  const C = server[1].commitments.map(decodePoint);
  check("share 2→1 opens with the doc's pad and passes Feldman", pointEq(pointMul(f, G), pointAdd(C[0], C[1])));
}
const Vj = (j) => server.reduce((acc, s) => s.commitments.reduce((a, C, k) => pointAdd(a, pointMul(BigInt(j) ** BigInt(k) % N, decodePoint(C))), acc), null);
const sj = {};
for (const j of [1, 2, 3]) {
  t0 = performance.now();
  const r = await TC.checkReceivedShares(keys[j - 1].secret, server);
  console.log(`     checkReceivedShares (trustee ${j}): ${(performance.now() - t0).toFixed(0)} ms`);
  check(`trustee ${j}: shares check`, r.ok && r.problems.length === 0, r.problems.join("; "));
  sj[j] = big(r.share);
  check(`trustee ${j}: s_j·G == V_j`, pointEq(pointMul(sj[j], G), Vj(j)));
}
check("verificationKey helper agrees", pointEq(TC.verificationKey(server, 2), Vj(2)));

// ---- tampering ---------------------------------------------------------------------------------
{
  const bad = JSON.parse(JSON.stringify(server));
  const sh = bad[1].shares.find((x) => x.to === 1);
  sh.data = (sh.data[0] === "0" ? "1" : "0") + sh.data.slice(1);
  const r = await TC.checkReceivedShares(keys[0].secret, bad);
  check("tampered share reported naming the sender", !r.ok && r.share === null && r.problems.includes("trustee 2: share does not match its commitments"), JSON.stringify(r.problems));
  const r3 = await TC.checkReceivedShares(keys[2].secret, bad);
  check("the tampered share does not trouble trustee 3", r3.ok, r3.problems.join("; "));
  const err = await throwsAsync(() => TC.decrypt(keys[0].secret, bad, [{ alpha: encodePoint(G), beta: encodePoint(G) }]));
  check("decrypt refuses with a clear message", err && /trustee 2: share does not match/.test(err.message), err && err.message);
  const bad2 = JSON.parse(JSON.stringify(server));
  bad2[2].proof.z = hex32(mod(big(bad2[2].proof.z) + 1n));
  const r2 = await TC.checkReceivedShares(keys[0].secret, bad2);
  check("bad key proof reported", r2.problems.includes("trustee 3: key proof does not check"), JSON.stringify(r2.problems));
  const bad3 = JSON.parse(JSON.stringify(server));
  bad3[0].commitments[1] = encodePoint(G);
  const r4 = await TC.checkReceivedShares(keys[0].secret, bad3);
  check("server's copy of my own key altered: reported", r4.problems.some((p) => /^trustee 1: .*not the one this device made/.test(p)), JSON.stringify(r4.problems));
  const bad4 = JSON.parse(JSON.stringify(server));
  bad4[2].shares = bad4[2].shares.filter((x) => x.to !== 1);
  const r5 = await TC.checkReceivedShares(keys[0].secret, bad4);
  check("missing share reported", r5.problems.includes("trustee 3: sent no share to me"), JSON.stringify(r5.problems));
}

// ---- a count: 9 candidates, 5 papers of 0/1 encryptions under Y = Σ C_i0 ---------------------
const Y = server.reduce((a, s) => pointAdd(a, decodePoint(s.commitments[0])), null);
const counts = [3, 0, 5, 1, 2, 4, 0, 5, 5], papers = 5;
const totals = counts.map(() => ({ A: null, B: null }));
for (let p = 0; p < papers; p++) counts.forEach((n, c) => {
  const r = TC.randomScalar(), v = p < n ? 1n : 0n;
  totals[c].A = pointAdd(totals[c].A, pointMul(r, G));
  totals[c].B = pointAdd(totals[c].B, pointAdd(pointMul(v, G), pointMul(r, Y)));
});
const encryptedTotals = totals.map((t) => ({ alpha: encodePoint(t.A), beta: encodePoint(t.B) }));

function verifyDecryption(j, shares, enc) { // the doc's check equations, done here
  const V = Vj(j);
  return shares.length === enc.length && shares.every((s, c) => {
    const A = decodePoint(enc[c].alpha), D = decodePoint(s.D), a = decodePoint(s.proof.a), b = decodePoint(s.proof.b);
    const ch = H("decrypt", [ballotID, j, encodePoint(V), c, enc[c].alpha, s.D, s.proof.a, s.proof.b]);
    const z = big(s.proof.z);
    return hex32(ch) === s.proof.c && pointEq(pointMul(z, G), pointAdd(a, pointMul(ch, V))) && pointEq(pointMul(z, A), pointAdd(b, pointMul(ch, D)));
  });
}
function combine(S, dec, enc, maxCount) {
  return enc.map((e, c) => {
    let M = decodePoint(e.beta);
    for (const j of S) {
      let lam = 1n;
      for (const k of S) if (k !== j) lam = mod(lam * BigInt(k) * TC.modInverse(mod(BigInt(k - j)), N));
      M = pointAdd(M, pointNeg(pointMul(lam, decodePoint(dec[j][c].D))));
    }
    let X = null;
    for (let x = 0; x <= maxCount; x++) { if (pointEq(X, M)) return x; X = pointAdd(X, G); }
    return -1;
  });
}

const dec = {};
for (const j of [1, 2, 3]) {
  t0 = performance.now();
  dec[j] = (await TC.decrypt(keys[j - 1].secret, server, encryptedTotals)).shares;
  const ms = performance.now() - t0;
  console.log(`     decrypt of ${counts.length} totals (trustee ${j}, incl. its share check): ${ms.toFixed(0)} ms`);
  check(`trustee ${j}: every partial decryption's proof checks`, verifyDecryption(j, dec[j], encryptedTotals));
  check(`trustee ${j}: D_jc == s_j·A_c`, dec[j].every((s, c) => s.D === encodePoint(pointMul(sj[j], totals[c].A))));
}
for (const S of [[1, 3], [1, 2], [2, 3]]) {
  const got = combine(S, dec, encryptedTotals, papers);
  check(`counts from {${S}}: ${got.join(",")}`, got.join() === counts.join(), "expected " + counts.join(","));
}
{ // a candidate of a round with no papers: A_c = B_c = infinity
  const enc0 = [{ alpha: "00", beta: "00" }];
  const d0 = { 1: (await TC.decrypt(keys[0].secret, server, enc0)).shares, 3: (await TC.decrypt(keys[2].secret, server, enc0)).shares };
  check("no papers: D = '00', b = '00', proof checks, count 0",
    d0[1][0].D === "00" && d0[1][0].proof.b === "00" && verifyDecryption(1, d0[1], enc0) && verifyDecryption(3, d0[3], enc0) && combine([1, 3], d0, enc0, 0)[0] === 0);
}
{ // a tampered partial decryption must fail the doc's check
  const forged = JSON.parse(JSON.stringify(dec[1]));
  forged[0].D = encodePoint(pointAdd(decodePoint(forged[0].D), G));
  check("forged D fails the proof check", !verifyDecryption(1, forged, encryptedTotals));
}

// ---- timings ------------------------------------------------------------------------------------
{
  const k = TC.randomScalar(), Q = pointMul(TC.randomScalar(), G), reps = 50;
  t0 = performance.now();
  for (let i = 0; i < reps; i++) pointMul(k + BigInt(i), Q);
  console.log(`     one scalar multiplication: ${((performance.now() - t0) / reps).toFixed(2)} ms (mean of ${reps})`);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
