import AssayCompare
import AssayCore
import AssayJSON
import AssayTesting
import Testing

@Suite struct DifferentialPrivacyTests {
    @Test func theBudgetRefusesToOverspend() throws {
        let budget = PrivacyBudget(total: 1)
        let first = try budget.spending(.init(name: "spring", epsilon: 0.6))
        #expect(first.remaining == 0.4)
        // 0.6 + 0.5 > 1: refused, and the budget is unchanged.
        #expect(throws: PrivacyBudgetError.self) { try first.spending(.init(name: "autumn", epsilon: 0.5)) }
        // Exactly the rest is allowed, even when 0.6 + 0.4 is not exactly 1.0 in floating point.
        let second = try first.spending(.init(name: "autumn", epsilon: 0.4))
        #expect(second.releases.map(\.name) == ["spring", "autumn"])
        #expect(throws: PrivacyBudgetError.self) { try second.spending(.init(name: "more", epsilon: 0.01)) }
        #expect(throws: PrivacyBudgetError.self) { try budget.spending(.init(name: "zero", epsilon: 0)) }
    }

    @Test func noiseScalesFollowFromEpsilonAndBounds() {
        // ε = 1 over 2 partitions (groups, overall) and 1 count + 3 sums each: 1/2/4 = 0.125 per query.
        let release = LaplaceRelease(epsilon: 1, scopeCount: 3)
        #expect(release.epsilonPerQuery == 0.125)
        #expect(release.countScale == 8)  // 1 / 0.125
        #expect(release.sumScale == 800)  // (100 − 0) / 0.125
        #expect(release.clamped(140) == 100)
        #expect(release.clamped(-3) == 0)
    }

    @Test func laplaceNoiseHasTheRightSpread() {
        // The mean absolute value of Laplace(b) noise is b.
        var generator = SplitMix64(state: 11)
        let draws = (0..<20_000).map { _ in abs(LaplaceRelease.laplace(scale: 4, using: &generator)) }
        let meanAbsolute = draws.reduce(0, +) / Double(draws.count)
        #expect(abs(meanAbsolute - 4) < 0.15)
    }

    @Test func aPrivateSummaryReleasesOnlyNoisyCountsAndMeans() throws {
        let scorer = try handScorer()
        var lines: [String] = []
        for index in 0..<400 {
            lines.append(
                handLine(organisation: "org-\(index)", region: index < 200 ? "a" : "b", people: 50, tools: 100))
        }
        let file = try TemporaryFile(lines: lines)
        let aggregate = try ResponseSetAggregator(
            scorer: scorer,
            options: AggregationOptions(groupBy: ["region"], perOrganisation: .latest)
        ).aggregate(file.path)
        var generator = SplitMix64(state: 3)
        let release = LaplaceRelease(epsilon: 8, scopeCount: 4)
        let summary = try SummaryBuilder(index: scorer.index)
            .privateSummary(of: aggregate, release: release, using: &generator)
        let note = try #require(summary.differentialPrivacy)
        #expect(note.countNoiseScale == release.countScale)
        let a = try #require(summary.group("a"))
        // 200 organisations, noise of scale 1/(8/2/5) = 1.25: the count is close to, and almost surely not, 200.
        #expect(abs(a.organisations - 200) < 20)
        let people = try #require(a.scope("people"))
        #expect(people.median == nil && people.q1 == nil && people.levels == nil)
        #expect(abs((people.mean ?? 0) - 50) <= 3)
        #expect(a.gaps.isEmpty)
        // Counting every response would let one organisation weigh many times: refused.
        let all = try ResponseSetAggregator(scorer: scorer, options: AggregationOptions(groupBy: ["region"]))
            .aggregate(file.path)
        #expect(throws: PrivacyBudgetError.self) {
            try SummaryBuilder(index: scorer.index).privateSummary(of: all, release: release, using: &generator)
        }
    }
}
