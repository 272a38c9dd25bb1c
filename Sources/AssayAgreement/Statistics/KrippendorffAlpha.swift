import AssayCore

/// Krippendorff's α: agreement among any number of raters, with missing values, on any ``MeasurementLevel``.
///
/// The data are units (questions) by raters (views); a rater may leave any unit without a value. Only units with
/// at least two values are *pairable*; let m_u be the number of values in unit u, and n the number of pairable
/// values in all. The coincidence matrix counts, over units, every ordered pair of values from two different
/// raters, each pair weighted by 1 / (m_u − 1):
///
///     o_ck = Σ_u (number of c–k pairs in u) / (m_u − 1),    n_c = Σ_k o_ck,    n = Σ_c n_c
///
/// α compares the disagreement observed with the disagreement expected by chance:
///
///     α = 1 − D_o / D_e = 1 − (n − 1) · Σ_c Σ_k o_ck δ²_ck / Σ_c Σ_k n_c n_k δ²_ck
///
/// with the metric δ²_ck of the level: nominal δ² = [c ≠ k]; interval δ² = (c − k)²; ordinal, over the values in
/// increasing order, δ²_ck = (Σ_{g=c}^{k} n_g − (n_c + n_k) / 2)². When n = 0 there is nothing to compare, and
/// when D_e = 0 (one value only) α is 0/0: both are reported as undefined, not as a number.
///
/// Reference: Klaus Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), whose worked example
/// (4 observers, 12 units, missing values) has α = 0.743 nominal, 0.815 ordinal and 0.849 interval.
///
/// Complexity: O(r · u + v²) for r raters, u units and v distinct values.
public struct KrippendorffAlpha: Sendable {
    /// The level the values are measured on.
    public let level: MeasurementLevel

    /// Creates the statistic for values measured on `level`.
    public init(level: MeasurementLevel) {
        self.level = level
    }

    /// α of `units`: each element is one unit's values, one per rater, `nil` where the rater gave none.
    ///
    /// Units may have different numbers of raters. Nominal values are compared for equality only; give each
    /// category any distinct number.
    public func callAsFunction(units: [[Double?]]) -> AgreementCoefficient {
        var values: [Double] = []
        var position: [Double: Int] = [:]
        var pairable: [[Int]] = []
        for unit in units {
            let present = unit.compactMap { $0 }
            guard present.count >= 2 else { continue }
            pairable.append(
                present.map { value in
                    if let known = position[value] { return known }
                    position[value] = values.count
                    values.append(value)
                    return values.count - 1
                })
        }
        let pairableCount = pairable.reduce(0) { $0 + $1.count }
        guard pairableCount > 0 else {
            return AgreementCoefficient(undefined: .noPairableValues, pairedUnits: 0, pairableValues: 0)
        }
        // Values in increasing order, so the ordinal metric can sum the counts between two of them.
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rank = [Int](repeating: 0, count: values.count)
        for (r, index) in order.enumerated() { rank[index] = r }
        let v = values.count
        var coincidences = [Double](repeating: 0, count: v * v)
        for unit in pairable {
            let weight = 1 / Double(unit.count - 1)
            var counts: [Int: Int] = [:]
            for value in unit { counts[rank[value], default: 0] += 1 }
            for (c, countC) in counts {
                for (k, countK) in counts {
                    let pairs = c == k ? countC * (countC - 1) : countC * countK
                    coincidences[c * v + k] += Double(pairs) * weight
                }
            }
        }
        var marginals = [Double](repeating: 0, count: v)
        for c in 0..<v { for k in 0..<v { marginals[c] += coincidences[c * v + k] } }
        let sorted = order.map { values[$0] }
        let n = marginals.reduce(0, +)
        var observed = 0.0
        var expected = 0.0
        for c in 0..<v {
            for k in 0..<v where c != k {
                let delta = distance(c, k, sorted: sorted, marginals: marginals)
                observed += coincidences[c * v + k] * delta
                expected += marginals[c] * marginals[k] * delta
            }
        }
        guard expected > 0 else {
            return AgreementCoefficient(
                undefined: .noVariation, pairedUnits: pairable.count, pairableValues: pairableCount)
        }
        return AgreementCoefficient(
            value: 1 - (n - 1) * observed / expected, pairedUnits: pairable.count, pairableValues: pairableCount)
    }

    /// δ² between the values of ranks `c` and `k`.
    private func distance(_ c: Int, _ k: Int, sorted: [Double], marginals: [Double]) -> Double {
        switch level {
        case .nominal:
            return c == k ? 0 : 1
        case .interval:
            let difference = sorted[c] - sorted[k]
            return difference * difference
        case .ordinal:
            let (low, high) = (min(c, k), max(c, k))
            var between = 0.0
            for g in low...high { between += marginals[g] }
            let d = between - (marginals[c] + marginals[k]) / 2
            return d * d
        }
    }
}
