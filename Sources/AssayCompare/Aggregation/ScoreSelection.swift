/// Exact order statistics of scores without sorting them all: introselect specialised to `Double`.
///
/// A summary needs three quantiles per scope, which read at most six order statistics; sorting a million scores to
/// read six of them did about four times the work needed. This is the introsort the summary used before, except
/// that after each partition it goes on only into the sides that hold a wanted position, so the expected work is
/// linear. Quicksort partitions with a median of three, insertion sort for short runs, and heapsort when the
/// partitions degrade, so the worst case stays O(n log n). The values at the wanted positions are exactly those a
/// full sort would put there; the rest are left partly ordered.
enum ScoreSelection {
    /// Rearranges `values` so that each of `positions` holds the value an ascending sort would put there.
    ///
    /// `values` must hold no NaN; positions outside `values` are ignored.
    static func select(_ values: UnsafeMutableBufferPointer<Double>, positions: [Int]) {
        guard values.count > 1, let base = values.baseAddress else { return }
        let wanted = positions.filter { values.indices.contains($0) }.sorted()
        guard !wanted.isEmpty else { return }
        var depthLimit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount)
        introselect(base, 0, values.count - 1, &depthLimit, wanted)
    }

    private static let insertionLimit = 24

    /// Whether a position in `wanted` (ascending) lies in `low...high`.
    @inline(__always)
    private static func wants(_ wanted: [Int], _ low: Int, _ high: Int) -> Bool {
        for position in wanted where position >= low { return position <= high }
        return false
    }

    /// Puts the wanted positions of `base[low...high]` in their sorted places.
    private static func introselect(
        _ base: UnsafeMutablePointer<Double>,
        _ low: Int,
        _ high: Int,
        _ depthLimit: inout Int,
        _ wanted: [Int]
    ) {
        var low = low
        var high = high
        while high - low >= insertionLimit {
            if depthLimit == 0 {
                heapsort(base + low, high - low + 1)
                return
            }
            depthLimit -= 1
            // Median of three into base[middle], then a Hoare partition around it: afterwards every value in
            // low...right is at most every value in right + 1...high, so each side holds its own order statistics.
            let middle = low + (high - low) / 2
            if base[middle] < base[low] { swap(base, middle, low) }
            if base[high] < base[low] { swap(base, high, low) }
            if base[high] < base[middle] { swap(base, high, middle) }
            let pivot = base[middle]
            var left = low - 1
            var right = high + 1
            while true {
                repeat { left += 1 } while base[left] < pivot
                repeat { right -= 1 } while pivot < base[right]
                if left >= right { break }
                swap(base, left, right)
            }
            let leftWanted = wants(wanted, low, right)
            let rightWanted = wants(wanted, right + 1, high)
            switch (leftWanted, rightWanted) {
            case (false, false):
                return
            case (true, false):
                high = right
            case (false, true):
                low = right + 1
            case (true, true):
                // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
                var limit = depthLimit
                if right - low < high - right {
                    introselect(base, low, right, &limit, wanted)
                    low = right + 1
                } else {
                    introselect(base, right + 1, high, &limit, wanted)
                    high = right
                }
            }
        }
        insertionSort(base, low, high)
    }

    @inline(__always)
    private static func swap(_ base: UnsafeMutablePointer<Double>, _ first: Int, _ second: Int) {
        let kept = base[first]
        base[first] = base[second]
        base[second] = kept
    }

    private static func insertionSort(_ base: UnsafeMutablePointer<Double>, _ low: Int, _ high: Int) {
        guard high > low else { return }
        for index in (low + 1)...high {
            let value = base[index]
            var hole = index
            while hole > low && value < base[hole - 1] {
                base[hole] = base[hole - 1]
                hole -= 1
            }
            base[hole] = value
        }
    }

    private static func heapsort(_ base: UnsafeMutablePointer<Double>, _ count: Int) {
        func siftDown(_ start: Int, _ end: Int) {
            var root = start
            while true {
                var child = 2 * root + 1
                guard child < end else { return }
                if child + 1 < end && base[child] < base[child + 1] { child += 1 }
                guard base[root] < base[child] else { return }
                swap(base, root, child)
                root = child
            }
        }
        var start = count / 2
        while start > 0 {
            start -= 1
            siftDown(start, count)
        }
        var end = count
        while end > 1 {
            end -= 1
            swap(base, 0, end)
            siftDown(0, end)
        }
    }
}

/// The count, mean, median and quartiles of one scope's scores, before the disclosure policy rounds or withholds
/// any of them.
package struct ScoreStatistics: Sendable, Hashable {
    /// How many scores there are.
    package var count = 0
    /// Their mean; `nil` without scores.
    package var mean: Double?
    /// Their median (`quantile_cont` at 0.5).
    package var median: Double?
    /// Their first quartile (`quantile_cont` at 0.25).
    package var q1: Double?
    /// Their third quartile (`quantile_cont` at 0.75).
    package var q3: Double?

    /// The statistics of `values`, which this rearranges: the mean is summed in the values' order first (for a
    /// response set, the order of its lines, whatever the number of threads), then the quantiles are selected.
    package init(rearranging values: UnsafeMutableBufferPointer<Double>) {
        count = values.count
        guard !values.isEmpty else { return }
        var sum = 0.0
        for value in values { sum += value }
        mean = sum / Double(values.count)
        let fractions = [0.25, 0.5, 0.75]
        let places = fractions.map { Quantile.place(count: values.count, $0) }
        ScoreSelection.select(values, positions: places.flatMap { [$0.lower, $0.upper] })
        let quantiles = places.map { Quantile.interpolate(values[$0.lower], values[$0.upper], $0) }
        q1 = quantiles[0]
        median = quantiles[1]
        q3 = quantiles[2]
    }

    /// No scores.
    package init() {}
}
