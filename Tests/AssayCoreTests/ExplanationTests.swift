import AssayCore
import Testing

@Suite("Explanations")
struct ExplanationTests {
    let explanation = try! Scorer(rubric: Fixtures.rubric()).explain(
        Fixtures.response([
            "a.owner": .flag(false), "a.1": .text("partial"), "a.2": .text("full"),
            "b.1": .text("full"), "b.2": .text("full"), "b.3": .text("full"),
        ])
    )

    @Test func ranksOneStepImprovementsByOverallGain() throws {
        // Now: A = 100·(0 + 2·1/3 + 1)/4 = 41.667; B = 100; overall = (2·41.667 + 100)/3 = 61.111.
        let steps = explanation.opportunities
        #expect(steps.map(\.questionID) == ["a.owner", "a.1"])
        // a.owner no → yes: A = 100·(1 + 2/3 + 1)/4 = 66.667 (+25); overall (2·66.667 + 100)/3 = 77.778 (+16.667).
        #expect(approximately(steps[0].dimensionGain, 25))
        #expect(approximately(steps[0].overallGain, 50.0 / 3))
        #expect(steps[0].isCritical)
        // a.1 partial → largely: A = 100·(0 + 4/3 + 1)/4 = 58.333 (+16.667); overall +2·16.667/3 = +11.111.
        #expect(steps[1].fromOption == "partial" && steps[1].toOption == "largely")
        #expect(approximately(steps[1].overallGain, 100.0 / 9))
        #expect(steps[1].recommendation == ["en": "Write it down."])
    }

    @Test func namesTheScoreAndTheGatesThatBlockTheNextLevel() throws {
        // Overall 61.1 → developing; managed needs 70 and the a.owner gate.
        #expect(explanation.overall.level == "developing")
        #expect(explanation.overall.nextLevel == "managed")
        #expect(explanation.overall.blockers.count == 2)
        guard case .score(let needed, let actual) = explanation.overall.blockers[0] else {
            Issue.record("expected a score blocker first")
            return
        }
        #expect(needed == 70 && approximately(actual, 550.0 / 9))
        guard case .gate(let gate, let outcome) = explanation.overall.blockers[1] else {
            Issue.record("expected a gate blocker")
            return
        }
        #expect(gate.question == "a.owner" && outcome?.optionID == "no")
        // B is at the top level: nothing further to reach.
        let b = try #require(explanation.dimensions.first { $0.scope == .dimension("b") })
        #expect(b.level == "managed" && b.nextLevel == nil && b.blockers.isEmpty)
    }
}

@Suite("Explanations of unscored dimensions")
struct UnscoredExplanationTests {
    @Test func aDimensionWithNothingScoredHasNoBlockers() throws {
        // Only A is answered; B has no scored answer, so there is no level to explain for it.
        let explanation = try Scorer(rubric: Fixtures.rubric()).explain(
            Fixtures.response(["a.owner": .flag(true), "a.1": .text("full")])
        )
        let b = try #require(explanation.dimensions.first { $0.scope == .dimension("b") })
        // Its next level is the first one, but with no score there is no gap to name.
        #expect(b.level == nil && b.nextLevel == "initial" && b.blockers.isEmpty)
    }
}
