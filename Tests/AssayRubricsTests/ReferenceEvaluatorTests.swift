import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import AssayTesting
import Testing

/// The engine against `ReferenceEvaluator`, a plain scoring written from the format article: thousands of random
/// rubrics (every answer format, policy, model, condition shape and gate, practice areas, weights, targets) with
/// random and broken responses, and every bundled rubric under every model. The engine's plan path and its
/// `ResponseEvaluation` path must both give the reference's scores, levels, statuses and points, and refuse
/// exactly the responses the reference refuses; so must the other front end, the byte-level NDJSON scanner that
/// aggregation reads response sets with, on every line it does not leave to jansson.
@Suite struct ReferenceEvaluatorTests {

    static let models = [
        "weighted-mean", "gated-maturity", "xccdf-default", "xccdf-flat", "xccdf-flat-unweighted", "xccdf-absolute",
    ]
    static let levelIDs = ["initial", "developing", "defined", "managed"]

    /// A random format, with its options.
    static func format(_ random: inout SplitMix64) -> AnswerFormat {
        switch random.next() % 6 {
        case 0: return .scale(.named("four"))
        case 1:
            let values: [Double] = [[0, 1, 2], [10, 20, 27, 35.5], [5, 5]].randomElement(using: &random)!
            return .scale(
                .inline(
                    values.enumerated().map { ScaleOption(id: "v\($0.offset)", value: $0.element, label: ["en": "V"]) })
            )
        case 2: return .yesNo
        case 3:
            return .singleChoice(
                (0..<3).map { ChoiceOption(id: "c\($0)", label: ["en": "C"], points: Double(random.next() % 5) / 4) })
        case 4:
            return .multipleChoice(
                (0..<3).map { ChoiceOption(id: "m\($0)", label: ["en": "M"], points: Double(random.next() % 3) / 2) },
                maxPoints: Bool.random(using: &random) ? 1.5 : nil)
        default:
            if random.next() % 3 == 0 { return .text }
            return .numeric(
                unit: nil,
                bands: [
                    NumericBand(id: "few", max: 5, points: 0), NumericBand(id: "some", min: 5, max: 50, points: 0.5),
                    NumericBand(id: "many", min: 50, points: 1),
                ])
        }
    }

    /// A test that can hold for some answer to `question` (the validator refuses tests that never can).
    static func test(on question: Question, _ random: inout SplitMix64) -> AnswerTest {
        switch question.format {
        case .yesNo:
            return [.equals(.flag(true)), .equals(.flag(false)), .answered(true), .atLeast(1)].randomElement(
                using: &random)!
        case .scale(.named):
            return [.atLeast(2), .atMost(1), .equals(.text("b")), .oneOf([.text("a"), .text("c")]), .answered(false)]
                .randomElement(using: &random)!
        case .scale(.inline(let options)):
            return [.equals(.text(options[0].id)), .atLeast(options.last!.value), .answered(true)].randomElement(
                using: &random)!
        case .singleChoice:
            return [.equals(.text("c1")), .oneOf([.text("c0"), .text("c2")])].randomElement(using: &random)!
        case .multipleChoice: return [.equals(.text("m1")), .answered(true)].randomElement(using: &random)!
        // Numbers at a band edge (5, 50), inside a band (10, 4, 49.5), and a list; words, and a list with "".
        case .numeric:
            return [
                .atLeast(10), .atMost(4), .answered(true), .atLeast(50), .atMost(49.5), .equals(.number(5)),
                .oneOf([.number(50), .number(7.25)]),
            ].randomElement(using: &random)!
        case .text:
            return [.answered(true), .equals(.text("words")), .oneOf([.text("yes"), .text("")])].randomElement(
                using: &random)!
        }
    }

