import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct ScoringNumberTests {
    /// (value, decimals, mode, expected)
    @Test(arguments: [
        // the .005 boundaries
        ("94.995", 2, Rounding.Mode.halfUp, "95"),
        ("94.985", 2, .halfUp, "94.99"),
        ("94.985", 2, .halfEven, "94.98"),
        ("94.995", 2, .halfEven, "95"),
        ("94.975", 2, .halfEven, "94.98"),
        ("94.9851", 2, .halfEven, "94.99"),
        ("94.98500", 2, .halfEven, "94.98"),
        ("94.999", 2, .down, "94.99"),
        ("94.995", 2, .down, "94.99"),
        ("94.994", 2, .halfUp, "94.99"),
        ("0.005", 2, .halfUp, "0.01"),
        ("0.005", 2, .halfEven, "0"),
        ("0.015", 2, .halfEven, "0.02"),
        ("0.004", 2, .halfUp, "0"),
        // negatives: half away from zero, half to even, truncation toward zero
        ("-94.995", 2, .halfUp, "-95"),
        ("-94.985", 2, .halfEven, "-94.98"),
        ("-94.999", 2, .down, "-94.99"),
        ("-0.001", 2, .down, "0"),
        ("-0.004", 2, .halfUp, "0"),
        // whole numbers, other precisions
        ("12.5", 0, .halfEven, "12"),
        ("13.5", 0, .halfEven, "14"),
        ("12.5", 0, .halfUp, "13"),
        ("99.99995", 4, .halfUp, "100"),
        ("99.99985", 4, .halfEven, "99.9998"),
        ("0.45", 1, .halfEven, "0.4"),
        ("0.55", 1, .halfEven, "0.6"),
        // nothing to round
        ("95", 2, .halfUp, "95"),
        ("100", 0, .down, "100"),
        ("88.5", 2, .halfEven, "88.5"),
        ("0", 2, .halfUp, "0"),
        // far below the kept digits, and long values
        ("0.000000000000000000000000000001", 2, .halfUp, "0"),
        ("0.000000000000000000000000000001", 2, .down, "0"),
        ("123456789012345678.125", 2, .halfEven, "123456789012345678.12"),
        ("123456789012345678.135", 2, .halfEven, "123456789012345678.14"),
        // negative decimals count as 0
        ("7.5", -1, .halfUp, "8"),
    ])
    func rounding(value: String, decimals: Int, mode: Rounding.Mode, expected: String) {
        let result = ScoringNumber.round(dec(value), decimals: decimals, mode: mode)
        #expect(result == dec(expected))
        #expect(!result.isNaN)
        #expect(Rounding(decimals: decimals, mode: mode).apply(decimal: dec(value)) == dec(expected))
    }

    /// The Decimal rounding makes the same decisions as the rule set's Double rounding on
    /// three-decimal values (which that path reads back exactly from their shortest text).
    @Test func agreesWithDoubleRoundingOnThreeDecimals() {
        var rng = RankingSeededGenerator(seed: 2023)
        for _ in 0..<2_000 {
            let thousandths = Int.random(in: -200_000...200_000, using: &rng)
            let decimal = Decimal(thousandths) / 1000
            let double = Double(thousandths) / 1000
            for mode in Rounding.Mode.allCases {
                for decimals in 0...2 {
                    let rounding = Rounding(decimals: decimals, mode: mode)
                    // The Double path may land one ulp off (178.64000000000001), so compare loosely:
                    // a different rounding decision would differ by at least 0.01.
                    let viaDouble = rounding.apply(double)
                    let exact = NSDecimalNumber(decimal: rounding.apply(decimal: decimal)).doubleValue
                    #expect(abs(exact - viaDouble) < 1e-9, "\(decimal) \(mode) \(decimals)")
                }
            }
        }
    }

    @Test(arguments: [
        ("10", "0.25", true), ("10.1", "0.25", false), ("1", "0.3", false), ("0.9", "0.3", true),
        ("0", "0.5", true), ("7.75", "0.25", true), ("7.7", "0.25", false), ("-1.5", "0.5", true),
        ("5", "0", false), ("5", "-1", false), ("2", "3", false),
    ])
    func multiples(value: String, step: String, expected: Bool) {
        #expect(ScoringNumber.isMultiple(dec(value), of: dec(step)) == expected)
    }

    @Test(arguments: [
        ("88.5", "88,5"), ("90", "90"), ("100", "100"), ("1000", "1000"), ("0.25", "0,25"),
        ("-3.75", "-3,75"), ("0", "0"), ("0.005", "0,005"), ("95.00", "95"), ("12.340", "12,34"),
    ])
    func vietnameseText(value: String, expected: String) {
        #expect(ScoringNumber.vietnamese(dec(value)) == expected)
    }

    @Test func vietnameseTextOfRoundedTotals() {
        let rounded = ScoringNumber.round(dec("88.499"), decimals: 2, mode: .halfUp)
        #expect(ScoringNumber.vietnamese(rounded) == "88,5")
        #expect(ScoringNumber.vietnamese(Decimal(sign: .plus, exponent: 3, significand: 1)) == "1000")
    }

    @Test func doublesBecomeTheDecimalsAPersonWrote() {
        #expect(ScoringNumber.decimal(90.1) == dec("90.1"))
        #expect(ScoringNumber.decimal(95) == 95)
        #expect(ScoringNumber.decimal(0.1) == dec("0.1"))
        #expect(ScoringNumber.decimal(89.995) == dec("89.995"))
        #expect(ScoringNumber.decimal(1e-5) == dec("0.00001"))
    }
}
