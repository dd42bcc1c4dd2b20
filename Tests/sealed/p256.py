"""Hand-written NIST P-256 (secp256r1) arithmetic for the independent sealed-ballot verifier.

Written from the curve's public parameters (SEC 2 / FIPS 186-4), not from the project's Swift or
JavaScript, so that a shared mistake is unlikely. Speed is not a goal: the tests keep records small.

Public API works on affine points: a tuple (x, y), or None for the point at infinity.
Internally scalar multiplication uses Jacobian coordinates (X, Y, Z) with x = X/Z^2, y = Y/Z^3,
so that only one modular inverse is paid per multiplication.
"""

# Field prime, group order, curve y^2 = x^3 - 3x + b, generator G (SEC 2, section 2.4.2).
P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
GX = 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296
GY = 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5
G = (GX, GY)
INF = None

_HEX = set("0123456789abcdef")


def on_curve(pt):
    if pt is None:
        return True
    x, y = pt
    return 0 <= x < P and 0 <= y < P and (y * y - (x * x * x - 3 * x + B)) % P == 0


# ---- Jacobian internals ------------------------------------------------------------------

_JINF = (1, 1, 0)  # any triple with Z == 0 is infinity


def _to_jac(pt):
    return _JINF if pt is None else (pt[0], pt[1], 1)


def _from_jac(j):
    X, Y, Z = j
    if Z % P == 0:
        return None
    zi = pow(Z, -1, P)
    zi2 = zi * zi % P
    return (X * zi2 % P, Y * zi2 * zi % P)


def _jdouble(j):
    # dbl-2001-b (a = -3): alpha = 3(X - Z^2)(X + Z^2).
    X1, Y1, Z1 = j
    if Z1 == 0 or Y1 == 0:
        return _JINF
    delta = Z1 * Z1 % P
    gamma = Y1 * Y1 % P
    beta = X1 * gamma % P
    alpha = 3 * (X1 - delta) * (X1 + delta) % P
    X3 = (alpha * alpha - 8 * beta) % P
    Z3 = ((Y1 + Z1) ** 2 - gamma - delta) % P
    Y3 = (alpha * (4 * beta - X3) - 8 * gamma * gamma) % P
    return (X3, Y3, Z3)


def _jadd(j1, j2):
    # General Jacobian addition; falls back to doubling when both inputs are the same point.
    X1, Y1, Z1 = j1
    X2, Y2, Z2 = j2
    if Z1 == 0:
        return j2
    if Z2 == 0:
        return j1
    Z1Z1 = Z1 * Z1 % P
    Z2Z2 = Z2 * Z2 % P
    U1 = X1 * Z2Z2 % P
    U2 = X2 * Z1Z1 % P
    S1 = Y1 * Z2 * Z2Z2 % P
    S2 = Y2 * Z1 * Z1Z1 % P
    H = (U2 - U1) % P
    r = (S2 - S1) % P
    if H == 0:
        return _jdouble(j1) if r == 0 else _JINF  # P + P, or P + (-P)
    HH = H * H % P
    HHH = H * HH % P
    V = U1 * HH % P
    X3 = (r * r - HHH - 2 * V) % P
    Y3 = (r * (V - X3) - S1 * HHH) % P
    Z3 = Z1 * Z2 * H % P
    return (X3, Y3, Z3)


def _jmul(k, j):
    # Plain left-to-right double-and-add. Not constant time: fine for a verifier and test data.
    acc = _JINF
    for bit in bin(k)[2:]:
        acc = _jdouble(acc)
        if bit == "1":
            acc = _jadd(acc, j)
    return acc


# ---- affine API ---------------------------------------------------------------------------

def add(p1, p2):
    return _from_jac(_jadd(_to_jac(p1), _to_jac(p2)))


def neg(pt):
    return None if pt is None else (pt[0], (-pt[1]) % P)


def sub(p1, p2):
    return add(p1, neg(p2))


def mul(k, pt):
    k %= N  # every point here lies in the prime-order group, so k mod n gives the same result
    if k == 0 or pt is None:
        return None
    return _from_jac(_jmul(k, _to_jac(pt)))


def mul_add(k1, p1, k2, p2):
    """k1*p1 + k2*p2, with a single inverse (the verifier's equations all have this shape)."""
    j = _jadd(_jmul(k1 % N, _to_jac(p1)), _jmul(k2 % N, _to_jac(p2)))
    return _from_jac(j)


def total(points):
    acc = _JINF
    for pt in points:
        acc = _jadd(acc, _to_jac(pt))
    return _from_jac(acc)


# ---- encodings (docs/sealed-ballot.md, "Group and encodings") ------------------------------

def encode(pt):
    """SEC1 compressed, lowercase hex, 66 characters; infinity is '00'."""
    if pt is None:
        return "00"
    x, y = pt
    return ("03" if y & 1 else "02") + format(x, "064x")


def decode(s):
    """Inverse of encode. Raises ValueError for anything but a canonical encoding of a curve
    point: wrong length, upper-case or non-hex digits, bad prefix, x >= p, or x not on the curve.
    Canonical-only matters because hashes are taken over these very strings."""
    if not isinstance(s, str):
        raise ValueError("point is not a string")
    if s == "00":
        return None
    if len(s) != 66 or not set(s) <= _HEX:
        raise ValueError("point is not 66 lowercase hex characters")
    if s[:2] not in ("02", "03"):
        raise ValueError("point prefix is not 02 or 03")
    x = int(s[2:], 16)
    if x >= P:
        raise ValueError("point x is not below the field prime")
    rhs = (x * x * x - 3 * x + B) % P
    y = pow(rhs, (P + 1) // 4, P)  # square root: p = 3 (mod 4)
    if y * y % P != rhs:
        raise ValueError("point is not on the curve")
    if (y & 1) != (s[:2] == "03"):
        y = P - y
    return (x, y)


def scalar_hex(k):
    """32 bytes big-endian, lowercase hex, 64 characters."""
    if not 0 <= k < N:
        raise ValueError("scalar out of range")
    return format(k, "064x")


def scalar_from_hex(s):
    if not isinstance(s, str) or len(s) != 64 or not set(s) <= _HEX:
        raise ValueError("scalar is not 64 lowercase hex characters")
    k = int(s, 16)
    if k >= N:
        raise ValueError("scalar is not below the group order n")
    return k


def self_check():
    """Catches a mistyped constant or a broken formula before anything else is trusted."""
    assert on_curve(G), "G is not on the curve"
    assert _from_jac(_jmul(N, _to_jac(G))) is None, "n*G is not infinity"
    assert mul(N - 1, G) == neg(G), "(n-1)*G != -G"
    assert add(G, G) == mul(2, G) and decode(encode(mul(7, G))) == mul(7, G)


if __name__ == "__main__":
    self_check()
    print("p256 self-check OK")
