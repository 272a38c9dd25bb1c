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
        let place = place(count: sorted.count, q)
        return interpolate(sorted[place.lower], sorted[place.upper], place)
    }

    /// Where the `q`-quantile of `count` values lies: the two order statistics around `h = (count − 1)·q`
    /// (the same one when `h` is whole), and `h` itself.
    struct Place {
        var lower: Int
        var upper: Int
        var position: Double
    }

    /// The place of the `q`-quantile among `count` values; `count` must be positive.
    static func place(count: Int, _ q: Double) -> Place {
        let position = Double(count - 1) * q
        return Place(lower: Int(position.rounded(.down)), upper: Int(position.rounded(.up)), position: position)
    }

    /// The quantile at `place`, given the order statistics `low` (at `place.lower`) and `high` (at `place.upper`).
    static func interpolate(_ low: Double, _ high: Double, _ place: Place) -> Double {
        if place.lower == place.upper { return low }
        // The same arithmetic, in the same order, as DuckDB's interpolation: lo + (hi − lo)·d.
        return low + (high - low) * (place.position - Double(place.lower))
    }
}
