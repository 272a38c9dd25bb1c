/// Exact order statistics of scores without sorting them all.
///
/// A summary needs three quantiles per scope, which read at most six order statistics; sorting a million scores to
/// read six of them did about four times the work needed.
///
/// Large inputs go through buckets: one pass finds the least and greatest score, one counts the scores per bucket
/// of equal width between them, and one gathers the few buckets that hold a wanted position, whose scores are then
/// selected among themselves. The bucket of a score, `⌊(score − least) · scale⌋`, never decreases as the score
/// grows (each floating-point step rounds monotonically), so every score of a lower bucket is at most every score
/// of a higher one and a position's order statistic lies in the bucket the counts say. Three passes without a
/// branch that depends on the data, where a quickselect's comparisons mispredict about once per score.
///
/// Small inputs, and the gathered buckets, go through introselect: the introsort the summary used before, except
/// that after each partition it goes on only into the sides that hold a wanted position, so the expected work is
/// linear. Quicksort partitions with a median of three, insertion sort for short runs, and heapsort when the
/// partitions degrade, so the worst case stays O(n log n).
enum ScoreSelection {
    /// The values an ascending sort of `values` would put at each of `positions`, in the order of `positions`.
    ///
    /// `values` must hold no NaN or infinity and is used as scratch space: afterwards it holds the same values in
    /// another order. Every position must be in `values`.
    static func orderStatistics(_ values: UnsafeMutableBufferPointer<Double>, at positions: [Int]) -> [Double] {
        precondition(positions.allSatisfy(values.indices.contains), "an order statistic outside the values")
        if values.count >= bucketThreshold, let found = bucketSelect(values, positions) { return found }
        select(values, positions: positions)
        return positions.map { values[$0] }
    }

    /// Inputs this large go through buckets.
    static let bucketThreshold = 256

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

    /// The order statistics at `positions` by counting buckets; `nil` when the scores' range is too wide or too
    /// narrow for finite bucket arithmetic (then the caller selects directly).
    private static func bucketSelect(_ values: UnsafeMutableBufferPointer<Double>, _ positions: [Int]) -> [Double]? {
        var least = values[0]
        var greatest = values[0]
        for value in values {
            least = Swift.min(least, value)
            greatest = Swift.max(greatest, value)
        }
        if least == greatest { return positions.map { _ in least } }
        // About eight scores a bucket, a power of two from 64 to 65,536.
        let bucketCount = Swift.min(
            1 << 16, Swift.max(64, 1 << (Int.bitWidth - (values.count / 8).leadingZeroBitCount)))
        let scale = Double(bucketCount) / (greatest - least)
        // A range that overflows, or one so narrow that the scale does: no finite bucket arithmetic.
        guard (greatest - least).isFinite, scale.isFinite else { return nil }
        let last = bucketCount - 1
        @inline(__always) func bucket(_ value: Double) -> Int {
            Swift.min(last, Int((value - least) * scale))
        }
        var counts = [Int](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            for value in values { counts[bucket(value)] += 1 }
        }
        // Which bucket holds each wanted position, and where that bucket starts in sorted order.
        var found: [(bucket: Int, start: Int)] = []
        var position = 0
        var bucketIndex = 0
        for wanted in positions.sorted() {
            while position + Int(counts[bucketIndex]) <= wanted {
                position += Int(counts[bucketIndex])
                bucketIndex += 1
            }
            if found.last?.bucket != bucketIndex { found.append((bucketIndex, position)) }
        }
        // Gather the wanted buckets' scores, each bucket's together, into one scratch buffer.
        var slot = [Int32](repeating: -1, count: bucketCount)
        var offsets: [Int] = []
        var total = 0
        for (index, entry) in found.enumerated() {
            slot[entry.bucket] = Int32(index)
            offsets.append(total)
            total += Int(counts[entry.bucket])
        }
        let gathered = UnsafeMutableBufferPointer<Double>.allocate(capacity: total)
        defer { gathered.deallocate() }
        var next = offsets
        slot.withUnsafeBufferPointer { slot in
            for value in values {
                let index = slot[bucket(value)]
                if index >= 0 {
                    gathered[next[Int(index)]] = value
                    next[Int(index)] += 1
                }
            }
        }
        return positions.map { wanted in
            let index = found.lastIndex { $0.start <= wanted }!
            let part = UnsafeMutableBufferPointer(
                rebasing: gathered[offsets[index]..<(offsets[index] + Int(counts[found[index].bucket]))])
            let local = wanted - found[index].start
            select(part, positions: [local])
            return part[local]
        }
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

    /// The statistics of `values`, which this uses as scratch space: the mean is summed first (see
    /// ``compensatedSum(_:)``), then the quantiles are selected.
    package init(rearranging values: UnsafeMutableBufferPointer<Double>) {
        count = values.count
        guard !values.isEmpty else { return }
        mean = Self.compensatedSum(values) / Double(values.count)
        let fractions = [0.25, 0.5, 0.75]
        let places = fractions.map { Quantile.place(count: values.count, $0) }
        let found = ScoreSelection.orderStatistics(values, at: places.flatMap { [$0.lower, $0.upper] })
        let quantiles = places.enumerated().map { Quantile.interpolate(found[2 * $0], found[2 * $0 + 1], $1) }
        q1 = quantiles[0]
        median = quantiles[1]
        q3 = quantiles[2]
    }

    /// No scores.
    package init() {}

    /// The sum of `values` with Neumaier's compensation: the rounding error of every addition is carried and
    /// added back at the end, so the result is the exactly rounded sum except when that sum lies within a few
    /// units in the last place of a rounding tie. The mean of the same scores therefore does not depend on the
    /// order of the lines they came from, as a plain running sum's last digits do.
    static func compensatedSum(_ values: UnsafeMutableBufferPointer<Double>) -> Double {
        var sum = 0.0
        var compensation = 0.0
        for value in values {
            let next = sum + value
            compensation += abs(sum) >= abs(value) ? (sum - next) + value : (value - next) + sum
            sum = next
        }
        return sum + compensation
    }
}
