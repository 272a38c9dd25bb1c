import AssayCore

/// The workload of the per-call speed targets: a 120-question rubric shaped like the bundled ones, and a response to
/// it as a facilitator leaves one. The speed harness (`Benchmarks/measure`) times it and the differential tests
/// check the fast path on it, so the numbers reported are for a response the tests prove is scored right.
///
/// The rubric has 8 dimensions of 15 questions, the last four in three weighted practice areas of five. Each
/// dimension has a yes/no routing question that three later questions are conditional on, a question conditional
/// on a scale answer, a single choice, a numeric question with bands, a multiple choice and a free-text question;
/// the rest are on a shared five-point scale, two allowing "not applicable". Five levels, two of them gated on two
/// questions each. Ids are as long as real ones (`service-delivery.practice-12`), so they are heap strings, not
/// the inline small strings a short id would be.
public enum ScoringWorkload {
    /// The dimensions' ids.
    static let dimensionIDs = [
        "workforce", "technology", "finance", "risk-and-security", "organisation", "procurement", "data-governance",
        "service-delivery",
    ]

    private static func text(_ english: String) -> LocalizedText { ["en": english, "fr": "« \(english) »"] }

    /// The id of question `number` (0 to 14) of dimension `dimension` (0 to 7).
    public static func questionID(dimension: Int, number: Int) -> String {
        "\(dimensionIDs[dimension]).practice-\(number)"
    }

    private static func question(dimension: Int, number: Int) -> Question {
        let id = questionID(dimension: dimension, number: number)
        let routing = questionID(dimension: dimension, number: 0)
        let prompt = text("Practice \(number) of \(dimensionIDs[dimension])?")
        switch number {
        case 0:
            return Question(id: id, prompt: prompt, format: .yesNo, weight: 2, isCritical: true)
        case 10:
            return Question(
                id: id, prompt: prompt,
                format: .singleChoice([
                    ChoiceOption(id: "in-house", label: text("In house"), points: 1),
                    ChoiceOption(id: "shared-service", label: text("Shared service"), points: 0.75),
                    ChoiceOption(id: "vendor", label: text("Vendor"), points: 0.5),
                    ChoiceOption(id: "nobody", label: text("Nobody"), points: 0),
                ]))
        case 11:
            return Question(
                id: id, prompt: prompt,
                format: .numeric(
                    unit: text("staff"),
                    bands: [
                        NumericBand(id: "none", max: 1, points: 0),
                        NumericBand(id: "few", min: 1, max: 5, points: 0.5),
                        NumericBand(id: "team", min: 5, points: 1),
                    ]))
        case 12:
            return Question(
                id: id, prompt: prompt, format: .scale(.named("practice")),
                condition: .answer(question: questionID(dimension: dimension, number: 1), test: .atLeast(2)))
        case 13:
            return Question(
                id: id, prompt: prompt,
                format: .multipleChoice(
                    [
                        ChoiceOption(id: "policy", label: text("Policy"), points: 0.4),
                        ChoiceOption(id: "training", label: text("Training"), points: 0.3),
                        ChoiceOption(id: "audit", label: text("Audit"), points: 0.3),
                    ], maxPoints: 1), allowsNotApplicable: true)
        case 14:
            return Question(id: id, prompt: prompt, format: .text)
        default:
            return Question(
                id: id, prompt: prompt, format: .scale(.named("practice")), weight: Double(number % 3 + 1),
                allowsNotApplicable: number == 3 || number == 8,
                condition: (5...7).contains(number)
                    ? .answer(question: routing, test: .equals(.flag(true))) : nil,
                recommendations: ["none": text("Start with one project."), "partial": text("Write it down.")])
        }
    }

