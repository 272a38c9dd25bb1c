import AssayAgreement
import AssayCore
import Testing

/// The coefficients on small cases worked by hand, and on the textbook example.
@Suite struct AgreementStatisticsTests {
    /// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units,
    /// values 1–5, with missing values. The paper gives α = 0.743 nominal, 0.815 ordinal, 0.849 interval.
    static let krippendorff2011: [[Double?]] = {
        let observers: [[Double?]] = [
            [1, 2, 3, 3, 2, 1, 4, 1, 2, nil, nil, nil],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nil, 3],
            [nil, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nil],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nil],
        ]
        return (0..<12).map { unit in observers.map { $0[unit] } }
    }()

    @Test func textbookExampleGivesThePublishedAlphas() {
        // Unit 12 has one value only, so 11 units and 40 values are pairable (the paper's n = 40).
        let nominal = KrippendorffAlpha(level: .nominal)(units: Self.krippendorff2011)
        #expect(nominal.pairedUnits == 11)
        #expect(nominal.pairableValues == 40)
        // Nominal, as in the paper: the coincidences off the diagonal sum to 8 (of n = 40), and n_c = 9, 13, 10, 5, 3
        // for the values 1–5, so Σ_{c≠k} n_c n_k = 40² − (81 + 169 + 100 + 25 + 9) = 1216 and
        // α = 1 − (n − 1) · 8 / 1216 = 1 − 312 / 1216 = 0.743421…
        #expect(abs(nominal.value! - 0.743421052631579) < 1e-12)
        #expect(abs(KrippendorffAlpha(level: .ordinal)(units: Self.krippendorff2011).value! - 0.8153875) < 1e-7)
        #expect(abs(KrippendorffAlpha(level: .interval)(units: Self.krippendorff2011).value! - 0.8491071) < 1e-7)
    }

    @Test func twoRatersWithOneDisagreementByHand() {
        // Units (1,1) (2,2) (1,2): n = 6, n_1 = 3, n_2 = 3; o_12 = o_21 = 1 (one disagreeing pair, m_u − 1 = 1).
        // Nominal α = 1 − (n − 1) · (o_12 + o_21) / (2 n_1 n_2) = 1 − 5 · 2 / 18 = 4/9.
        let alpha = KrippendorffAlpha(level: .nominal)(units: [[1, 1], [2, 2], [1, 2]])
        #expect(abs(alpha.value! - 4.0 / 9.0) < 1e-12)
        // Cohen's κ of the same: p_o = 2/3; A gives 1 twice, B once: p_e = 2/3 · 1/3 + 1/3 · 2/3 = 4/9;
        // κ = (2/3 − 4/9) / (1 − 4/9) = (2/9) / (5/9) = 0.4.
        let kappa = CohenKappa(weighting: .unweighted)([1, 2, 1], [1, 2, 2])
        #expect(abs(kappa.value! - 0.4) < 1e-12)
    }

    @Test func quadraticKappaCountsHowFarApartByHand() {
        // A: 0 1 2 3, B: 0 2 2 3. Observed Σ w p = (1 − 2)² · 1/4 = 0.25. Marginals A = 1/4 each of 0,1,2,3;
        // B = 1/4 of 0, 1/2 of 2, 1/4 of 3. Expected Σ_ij (x_i − x_j)² a_i b_j = E[(X − Y)²] with X, Y independent
        // = Var X + Var Y + (EX − EY)² = 1.25 + 1.1875 + (1.5 − 1.75)² = 2.5; κ_w = 1 − 0.25 / 2.5 = 0.9.
        let kappa = CohenKappa(weighting: .quadratic)([0, 1, 2, 3], [0, 2, 2, 3])
        #expect(abs(kappa.value! - 0.9) < 1e-12)
        // Unweighted, the same answers agree on 3 of 4: p_o = 0.75, p_e = 1/4·1/4 + 1/4·0 + 1/4·1/2 + 1/4·1/4 = 0.25;
        // κ = 0.5 / 0.75 = 2/3. Weighting forgives the near miss.
        #expect(abs(CohenKappa(weighting: .unweighted)([0, 1, 2, 3], [0, 2, 2, 3]).value! - 2.0 / 3.0) < 1e-12)
    }

    @Test func cohen1960TableGivesItsKappa() {
        // Fleiss, Cohen and Everitt (1969), table 1 (also Fleiss, "Statistical Methods for Rates and Proportions",
        // 2nd ed., table 13.1): 100 subjects, 3 diagnoses; proportions
        //   .53 .05 .02 / .11 .14 .05 / .01 .06 .03, rows .60 .30 .10, columns .65 .25 .10  →  p_o = .70,
        // p_e = .60·.65 + .30·.25 + .10·.10 = .475, κ = (.70 − .475) / .525 = 0.4286 (the book's .429).
        let table: [[Int]] = [[53, 5, 2], [11, 14, 5], [1, 6, 3]]
        var a: [Double?] = []
        var b: [Double?] = []
        for (i, row) in table.enumerated() {
            for (j, count) in row.enumerated() {
                a += Array(repeating: Double(i), count: count)
                b += Array(repeating: Double(j), count: count)
            }
        }
        let kappa = CohenKappa(weighting: .unweighted)(a, b)
        #expect(abs(kappa.value! - 0.225 / 0.525) < 1e-12)
        #expect(kappa.pairedUnits == 100)
    }

    @Test func missingValuesAreLeftOutOfKappa() {
        // The third item has no answer from B, so κ is that of the first two alone: both agree on 1 and on 2,
        // p_o = 1, p_e = 1/2, κ = 1.
        let kappa = CohenKappa(weighting: .unweighted)([1, 2, 1], [1, 2, nil])
        #expect(kappa.value == 1)
        #expect(kappa.pairedUnits == 2)
    }

    @Test func allAgreeingOnOneValueIsUndefinedNotOne() {
        let alpha = KrippendorffAlpha(level: .ordinal)(units: [[2, 2], [2, 2, 2]])
        #expect(alpha.value == nil)
        #expect(alpha.undefined == .noVariation)
        #expect(CohenKappa(weighting: .quadratic)([3, 3], [3, 3]).undefined == .noVariation)
    }

    @Test func aSingleRaterOrNoPairableValueIsUndefined() {
        let single = KrippendorffAlpha(level: .nominal)(units: [[1], [2], [3]])
        #expect(single.undefined == .noPairableValues)
        #expect(single.pairedUnits == 0)
        // Two raters who never answered the same question.
        #expect(KrippendorffAlpha(level: .interval)(units: [[1, nil], [nil, 2]]).undefined == .noPairableValues)
        #expect(CohenKappa(weighting: .unweighted)([1, nil], [nil, 2]).undefined == .noPairableValues)
    }

    @Test func perfectAgreementWithVariationIsOne() {
        #expect(KrippendorffAlpha(level: .ordinal)(units: [[0, 0], [1, 1], [3, 3]]).value == 1)
        #expect(CohenKappa(weighting: .quadratic)([0, 1, 3], [0, 1, 3]).value == 1)
    }
}
