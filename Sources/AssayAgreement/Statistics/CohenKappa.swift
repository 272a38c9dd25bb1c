import AssayCore

/// Cohen's κ: agreement between exactly two raters, beyond what chance gives, unweighted or quadratic-weighted.
///
/// Only items both raters rated take part (N of them). With p_ij the share of items rater A put in category i and
/// rater B in category j, and p_i·, p_·j the two raters' marginal shares, the unweighted κ (Cohen 1960) is
///
///     κ = (p_o − p_e) / (1 − p_e),    p_o = Σ_i p_ii,    p_e = Σ_i p_i· p_·i
///
/// and the weighted κ (Cohen 1968) counts disagreements by how far apart the categories are:
///
///     κ_w = 1 − Σ_ij w_ij p_ij / Σ_ij w_ij p_i· p_·j,    quadratic weights w_ij = (x_i − x_j)²
///
/// where x_i is category i's value (scaling the weights changes nothing, so (x_i − x_j)² / (x_max − x_min)², as
/// often written, gives the same κ_w). With equally spaced values this is the usual (i − j)² weighting, and the
/// quadratic κ_w is close to an intraclass correlation. When p_e = 1 (unweighted) or the expected weighted
/// disagreement is 0 (both raters used one and the same category throughout), κ is 0/0 and reported undefined.
///
/// References: J. Cohen, "A coefficient of agreement for nominal scales", Educational and Psychological
/// Measurement 20 (1960); J. Cohen, "Weighted kappa", Psychological Bulletin 70 (1968); J. L. Fleiss, J. Cohen and
/// B. S. Everitt, "Large sample standard errors of kappa and weighted kappa", Psychological Bulletin 72 (1969).
public struct CohenKappa: Sendable {
    /// How disagreements between categories are counted.
    public enum Weighting: String, Sendable, Hashable, Codable {
        /// Every disagreement counts the same: for nominal categories.
        case unweighted
        /// A disagreement counts the square of the difference between the two values: for ordinal scales.
        case quadratic
    }

    /// How disagreements are counted.
    public let weighting: Weighting

    /// Creates the statistic.
    public init(weighting: Weighting) {
        self.weighting = weighting
    }

    /// κ of two raters' values for the same items, `nil` where a rater gave none; `first` and `second` pair by
    /// position, and the shorter one decides how many items there are.
    public func callAsFunction(_ first: [Double?], _ second: [Double?]) -> AgreementCoefficient {
        var pairs: [(Double, Double)] = []
        for (a, b) in zip(first, second) {
            if let a, let b { pairs.append((a, b)) }
        }
        guard !pairs.isEmpty else {
            return AgreementCoefficient(undefined: .noPairableValues, pairedUnits: 0, pairableValues: 0)
        }
        let categories = Array(Set(pairs.flatMap { [$0.0, $0.1] })).sorted()
        var index: [Double: Int] = [:]
        for (i, value) in categories.enumerated() { index[value] = i }
        let k = categories.count
        let total = Double(pairs.count)
        var table = [Double](repeating: 0, count: k * k)
        var rows = [Double](repeating: 0, count: k)
        var columns = [Double](repeating: 0, count: k)
        for (a, b) in pairs {
            let (i, j) = (index[a]!, index[b]!)
            table[i * k + j] += 1 / total
            rows[i] += 1 / total
            columns[j] += 1 / total
        }
        func weight(_ i: Int, _ j: Int) -> Double {
            switch weighting {
            case .unweighted: return i == j ? 0 : 1
            case .quadratic:
                let d = categories[i] - categories[j]
                return d * d
            }
        }
        var observed = 0.0
        var expected = 0.0
        for i in 0..<k {
            for j in 0..<k where i != j {
                observed += weight(i, j) * table[i * k + j]
                expected += weight(i, j) * rows[i] * columns[j]
            }
        }
        let units = pairs.count
        // Disagreement expected below rounding noise is none: both raters used one category throughout.
        guard expected > 1e-12 else {
            return AgreementCoefficient(undefined: .noVariation, pairedUnits: units, pairableValues: 2 * units)
        }
        return AgreementCoefficient(value: 1 - observed / expected, pairedUnits: units, pairableValues: 2 * units)
    }
}
