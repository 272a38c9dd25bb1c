import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

@Suite("The bundled example response set")
struct BundledResponseSetTests {
    /// Scores each line with the core scorer and groups by region by hand: an independent computation that shares
    /// nothing with the aggregator's fast path, workers or accumulators.
    static func independentStatistics() throws -> [String: [String: [Double]]] {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let scorer = try Scorer(rubric: rubric)
        let path = try #require(try BundledRubrics.path(ofExample: "digital-capacity")).replacingOccurrences(
            of: ".example.json", with: ".responses.ndjson")
        var scores: [String: [String: [Double]]] = [:]
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let document = try JSONDocument(bytes: Array(line.utf8), file: "line")
            let response = try AssayFile.response(from: document, against: scorer.index).response
            let assessment = try scorer.score(response)
            let region = try #require(response.attributes["region"])
            for dimension in assessment.dimensions {
                if let value = dimension.score.value {
                    scores[region, default: [:]][dimension.id, default: []].append(value)
                }
            }
            if let value = assessment.overall.value {
                scores[region, default: [:]]["overall", default: []].append(value)
            }
        }
        return scores
    }

    /// DuckDB's quantile_cont: linear interpolation between order statistics at h = (n − 1)·q.
    static func quantile(_ values: [Double], _ q: Double) -> Double {
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * q
        let low = Int(h.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
    }

    @Test func aggregationAgreesWithAnIndependentComputation() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let scorer = try Scorer(rubric: rubric)
        let path = try #require(try BundledRubrics.path(ofExample: "digital-capacity")).replacingOccurrences(
            of: ".example.json", with: ".responses.ndjson")
        let aggregate = try ResponseSetAggregator(scorer: scorer, options: AggregationOptions(groupBy: ["region"]))
            .aggregate(path)
        // Every line of the bundled set is read and scored by the plan, not left to jansson and the core: the
        // bundled rubric has conditions and gates, which the fast path used to decline (40 times slower).
        #expect(aggregate.fastPathResponses == aggregate.responsesCounted)
        #expect(aggregate.responsesCounted > 0)
        // Six decimals instead of whole numbers, so a disagreement cannot hide in the rounding.
        var policy = DisclosurePolicy()
        policy.scoreDecimals = 6
        let summary = SummaryBuilder(index: scorer.index, policy: policy).summary(of: aggregate)
        let expected = try Self.independentStatistics()
        #expect(Set(summary.groups.map(\.label)) == ["NB", "ON", "QC"])
        for group in summary.groups {
            let byScope = try #require(expected[group.label])
            #expect(group.organisations == byScope["overall"]?.count)
            for scope in group.scopes {
                let values = try #require(byScope[scope.scope], "\(group.label) \(scope.scope)")
                #expect(scope.count == values.count)
                #expect(
                    approximately(scope.mean, values.reduce(0, +) / Double(values.count)),
                    "\(group.label) \(scope.scope)")
                #expect(approximately(scope.median, Self.quantile(values, 0.5)), "\(group.label) \(scope.scope)")
                #expect(approximately(scope.q1, Self.quantile(values, 0.25)), "\(group.label) \(scope.scope)")
                #expect(approximately(scope.q3, Self.quantile(values, 0.75)), "\(group.label) \(scope.scope)")
            }
        }
    }

    func approximately(_ actual: Double?, _ expected: Double) -> Bool {
        guard let actual else { return false }
        return abs(actual - expected) <= 1e-6
    }
}
