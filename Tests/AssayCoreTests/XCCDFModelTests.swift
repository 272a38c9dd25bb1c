import AssayCore
import Testing

@Suite("XCCDF 1.2 models")
struct XCCDFModelTests {
    /// a.owner yes (pass, w1); a.1 largely (fail: below the top, w2); a.2 na (notapplicable, excluded);
    /// b.1 full (pass, w1); b.2 unknown (unknown: counted, fails, w1); b.3 unanswered (notchecked, excluded).
    let answers: [String: AnswerValue] = [
        "a.owner": .flag(true), "a.1": .text("largely"), "a.2": .notApplicable, "b.1": .text("full"), "b.2": .dontKnow,
    ]

    func score(_ model: String) throws -> Assessment {
        try Scorer(rubric: Fixtures.rubric(model: model)).score(Fixtures.response(answers))
    }

    @Test func defaultModelNormalisesAtEveryNodeOfTheTree() throws {
        let assessment = try score("xccdf-default")
        // A: rules owner 100 (w1), a.1 0 (w2) → (100·1 + 0·2)/3 = 33.333
        #expect(approximately(assessment.dimension("a")?.score.value, 100.0 / 3))
        // B.x: b.1 100, b.2 0 → 50; B.y: b.3 notchecked → count 0, left out; B = 50·3/3 = 50
        #expect(approximately(assessment.dimension("b")?.score.value, 50))
        // Root: (33.333·2 + 50·1)/3 = 38.889
        #expect(approximately(assessment.overall.value, (200.0 / 3 + 50) / 3))
        #expect(assessment.overall.raw == nil)
    }

    @Test func flatModelSumsWeightsOfPassingRules() throws {
        let assessment = try score("xccdf-flat")
        // Counted: owner (1, pass), a.1 (2, fail), b.1 (1, pass), b.2 (1, fail) → s = 2, m = 5
        #expect(assessment.overall.raw == RawScore(score: 2, maximum: 5))
        #expect(approximately(assessment.overall.value, 40))
        #expect(assessment.dimension("a")?.score.raw == RawScore(score: 1, maximum: 3))
    }

    @Test func flatUnweightedCountsPassingRules() throws {
        let assessment = try score("xccdf-flat-unweighted")
        // Every weight taken as 1: s = 2 of m = 4 counted rules.
        #expect(assessment.overall.raw == RawScore(score: 2, maximum: 4))
        #expect(approximately(assessment.overall.value, 50))
    }

    @Test func absoluteIsOneOnlyWhenEveryCountedRulePasses() throws {
        #expect(try score("xccdf-absolute").overall.raw == RawScore(score: 0, maximum: 1))
        let allPass = try Scorer(rubric: Fixtures.rubric(model: "xccdf-absolute")).score(
            Fixtures.response([
                "a.owner": .flag(true), "a.1": .text("full"), "a.2": .notApplicable, "b.1": .text("full"),
            ])
        )
        // Counted rules owner, a.1, b.1 all pass: s = m → 1 (reported as 100).
        #expect(allPass.overall.raw == RawScore(score: 1, maximum: 1))
        #expect(allPass.overall.value == 100)
    }
}