    static func rubric(_ seed: UInt64) -> Rubric {
        var random = SplitMix64(state: seed)
        var all: [Question] = []
        func question(_ id: String) -> Question {
            var question = Question(id: id, prompt: ["en": id], format: format(&random))
            question.weight = [1, 1, 2, 0.5, 3].randomElement(using: &random)!
            question.allowsNotApplicable = Bool.random(using: &random)
            // Now and then a routing question: answered and tested by conditions, never scored.
            if random.next() % 8 == 0 { question.isScored = false }
            if random.next() % 4 == 0, case .scale(.named) = question.format { question.target = .text("c") }
            if random.next() % 3 == 0 { question.level = levelIDs.randomElement(using: &random)! }
            if !all.isEmpty, random.next() % 4 == 0 {
                let leaf = { (random: inout SplitMix64) -> Condition in
                    let earlier = all.randomElement(using: &random)!
                    return .answer(question: earlier.id, test: test(on: earlier, &random))
                }
                question.condition =
                    switch random.next() % 4 {
                    case 0: .all([leaf(&random), leaf(&random)])
                    case 1: .any([leaf(&random), leaf(&random)])
                    case 2: .not(leaf(&random))
                    default: leaf(&random)
                    }
            }
            all.append(question)
            return question
        }
        var dimensions: [RubricDimension] = []
        for d in 0..<Int(1 + random.next() % 3) {
            let weight = [1, 2, 0.5].randomElement(using: &random)!
            if Bool.random(using: &random) {
                let areas = (0..<Int(1 + random.next() % 2)).map { a in
                    PracticeArea(
                        id: "d\(d)a\(a)", title: ["en": "A"], weight: [1, 3].randomElement(using: &random)!,
                        questions: (0..<Int(1 + random.next() % 3)).map { question("d\(d)a\(a)q\($0)") })
                }
                dimensions.append(
                    RubricDimension(id: "d\(d)", title: ["en": "D"], weight: weight, practiceAreas: areas))
            } else {
                dimensions.append(
                    RubricDimension(
                        id: "d\(d)", title: ["en": "D"], weight: weight,
                        questions: (0..<Int(1 + random.next() % 4)).map { question("d\(d)q\($0)") }))
            }
        }
        let bands: [(Double, Double)] = [(0, 25), (25, 50), (50, 75), (75, 100)]
        let levels = zip(levelIDs, bands).map { id, band in
            MaturityLevel(id: id, name: ["en": id], minScore: band.0, maxScore: band.1)
        }
        var rubric = Rubric(
            id: "random", version: "1.0.0", title: ["en": "Random"],
            scoring: ScoringSpec(model: models.randomElement(using: &random)!),
            policies: AnswerPolicies(
                notApplicable: [.exclude, .zero, .target].randomElement(using: &random)!,
                dontKnow: [.exclude, .zero, .target].randomElement(using: &random)!,
                unanswered: [.exclude, .zero, .target].randomElement(using: &random)!),
            scales: [
                Scale(
                    id: "four",
                    options: ["a", "b", "c", "d"].enumerated().map {
                        ScaleOption(id: $0.element, value: Double($0.offset), label: ["en": $0.element])
                    })
            ],
            levels: levels, dimensions: dimensions)
        for _ in 0..<Int(random.next() % 3) {
            let gated = all.randomElement(using: &random)!
            rubric.levels[Int(1 + random.next() % 3)].gates.append(
                Gate(question: gated.id, test: test(on: gated, &random)))
        }
        return rubric
    }

    static func response(to rubric: Rubric, _ random: inout SplitMix64) -> AssessmentResponse {
        var answers: [String: Answer] = [:]
        let questions = rubric.dimensions.flatMap(\.allQuestions)
        for question in questions where random.next() % 10 < 8 {
            var value: AnswerValue?
            switch random.next() % 14 {
            case 0: value = nil
            case 1: value = .dontKnow
            case 2: value = .notApplicable
            case 3:
                value = [.text("zz"), .number(7), .flag(true), .choices(["m0", "m0"])].randomElement(using: &random)!
            default:
                switch question.format {
                case .scale(let reference):
                    var options: [ScaleOption] = []
                    switch reference {
                    case .named(let id): options = rubric.scales.first { $0.id == id }?.options ?? []
                    case .inline(let inline): options = inline
                    }
                    let option = options.randomElement(using: &random)!
                    value = Bool.random(using: &random) ? .text(option.id) : .number(option.value)
                case .yesNo: value = Bool.random(using: &random) ? .flag(Bool.random(using: &random)) : .text("yes")
                case .singleChoice(let choices): value = .text(choices.randomElement(using: &random)!.id)
                case .multipleChoice(let choices, _):
                    let chosen = choices.map(\.id).filter { _ in Bool.random(using: &random) }
                    value = chosen.count == 1 ? .text(chosen[0]) : .choices(chosen)
                case .numeric:
                    // Often exactly at, or a hair off, a number a band or test cuts at.
                    let edges: [Double] = [4, 5, 7.25, 10, 49.5, 50]
                    let edge = edges.randomElement(using: &random)!
                    value = .number(
                        [Double(random.next() % 1_200) / 10, edge, edge.nextUp, edge.nextDown, -0.0].randomElement(
                            using: &random)!)
                case .text: value = .text(["words", "", "yes", "Words", "word"].randomElement(using: &random)!)
                }
            }
            answers[question.id] = Answer(value)
        }
        return AssessmentResponse(
            id: "r", organisation: "o", rubric: rubric.id, rubricVersion: rubric.version, answers: answers)
    }

