import AssayCompare
import AssayTesting
import Testing

/// The summary reads quartiles by selecting order statistics rather than sorting; these check the selection
/// against a full sort, on the inputs where a quickselect or a bucket count goes wrong: ties, runs, sorted and
/// reversed input, crowded and extreme ranges, and sizes on both sides of the insertion-sort and bucket cut-offs.
@Suite struct ScoreStatisticsTests {
    @Test(arguments: [1, 2, 3, 4, 5, 10, 23, 24, 25, 26, 100, 255, 256, 257, 1_001, 4_096, 20_000, 100_000])
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
            // One outlier and the rest crowded together: nearly everything falls in one bucket.
            (0..<count).map { $0 == 0 ? 100 : 50 + Double(generator.next() % 1_000) * 1e-9 },
            // A range so narrow that bucket arithmetic overflows, and one so wide that it does not fit a Double.
            (0..<count).map { _ in Double(generator.next() % 3) * .leastNonzeroMagnitude },
            (0..<count).map { _ in [-1.7e308, 0, 1.7e308, 5][Int(generator.next() % 4)] },
        ]
        for values in shapes {
            let sorted = values.sorted()
            var copy = values
            let statistics = copy.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }
            #expect(statistics.count == count)
            #expect(statistics.q1 == Quantile.continuous(sorted, 0.25))
            #expect(statistics.median == Quantile.continuous(sorted, 0.5))
            #expect(statistics.q3 == Quantile.continuous(sorted, 0.75))
            // The same scores in another order (the lines of a file shuffled) give the same mean.
            var reordered = values.shuffled(using: &generator)
            let other = reordered.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }
            #expect(statistics.mean == other.mean || statistics.mean!.isNaN)
            // The values are scratch space: rearranged, never lost or changed.
            #expect(copy.sorted() == sorted)
        }
    }

    @Test func theMeanCarriesEveryAdditionsRoundingError() {
        // A plain running sum loses the 1 (1e16 + 1 rounds to 1e16) and the tenths' errors; the compensated one
        // gives the exact sums.
        var values: [Double] = [1e16, 1, -1e16]
        #expect(values.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }.mean == 1.0 / 3)
        values = Array(repeating: 0.1, count: 10)
        #expect(values.reduce(0, +) != 1)
        #expect(values.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }.mean == 0.1)
        // Thirds of 100, as a three-question dimension scores: summed in any order, one mean.
        let thirds = (0..<3_000).map { Double($0 % 4) * 100 / 3 }
        var generator = SplitMix64(state: 17)
        let means = (0..<5).map { _ in
            var shuffled = thirds.shuffled(using: &generator)
            return shuffled.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }.mean
        }
        #expect(Set(means).count == 1)
    }

    @Test func noScoresHaveNoStatistics() {
        var empty: [Double] = []
        let statistics = empty.withUnsafeMutableBufferPointer { ScoreStatistics(rearranging: $0) }
        #expect(statistics == ScoreStatistics())
        #expect(statistics.mean == nil && statistics.median == nil)
    }

    @Test func mergedTablesKeepTheirOrderAndLeaveOutMissingScores() {
        // Rows of two scopes; a group's rows come from several workers, and a mean sums them in line order.
        var table = ScoreTable(width: 2)
        table.append([1, 10])
        table.append([2, nil])
        var other = ScoreTable(width: 2)
        other.append([3, 30])
        var third = ScoreTable(width: 2)
        third.append([nil, 40])
        other.append(contentsOf: third)
        table.append(contentsOf: other)
        table.append([5, 50])
        table.append(contentsOf: ScoreTable(width: 2))
        #expect(ScoreTable(width: 2).scores(scope: 0) == [])
        #expect(table.rowCount == 5)
        #expect(table.scores(scope: 0) == [1, 2, 3, 5])
        #expect(table.scores(scope: 1) == [10, 30, 40, 50])
        var buffer = [Double](repeating: -1, count: table.rowCount)
        let copied = buffer.withUnsafeMutableBufferPointer { table.copyScores(scope: 1, into: $0.baseAddress!) }
        #expect(Array(buffer[0..<copied]) == [10, 30, 40, 50])
    }

    @Test func organisationSetsCountDistinctOrganisations() {
        var set = OrganisationSet()
        // 1,000 organisations, each seen three times, past every growth of the table.
        for round in 0..<3 {
            for organisation in 0..<1_000 { set.insert(FNV1a.hash(Array("org-\(organisation)".utf8))) }
            #expect(set.count == 1_000, "after round \(round)")
        }
        #expect(set.contains(FNV1a.hash(Array("org-999".utf8))))
        #expect(!set.contains(FNV1a.hash(Array("org-1000".utf8))))
        var other = OrganisationSet()
        for organisation in 500..<1_500 { other.insert(FNV1a.hash(Array("org-\(organisation)".utf8))) }
        set.formUnion(other)
        #expect(set.count == 1_500)
        // A hash of 0 is stored as 1: the two can only count as one organisation, never as more.
        var edge = OrganisationSet()
        edge.insert(0)
        edge.insert(1)
        #expect(edge.count == 1)
    }
}

