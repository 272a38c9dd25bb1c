import AssayCore

/// Small rubrics built in Swift, so each test's arithmetic can be followed by hand.
enum Fixtures {
    static func text(_ english: String) -> LocalizedText { ["en": english] }

    /// A four-option scale: values 0…3, points 0, 1/3, 2/3, 1.
    static let practice = Scale(
        id: "practice",
        options: [
            ScaleOption(id: "none", value: 0, label: text("None")),
            ScaleOption(id: "partial", value: 1, label: text("Partial")),
            ScaleOption(id: "largely", value: 2, label: text("Largely")),
            ScaleOption(id: "full", value: 3, label: text("Full")),
        ]
    )

    static func scale(
        _ id: String, weight: Double = 1, level: String? = nil, allowNA: Bool = false,
        condition: Condition? = nil, recommendations: [String: LocalizedText] = [:]
    ) -> Question {
        Question(
            id: id, prompt: text(id), format: .scale(.named("practice")), weight: weight, allowsNotApplicable: allowNA,
            level: level, condition: condition, recommendations: recommendations
        )
    }

    static let bands = [
        MaturityLevel(id: "initial", name: text("Initial"), minScore: 0, maxScore: 40),
        MaturityLevel(id: "developing", name: text("Developing"), minScore: 40, maxScore: 70),
        MaturityLevel(
            id: "managed", name: text("Managed"), minScore: 70, maxScore: 100,
            gates: [Gate(question: "a.owner", test: .equals(.flag(true)))]),
    ]

    /// Dimension A (weight 2): a yes/no owner question and two scale questions, one conditional.
    /// Dimension B (weight 1): two practice areas, weights 3 and 1.
    static func rubric(model: String = "weighted-mean", policies: AnswerPolicies = AnswerPolicies()) -> Rubric {
        Rubric(
            id: "fixture", version: "1.0.0", title: text("Fixture"),
            scoring: ScoringSpec(model: model), policies: policies, scales: [practice], levels: bands,
            dimensions: [
                RubricDimension(
                    id: "a", title: text("A"), weight: 2,
                    questions: [
                        Question(id: "a.owner", prompt: text("Owner?"), format: .yesNo, isCritical: true),
                        scale("a.1", weight: 2, recommendations: ["partial": text("Write it down.")]),
                        scale("a.2", allowNA: true, condition: .answer(question: "a.1", test: .atLeast(1))),
                    ]
                ),
                RubricDimension(
                    id: "b", title: text("B"), weight: 1,
                    practiceAreas: [
                        PracticeArea(id: "b.x", title: text("X"), weight: 3, questions: [scale("b.1"), scale("b.2")]),
                        PracticeArea(id: "b.y", title: text("Y"), weight: 1, questions: [scale("b.3")]),
                    ]
                ),
            ]
        )
    }

    static func response(_ answers: [String: AnswerValue]) -> AssessmentResponse {
        AssessmentResponse(
            id: "r1", rubric: "fixture", rubricVersion: "1.0.0", answers: answers.mapValues { Answer($0) })
    }
}

func approximately(_ lhs: Double?, _ rhs: Double, within tolerance: Double = 1e-9) -> Bool {
    guard let lhs else { return false }
    return abs(lhs - rhs) <= tolerance
}
