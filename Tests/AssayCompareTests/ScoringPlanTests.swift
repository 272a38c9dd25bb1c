import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import AssayTesting
import Testing

/// The one engine, against the core's evaluation: every bundled rubric, under every built-in scoring model and
/// every combination of answer policies, with random responses in every answer form (option ids, scale values as
/// numbers, `true`/`false`, "yes"/"no", "na", "unknown", text, answers to questions their conditions do not ask,
/// and answers that are no answer at all). The plan must give the core's scores, levels, answered and gap
/// questions bit for bit, refuse exactly what the core refuses, and take the bundled rubrics at all: before it,
/// the fast path declined every one of them.
@Suite struct ScoringPlanTests {
    static let models = [
        "weighted-mean", "gated-maturity", "xccdf-default", "xccdf-flat", "xccdf-flat-unweighted", "xccdf-absolute",
    ]

    /// `rubric` scored by `model`; for gated-maturity, its questions tagged with its levels in turn, so every
    /// level has practices.
    static func variant(_ rubric: Rubric, model: String, policies: AnswerPolicies) -> Rubric {
        var rubric = rubric
        rubric.scoring = ScoringSpec(model: model)
        rubric.policies = policies
        guard model == "gated-maturity" else { return rubric }
        let levels = rubric.levels.map(\.id)
        var next = 0
        func tag(_ question: inout Question) {
            question.level = levels[next % levels.count]
            next += 1
        }
        for dimension in rubric.dimensions.indices {
            for question in rubric.dimensions[dimension].questions.indices {
                tag(&rubric.dimensions[dimension].questions[question])
            }
            for area in rubric.dimensions[dimension].practiceAreas.indices {
                for question in rubric.dimensions[dimension].practiceAreas[area].questions.indices {
                    tag(&rubric.dimensions[dimension].practiceAreas[area].questions[question])
                }
            }
        }
        return rubric
    }

    /// Answer policies drawn at random: each of "na", "unknown" and unanswered excluded, zero, or at the target.
    static func randomPolicies(_ random: inout SplitMix64) -> AnswerPolicies {
        let treatments: [AnswerTreatment] = [.exclude, .zero, .target]
        return AnswerPolicies(
            notApplicable: treatments.randomElement(using: &random)!,
            dontKnow: treatments.randomElement(using: &random)!,
            unanswered: treatments.randomElement(using: &random)!)
    }

