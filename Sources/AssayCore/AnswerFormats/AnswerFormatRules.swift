/// What one answer format means, everywhere Assay uses it: its options, reading an answer, the best answer and the
/// next better one, checking a rubric's declaration, the answer codes of a ``ScoringPlan``, what a facilitator types
/// and how an answer reads in a report.
///
/// Every format is one type in this folder (`ScaleFormat`, `YesNoFormat`, `SingleChoiceFormat`,
/// `MultipleChoiceFormat`, `NumericFormat`, `TextFormat`), and ``AnswerFormat/rules`` is the one place that picks
/// the type for a question. Sessions, reports, comparison, agreement and the conformance suite ask the rules and
/// never switch over the formats themselves, so a new format is this folder, the schema, the format article and
/// tests.
///
/// `package`, not public: the formats are part of the rubric format, which a rubric file and the schema must agree
/// on, not a plugin point. Embedders read answers through ``IndexedQuestion/read(_:)`` and ``RubricForm``.
package protocol AnswerFormatRules: Sendable {
    /// The format's `type` in a rubric's JSON.
    static var typeName: String { get }

    // MARK: Meaning

    /// Whether answers in this format earn points.
    var isScored: Bool { get }
    /// The question's options, lowest first as declared, with points resolved and the question's own descriptors
    /// in place; empty when answers name no option.
    func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption]
    /// What `value` means as an answer: the option it names, its points, the number tests compare, or why it is
    /// no answer to the question. `"na"` and `"unknown"` are read before the format is asked.
    func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading
    /// `value` as the format keeps it: a multiple-choice question reads a single option id as a list of one.
    func normalized(_ value: AnswerValue) -> AnswerValue
    /// Whether ``normalized(_:)`` ever changes an answer: the plan, which keeps each answer as the core does, asks
    /// the format only then.
    var normalizes: Bool { get }
    /// The points of the best answer there is: what "meets the target" means when a question names no target.
    func bestPoints(options: [ResolvedOption]) -> Double
    /// The answer earning the most (or the fewest) points; `nil` when the format has none to give.
    func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue?
    /// The answers one step better than `outcome`'s, nearest first, each with the option it names: what an
    /// explanation offers as the next step.
    func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    /// The option whose recommendation goes with a step to `step` from an answer naming `current`: the answer's
    /// own, where recommendations say how to move on from an answer.
    func recommendationKey(current: String?, step: String) -> String

    // MARK: Conditions

    /// Whether `at_least` / `at_most` can test an answer: whether answers have a number to compare.
    var hasComparableValue: Bool { get }
    /// The smallest and largest number an answer compares as; `nil` when unbounded or when there is none.
    func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>?

    // MARK: Checking a rubric

    /// Checks the format's declaration in `question` (at `path`, the question's `answer`), reporting through
    /// `checker`, and returns the option ids the question's `descriptors` and `recommendations` may name.
    func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker) -> [String]

    // MARK: Answer codes

    /// The format as a ``ScoringPlan`` codes it for a question whose answers `tests` test (in conditions and
    /// gates): with codes fine enough that each code decides every one of the tests. The option formats' codes
    /// already do; a numeric question is cut at every number a test compares with, and a text question gives each
    /// text a test names its own code. Only the codes change: the format reads and scores answers as before.
    func deciding(_ tests: [AnswerTest]) -> Self
    /// How many codes the format has beyond two per option (see ``AnswerCode``): one for any text
    /// (``AnswerCode/freeText``), one per list of options (``AnswerCode/choices(_:of:)``).
    func extraCodeCount(options: [ResolvedOption]) -> Int
    /// The code of `value`, which is neither `"na"`, `"unknown"` nor a flag; `nil` when codes cannot carry it (a
    /// list of choices of a question with too many options) or it is no answer to the question. `optionNamed`
    /// finds the position of the option an id names; the plan's finds ids by their bytes, and an id it does not
    /// find is left to the core's slower path.
    func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?) -> AnswerCode?
    /// What an option code (from ``AnswerCode/firstOption`` on) stands for: the value, and a reading when the code
    /// already says it (a numeric band); `nil` for a code the format does not give.
    func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption]) -> (
        value: AnswerValue, reading: AnswerReading?
    )?
    /// How the byte-level scanner reads answers in this format.
    var scanning: AnswerScanning { get }

    // MARK: People

    /// How a facilitator or respondent gives an answer.
    var entry: AnswerEntry { get }
    /// How the statistics of agreement measure differences between answers; `nil` when answers are not compared.
    var levelOfMeasurement: MeasurementLevel? { get }
    /// What a facilitator typed, as an answer: `option` finds the option a token names (a number, an id or a
    /// label), which takes the session's language into account.
    func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    /// An option's label in `language`.
    func label(of option: ResolvedOption, language: String, fallback: String) -> String
    /// How `value` reads to a person, with `label` giving an option's label in the reader's language; `nil` when
    /// the format has nothing to add to the value's own spelling.
    func describe(_ value: AnswerValue, options: [ResolvedOption], label: (ResolvedOption) -> String?) -> String?
}

