import AssayCore

/// Small rubrics that exercise every feature a scoring model meets: practice areas, conditions, gates,
/// not-applicable answers and every answer type.
public enum SampleRubrics {
    /// Every sample rubric.
    public static let all: [Rubric] = [everyAnswerType, practiceAreas]

    private static func text(_ english: String) -> LocalizedText { ["en": english] }

    private static let levels = [
        MaturityLevel(id: "low", name: text("Low"), minScore: 0, maxScore: 50),
        MaturityLevel(
            id: "high", name: text("High"), minScore: 50, maxScore: 100,
            gates: [Gate(question: "yn", test: .equals(.flag(true)))]),
    ]

    /// One question of each answer type, with a condition and a gate.
    public static let everyAnswerType = Rubric(
        id: "sample-every-answer-type", version: "1.0.0", title: text("Every answer type"),
        levels: levels,
        dimensions: [
            RubricDimension(
                id: "one", title: text("One"), weight: 2,
                questions: [
                    Question(id: "yn", prompt: text("Yes or no?"), format: .yesNo, isCritical: true),
                    Question(
                        id: "scale", prompt: text("How far?"),
                        format: .scale(
                            .inline([
                                ScaleOption(id: "a", value: 1, label: text("A")),
                                ScaleOption(id: "b", value: 2, label: text("B")),
                                ScaleOption(id: "c", value: 5, label: text("C")),
                            ])), weight: 2, allowsNotApplicable: true, level: "high",
                        condition: .answer(question: "yn", test: .answered(true))),
                    Question(
                        id: "single", prompt: text("Which?"),
                        format: .singleChoice([
                            ChoiceOption(id: "x", label: text("X"), points: 0),
                            ChoiceOption(id: "y", label: text("Y"), points: 1),
                        ]), level: "low"),
                ]),
            RubricDimension(
                id: "two", title: text("Two"),
                questions: [
                    Question(
                        id: "multi", prompt: text("Which all?"),
                        format: .multipleChoice(
                            [
                                ChoiceOption(id: "m1", label: text("M1"), points: 0.5),
                                ChoiceOption(id: "m2", label: text("M2"), points: 0.5),
                            ], maxPoints: nil), level: "low"),
                    Question(
                        id: "number", prompt: text("How many?"),
                        format: .numeric(
                            unit: nil,
                            bands: [
                                NumericBand(id: "few", max: 10, points: 0), NumericBand(id: "many", min: 10, points: 1),
                            ]), level: "high"),
                    Question(id: "words", prompt: text("Anything else?"), format: .text),
                ]),
        ]
    )

    /// A dimension grouped into weighted practice areas, beside a plain one.
    public static let practiceAreas = Rubric(
        id: "sample-practice-areas", version: "2.1.0", title: text("Practice areas"),
        levels: levels,
        dimensions: [
            RubricDimension(
                id: "grouped", title: text("Grouped"),
                practiceAreas: [
                    PracticeArea(
                        id: "p1", title: text("P1"), weight: 3,
                        questions: [
                            Question(id: "yn", prompt: text("Yes?"), format: .yesNo, level: "low")
                        ]),
                    PracticeArea(
                        id: "p2", title: text("P2"),
                        questions: [
                            Question(id: "q2", prompt: text("Yes again?"), format: .yesNo, weight: 0.5, level: "high")
                        ]),
                ]),
            RubricDimension(
                id: "plain", title: text("Plain"), weight: 0.5,
                questions: [
                    Question(
                        id: "q3", prompt: text("And this?"), format: .yesNo, allowsNotApplicable: true, level: "low")
                ]),
        ]
    )
}