    /// The ways a response may write a valid answer to `entry`, and ways that are no answer to it.
    static func answerForms(_ entry: IndexedQuestion) -> (valid: [String], invalid: [String]) {
        var valid = [#""unknown""#]
        var invalid = ["[1]"]
        if entry.question.allowsNotApplicable { valid.append(#""na""#) } else { invalid.append(#""na""#) }
        switch entry.question.format {
        case .text:
            valid += [#""we have a plan""#, #""Oui, adopté en 2025""#]
            invalid += ["3", "true"]
        case .yesNo:
            valid += ["true", "false", #""yes""#, #""no""#]
            invalid += ["1", #""maybe""#]
        case .scale:
            valid += entry.options.map { "\"\($0.id)\"" }
            valid += entry.options.map { $0.value.formatted() }
            invalid += [#""not-an-option""#, "99", "true"]
        default:
            // A choice is named by its id; a number (its points) is no answer to it.
            valid += entry.options.map { "\"\($0.id)\"" }
            invalid += [#""not-an-option""#, "1", "true"]
        }
        return (valid, invalid)
    }

    @Test(arguments: try BundledRubrics.ids)
    func bundledRubricsScoreTheSameThroughThePlanUnderEveryModel(id: String) throws {
        let bundled = try BundledRubrics.rubric(id: id)
        var random = SplitMix64(state: UInt64(truncatingIfNeeded: FNV1a.hash(Array(id.utf8))))
        for model in Self.models {
            let policies = Self.randomPolicies(&random)
            let scorer = try Scorer(rubric: Self.variant(bundled, model: model, policies: policies))
            let compiled = try #require(
                CompiledRubric(scorer: scorer), "the plan should take bundled rubric \(id) under \(model)")
            var scanner = ResponseScanner(rubric: compiled, required: ["region"])
            var scoredByPlan = 0
            let lines = 250
            for number in 0..<lines {
                var answers: [String] = []
                // Mostly valid answers; one response in five has one answer that is no answer at all.
                let broken = number % 5 == 0
                for entry in scorer.index.questions.shuffled(using: &random) where random.next() % 10 < 7 {
                    let forms = Self.answerForms(entry)
                    let form =
                        broken && random.next() % 8 == 0
                        ? forms.invalid.randomElement(using: &random)! : forms.valid.randomElement(using: &random)!
                    answers.append("\"\(entry.question.id)\":\(form)")
                }
                let line =
                    #"{"organisation":"o\#(number)","rubric":"\#(bundled.id)","attributes":{"region":"r"},"answers":{"#
                    + answers.joined(separator: ",") + "}}"
                let tests = ResponseScannerTests()
                // The scanner leaves a list, or a string that names no option, to jansson; every valid line it must
                // read, and whatever it reads `check` compares with the core.
                let read = tests.check(line, scanner: &scanner, scorer: scorer)
                #expect(read || broken, "the plan should read: \(line)")
                if tests.fast(line, scanner: &scanner)?.record != nil { scoredByPlan += 1 }
            }
            // Only broken lines (one in five, not all of them broken in the end) go to the core: every valid line
            // is scored by the plan, and compared above.
            #expect(
                scoredByPlan >= lines * 4 / 5,
                "only \(scoredByPlan) of \(lines) lines of \(id) under \(model) took the plan"
            )
        }
    }

    /// A random answer value for `entry`: mostly valid, in every form a response document can hold, sometimes not.
    static func randomValue(_ entry: IndexedQuestion, broken: Bool, using random: inout SplitMix64) -> AnswerValue? {
        if broken && random.next() % 6 == 0 {
            return [.text("bogus"), .number(99), .flag(true), .notApplicable, .choices(["x", "x"])].randomElement(
                using: &random)!
        }
        switch random.next() % 12 {
        case 0: return nil
        case 1: return .dontKnow
        case 2 where entry.question.allowsNotApplicable: return .notApplicable
        default: break
        }
        let options = entry.options
        switch entry.question.format {
        case .text: return .text(["", "shared with the county", "Oui"].randomElement(using: &random)!)
        case .yesNo:
            let yes = Bool.random(using: &random)
            return Bool.random(using: &random) ? .flag(yes) : .text(yes ? "yes" : "no")
        case .scale:
            let option = options.randomElement(using: &random)!
            return Bool.random(using: &random) ? .text(option.id) : .number(option.value)
        case .singleChoice: return .text(options.randomElement(using: &random)!.id)
        case .multipleChoice:
            let chosen = options.map(\.id).filter { _ in Bool.random(using: &random) }
            return chosen.count == 1 && Bool.random(using: &random) ? .text(chosen[0]) : .choices(chosen)
        case .numeric: return .number(Double(Int(random.next() % 4_000)) / 20 - 20)
        }
    }

    /// digital-capacity with a question of every other format, and conditions on them: a multiple choice that
    /// asks the next question when one option is chosen, a numeric question asked only when it was answered, a
    /// text question.
    static func extendedRubric() throws -> Rubric {
        var rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let extra: [Question] = [
            Question(
                id: "x.tools", prompt: ["en": "Which tools?"],
                format: .multipleChoice(
                    [
                        ChoiceOption(id: "crm", label: ["en": "CRM"], points: 0.5),
                        ChoiceOption(id: "gis", label: ["en": "GIS"], points: 0.3),
                        ChoiceOption(id: "erp", label: ["en": "ERP"], points: 0.4),
                    ], maxPoints: 1), allowsNotApplicable: true),
            Question(
                id: "x.gis", prompt: ["en": "Is the GIS shared?"], format: .yesNo,
                condition: .answer(question: "x.tools", test: .equals(.text("gis")))),
            Question(
                id: "x.staff", prompt: ["en": "How many staff?"],
                format: .numeric(
                    unit: nil,
                    bands: [
                        NumericBand(id: "few", max: 5, points: 0),
                        NumericBand(id: "some", min: 5, max: 50, points: 0.6),
                        NumericBand(id: "many", min: 50, points: 1),
                    ]),
                condition: .not(.answer(question: "x.tools", test: .answered(false)))),
            Question(id: "x.notes", prompt: ["en": "Anything else?"], format: .text),
        ]
        rubric.dimensions[0].questions += extra
        return rubric
    }

    /// The core's `Scorer` takes the plan for every built-in model; it must give exactly the assessment the model
    /// gives through `ResponseEvaluation`, every question outcome included, and refuse exactly what it refuses.
    @Test func scorerThroughThePlanGivesTheModelsAssessments() throws {
        var rubrics = try BundledRubrics.ids.map { try BundledRubrics.rubric(id: $0) }
        rubrics.append(try Self.extendedRubric())
        rubrics.append(try handScorer().index.rubric)
        let areas = try JSONDocument(bytes: Array(ResponseScannerTests.areasRubricJSON.utf8), file: "areas.json")
        rubrics.append(try areas.decode(Rubric.self).value)
        var random = SplitMix64(state: 11)
        var planned = 0
        var total = 0
        var explainedCount = 0
        for rubric in rubrics {
            for model in Self.models {
                let policies = Self.randomPolicies(&random)
                let scorer = try Scorer(rubric: Self.variant(rubric, model: model, policies: policies))
                let plan = try #require(scorer.plan, "\(rubric.id) under \(model) should have a plan")
                for number in 0..<150 {
                    let broken = number % 5 == 0
                    var answers: [String: Answer] = [:]
                    for entry in scorer.index.questions where random.next() % 10 < 8 {
                        answers[entry.question.id] = Answer(
                            Self.randomValue(entry, broken: broken, using: &random), note: "n")
                    }
                    if broken && random.next() % 10 == 0 { answers["no.such.question"] = Answer(.dontKnow) }
                    let response = AssessmentResponse(
                        id: "r\(number)", organisation: "o", rubric: rubric.id, rubricVersion: rubric.version,
                        attributes: [:], answers: answers)
                    let fast = try? scorer.score(response)
                    let reference = try? scorer.scoreThroughEvaluation(response)
                    #expect(fast == reference, "\(rubric.id) under \(model): \(answers)")
                    // Explanations score their steps from the plan's tables (and the weighted-mean sums): the
                    // same steps, gains and order as re-scoring each changed response through the model. Gains
                    // may differ in the last bits (additions in another order), far below the 10⁻⁹ that counts.
                    if number % 3 == 0, let explained = try? scorer.explain(response) {
                        let slow = try scorer.explainThroughEvaluation(response)
                        #expect(explained.assessment == slow.assessment)
                        #expect(explained.overall == slow.overall && explained.dimensions == slow.dimensions)
                        #expect(
                            explained.opportunities.map { [$0.questionID, $0.toOption] }
                                == slow.opportunities.map { [$0.questionID, $0.toOption] },
                            "\(rubric.id) under \(model)")
                        for (a, b) in zip(explained.opportunities, slow.opportunities) {
                            #expect(
                                abs(a.overallGain - b.overallGain) < 1e-9
                                    && abs(a.dimensionGain - b.dimensionGain) < 1e-9)
                        }
                        explainedCount += 1
                    }
                    total += 1
                    if plan.assessment(of: response) != nil { planned += 1 }
                }
            }
        }
        // Lists of choices and broken answers take the core's path; everything else is the plan's.
        #expect(planned > total * 3 / 5, "only \(planned) of \(total) responses took the plan")
        #expect(explainedCount > total / 5)
    }

    /// A condition that compares a numeric question's number cannot be decided from the band's code: the plan
    /// declines the rubric rather than guess, and the core scores it.
    @Test func aConditionOnANumberIsLeftToTheCore() throws {
        var rubric = try BundledRubrics.rubric(id: "digital-capacity")
        rubric.dimensions[0].questions.append(
            Question(
                id: "staff.count", prompt: ["en": "How many staff?"],
                format: .numeric(
                    unit: nil,
                    bands: [NumericBand(id: "few", max: 10, points: 0), NumericBand(id: "many", min: 10, points: 1)])))
        rubric.dimensions[0].questions.append(
            Question(
                id: "staff.plan", prompt: ["en": "A staffing plan?"], format: .yesNo,
                condition: .answer(question: "staff.count", test: .atLeast(25))))
        let scorer = try Scorer(rubric: rubric)
        #expect(CompiledRubric(scorer: scorer) == nil)
    }
}
