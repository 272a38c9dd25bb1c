/// One option of a list, with the points the option carries (0 to 1); answered by the option's id.
package struct SingleChoiceFormat: AnswerFormatRules {
    package static let typeName = "single_choice"
    /// The options, as declared.
    package var choices: [ChoiceOption]

    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] {
        ChoiceOption.resolved(choices, for: question)
    }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        guard case .text(let id) = value else {
            return AnswerReading(problem: "expected an option id: " + expected(options).dropFirst("expected ".count))
        }
        guard let found = option(id, in: options) else {
            return AnswerReading(problem: "\"\(id)\" is not an option of this question; \(expected(options))")
        }
        return AnswerReading(option: found, points: found.points, comparable: found.value)
    }

    /// The option a code names, with its reading; a number names no choice.
    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        readingOfOptionCode(code, options: options, byNumber: false)
    }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        ChoiceOption.check(choices, at: path, with: &checker)
    }

    package var scanning: AnswerScanning { .optionByID }
    package var entry: AnswerEntry { .choosing }
    package var levelOfMeasurement: MeasurementLevel? { .nominal }

}

extension ChoiceOption {
    /// `choices` as a question's options: a choice's value is its points.
    static func resolved(_ choices: [ChoiceOption], for question: Question) -> [ResolvedOption] {
        choices.map {
            ResolvedOption(
                id: $0.id,
                label: $0.label,
                descriptor: question.descriptors[$0.id] ?? $0.descriptor,
                value: $0.points,
                points: $0.points
            )
        }
    }

    /// Checks a choice question's options at `path` (its `answer`); returns their ids.
    static func check(_ choices: [ChoiceOption], at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        let optionsPath = path.key("options")
        if choices.count < 2 {
            checker.error("a choice question needs at least two options", at: optionsPath)
        }
        checker.checkOptionIDs(choices.map(\.id), at: optionsPath)
        for (index, option) in choices.enumerated() {
            checker.checkText(option.label, at: optionsPath.index(index).key("label"), required: true)
            checker.checkText(option.descriptor, at: optionsPath.index(index).key("descriptor"), required: false)
            checker.checkPoints(option.points, at: optionsPath.index(index).key("points"))
        }
        if choices.count >= 2, choices.allSatisfy({ $0.points == 0 }) {
            checker.warning("no option earns points, so this question can never raise a score", at: optionsPath)
        }
        return choices.map(\.id)
    }
}

/// One option of a choice question, with the points it is worth.
public struct ChoiceOption: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the question. `na` and `unknown` are reserved.
    public var id: String
    /// What the option says.
    public var label: LocalizedText
    /// What choosing it means in practice.
    public var descriptor: LocalizedText?
    /// Points from 0 to 1.
    public var points: Double

    /// Creates a choice option.
    public init(id: String, label: LocalizedText, descriptor: LocalizedText? = nil, points: Double) {
        self.id = id
        self.label = label
        self.descriptor = descriptor
        self.points = points
    }
}