/// The per-question counts of a group, which decide the most common gaps, checked against plain counting.
@Suite struct GroupCountingTests {
    @Test func bitSlicedCountsMatchPlainCounts() {
        var random = SplitMix64(state: 5)
        let questionCount = 130  // three words, the last one with two questions
        var counter = QuestionCounter(questionCount: questionCount)
        var other = QuestionCounter(questionCount: questionCount)
        var expected = [UInt32](repeating: 0, count: questionCount)
        for step in 0..<6_000 {
            let word = step % 3
            // Every bit set in the first 1,000 steps, so the counts carry through nine planes; random after.
            var bits = step < 1_000 ? ~0 : random.next() & random.next()
            if word == 2 { bits &= 0b11 }
            if step % 2 == 0 { counter.add(bits, word: word) } else { other.add(bits, word: word) }
            for bit in 0..<64 where bits & (1 << UInt64(bit)) != 0 { expected[word * 64 + bit] += 1 }
        }
        counter.add(other)
        #expect((0..<questionCount).map(counter.count(of:)) == expected)
        #expect(expected[0] > 500)
    }

    /// A small group keeps its responses as bits and builds its counters at its 48th response; merged groups
    /// cross that line too. Whichever way a group was built, its counts and pairs are those of plain counting.
    @Test(arguments: [1, 2, 5, 47, 48, 49, 95, 96, 200])
    func smallAndLargeGroupsCountTheSame(responses: Int) {
        var random = SplitMix64(state: UInt64(responses))
        let questionCount = 130
        let records: [(record: ScoredResponse, organisation: UInt64)] = (0..<responses).map { _ in
            var record = ScoredResponse(dimensionCount: 1, questionCount: questionCount)
            for question in 0..<questionCount where random.next() % 3 != 0 {
                record.answered.insert(question)
                if random.next() % 4 == 0 { record.gaps.insert(question) }
            }
            // Few organisations, so pairs fill from repeated names too.
            return (record, 1 + random.next() % 7)
        }
        var expectedAnswered = [UInt32](repeating: 0, count: questionCount)
        var expectedGaps = [UInt32](repeating: 0, count: questionCount)
        var gapOrganisations = [Set<UInt64>](repeating: [], count: questionCount)
        var otherOrganisations = [Set<UInt64>](repeating: [], count: questionCount)
        for (record, organisation) in records {
            for question in 0..<questionCount {
                let answered = record.answered.word(question / 64) >> UInt64(question % 64) & 1 == 1
                let gap = record.gaps.word(question / 64) >> UInt64(question % 64) & 1 == 1
                if answered { expectedAnswered[question] += 1 }
                if gap { expectedGaps[question] += 1 }
                if gap { gapOrganisations[question].insert(organisation) }
                if answered && !gap { otherOrganisations[question].insert(organisation) }
            }
        }
        func check(_ group: GroupAccumulator) {
            #expect(group.responses == responses)
            #expect(group.answeredCounts == expectedAnswered)
            #expect(group.gapCounts == expectedGaps)
            #expect(group.gapOrganisations.map(\.count) == gapOrganisations.map { min(2, $0.count) })
            #expect(group.otherOrganisations.map(\.count) == otherOrganisations.map { min(2, $0.count) })
        }
        func group(_ part: ArraySlice<(record: ScoredResponse, organisation: UInt64)>) -> GroupAccumulator {
            var group = GroupAccumulator(scopeCount: 2, levelCount: 3, questionCount: questionCount)
            for (record, organisation) in part { group.add(record, organisation: organisation) }
            return group
        }
        check(group(records[...]))
        // Split at every kind of place: both parts buffered, one counting, both counting.
        for split in Set([0, 1, responses / 2, max(0, responses - 1), responses]) {
            var first = group(records[..<split])
            first.merge(group(records[split...]))
            check(first)
        }
    }
}