extension AnswerFormatRules {
    package var isScored: Bool { true }
    package var hasComparableValue: Bool { true }
    package func deciding(_ tests: [AnswerTest]) -> Self { self }
    package func extraCodeCount(options: [ResolvedOption]) -> Int { 0 }
    package func normalized(_ value: AnswerValue) -> AnswerValue { value }
    package var normalizes: Bool { false }
    package func bestPoints(options: [ResolvedOption]) -> Double { options.map(\.points).max() ?? 1 }
    package func recommendationKey(current: String?, step: String) -> String { current ?? "" }

    package func label(of option: ResolvedOption, language: String, fallback: String) -> String {
        option.label.resolved(language, fallback: fallback)
    }

    package func describe(_ value: AnswerValue, options: [ResolvedOption], label: (ResolvedOption) -> String?)
        -> String?
    {
        read(value, options: options).option.flatMap(label)
    }

    // What a ladder of options (a scale, a single choice) does; the other formats say otherwise.

    /// The option earning the most (or the fewest) points, named by its id.
    package func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue? {
        let sorted = options.sorted { $0.points < $1.points }
        return (highest ? sorted.last : sorted.first).map { .text($0.id) }
    }

    /// Each option worth more than the answer's points, the nearest first.
    package func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    {
        outcome.earned.map { steps(above: $0, options: options) } ?? []
    }

    /// From the lowest option's value to the highest's.
    package func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>? {
        let values = options.map(\.value)
        guard let low = values.min(), let high = values.max() else { return nil }
        return low...high
    }

    /// An option named by its id.
    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        guard case .text = value else { return nil }
        return codeOfNamedOption(value, options: options, optionNamed: optionNamed)
    }

    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        valueOfOptionCode(code, options: options)
    }

    /// The option the typed number, id or label names.
    package func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    {
        guard let id = option(text) else { throw .notAnOption(text, expected: options.map(\.id)) }
        return .text(id)
    }

    /// The option of `options` with `id`.
    func option(_ id: String, in options: [ResolvedOption]) -> ResolvedOption? {
        options.first { $0.id == id }
    }

    /// `expected one of "a", "b"`.
    func expected(_ options: [ResolvedOption]) -> String {
        "expected one of " + options.map { "\"\($0.id)\"" }.joined(separator: ", ")
    }

    /// The options worth more than `points`, cheapest first, each named by its id: the steps up a ladder.
    func steps(above points: Double, options: [ResolvedOption]) -> [(value: AnswerValue, option: String)] {
        options.filter { $0.points > points + 1e-12 }.sorted { $0.points < $1.points }.map { (.text($0.id), $0.id) }
    }

    /// The option code of the option `value` names: by id for text, by value for a number.
    func codeOfNamedOption(_ value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        switch value {
        case .text(let id):
            return optionNamed(id).map { .named(option: $0) }
        case .number(let number):
            guard let option = options.firstIndex(where: { $0.value == number }) else { return nil }
            return .number(option: option, of: options.count)
        default:
            return nil
        }
    }

    /// The value an option code of a ladder (a scale, a single choice) stands for, with its reading: the option it
    /// names, as ``read(_:options:)`` finds it in a valid rubric (ids are unique; a number names the first option
    /// with that value, as its code does). Read here once per code rather than by searching the options, which
    /// made a plan of a 16,000-option scale take seconds. `byNumber`: whether a number may name an option.
    func readingOfOptionCode(_ code: AnswerCode, options: [ResolvedOption], byNumber: Bool) -> (
        value: AnswerValue, reading: AnswerReading?
    )? {
        guard let (value, _) = valueOfOptionCode(code, options: options) else { return nil }
        guard byNumber || !code.isNumber(of: options.count) else { return nil }
        let option = options[code.option(of: options.count)]
        return (value, AnswerReading(option: option, points: option.points, comparable: option.value))
    }

    /// The value an option code stands for: its id, or its value when named by a number.
    func valueOfOptionCode(_ code: AnswerCode, options: [ResolvedOption]) -> (
        value: AnswerValue, reading: AnswerReading?
    )? {
        guard code.rawValue >= AnswerCode.firstOption, Int(code.rawValue - AnswerCode.firstOption) < 2 * options.count
        else { return nil }
        let option = options[code.option(of: options.count)]
        return (code.isNumber(of: options.count) ? .number(option.value) : .text(option.id), nil)
    }
}

