import AssayCore
import AssayTesting
import Testing

/// The 120-question workload the speed harness times (`Benchmarks/measure`): the plan must score it, and give
/// exactly the assessment the core's evaluation gives (every question outcome, completeness, practice areas), under
/// every built-in model; the reference evaluator must agree; and the workload must hold what the README says it
/// holds, so the numbers measured on it mean what they claim.
@Suite struct ScoringWorkloadTests {
    static let models = [
        "weighted-mean", "gated-maturity", "xccdf-default", "xccdf-flat", "xccdf-flat-unweighted", "xccdf-absolute",
    ]

    @Test func theWorkloadHasWhatARealResponseHas() throws {
        let scorer = try Scorer(rubric: ScoringWorkload.rubric)
        #expect(scorer.index.questions.count == 120)
        let assessment = try scorer.score(ScoringWorkload.response())
        let statuses = assessment.questions.map(\.status)
        for status in AnswerStatus.allCases {
            #expect(statuses.contains(status), "the workload should have a question \(status)")
        }
        // risk-and-security (dimension 3) answers its routing question "no": practices 5, 6 and 7 are not asked,
        // whatever was answered to them.
        let risk = assessment.questions.filter { $0.dimensionID == "risk-and-security" }
        #expect(risk[5].status == .notAsked && risk[6].status == .notAsked && risk[7].status == .notAsked)
        // The practice-area dimensions report each of their three areas.
        #expect(assessment.dimensions.map(\.practiceAreas.count) == [0, 0, 0, 0, 3, 3, 3, 3])
        // Gates are on finance's practice 4 and organisation's practice 2.
        #expect(scorer.index.rubric.levels.flatMap(\.gates).count == 4)
        #expect(scorer.plan?.assessment(of: ScoringWorkload.response()) != nil, "the plan should score it")
        // Lists of choices have codes too (each set of a question's options, up to 8 options), and the plan's
        // assessment of them is the core's.
        let choosing = ScoringWorkload.response(choosing: true)
        #expect(scorer.plan?.assessment(of: choosing) == (try scorer.scoreThroughEvaluation(choosing)))
    }

    @Test func thePlanScoresTheWorkloadAsTheCoreDoesUnderEveryModel() throws {
        var random = SplitMix64(state: 120)
        var planned = 0
        for model in Self.models {
            var rubric = ScoringWorkload.rubric
            rubric.scoring = ScoringSpec(model: model)
            if model == "gated-maturity" {
                // Every question tagged with a level in turn, so every level has practices.
                let levels = rubric.levels.map(\.id)
                var next = 0
                for dimension in rubric.dimensions.indices {
                    for question in rubric.dimensions[dimension].questions.indices {
                        rubric.dimensions[dimension].questions[question].level = levels[next % levels.count]
                        next += 1
                    }
                    for area in rubric.dimensions[dimension].practiceAreas.indices {
                        for question in rubric.dimensions[dimension].practiceAreas[area].questions.indices {
                            rubric.dimensions[dimension].practiceAreas[area].questions[question].level =
                                levels[next % levels.count]
                            next += 1
                        }
                    }
                }
            }
            let treatments: [AnswerTreatment] = [.exclude, .zero, .target]
            rubric.policies = AnswerPolicies(
                notApplicable: treatments.randomElement(using: &random)!,
                dontKnow: treatments.randomElement(using: &random)!,
                unanswered: treatments.randomElement(using: &random)!)
            let scorer = try Scorer(rubric: rubric)
            let reference = ReferenceEvaluator(rubric: rubric)
            for seed in 0..<60 {
                let response = ScoringWorkload.response(seed: UInt64(seed), choosing: seed % 10 == 0)
                let fast = try scorer.score(response)
                #expect(fast == (try scorer.scoreThroughEvaluation(response)), "\(model), seed \(seed)")
                if scorer.plan?.assessment(of: response) != nil { planned += 1 }
                let expected = try #require(reference.evaluate(response))
                #expect(fast.questions.map(\.status) == expected.statuses, "\(model), seed \(seed)")
                #expect(fast.questions.map(\.points) == expected.points, "\(model), seed \(seed)")
                let levels = fast.dimensions.map(\.score.level) + [fast.overall.level]
                #expect(levels == expected.levels, "\(model), seed \(seed)")
            }
        }
        // Every response, with lists of choices or without, took the plan.
        #expect(planned == 6 * 60)
    }
}

/// The plan finds questions and options by their UTF-8 bytes; a key or an answer spelt in another Unicode form
/// (a decomposed "é") matches no bytes, and the response must then be read by the core, which compares text as
/// Swift does: the answer is counted, not lost or refused.
@Suite struct UnicodeSpellingTests {
    @Test func anotherSpellingOfAnIdOrAnOptionIsReadByTheCore() throws {
        let composed = "caf\u{E9}"
        let decomposed = "cafe\u{301}"
        let rubric = Rubric(
            id: "spelling", version: "1.0.0", title: ["en": "Spelling"],
            dimensions: [
                RubricDimension(
                    id: "d", title: ["en": "D"],
                    questions: [
                        Question(
                            id: "\(composed).open", prompt: ["en": "Open?"],
                            format: .singleChoice([
                                ChoiceOption(id: composed, label: ["en": "Caf\u{E9}"], points: 1),
                                ChoiceOption(id: "closed", label: ["en": "Closed"], points: 0),
                            ])),
                        Question(id: "plain", prompt: ["en": "Plain?"], format: .yesNo),
                    ])
            ])
        let scorer = try Scorer(rubric: rubric)
        for (key, option) in [(composed, decomposed), (decomposed, composed), (decomposed, decomposed)] {
            let response = AssessmentResponse(
                rubric: "spelling", answers: ["\(key).open": Answer(.text(option)), "plain": Answer(.flag(true))])
            let assessment = try scorer.score(response)
            #expect(assessment == (try scorer.scoreThroughEvaluation(response)))
            // Both answered, both earning a point: (1 + 1) / 2 = 100.
            #expect(assessment.completeness.answered == 2)
            #expect(assessment.overall.value == 100)
        }
    }
}
