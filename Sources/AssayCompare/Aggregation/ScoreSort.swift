/// An unstable in-place sort of scores, ascending: introsort specialised to `Double`.
///
/// The summary sorts every scope's scores of every group to read exact quantiles; Swift's `sort()` is a stable
/// merge sort that allocates a buffer and calls its comparison through a closure, which made sorting a tenth of
/// the summary's time. Stability cannot matter for equal `Double`s, and scores are never NaN, so the sorted
/// values are the same. Quicksort with a median of three, insertion sort for short runs, and heapsort when the
/// partitions degrade, so the worst case stays O(n log n).
enum ScoreSort {
    /// Sorts `values` ascending in place; `values` must hold no NaN.
    static func sort(_ values: UnsafeMutableBufferPointer<Double>) {
        guard values.count > 1, let base = values.baseAddress else { return }
        var depthLimit = 2 * (Int.bitWidth - values.count.leadingZeroBitCount)
        introsort(base, 0, values.count - 1, &depthLimit)
    }

    private static let insertionLimit = 24

    /// Sorts `base[low...high]`.
    private static func introsort(
        _ base: UnsafeMutablePointer<Double>,
        _ low: Int,
        _ high: Int,
        _ depthLimit: inout Int
    ) {
        var low = low
        var high = high
        while high - low >= insertionLimit {
            if depthLimit == 0 {
                heapsort(base + low, high - low + 1)
                return
            }
            depthLimit -= 1
            // Median of three into base[low], then a Hoare partition around it.
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
            // Recurse into the smaller side, loop on the larger: the stack stays O(log n).
            var limit = depthLimit
            if right - low < high - right {
                introsort(base, low, right, &limit)
                low = right + 1
            } else {
                introsort(base, right + 1, high, &limit)
                high = right
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
