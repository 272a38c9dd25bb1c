import AssayCompare
import Testing

/// The summary reads quartiles by selecting order statistics rather than sorting; these check the selection
/// against a full sort, on the inputs where a quickselect goes wrong: ties, runs, sorted and reversed input,
/// and sizes on both sides of the insertion-sort cut-off.
@Suite struct ScoreStatisticsTests {
    @Test(arguments: [1, 2, 3, 4, 5, 10, 23, 24, 25, 26, 100, 1_001, 4_096, 20_000])
    func selectionGivesTheQuartilesOfASortedCopy(count: Int) {
        var generator = SplitMix64(state: UInt64(count))
        let shapes: [[Double]] = [
            (0..<count).map { _ in Double(generator.next() % 1_000_001) / 10_000 },
            // Few distinct values, as scores of a short rubric are: many ties around every pivot.
            (0..<count).map { _ in [0, 25, 50, 75, 100][Int(generator.next() % 5)] },
            (0..<count).map { Double($0) },
            (0..<count).map { Double(count - $0) },
            Array(repeating: 42.5, count: count),
            // Organ pipe: ascending then descending, a classic bad case for median-of-three pivots.
            (0..<count).map { Double(min($0, count - $0)) },
        ]
        for values in shapes {
            let sorted = values.sorted()
            var copy = values
            let statistics = copy.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }
            #expect(statistics.count == count)
            #expect(statistics.q1 == Quantile.continuous(sorted, 0.25))
            #expect(statistics.median == Quantile.continuous(sorted, 0.5))
            #expect(statistics.q3 == Quantile.continuous(sorted, 0.75))
            // The mean is summed in the original order, before any rearranging.
            #expect(statistics.mean == values.reduce(0, +) / Double(count))
            // Nothing is lost or invented: the values are only rearranged.
            #expect(copy.sorted() == sorted)
        }
    }

    @Test func noScoresHaveNoStatistics() {
        var empty: [Double] = []
        let statistics = empty.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }
        #expect(statistics == ScoreStatistics())
        #expect(statistics.mean == nil && statistics.median == nil)
    }

    @Test func mergedColumnsKeepTheirOrder() {
        // A column built from parts reads back as the parts in order, as the mean's summation order requires.
        var column = ScoreColumn([1, 2])
        column.append(contentsOf: ScoreColumn([3]))
        column.append(4)
        var other = ScoreColumn([5])
        other.append(contentsOf: ScoreColumn([6, 7]))
        column.append(contentsOf: other)
        column.append(contentsOf: ScoreColumn())
        #expect(column.scores == [1, 2, 3, 4, 5, 6, 7])
        #expect(column.count == 7)
    }
}