    /// The 120-question rubric.
    public static let rubric: Rubric = {
        let dimensions = (0..<8).map { dimension in
            let questions = (0..<15).map { question(dimension: dimension, number: $0) }
            let title = text(dimensionIDs[dimension])
            guard dimension >= 4 else {
                return RubricDimension(
                    id: dimensionIDs[dimension], title: title, weight: Double(dimension % 3 + 1), questions: questions)
            }
            return RubricDimension(
                id: dimensionIDs[dimension], title: title, weight: Double(dimension % 3 + 1),
                practiceAreas: (0..<3).map { area in
                    PracticeArea(
                        id: "\(dimensionIDs[dimension]).area-\(area)", title: text("Area \(area)"),
                        weight: Double(area + 1), questions: Array(questions[(5 * area)..<(5 * area + 5)]))
                })
        }
        let gated = [questionID(dimension: 2, number: 4), questionID(dimension: 4, number: 2)]
        return Rubric(
            id: "municipal-scan", version: "1.0.0", languages: ["en", "fr"], title: text("Municipal scan"),
            scales: [
                Scale(
                    id: "practice",
                    options: ["none", "partial", "largely", "full"].enumerated().map {
                        ScaleOption(id: $1, value: Double($0), label: text($1))
                    })
            ],
            levels: [
                MaturityLevel(id: "initial", name: text("Initial"), minScore: 0, maxScore: 20),
                MaturityLevel(id: "developing", name: text("Developing"), minScore: 20, maxScore: 50),
                MaturityLevel(
                    id: "defined", name: text("Defined"), minScore: 50, maxScore: 67,
                    gates: gated.map { Gate(question: $0, test: .atLeast(2)) }),
                MaturityLevel(
                    id: "managed", name: text("Managed"), minScore: 67, maxScore: 90,
                    gates: gated.map { Gate(question: $0, test: .atLeast(3)) }),
                MaturityLevel(id: "leading", name: text("Leading"), minScore: 90, maxScore: 100),
            ],
            dimensions: dimensions)
    }()

    /// A response to ``rubric`` as a session leaves one: scale answers mostly as option ids and sometimes as
    /// numbers, "yes"/`true`, "na", "unknown", questions left unanswered, answers to questions a "no" then skipped,
    /// text and notes and evidence on some answers. Deterministic for a `seed`.
    ///
    /// With `choosing` the multiple-choice questions are answered with lists of choices; without it they are left
    /// unanswered (a list has one code per set of options chosen, which the two timings compare).
    public static func response(seed: UInt64 = 120, choosing: Bool = false) -> AssessmentResponse {
        var random = SplitMix64(state: seed)
        var answers: [String: Answer] = [:]
        let scale = ["none", "partial", "largely", "full"]
        for dimension in 0..<8 {
            for number in 0..<15 {
                let id = questionID(dimension: dimension, number: number)
                let draw = random.next() % 100
                // About one question in twelve left unanswered, one in sixteen "unknown".
                if number != 13 && draw < 8 { continue }
                var value: AnswerValue
                switch number {
                case 0: value = dimension == 3 || dimension == 6 ? .flag(false) : (draw % 2 == 0 ? .flag(true) : "yes")
                case 10: value = .text(["in-house", "shared-service", "vendor", "nobody"][Int(draw % 4)])
                case 11: value = .number(Double(draw % 12))
                case 13:
                    guard choosing else { continue }
                    value = .choices(Array(["policy", "training", "audit"].prefix(Int(draw % 3) + 1)))
                case 14: value = .text("Shared with the county since 2024; the clerk keeps the register.")
                default:
                    let option = Int(random.next() % 4)
                    value = draw % 5 == 0 ? .number(Double(option)) : .text(scale[option])
                    if (number == 3 || number == 8) && draw % 7 == 0 { value = .notApplicable }
                }
                if number != 14 && draw < 14 { value = .dontKnow }
                let noted = draw % 9 == 0
                answers[id] = Answer(
                    value, note: noted ? "Said by the clerk; the director was not there." : nil,
                    evidence: noted ? ["Budget 2026, section \(number)"] : [])
            }
        }
        return AssessmentResponse(
            id: "municipal-scan-120", organisation: "Ville de Lac-Vert", rubric: rubric.id, rubricVersion: "1.0.0",
            attributes: ["region": "QC", "population": "10k-50k"], answers: answers)
    }
}