/// What a checker of a rubric offers a format's ``AnswerFormatRules/check(_:at:with:)``: reporting, and the checks
/// every part of a rubric shares.
package protocol AnswerFormatChecker {
    /// Reports an error at `path`.
    mutating func error(_ message: String, at path: DocumentPath)
    /// Reports a warning at `path`.
    mutating func warning(_ message: String, at path: DocumentPath)
    /// Checks a text's languages (and that it is there, when `required`).
    mutating func checkText(_ text: LocalizedText?, at path: DocumentPath, required: Bool)
    /// Checks that points are between 0 and 1.
    mutating func checkPoints(_ points: Double, at path: DocumentPath)
    /// Checks that option ids are unique, non-empty and not reserved.
    mutating func checkOptionIDs(_ ids: [String], at path: DocumentPath)
    /// Checks a scale's options, as for a declared scale.
    mutating func checkScaleOptions(_ options: [ScaleOption], at path: DocumentPath)
    /// The declared scale with `id`, marked as used; `nil` when there is none.
    mutating func useScale(_ id: String) -> Scale?
}

/// How a facilitator or respondent gives an answer in one format.
package enum AnswerEntry: Sendable {
    /// By choosing among the question's options, by number, id or label.
    case choosing
    /// By choosing yes or no.
    case yesOrNo
    /// Several of the question's options, separated by commas or spaces.
    case choosingSeveral
    /// A number, in `unit`, scored by the band it falls in.
    case number(unit: LocalizedText?, bands: [NumericBand])
    /// Any text.
    case freeText

    /// What a form shows for a question answered this way.
    package var formInput: RubricForm.Question.Input {
        switch self {
        case .choosing: .oneOption
        case .yesOrNo: .yesOrNo
        case .choosingSeveral: .severalOptions
        case .number: .number
        case .freeText: .text
        }
    }

    /// Whether answers name one or more of the question's options.
    package var namesOptions: Bool {
        switch self {
        case .choosing, .yesOrNo, .choosingSeveral: true
        case .number, .freeText: false
        }
    }
}

/// What an agreement statistic measures its values on: how far apart two different values are.
///
/// Krippendorff calls this the metric, δ²(c, k), the squared difference between values c and k.
public enum MeasurementLevel: String, Sendable, Hashable, Codable, CaseIterable {
    /// Categories with no order: two values either match (δ² = 0) or not (δ² = 1). Yes/no and single choice.
    case nominal
    /// Ranked values: how far apart two values are depends on how many values lie between them, not on the numbers
    /// themselves. Scale questions ("not in place" < "partly" < "largely" < "fully").
    case ordinal
    /// Numbers whose differences mean something: δ² = (c − k)². Numeric questions.
    case interval
}

/// How the byte-level NDJSON scanner reads answers in one format.
package enum AnswerScanning: Sendable {
    /// An option's id as a string, or an option's value as a number.
    case optionByIDOrValue
    /// An option's id as a string; a number names none.
    case optionByID
    /// `true` or `false`, or `"yes"`/`"no"`.
    case flag
    /// A number, in one of the bands.
    case band([NumericBand])
    /// Any string.
    case anyText
    /// A number the format codes itself (a numeric question cut at the numbers tests compare with): the scanner
    /// asks the plan for its code.
    case codedNumber
    /// Any string, which the format codes itself (a text question whose words tests name): the scanner asks the
    /// plan for its code.
    case codedText
    /// Not read at byte level (a list of choices): the line goes to the document reader.
    case declined
}

/// Why what a facilitator typed is no answer.
package enum TypedAnswerProblem: Error, Sendable, Hashable {
    /// Not a number, for a numeric question.
    case notANumber(String)
    /// Not an option, for a question with options.
    case notAnOption(String, expected: [String])
}
