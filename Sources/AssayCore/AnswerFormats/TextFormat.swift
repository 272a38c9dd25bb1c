/// Free text: captured, never scored.
package struct TextFormat: AnswerFormatRules {
    package static let typeName = "text"

    /// The texts a ``ScoringPlan`` gives codes of their own, when conditions or gates compare this question's
    /// words (``deciding(_:)``), with each one's position; empty: every text has one code, ``AnswerCode/freeText``.
    package private(set) var words: [String] = []
    private var wordPositions: [String: Int] = [:]
    /// A text equal to none of ``words``, which ``AnswerCode/freeText`` stands for.
    private var otherText = ""

    package init() {}

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

    /// A code per text that `equals` or `in` compares answers with, when a test does: one code for any text
    /// cannot say whether it was "grant".
    package func deciding(_ tests: [AnswerTest]) -> TextFormat {
        var coded = self
        for test in tests {
            let values: [AnswerValue] =
                switch test {
                case .equals(let value): [value]
                case .oneOf(let values): values
                default: []
                }
            // Found by `String` equality, as tests compare: two spellings of one text are one word.
            for case .text(let word) in values where coded.wordPositions[word] == nil {
                coded.wordPositions[word] = coded.words.count
                coded.words.append(word)
            }
        }
        // Texts of different lengths in characters are never equal, so one of the first `words.count + 1` of
        // "", "-", "--" … is none of the words.
        while coded.wordPositions[coded.otherText] != nil { coded.otherText += "-" }
        return coded
    }

    /// Any other text, then one per word.
    package func extraCodeCount(options: [ResolvedOption]) -> Int { 1 + words.count }

    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        guard case .text(let text) = value else { return nil }
        guard !words.isEmpty, let word = wordPositions[text] else { return .freeText }
        return .extra(1 + word, of: 0)
    }

    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        guard let extra = code.extra(of: 0), extra <= words.count else { return nil }
        return (.text(extra == 0 ? otherText : words[extra - 1]), nil)
    }

    package var scanning: AnswerScanning { words.isEmpty ? .anyText : .codedText }
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