    /// Compares the engine's two paths with the reference on `response`.
    static func compare(_ scorer: Scorer, _ reference: ReferenceEvaluator, _ response: AssessmentResponse) -> Bool {
        let expected = reference.evaluate(response)
        for assessment in [try? scorer.score(response), try? scorer.scoreThroughEvaluation(response)] {
            guard let expected else {
                #expect(assessment == nil, "the engine scored what the reference refuses: \(response.answers)")
                continue
            }
            guard let assessment else {
                Issue.record("the engine refused what the reference scores: \(response.answers)")
                continue
            }
            let scores = assessment.dimensions.map(\.score.value) + [assessment.overall.value]
            let levels = assessment.dimensions.map(\.score.level) + [assessment.overall.level]
            #expect(
                zip(scores, expected.scores).allSatisfy { pair in
                    switch pair {
                    case (nil, nil): true
                    case (let a?, let b?): abs(a - b) <= 1e-9
                    default: false
                    }
                }, "scores \(scores) against \(expected.scores) for \(response.answers)")
            #expect(levels == expected.levels, "levels \(levels) against \(expected.levels) for \(response.answers)")
            #expect(assessment.questions.map(\.status) == expected.statuses)
            #expect(assessment.questions.map(\.points) == expected.points)
        }
        return expected != nil
    }

    /// Compares the byte-level scanner's reading and scoring of `response`, written as one NDJSON line, with the
    /// reference; `false` when the scanner left the line to jansson (a list of choices, say), whose path
    /// ``compare(_:_:_:)`` covers.
    static func compareScanned(
        _ scanner: inout ResponseScanner, _ reference: ReferenceEvaluator, _ response: AssessmentResponse
    ) throws -> Bool {
        let line = Array(try JSONOutput.string(response, pretty: false).utf8)
        let expected = reference.evaluate(response)
        return line.withUnsafeBufferPointer { bytes -> Bool in
            guard scanner.scan(bytes) else { return false }
            let index = scanner.rubric.index
            var record = ScoredResponse(
                dimensionCount: index.rubric.dimensions.count, questionCount: index.questions.count)
            guard scanner.rubric.score(scanner.codes, into: &record) else {
                #expect(expected == nil, "the scanner refused what the reference scores: \(response.answers)")
                return true
            }
            guard let expected else {
                Issue.record("the scanner scored what the reference refuses: \(response.answers)")
                return true
            }
            #expect(
                zip(record.scores, expected.scores).allSatisfy { pair in
                    switch pair {
                    case (nil, nil): true
                    case (let a?, let b?): abs(a - b) <= 1e-9
                    default: false
                    }
                }, "scanned scores \(record.scores) against \(expected.scores) for \(response.answers)")
            let levels = record.levels.map { $0.map { index.rubric.levels[$0].id } }
            #expect(levels == expected.levels, "scanned levels \(levels) against \(expected.levels)")
            return true
        }
    }

    @Test func randomRubricsScoreAsTheReferenceSays() throws {
        var random = SplitMix64(state: 2026)
        var rubrics = 0
        var scored = 0
        var refused = 0
        var scanned = 0
        var unplanned = 0
        for seed in 0..<1_500 {
            let rubric = Self.rubric(UInt64(seed))
            // A generated rubric the validator refuses (a gated-maturity one without tagged questions) is skipped.
            guard let scorer = try? Scorer(rubric: rubric) else { continue }
            rubrics += 1
            let reference = ReferenceEvaluator(rubric: rubric)
            var scanner = CompiledRubric(scorer: scorer).map { ResponseScanner(rubric: $0, required: []) }
            // Every built-in model has a plan, whatever its conditions and gates compare.
            if scanner == nil { unplanned += 1 }
            for _ in 0..<6 {
                let response = Self.response(to: rubric, &random)
                if Self.compare(scorer, reference, response) {
                    scored += 1
                } else {
                    refused += 1
                }
                if scanner != nil, try Self.compareScanned(&scanner!, reference, response) { scanned += 1 }
            }
        }
        // The comparison must have had material of both kinds, under every model.
        #expect(rubrics > 1_000)
        #expect(scored > 2_000)
        #expect(refused > 500)
        // Lines the scanner read itself, every kind of answer but a list of choices: most of them.
        #expect(scanned > 1_500)
        #expect(unplanned == 0, "\(unplanned) of \(rubrics) random rubrics had no plan")
    }

    @Test(arguments: try BundledRubrics.ids)
    func bundledRubricsScoreAsTheReferenceSays(id: String) throws {
        var random = SplitMix64(state: 7)
        for model in Self.models where model != "gated-maturity" {
            var rubric = try BundledRubrics.rubric(id: id)
            rubric.scoring = ScoringSpec(model: model)
            let scorer = try Scorer(rubric: rubric)
            let reference = ReferenceEvaluator(rubric: rubric)
            var scored = 0
            for _ in 0..<200 where Self.compare(scorer, reference, Self.response(to: rubric, &random)) { scored += 1 }
        }
        // The bundled example, worked by hand in its own test, through the reference too.
        let rubric = try BundledRubrics.rubric(id: id)
        #expect(
            Self.compare(
                try Scorer(rubric: rubric), ReferenceEvaluator(rubric: rubric), try BundledRubrics.example(for: id)))
    }
}
