// The trustee's side of the sealed ballot, exactly as docs/sealed-ballot.md (thidua-v1) fixes it.
// A plain script (no modules, no build, no dependencies) so that it loads on any page and on old-ish
// phones; Node 20 loads it too, for the tests. P-256 is written out here with native BigInt because
// the trustee's secrets are made and used on the device and no library can be shipped with the page.
// BigInt arithmetic is not constant-time; that is accepted: it runs on the trustee's own device for a
// few seconds, where the server cannot time it.
var TrusteeCrypto = (function () {
  "use strict";
  var P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn; // field prime
  var N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n; // group order
  var B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn; // y² = x³ − 3x + b
  var G = { x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
            y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n };
  var SQRT_EXP = (P + 1n) / 4n; // p ≡ 3 (mod 4), so a square root of a is a^((p+1)/4)

  function fm(a) { a %= P; return a < 0n ? a + P : a; }
  function nm(a) { a %= N; return a < 0n ? a + N : a; }
  function powMod(b, e, m) {
    var r = 1n; b %= m;
    while (e > 0n) { if (e & 1n) r = r * b % m; b = b * b % m; e >>= 1n; }
    return r;
  }
  // Extended Euclid: one inversion per affine conversion, much cheaper than a^(m−2).
  function modInverse(a, m) {
    a %= m; if (a < 0n) a += m;
    if (a === 0n) throw new Error("no inverse of 0");
    var r0 = m, r1 = a, t0 = 0n, t1 = 1n, q, tmp;
    while (r1 !== 0n) {
      q = r0 / r1;
      tmp = r0 - q * r1; r0 = r1; r1 = tmp;
      tmp = t0 - q * t1; t0 = t1; t1 = tmp;
    }
    return t0 < 0n ? t0 + m : t0;
  }

  // Points: affine {x, y} outside, null for infinity. Inside a multiplication, Jacobian [X, Y, Z]
  // (x = X/Z², y = Y/Z³) so that no step needs an inversion; Z = 0 is infinity.
  var JINF = [1n, 1n, 0n];
  function toJ(A) { return A ? [A.x, A.y, 1n] : JINF; }
  function toAffine(J) {
    if (J[2] === 0n) return null;
    var zi = modInverse(J[2], P), zi2 = zi * zi % P;
    return { x: J[0] * zi2 % P, y: fm(J[1] * zi2 % P * zi) };
  }
  function jDouble(J) { // dbl-2001-b, for a = −3
    if (J[2] === 0n || J[1] === 0n) return JINF;
    var X = J[0], Y = J[1], Z = J[2];
    var delta = Z * Z % P, gamma = Y * Y % P, beta = X * gamma % P;
    var alpha = 3n * (X - delta) * (X + delta) % P;
    var X3 = fm(alpha * alpha - 8n * beta);
    var Z3 = fm((Y + Z) * (Y + Z) - gamma - delta);
    var Y3 = fm(alpha * (4n * beta - X3) - 8n * (gamma * gamma % P));
    return [X3, Y3, Z3];
  }
  function jAdd(J, K) {
    if (J[2] === 0n) return K;
    if (K[2] === 0n) return J;
    var Z1Z1 = J[2] * J[2] % P, Z2Z2 = K[2] * K[2] % P;
    var U1 = J[0] * Z2Z2 % P, U2 = K[0] * Z1Z1 % P;
    var S1 = J[1] * K[2] % P * Z2Z2 % P, S2 = K[1] * J[2] % P * Z1Z1 % P;
    var H = fm(U2 - U1), R = fm(S2 - S1);
    if (H === 0n) return R === 0n ? jDouble(J) : JINF; // same point, or opposite points
    var H2 = H * H % P, H3 = H2 * H % P, U1H2 = U1 * H2 % P;
    var X3 = fm(R * R - H3 - 2n * U1H2);
    var Y3 = fm(R * (U1H2 - X3) - S1 * H3);
    return [X3, Y3, J[2] * K[2] % P * H % P];
  }
  function pointAdd(A, B2) { return toAffine(jAdd(toJ(A), toJ(B2))); }
  function pointNeg(A) { return A ? { x: A.x, y: fm(-A.y) } : null; }
  function pointEq(A, B2) { return A === null || B2 === null ? A === B2 : A.x === B2.x && A.y === B2.y; }
  // k·A with a 4-bit fixed window: 15 additions for the table, then 4 doublings + 1 addition per nibble.
  function pointMul(k, A) {
    k = nm(k);
    if (k === 0n || A === null) return null;
    var T = [JINF, toJ(A)], i;
    for (i = 2; i < 16; i++) T.push(jAdd(T[i - 1], T[1]));
    var acc = JINF;
    for (i = 252; i >= 0; i -= 4) {
      acc = jDouble(jDouble(jDouble(jDouble(acc))));
      var d = Number((k >> BigInt(i)) & 15n);
      if (d) acc = jAdd(acc, T[d]);
    }
    return toAffine(acc);
  }
  function onCurve(A) { return A === null || fm(A.y * A.y) === fm(A.x * A.x % P * A.x - 3n * A.x + B); }

  // Encodings (the doc's "Group and encodings"): points SEC1 compressed lowercase hex, "00" infinity;
  // scalars 64 lowercase hex. Decoders are strict, so what we hash is always what we were sent.
  function hex32(v) { return v.toString(16).padStart(64, "0"); }
  function encodePoint(A) { return A === null ? "00" : (A.y & 1n ? "03" : "02") + hex32(A.x); }
  function decodePoint(h) {
    if (h === "00") return null;
    if (typeof h !== "string" || !/^0[23][0-9a-f]{64}$/.test(h)) throw new Error("not a compressed point: " + h);
    var x = BigInt("0x" + h.slice(2));
    if (x >= P) throw new Error("point x out of range: " + h);
    var rhs = fm(x * x % P * x - 3n * x + B), y = powMod(rhs, SQRT_EXP, P);
    if (y * y % P !== rhs) throw new Error("point not on the curve: " + h);
    if ((y & 1n) !== BigInt(h[1] === "3" ? 1 : 0)) y = P - y;
    return { x: x, y: y };
  }
  function encodeScalar(v) { return hex32(nm(v)); }
  function decodeScalar(h) {
    if (typeof h !== "string" || !/^[0-9a-f]{64}$/.test(h)) throw new Error("not a scalar: " + h);
    var v = BigInt("0x" + h);
    if (v >= N) throw new Error("scalar out of range: " + h);
    return v;
  }
  function bytesToBig(b) { var v = 0n; for (var i = 0; i < b.length; i++) v = (v << 8n) | BigInt(b[i]); return v; }
  function bigToBytes32(v) { var b = new Uint8Array(32); for (var i = 31; i >= 0; i--) { b[i] = Number(v & 255n); v >>= 8n; } return b; }
  function bytesToHex(b) { var s = ""; for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? "0" : "") + b[i].toString(16); return s; }
  function hexToBytes(h) { var b = new Uint8Array(h.length / 2); for (var i = 0; i < b.length; i++) b[i] = parseInt(h.substr(2 * i, 2), 16); return b; }

  // crypto.subtle exists only in a secure context (HTTPS or localhost): say so rather than fail obscurely.
  function webCrypto() {
    var c = typeof globalThis !== "undefined" && globalThis.crypto ? globalThis.crypto : window.crypto;
    if (!c || !c.subtle || !c.getRandomValues) throw new Error("Web Crypto is unavailable: the page must be served over HTTPS");
    return c;
  }
  function sha256(text) {
    return webCrypto().subtle.digest("SHA-256", new TextEncoder().encode(text)).then(function (d) { return new Uint8Array(d); });
  }
  // H(tag, items…): items must already be encoded (hex strings, decimal integers, the ballot ID).
  function hashToScalar(tag, items) {
    return sha256("thidua-v1|" + tag + "|" + items.join("|")).then(function (d) { return nm(bytesToBig(d)); });
  }
  // Uniform in [1, n) by rejection: n is close to 2^256, so a retry is rare.
  function randomScalar() {
    for (;;) {
      var v = bytesToBig(webCrypto().getRandomValues(new Uint8Array(32)));
      if (v > 0n && v < N) return v;
    }
  }
  function sharePad(ballotID, from, to, K, S) {
    return sha256("thidua-v1|share|" + ballotID + "|" + from + "|" + to + "|" + encodePoint(K) + "|" + encodePoint(S));
  }
  function xorHex(valueBytes, pad) { var o = new Uint8Array(32); for (var i = 0; i < 32; i++) o[i] = valueBytes[i] ^ pad[i]; return o; }
  function evalPoly(coeffs, x) { // Horner, mod n
    var v = 0n, X = BigInt(x);
    for (var k = coeffs.length - 1; k >= 0; k--) v = nm(v * X + coeffs[k]);
    return v;
  }
  // Σ_k (j^k mod n)·C_k: Feldman's check value for f(j), and the pieces of V_j.
  function commitmentAt(commitments, j) {
    var acc = JINF, jk = 1n, J = BigInt(j);
    for (var k = 0; k < commitments.length; k++) { acc = jAdd(acc, toJ(pointMul(jk, commitments[k]))); jk = jk * J % N; }
    return toAffine(acc);
  }
  function checkIndex(i, what) {
    if (!Number.isSafeInteger(i) || i < 1) throw new Error(what + " must be a positive integer, got " + i);
  }
  // The stored secret is plain JSON (hex scalars), because the page keeps it in localStorage or a file.
  function loadSecret(s) {
    checkIndex(s.index, "index"); checkIndex(s.threshold, "threshold");
    if (!Array.isArray(s.coefficients) || s.coefficients.length !== s.threshold) throw new Error("secret: wrong number of coefficients");
    return { ballotID: s.ballotID, index: s.index, threshold: s.threshold,
             coeffs: s.coefficients.map(decodeScalar), e: decodeScalar(s.transportSecret) };
  }

  async function makeKey(ballotID, index, threshold) {
    checkIndex(index, "index"); checkIndex(threshold, "threshold");
    ballotID = String(ballotID).toUpperCase(); // the doc hashes the UUID in upper case
    var coeffs = [], i;
    for (i = 0; i < threshold; i++) coeffs.push(randomScalar());
    var e = randomScalar(), w = randomScalar();
    var commitments = coeffs.map(function (a) { return encodePoint(pointMul(a, G)); });
    var E = encodePoint(pointMul(e, G)), A = encodePoint(pointMul(w, G));
    var c = await hashToScalar("trustee-key", [ballotID, index].concat(commitments, [E, A]));
    return {
      secret: { format: "thidua-trustee-secret-v1", ballotID: ballotID, index: index, threshold: threshold,
                coefficients: coeffs.map(encodeScalar), transportSecret: encodeScalar(e) },
      contribution: { commitments: commitments, transportKey: E,
                      proof: { a: A, c: encodeScalar(c), z: encodeScalar(w + c * coeffs[0]) } }
    };
  }

  async function makeShares(secret, trustees) {
    var s = loadSecret(secret), shares = [], seen = {};
    for (var t = 0; t < trustees.length; t++) {
      var j = trustees[t].index;
      checkIndex(j, "trustee index");
      if (seen[j]) throw new Error("trustee " + j + " listed twice");
      seen[j] = true;
      if (j === s.index) continue;
      var E = decodePoint(trustees[t].transportKey);
      if (E === null) throw new Error("trustee " + j + ": transport key is the point at infinity");
      var k = randomScalar(), K = pointMul(k, G), S = pointMul(k, E);
      var pad = await sharePad(s.ballotID, s.index, j, K, S);
      shares.push({ to: j, K: encodePoint(K), data: bytesToHex(xorHex(bigToBytes32(evalPoly(s.coeffs, j)), pad)) });
    }
    return { shares: shares };
  }

  async function checkReceivedShares(secret, trustees) {
    var s = loadSecret(secret), me = s.index, problems = [], sum = evalPoly(s.coeffs, me), seen = {}, mine = false;
    for (var t = 0; t < trustees.length; t++) {
      var T = trustees[t], i = T.index, who = "trustee " + i + ": ";
      try {
        checkIndex(i, "trustee index");
        if (seen[i]) throw new Error("listed twice");
        seen[i] = true;
        if (!Array.isArray(T.commitments) || T.commitments.length !== s.threshold)
          throw new Error("has " + (T.commitments || []).length + " commitments, the threshold is " + s.threshold);
        var C = T.commitments.map(decodePoint), E = decodePoint(T.transportKey);
        var A = decodePoint(T.proof.a), c = decodeScalar(T.proof.c), z = decodeScalar(T.proof.z);
        var c2 = await hashToScalar("trustee-key", [s.ballotID, i].concat(T.commitments, [T.transportKey, T.proof.a]));
        if (c2 !== c || !pointEq(pointMul(z, G), pointAdd(A, pointMul(c, C[0]))))
          problems.push(who + "key proof does not check");
        if (i === me) { // the server's copy of my own key must be what this device made
          mine = true;
          var sameKey = T.transportKey === encodePoint(pointMul(s.e, G)) && s.coeffs.every(function (a, k) {
            return T.commitments[k] === encodePoint(pointMul(a, G)); });
          if (!sameKey) problems.push(who + "the published key is not the one this device made");
          continue;
        }
        if (E === null) throw new Error("transport key is the point at infinity");
        var got = (T.shares || []).filter(function (x) { return x.to === me; });
        if (got.length !== 1) { problems.push(who + (got.length ? "sent several shares to me" : "sent no share to me")); continue; }
        if (typeof got[0].data !== "string" || !/^[0-9a-f]{64}$/.test(got[0].data)) throw new Error("share data is not 64 hex");
        var K = decodePoint(got[0].K);
        var pad = await sharePad(s.ballotID, i, me, K, pointMul(s.e, K));
        var f = bytesToBig(xorHex(hexToBytes(got[0].data), pad));
        if (f >= N || !pointEq(pointMul(f, G), commitmentAt(C, me))) { problems.push(who + "share does not match its commitments"); continue; }
        sum = nm(sum + f);
      } catch (err) { problems.push(who + err.message); }
    }
    if (!mine) problems.push("trustee " + me + " (this device) is missing from the list");
    if (trustees.length < s.threshold) problems.push("only " + trustees.length + " trustees for a threshold of " + s.threshold);
    return { ok: problems.length === 0, problems: problems, share: problems.length === 0 ? encodeScalar(sum) : null };
  }

  // V_j = Σ_i Σ_k (j^k mod n)·C_ik over all trustees, including j itself.
  function verificationKey(trustees, j) {
    var acc = null;
    trustees.forEach(function (T) { acc = pointAdd(acc, commitmentAt(T.commitments.map(decodePoint), j)); });
    return acc;
  }

  async function decrypt(secret, trustees, encryptedTotals) {
    var s = loadSecret(secret), checked = await checkReceivedShares(secret, trustees);
    if (!checked.ok) throw new Error("cannot decrypt, the key shares do not check: " + checked.problems.join("; "));
    var sj = decodeScalar(checked.share), V = verificationKey(trustees, s.index), Vhex = encodePoint(V);
    if (!pointEq(pointMul(sj, G), V)) throw new Error("my share does not match my verification key V_" + s.index);
    var out = [];
    for (var c = 0; c < encryptedTotals.length; c++) {
      var Ahex = encryptedTotals[c].alpha, A = decodePoint(Ahex); // A_c may be infinity (no papers): still provable
      var D = encodePoint(pointMul(sj, A)), w = randomScalar();
      var a = encodePoint(pointMul(w, G)), b = encodePoint(pointMul(w, A));
      var ch = await hashToScalar("decrypt", [s.ballotID, s.index, Vhex, c, Ahex, D, a, b]);
      out.push({ D: D, proof: { a: a, b: b, c: encodeScalar(ch), z: encodeScalar(w + ch * sj) } });
    }
    return { shares: out };
  }

  return {
    P: P, N: N, B: B, G: G,
    makeKey: makeKey, makeShares: makeShares, checkReceivedShares: checkReceivedShares, decrypt: decrypt,
    pointMul: pointMul, pointAdd: pointAdd, pointNeg: pointNeg, pointEq: pointEq, onCurve: onCurve,
    encodePoint: encodePoint, decodePoint: decodePoint, encodeScalar: encodeScalar, decodeScalar: decodeScalar,
    hashToScalar: hashToScalar, sha256: sha256, randomScalar: randomScalar, modInverse: modInverse,
    verificationKey: verificationKey
  };
})();
if (typeof module !== "undefined") module.exports = TrusteeCrypto;
