/// Free text: captured, never scored.
package struct TextFormat: AnswerFormatRules {
    package static let typeName = "text"

    package var isScored: Bool { false }
    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] { [] }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        if case .text = value { return AnswerReading(option: nil, points: nil, comparable: nil) }
        return AnswerReading(problem: "expected free text for a text question")
    }

    package func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue? { .text("Noted.") }

    package func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    {
        []
    }

    /// Words have no value to compare.
    package var hasComparableValue: Bool { false }
    package func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>? { nil }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        if question.isCritical {
            checker.warning(
                "a text question is never scored, so marking it critical has no effect",
                at: DocumentPath(path.components.dropLast()).key("critical"))
        }
        return []
    }

    /// A code says there was text, not which words.
    package var codesDecideValueTests: Bool { false }
    package func extraCodeCount(options: [ResolvedOption]) -> Int { 1 }

    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        if case .text = value { return .freeText }
        return nil
    }

    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        code == .freeText ? (.text(""), nil) : nil
    }

    package var scanning: AnswerScanning { .anyText }
    package var entry: AnswerEntry { .freeText }
    package var levelOfMeasurement: MeasurementLevel? { nil }

    package func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    {
        .text(text)
    }

    package func describe(_ value: AnswerValue, options: [ResolvedOption], label: (ResolvedOption) -> String?)
        -> String?
    {
        nil
    }
}
