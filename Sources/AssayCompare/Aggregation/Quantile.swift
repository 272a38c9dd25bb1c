/// Quantiles as DuckDB's `quantile_cont` computes them, so Assay's numbers and a DuckDB query agree exactly.
///
/// For sorted values `x₀ … xₙ₋₁` and a fraction `q`, the position is `h = (n − 1)·q` and the quantile is
/// `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌈h⌉] − x[⌊h⌋])`: linear interpolation between the two order statistics around `h`.
/// The median is `q = 0.5`; the quartiles are `q = 0.25` and `q = 0.75`.
public enum Quantile {
    /// The `q`-quantile of `sorted` (ascending); `nil` when there are no values.
    ///
    /// - Complexity: O(1); the caller sorts once and asks for several quantiles.
    public static func continuous(_ sorted: [Double], _ q: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let position = Double(sorted.count - 1) * q
        let lower = Int(position.rounded(.down))
        let upper = Int(position.rounded(.up))
        if lower == upper { return sorted[lower] }
        // The same arithmetic, in the same order, as DuckDB's interpolation: lo + (hi − lo)·d.
        let low = sorted[lower]
        let high = sorted[upper]
        return low + (high - low) * (position - Double(lower))
    }
}
