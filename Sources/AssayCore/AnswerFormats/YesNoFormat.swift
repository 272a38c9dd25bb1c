/// Yes (one point) or no (none); answered by `true`/`false`, or `"yes"`/`"no"`.
package struct YesNoFormat: AnswerFormatRules {
    package static let typeName = "yes_no"

    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] {
        [
            ResolvedOption(id: "no", label: Self.no, descriptor: question.descriptors["no"], value: 0, points: 0),
            ResolvedOption(id: "yes", label: Self.yes, descriptor: question.descriptors["yes"], value: 1, points: 1),
        ]
    }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        let isYes: Bool
        switch value {
        case .flag(let flag): isYes = flag
        case .text("yes"): isYes = true
        case .text("no"): isYes = false
        default: return AnswerReading(problem: "expected true or false")
        }
        let points: Double = isYes ? 1 : 0
        return AnswerReading(option: option(isYes ? "yes" : "no", in: options), points: points, comparable: points)
    }

    package func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue? { .flag(highest) }

    package func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    {
        outcome.earned != nil && outcome.optionID == "no" ? [(.flag(true), "yes")] : []
    }

    package func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>? { 0...1 }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        ["no", "yes"]
    }

    package var scanning: AnswerScanning { .flag }
    package var entry: AnswerEntry { .yesOrNo }
    package var levelOfMeasurement: MeasurementLevel? { .nominal }

    /// `1`/`2` as the options are numbered, or the words for no and yes in the languages Assay speaks.
    package func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    {
        switch text.lowercased() {
        case "1", "no", "non", "nein": return .flag(false)
        case "2", "yes", "y", "oui", "o", "sí", "si", "ja": return .flag(true)
        default: throw .notAnOption(text, expected: options.map(\.id))
        }
    }

    /// "Yes" and "No" in the language, or its base language; English in any other.
    package func label(of option: ResolvedOption, language: String, fallback: String) -> String {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        return option.label.translations[language] ?? option.label.translations[base]
            ?? option.label.translations["en"] ?? option.id
    }

    static let yes: LocalizedText = ["en": "Yes", "fr": "Oui", "es": "Sí", "de": "Ja"]
    static let no: LocalizedText = ["en": "No", "fr": "Non", "es": "No", "de": "Nein"]
}
