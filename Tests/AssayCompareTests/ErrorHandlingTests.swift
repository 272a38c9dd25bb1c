import AssayCompare
import AssayCore
import AssayJSON
import Foundation
import Testing

@Suite struct ErrorHandlingTests {
    static let lines =
        organisations(3, prefix: "org", region: "north")
        + ["{\"organisation\": \"broken\", \"rubric\": \"hand\", \"answers\": {\"a\": \"mid\",}}"]
        + organisations(2, prefix: "more", region: "north")
        + [
            handLine(organisation: "bad-option", region: "north", people: 50, tools: 50).replacingOccurrences(
                of: "\"mid\"", with: "\"middling\"")
        ]

    func aggregate(_ onError: AggregationOptions.ErrorHandling) throws -> ResponseSetAggregate {
        let file = try TemporaryFile(lines: Self.lines)
        return try ResponseSetAggregator(
            scorer: try handScorer(),
            options: AggregationOptions(groupBy: ["region"], onError: onError)
        ).aggregate(file.path)
    }

    @Test func failStopsAtTheFirstBadLineWithItsNumber() throws {
        do {
            _ = try aggregate(.fail)
            Issue.record("expected the malformed line 4 to fail the run")
        } catch let error as InputError {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.line == 4)
            #expect(diagnostic.description.contains("responses.ndjson:4:"))
            #expect(diagnostic.message.contains("invalid JSON"))
        }
    }

    @Test func skipCountsEveryBadLineAndSaysWhy() throws {
        let aggregate = try aggregate(.skip)
        #expect(aggregate.skippedCount == 2)
        #expect(aggregate.problems.map(\.line) == [4, 7])
        #expect(aggregate.problems[1].message.contains("\"middling\" is not an option"))
        #expect(aggregate.responsesCounted == 5)
        let summary = SummaryBuilder(index: try handScorer().index).summary(of: aggregate)
        #expect(summary.totals.linesSkipped == 2)
    }

    @Test func aResponseWithoutItsGroupAttributeIsABadLine() throws {
        let file = try TemporaryFile(lines: [handLine(organisation: "x", region: "north", people: 0, tools: 0)])
        let aggregator = ResponseSetAggregator(
            scorer: try handScorer(),
            options: AggregationOptions(groupBy: ["population"], onError: .skip)
        )
        let aggregate = try aggregator.aggregate(file.path)
        #expect(aggregate.skippedCount == 1)
        #expect(aggregate.problems.first?.message.contains("missing attribute \"population\"") == true)
    }
}
