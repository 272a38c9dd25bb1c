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

    /// A small rubric whose conditions and gate compare a numeric answer's number and a text answer's words:
    /// "plan" is asked when "staff" is at least 25, "audit" when "funding" is "grant" or "café", and the level
    /// "managed" needs "staff" at most 40. Every question weighs 1; yes earns 1, no 0; "staff" earns 0 below 10 and
    /// 1 from 10 on; "funding" is text, never scored.
    static func cutRubric() -> Rubric {
        Rubric(
            id: "cut", version: "1.0.0", title: ["en": "Cut"],
            levels: [
                MaturityLevel(id: "initial", name: ["en": "Initial"], minScore: 0, maxScore: 50),
                MaturityLevel(
                    id: "managed", name: ["en": "Managed"], minScore: 50, maxScore: 100,
                    gates: [Gate(question: "staff", test: .atMost(40))]),
            ],
            dimensions: [
                RubricDimension(
                    id: "d", title: ["en": "D"],
                    questions: [
                        Question(
                            id: "staff", prompt: ["en": "How many staff?"],
                            format: .numeric(
                                unit: nil,
                                bands: [
                                    NumericBand(id: "few", max: 10, points: 0),
                                    NumericBand(id: "many", min: 10, points: 1),
                                ])),
                        Question(
                            id: "plan", prompt: ["en": "A staffing plan?"], format: .yesNo,
                            condition: .answer(question: "staff", test: .atLeast(25))),
                        Question(id: "funding", prompt: ["en": "How is it funded?"], format: .text),
                        Question(
                            id: "audit", prompt: ["en": "Audited?"], format: .yesNo,
                            condition: .answer(question: "funding", test: .oneOf([.text("grant"), .text("café")]))),
                    ])
            ])
    }

    /// A response to ``cutRubric()`` with `answers`.
    static func cutResponse(_ answers: [String: Answer]) -> AssessmentResponse {
        AssessmentResponse(id: "r", organisation: "o", rubric: "cut", rubricVersion: "1.0.0", answers: answers)
    }

    /// A condition or gate comparing a numeric answer's number or a text answer's words is decided by the plan's
    /// codes, cut at every number and word the tests name: the plan and the byte-level scanner take the rubric, and
    /// score as the core does at each edge. Before, such a rubric had no plan and was scored line by line.
    @Test(
        arguments: [
            // staff 25 earns 1 and asks "plan" (25 ≥ 25: yes, 1); "grant" asks "audit" (no, 0). (1 + 1 + 0) / 3 =
            // 66.67, "managed": the gate holds, 25 ≤ 40.
            (25.0, "grant", 200.0 / 3, "managed"),
            // Just below 25: "plan" is not asked, its yes not counted; "Grant" is not "grant", so "audit" is not asked
            // either. Only staff counts: 100, "managed".
            (25.0.nextDown, "Grant", 100, "managed"),
            // 41 asks "plan" (1); "café" spelled with a combining accent is "café" and asks "audit" (no, 0): (1 + 1 +
            // 0) / 3 = 66.67, in the band of "managed", but 41 fails its gate (41 > 40), so the level is "initial".
            (41.0, "cafe\u{301}", 200.0 / 3, "initial"),
            // Exactly 40 passes the gate; 40 asks "plan" (1); an empty text asks nothing: (1 + 1) / 2 = 100.
            (40.0, "", 100, "managed"),
            // 9.5 is "few" (0 points) and does not ask "plan": 0 / 1 = 0, "initial" (the gate holds, 9.5 ≤ 40).
            (9.5, "grants", 0, "initial"),
        ] as [(Double, String, Double, String)])
    func aConditionOnANumberOrOnWordsIsDecidedByThePlan(
        staff: Double, funding: String, overall: Double, level: String
    ) throws {
        let scorer = try Scorer(rubric: Self.cutRubric())
        let plan = try #require(ScoringPlan(index: scorer.index, model: scorer.model))
        let response = Self.cutResponse([
            "staff": Answer(.number(staff)), "plan": Answer(.flag(true)), "funding": Answer(.text(funding)),
            "audit": Answer(.flag(false)),
        ])
        let planned = try #require(plan.assessment(of: response), "the plan should score \(staff), \(funding)")
        #expect(planned == (try scorer.scoreThroughEvaluation(response)))
        #expect(abs(planned.overall.value! - overall) < 1e-9, "\(staff), \(funding): \(planned.overall)")
        #expect(planned.overall.level == level)
        // The answer is kept as given, not as the code's stand-in number or text.
        #expect(planned.questions[0].value == .number(staff) && planned.questions[0].comparable == staff)
        #expect(planned.questions[2].value == .text(funding))

        // The byte-level scanner reads the same line into the same codes and scores.
        let compiled = try #require(CompiledRubric(scorer: scorer))
        var scanner = ResponseScanner(rubric: compiled, required: [])
        let line = Array(try JSONOutput.string(response, pretty: false).utf8)
        try line.withUnsafeBufferPointer { bytes in
            let read = scanner.scan(bytes)
            #expect(read, "the scanner should read \(staff), \(funding) itself")
            var record = ScoredResponse(dimensionCount: 1, questionCount: 4)
            let scored = compiled.score(scanner.codes, into: &record)
            #expect(scored)
            let scanned = try #require(record.scores[1])
            #expect(abs(scanned - overall) < 1e-9)
            #expect(record.levels[1].map { scorer.index.rubric.levels[$0].id } == level)
        }
    }

    /// The cuts themselves: numbers a test or band cannot tell apart share a code, numbers one can do not.
    @Test func aNumericQuestionIsCutAtEveryNumberItsTestsName() throws {
        let scorer = try Scorer(rubric: Self.cutRubric())
        let plan = try #require(ScoringPlan(index: scorer.index, model: scorer.model))
        func code(_ number: Double) -> AnswerCode? { plan.code(of: .number(number), at: 0) }
        // Cut at 10 (the band edge), 25 and 40 (the tests) into 7 pieces: below 10, 10, between 10 and 25, 25,
        // between 25 and 40, 40, above 40. 26 and 39 lie in one of them, 11 and the number just below 25 in another.
        #expect(code(26) == code(39))
        #expect(code(11) == code(25.0.nextDown))
        let distinct = [9, 10, 11, 25, 26, 40, 41].map(code)
        #expect(Set(distinct.compactMap { $0 }).count == 7)
        // 0 and -0 are one number to every test and band.
        #expect(code(0) == code(-0.0))
        // A number outside every band has no code; the core says why.
        let banded = try Scorer(
            rubric: {
                var rubric = Self.cutRubric()
                rubric.dimensions[0].questions[0].format = .numeric(
                    unit: nil, bands: [NumericBand(id: "some", min: 0, max: 100, points: 1)])
                return rubric
            }())
        let bandedPlan = try #require(ScoringPlan(index: banded.index, model: banded.model))
        #expect(bandedPlan.code(of: .number(100), at: 0) == nil)
        #expect(bandedPlan.code(of: .number(-1), at: 0) == nil)
        #expect(bandedPlan.code(of: .number(99.5), at: 0) != nil)
        // Text: "grant", "café" (in either spelling) and any other text are three codes.
        func text(_ words: String) -> AnswerCode? { plan.code(of: .text(words), at: 2) }
        #expect(text("café") == text("cafe\u{301}"))
        #expect(text("other") == text("") && text("other") == .freeText)
        #expect(Set([text("grant"), text("café"), text("other")].compactMap { $0 }).count == 3)
    }

    /// A hostile rubric: 20,000 conditions, each comparing one numeric question with another number, would make
    /// test tables of 20,000 × 40,000 entries (a code for each of
    /// 20,000 numbers and the intervals between). The plan declines it (the core scores it), without building them.
    @Test func tooManyCutsLeaveTheRubricToTheCore() throws {
        var rubric = Self.cutRubric()
        rubric.dimensions[0].questions += (0..<20_000).map { number in
            Question(
                id: "q\(number)", prompt: ["en": "Q"], format: .yesNo,
                condition: .answer(question: "staff", test: .atLeast(Double(number))))
        }
        let scorer = try Scorer(rubric: rubric)
        #expect(ScoringPlan(index: scorer.index, model: scorer.model) == nil)
        let response = Self.cutResponse([
            "staff": Answer(.number(2)), "q1": Answer(.flag(true)), "q5": Answer(.flag(true)),
        ])
        // staff 2 is "few" (0); q0, q1 and q2 are asked (2 ≥ 0, 1, 2), q1 says yes (1), q0 and q2 are unanswered
        // (left out, by default) and q5 is not asked: (0 + 1) / 2 = 50.
        #expect(try scorer.score(response).overall.value == 50)
    }

    /// A hostile rubric found in review: one `in` of 20,000 words cuts the text question into 20,001 codes, and
    /// each test-table entry compares the answer with every word, 4 × 10⁸ comparisons that took 10 s to build. The
    /// comparisons count towards the bound, so the plan declines it and the core scores it, with the same answer.
    @Test func aLongListOfWordsLeavesTheRubricToTheCore() throws {
        var rubric = Self.cutRubric()
        let words = (0..<20_000).map { AnswerValue.text("w\($0)") } + [.text("grant")]
        rubric.dimensions[0].questions[3].condition = .answer(question: "funding", test: .oneOf(words))
        let scorer = try Scorer(rubric: rubric)
        #expect(ScoringPlan(index: scorer.index, model: scorer.model) == nil)
        let response = Self.cutResponse([
            "staff": Answer(.number(5)), "funding": Answer(.text("w19999")), "audit": Answer(.flag(true)),
        ])
        // staff 5 is "few" (0) and does not ask "plan"; "w19999" is in the list and asks "audit" (yes, 1):
        // (0 + 1) / 2 = 50.
        #expect(try scorer.score(response).overall.value == 50)
    }

    /// A scale of 16,000 options shared by four questions, found in review: each of the plan's 128,000 codes read
    /// its option by searching all 16,000 (13 s to build). A code now carries its option's reading, so the plan is
    /// built at once, and scores as the core does.
    @Test func aLargeSharedScaleIsPlannedAtOnce() throws {
        let options = (0..<16_000).map { ScaleOption(id: "o\($0)", value: Double($0), label: ["en": "O"]) }
        let questions = (0..<4).map { Question(id: "s\($0)", prompt: ["en": "S"], format: .scale(.named("big"))) }
        let rubric = Rubric(
            id: "big", version: "1.0.0", title: ["en": "Big"], scales: [Scale(id: "big", options: options)],
            levels: [MaturityLevel(id: "l", name: ["en": "L"], minScore: 0, maxScore: 100)],
            dimensions: [RubricDimension(id: "d", title: ["en": "D"], questions: questions)])
        let scorer = try Scorer(rubric: rubric)
        let plan = try #require(ScoringPlan(index: scorer.index, model: scorer.model))
        let response = AssessmentResponse(
            id: "r", organisation: "o", rubric: "big", rubricVersion: "1.0.0",
            answers: [
                "s0": Answer(.text("o15999")), "s1": Answer(.number(0)), "s2": Answer(.text("o7999")),
                "s3": Answer(.number(3_999.75)),
            ])
        // s3's 3,999.75 is no value of the scale: the core refuses the response, and the plan leaves it to it.
        #expect(plan.assessment(of: response) == nil)
        var valid = response
        valid.answers["s3"] = nil
        let planned = try #require(plan.assessment(of: valid))
        #expect(planned == (try scorer.scoreThroughEvaluation(valid)))
        // o15999 earns 1, o0 earns 0, o7999 earns 7,999 / 15,999; s3 is unanswered and left out:
        // 100 × (1 + 0 + 7,999 / 15,999) / 3 = 49.998958…
        #expect(abs(planned.overall.value! - 100 * (1 + 7_999.0 / 15_999) / 3) < 1e-9)
    }

    /// Many bands and one test on them: every piece's band is found by bisection, so 16,000 bands cut into 32,000
    /// pieces are planned at once (comparing each piece with every band took a second), and score as the core does
    /// at a band's edges.
    @Test func manyBandsAndATestOnThemArePlanned() throws {
        var rubric = Self.cutRubric()
        rubric.dimensions[0].questions[0].format = .numeric(
            unit: nil,
            bands: (0..<16_000).map {
                NumericBand(id: "b\($0)", min: Double($0), max: Double($0 + 1), points: $0 % 2 == 0 ? 0 : 1)
            })
        let scorer = try Scorer(rubric: rubric)
        let plan = try #require(ScoringPlan(index: scorer.index, model: scorer.model))
        func response(_ staff: Double) -> AssessmentResponse {
            Self.cutResponse(["staff": Answer(.number(staff)), "plan": Answer(.flag(true))])
        }
        for staff in [25.0, 25.0.nextDown, 24.5, 41, 15_999.5, 0] {
            #expect(
                plan.assessment(of: response(staff)) == (try scorer.scoreThroughEvaluation(response(staff))), "\(staff)"
            )
        }
        // 25 is in band b25 (odd: 1 point) and asks "plan" (yes, 1): 100. Just below 25 is b24 (0 points), and
        // "plan" is not asked: 0.
        func overall(_ staff: Double) -> Double? { plan.assessment(of: response(staff))?.overall.value }
        #expect(overall(25) == 100)
        #expect(overall(25.0.nextDown) == 0)
        // 16,000 is above every band: no answer, which the plan leaves to the core to report.
        #expect(plan.code(of: .number(16_000), at: 0) == nil)
    }
}
