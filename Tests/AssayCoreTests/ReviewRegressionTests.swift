import AssayCore
import Testing

/// Defects found in review, each pinned by the input that showed it.
@Suite("Review regressions")
struct ReviewRegressionTests {
    static func text(_ english: String) -> LocalizedText { ["en": english] }

    @Test func aScoreExactlyOnABandEdgeReachesTheLevelAbove() throws {
        // Three equal questions on a 0–5 scale, each answered 3: p = 3/5 each, score = 100·(0.6·3)/3 = 60 exactly,
        // though the floating-point sum gives 59.99999999999999.
        let options = (0...5).map { ScaleOption(id: "v\($0)", value: Double($0), label: Self.text("\($0)")) }
        let rubric = Rubric(
            id: "edge", version: "1.0.0", title: Self.text("Edge"),
            levels: [
                MaturityLevel(id: "low", name: Self.text("Low"), minScore: 0, maxScore: 60),
                MaturityLevel(id: "high", name: Self.text("High"), minScore: 60, maxScore: 100),
            ],
            dimensions: [
                RubricDimension(
                    id: "d", title: Self.text("D"),
                    questions: (1...3).map {
                        Question(id: "q\($0)", prompt: Self.text("Q"), format: .scale(.inline(options)))
                    })
            ]
        )
        let scorer = try Scorer(rubric: rubric)
        let response = AssessmentResponse(
            rubric: "edge", answers: ["q1": Answer(.number(3)), "q2": Answer(.number(3)), "q3": Answer(.number(3))])
        let assessment = try scorer.score(response)
        #expect(approximately(assessment.overall.value, 60, within: 1e-9))
        #expect(assessment.overall.level == "high")
        #expect(
            try scorer.explain(response).overall.blockers.allSatisfy { if case .score = $0 { false } else { true } })
    }

    @Test func aListOfChoicesScoresTheSameInAnyOrderAndThroughThePlan() throws {
        // Options worth 0.1, 0.2 and 0.3 of max_points 1. Added as chosen, ["c", "b", "a"] made 0.3 + 0.2 + 0.1 =
        // 0.6 and ["a", "b", "c"] made 0.1 + 0.2 + 0.3 = 0.6000000000000001: the same set, two scores. The points
        // are now added in the options' declared order, so both are 0.6000000000000001, and the plan, which codes
        // a list as the set of its options, gives what the core gives.
        let choices = ["a", "b", "c"].enumerated().map {
            ChoiceOption(id: $0.element, label: Self.text($0.element), points: Double($0.offset + 1) / 10)
        }
        let rubric = Rubric(
            id: "sets", version: "1.0.0", title: Self.text("Sets"),
            levels: [MaturityLevel(id: "all", name: Self.text("All"), minScore: 0, maxScore: 100)],
            dimensions: [
                RubricDimension(
                    id: "d", title: Self.text("D"),
                    questions: [
                        Question(id: "m", prompt: Self.text("M"), format: .multipleChoice(choices, maxPoints: 1)),
                        Question(
                            id: "then", prompt: Self.text("T"), format: .yesNo,
                            condition: .answer(question: "m", test: .equals(.choices(["c", "a"])))),
                        Question(
                            id: "more", prompt: Self.text("More"), format: .multipleChoice(choices, maxPoints: 1),
                            condition: .answer(question: "then", test: .equals(.flag(true)))),
                    ])
            ])
        let scorer = try Scorer(rubric: rubric)
        func assessed(_ ids: [String]) throws -> Assessment {
            let response = AssessmentResponse(
                rubric: "sets", answers: ["m": Answer(.choices(ids)), "then": Answer(.flag(true))])
            #expect(scorer.plan?.assessment(of: response) != nil, "the plan should code \(ids)")
            #expect(try scorer.score(response) == scorer.scoreThroughEvaluation(response))
            return try scorer.score(response)
        }
        let reversed = try assessed(["c", "b", "a"])
        let declared = try assessed(["a", "b", "c"])
        #expect(reversed.questions[0].earned == 0.1 + 0.2 + 0.3)
        #expect(declared.questions[0].earned == reversed.questions[0].earned)
        #expect(declared.overall.value == reversed.overall.value)
        // The condition compares sets: ["a", "c"] asks the follow-up in either order, ["a", "b", "c"] does not.
        #expect(declared.questions[1].status == .notAsked)
        #expect(try assessed(["a", "c"]).questions[1].status == .answered)
        // One id is kept as the one-item list when the question is asked, and as given when it is not: as the core
        // keeps it, so the plan's assessment is the core's.
        for asked in [true, false] {
            let response = AssessmentResponse(
                rubric: "sets",
                answers: [
                    "m": Answer(.choices(asked ? ["c", "a"] : ["a"])), "then": Answer(.flag(true)),
                    "more": Answer(.text("b")),
                ])
            #expect(scorer.plan?.assessment(of: response) != nil)
            let assessment = try scorer.score(response)
            #expect(assessment == (try scorer.scoreThroughEvaluation(response)))
            #expect(assessment.questions[2].status == (asked ? .answered : .notAsked))
            #expect(assessment.questions[2].value == (asked ? .choices(["b"]) : .text("b")))
        }
        // A repeated or unknown option has no code: the core reports it.
        for ids in [["a", "a"], ["a", "z"]] {
            let response = AssessmentResponse(rubric: "sets", answers: ["m": Answer(.choices(ids))])
            #expect(scorer.plan?.assessment(of: response) == nil)
            #expect(throws: DocumentError.self) { try scorer.score(response) }
        }
    }

    @Test func aWeightSoLargeThatSumsOverflowIsRefused() throws {
        // Two dimensions of weight 1e308, each scoring 100: the overall's weighted sum overflowed, and the overall
        // score came out as inf / inf = NaN, which no report or summary can show.
        func rubric(weight: Double) -> Rubric {
            Rubric(
                id: "w", version: "1.0.0", title: Self.text("W"),
                dimensions: ["a", "b"].map { id in
                    RubricDimension(
                        id: id, title: Self.text(id), weight: weight,
                        questions: [Question(id: "\(id).q", prompt: Self.text("Q"), format: .yesNo)])
                }
            )
        }
        let error = try #require(throws: DocumentError.self) { try Scorer(rubric: rubric(weight: 1e308)) }
        #expect(error.diagnostics.contains { $0.message.contains("a weight must be at most 1,000,000") })
        // The largest allowed weight scores normally: 100 in each dimension, 100 overall.
        let scorer = try Scorer(rubric: rubric(weight: 1_000_000))
        let answers = ["a.q": Answer(.flag(true)), "b.q": Answer(.flag(true))]
        #expect(try scorer.score(AssessmentResponse(rubric: "w", answers: answers)).overall.value == 100)
    }

    @Test func xccdfLeavesFreeTextOutEvenWhenTheAnswerIsDontKnow() throws {
        var rubric = Fixtures.rubric(model: "xccdf-flat")
        rubric.dimensions[0].questions.append(Question(id: "a.notes", prompt: Self.text("Notes?"), format: .text))
        let assessment = try Scorer(rubric: rubric).score(
            Fixtures.response(["a.owner": .flag(true), "a.notes": .dontKnow])
        )
        // Counted: a.owner (pass, w1) alone; the text question is informational: s = 1 of m = 1.
        #expect(assessment.dimension("a")?.score.raw == RawScore(score: 1, maximum: 1))
    }

    @Test func aSingleOptionIdAndAOneItemListAreTheSameMultipleChoiceAnswer() throws {
        let choices = [
            ChoiceOption(id: "x", label: Self.text("X"), points: 1),
            ChoiceOption(id: "y", label: Self.text("Y"), points: 1),
        ]
        let rubric = Rubric(
            id: "mc", version: "1.0.0", title: Self.text("MC"),
            dimensions: [
                RubricDimension(
                    id: "d", title: Self.text("D"),
                    questions: [
                        Question(
                            id: "m", prompt: Self.text("Which?"), format: .multipleChoice(choices, maxPoints: nil)),
                        Question(
                            id: "f1", prompt: Self.text("If x"), format: .yesNo,
                            condition: .answer(question: "m", test: .equals(.choices(["x"])))),
                        Question(
                            id: "f2", prompt: Self.text("If x"), format: .yesNo,
                            condition: .answer(question: "m", test: .equals(.text("x")))),
                    ])
            ]
        )
        let scorer = try Scorer(rubric: rubric)
        for answer in [AnswerValue.text("x"), .choices(["x"])] {
            let assessment = try scorer.score(AssessmentResponse(rubric: "mc", answers: ["m": Answer(answer)]))
            #expect(assessment.questions.map(\.status) == [.answered, .unanswered, .unanswered], "answer \(answer)")
            // One of two options worth 1 each: p = 1/2 → 50.
            #expect(assessment.overall.value == 50)
        }
    }

    @Test func pairsOfPassFailModelsSuggestTheStepThatReachesTheTarget() throws {
        // Under xccdf-flat, a.1 partial → largely still fails (target: full), so the useful step is to full.
        let explanation = try Scorer(rubric: Fixtures.rubric(model: "xccdf-flat")).explain(
            Fixtures.response(["a.owner": .flag(true), "a.1": .text("partial")])
        )
        let step = try #require(explanation.opportunities.first { $0.questionID == "a.1" })
        #expect(step.fromOption == "partial" && step.toOption == "full")
        // Counted: owner (1, pass), a.1 (2, fail) → 1 of 3 = 33.3; with a.1 full → 3 of 3 = 100: +66.7 in A.
        #expect(approximately(step.dimensionGain, 200.0 / 3))
        #expect(step.recommendation == ["en": "Write it down."])
    }

    @Test func aGatedDimensionWhosePracticesAllDoNotApplyReachesNoLevel() throws {
        var rubric = GatedMaturityModelTests.rubric
        rubric.dimensions[1].questions[0].allowsNotApplicable = true
        let assessment = try Scorer(rubric: rubric).score(
            AssessmentResponse(rubric: "mil", answers: ["e.1": Answer(.notApplicable), "d.1": Answer(.text("full"))])
        )
        #expect(assessment.dimension("e")?.score.level == nil)
        // d: d.1 in place; d.2 and d.3 unanswered → only the first level.
        #expect(assessment.dimension("d")?.score.level == "initial")
    }

    @Test func aGatedRubricWithNothingScoredStillNamesWhatBlocksTheFirstLevel() throws {
        let explanation = try Scorer(rubric: GatedMaturityModelTests.rubric).explain(AssessmentResponse(rubric: "mil"))
        let d = try #require(explanation.dimensions.first { $0.scope == .dimension("d") })
        #expect(d.nextLevel == "initial")
        #expect(d.blockers.contains { if case .practice("d.1", _) = $0 { true } else { false } })
    }

    @Test func multipleChoiceTargetsAreReachableAndWorthlessOptionsAreFlagged() throws {
        let choices = [
            ChoiceOption(id: "x", label: Self.text("X"), points: 0.5),
            ChoiceOption(id: "y", label: Self.text("Y"), points: 0.25),
        ]
        let rubric = Rubric(
            id: "t", version: "1.0.0", title: Self.text("T"), scoring: ScoringSpec(model: "xccdf-flat"),
            dimensions: [
                RubricDimension(
                    id: "d", title: Self.text("D"),
                    questions: [
                        // max_points 1 above the 0.75 the options add up to: the best answer earns 0.75, the target.
                        Question(id: "m", prompt: Self.text("Which?"), format: .multipleChoice(choices, maxPoints: 1))
                    ])
            ]
        )
        let assessment = try Scorer(rubric: rubric).score(
            AssessmentResponse(rubric: "t", answers: ["m": Answer(.choices(["x", "y"]))]))
        #expect(assessment.overall.raw == RawScore(score: 1, maximum: 1))
        var worthless = rubric
        worthless.dimensions[0].questions[0].format = .singleChoice(
            choices.map {
                var option = $0; option.points = 0; return option
            })
        #expect(
            worthless.validate().contains { $0.severity == .warning && $0.message.contains("no option earns points") })
    }

    @Test func levelsWithoutBandsAreFlaggedForScoreBasedModels() {
        var rubric = Fixtures.rubric()
        rubric.levels = rubric.levels.map { MaturityLevel(id: $0.id, name: $0.name) }
        #expect(rubric.validate().contains { $0.severity == .warning && $0.message.contains("no score bands") })
    }

    @Test func pathsQuoteKeysThatAreNotIdentifiers() {
        let path = DocumentPath.root.key("answers").key("say \"hi\" \\ there")
        #expect(path.description == #"answers["say \"hi\" \\ there"]"#)
    }
}
