import AssayCore
import Testing

@Suite("weighted-mean")
struct WeightedMeanModelTests {
    let scorer = try! Scorer(rubric: Fixtures.rubric())

    @Test func scoresDimensionsPracticeAreasAndOverallByWeight() throws {
        let assessment = try scorer.score(
            Fixtures.response([
                "a.owner": .flag(false), "a.1": .text("partial"), "a.2": .text("full"),
                "b.1": .text("largely"), "b.2": .text("none"), "b.3": .number(3),
            ])
        )
        // A: owner no → 0 (w1); a.1 partial → 1/3 (w2); a.2 full → 1 (w1).
        //    100 · (0 + 2/3 + 1) / 4 = 41.667
        #expect(approximately(assessment.dimension("a")?.score.value, 100 * (2.0 / 3 + 1) / 4))
        // B.x: (2/3 + 0)/2 = 33.333; B.y: value 3 → 100. B = (3·33.333 + 1·100)/4 = 50.
        let b = try #require(assessment.dimension("b"))
        #expect(approximately(b.practiceAreas.first { $0.id == "b.x" }?.score, 100.0 / 3))
        #expect(approximately(b.score.value, 50))
        // Overall = (2·41.667 + 1·50)/3 = 44.444.
        let a: Double = 100 * (2.0 / 3 + 1) / 4
        #expect(approximately(assessment.overall.value, (2 * a + 50) / 3))
        // Levels: A 41.7 → developing; B 50 → developing; overall 44.4 → developing.
        #expect(assessment.dimension("a")?.score.level == "developing")
        #expect(assessment.overall.level == "developing")
        #expect(assessment.rubricID == "fixture" && assessment.rubricVersion == "1.0.0")
        #expect(assessment.questions.map(\.questionID) == ["a.owner", "a.1", "a.2", "b.1", "b.2", "b.3"])
    }

    @Test func aFailingGateCapsTheLevelBelowIt() throws {
        let all = ["a.1", "a.2", "b.1", "b.2", "b.3"].reduce(into: [String: AnswerValue]()) { $0[$1] = .text("full") }
        var answers = all
        answers["a.owner"] = .flag(false)
        let gated = try scorer.score(Fixtures.response(answers))
        // A: (0 + 2 + 1)/4 = 75 → managed band, but the gate on a.owner fails → developing.
        #expect(approximately(gated.dimension("a")?.score.value, 75))
        #expect(gated.dimension("a")?.score.level == "developing")
        // B = 100 → managed; the gate's question is in A, so B is not capped.
        #expect(gated.dimension("b")?.score.level == "managed")
        // Overall = (2·75 + 100)/3 = 83.3 → managed band, capped by the gate → developing.
        #expect(gated.overall.level == "developing")
        answers["a.owner"] = .flag(true)
        #expect(try scorer.score(Fixtures.response(answers)).overall.level == "managed")
    }

    @Test func conditionsDecideWhatIsAskedAndCounted() throws {
        // a.1 none (value 0) → a.2's condition (a.1 at least 1) fails: a.2 is not asked and does not count.
        let assessment = try scorer.score(
            Fixtures.response(["a.owner": .flag(true), "a.1": .text("none"), "a.2": .text("full")])
        )
        #expect(assessment.questions[2].status == .notAsked)
        // A = 100 · (1 + 0)/(1 + 2) = 33.333
        #expect(approximately(assessment.dimension("a")?.score.value, 100.0 / 3))
        // B unanswered throughout → no score; overall is A's alone.
        #expect(assessment.dimension("b")?.score.value == nil)
        #expect(approximately(assessment.overall.value, 100.0 / 3))
        // Askable: 5 (a.2 not asked); answered 2; unanswered 3.
        #expect(assessment.completeness.askable == 5)
        #expect(assessment.completeness.unanswered == 3)
    }

    @Test(arguments: [
        // (treatment, expected A score): a.owner yes (1, w1), a.1 full (1, w2), a.2 is the policy's subject (w1).
        (AnswerTreatment.exclude, 100.0),  // 100·(1+2)/3
        (.zero, 75.0),  // 100·(1+2+0)/4
        (.target, 100.0),  // target = top of scale = 1 → 100·4/4
    ])
    func answerPoliciesTreatNotApplicableDontKnowAndUnanswered(treatment: AnswerTreatment, expected: Double) throws {
        let base: [String: AnswerValue] = ["a.owner": .flag(true), "a.1": .text("full")]
        for (policies, value) in [
            (AnswerPolicies(notApplicable: treatment), AnswerValue?.some(.notApplicable)),
            (AnswerPolicies(dontKnow: treatment), .some(.dontKnow)),
            (AnswerPolicies(unanswered: treatment), nil),
        ] {
            var answers = base
            answers["a.2"] = value
            let assessment = try Scorer(rubric: Fixtures.rubric(policies: policies)).score(Fixtures.response(answers))
            #expect(
                approximately(assessment.dimension("a")?.score.value, expected),
                "policy \(policies) for \(String(describing: value))")
        }
    }

    @Test func rejectsAnswersTheRubricDoesNotAccept() {
        #expect(throws: DocumentError.self) { try scorer.score(Fixtures.response(["nope": .flag(true)])) }
        #expect(throws: DocumentError.self) { try scorer.score(Fixtures.response(["a.1": .text("most")])) }
        #expect(throws: DocumentError.self) { try scorer.score(Fixtures.response(["a.1": .notApplicable])) }
        #expect(throws: DocumentError.self) { try scorer.score(Fixtures.response(["a.owner": .number(2)])) }
    }
}
