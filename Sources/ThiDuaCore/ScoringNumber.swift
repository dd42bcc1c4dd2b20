import Foundation

/// Exact decimal helpers for scores: rounding, multiples of a step, Vietnamese number text.
/// Everything here works on the decimal digits of a `Decimal`; no `Double` is involved.
public enum ScoringNumber {
    /// `value` rounded to `decimals` places (negative counts as 0) in `mode`:
    /// `halfUp` rounds a half away from zero, `halfEven` to the even digit, `down` toward zero.
    /// NaN is returned unchanged.
    public static func round(_ value: Decimal, decimals: Int, mode: Rounding.Mode) -> Decimal {
        guard !value.isNaN else { return value }
        let places = max(0, decimals)
        let exponent = value.exponent
        // Already exact at `places` decimals (also covers zero).
        guard exponent < -places else { return value }
        let digits = Array(value.significand.description.utf8).map { Int($0) - 48 }
        let dropCount = -places - exponent
        let keepCount = digits.count - dropCount
        let kept = keepCount > 0 ? Array(digits[..<keepCount]) : []
        let dropped = keepCount >= 0
            ? Array(digits[keepCount...])
            : Array(repeating: 0, count: -keepCount) + digits
        let roundAway: Bool
        switch mode {
        case .down:
            roundAway = false
        case .halfUp:
            roundAway = dropped[0] >= 5
        case .halfEven:
            let first = dropped[0]
            let restNonZero = dropped.dropFirst().contains { $0 != 0 }
            if first > 5 || (first == 5 && restNonZero) {
                roundAway = true
            } else if first == 5 {
                roundAway = (kept.last ?? 0) % 2 == 1
            } else {
                roundAway = false
            }
        }
        var magnitude = Decimal(0)
        for digit in kept { magnitude = magnitude * 10 + Decimal(digit) }
        if roundAway { magnitude += 1 }
        // A negative zero would be NaN in Decimal's representation.
        guard magnitude != 0 else { return 0 }
        return Decimal(sign: value.sign, exponent: -places, significand: magnitude)
    }

    /// Whether `value` is a whole multiple of `step` (exact; false for a step that is not positive).
    public static func isMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        guard step > 0, !value.isNaN else { return false }
        let quotient = round(value / step, decimals: 0, mode: .down)
        return value - quotient * step == 0
    }

    /// A `Double` from rule-set JSON as the decimal a person wrote: 90.1 → 90.1, not 90.09999….
    public static func decimal(_ value: Double) -> Decimal {
        guard value.isFinite else { return value.sign == .minus ? -Decimal.greatestFiniteMagnitude : .greatestFiniteMagnitude }
        return Decimal(string: String(value), locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
    }

    /// Vietnamese text of a number: decimal comma, no trailing zeros, no grouping ("88,5", "90", "-0,25").
    public static func vietnamese(_ value: Decimal) -> String {
        guard !value.isNaN else { return "NaN" }
        if value == 0 { return "0" }
        let digits = value.significand.description
        let exponent = value.exponent
        var text: String
        if exponent >= 0 {
            text = digits + String(repeating: "0", count: exponent)
        } else {
            let fractionCount = -exponent
            let padded = digits.count > fractionCount
                ? digits : String(repeating: "0", count: fractionCount - digits.count + 1) + digits
            let split = padded.index(padded.endIndex, offsetBy: -fractionCount)
            var fraction = String(padded[split...])
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text = String(padded[..<split]) + (fraction.isEmpty ? "" : "," + fraction)
        }
        return (value.sign == .minus ? "-" : "") + text
    }
}

extension Rounding {
    /// This rule's rounding applied to an exact `Decimal` total (see `ScoringNumber.round`).
    public func apply(decimal value: Decimal) -> Decimal {
        ScoringNumber.round(value, decimals: decimals, mode: mode)
    }
}
