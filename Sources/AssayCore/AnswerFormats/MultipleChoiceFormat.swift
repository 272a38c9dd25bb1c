/// Any number of options; points are the sum of the chosen options' points, divided by `maxPoints` (the sum of
/// every positive option's points when `nil`), capped at 1. Answered by a list of option ids, or one id.
package struct MultipleChoiceFormat: AnswerFormatRules {
    package static let typeName = "multiple_choice"
    /// The options, as declared.
    package var choices: [ChoiceOption]
    /// What the chosen options' points are divided by; `nil` for the sum of every positive option's points.
    package var maxPoints: Double?

    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] {
        ChoiceOption.resolved(choices, for: question)
    }

    package func normalized(_ value: AnswerValue) -> AnswerValue {
        if case .text(let id) = value { return .choices([id]) }
        return value
    }
    package var normalizes: Bool { true }

    /// The sum of every positive option's points, when a plan has computed it (``deciding(_:)``), so the reading
    /// of each of its codes does not add up all the options again.
    private var positiveSum: Double?

    package init(choices: [ChoiceOption], maxPoints: Double?) {
        self.choices = choices
        self.maxPoints = maxPoints
    }

    /// What the chosen points are divided by.
    private func maximum(_ options: [ResolvedOption]) -> Double {
        maxPoints ?? positiveSum ?? options.map(\.points).filter { $0 > 0 }.reduce(0, +)
    }

    /// The plan's format: the sum of positive points added up once (from the declared choices, whose points the
    /// options carry unchanged).
    package func deciding(_ tests: [AnswerTest]) -> MultipleChoiceFormat {
        var coded = self
        coded.positiveSum = choices.map(\.points).filter { $0 > 0 }.reduce(0, +)
        return coded
    }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        guard case .choices(let ids) = normalized(value) else {
            return AnswerReading(problem: "expected a list of option ids")
        }
        for id in ids where option(id, in: options) == nil {
            return AnswerReading(problem: "\"\(id)\" is not an option of this question; \(expected(options))")
        }
        if Set(ids).count != ids.count { return AnswerReading(problem: "an option is chosen twice") }
        // Added in the options' declared order: the order they were chosen in must not change the last digit of
        // the sum (0.3 + 0.3 + 0.4 is not 0.4 + 0.3 + 0.3 in floating point).
        let total = options.reduce(0.0) { ids.contains($1.id) ? $0 + $1.points : $0 }
        let maximum = maximum(options)
        return AnswerReading(option: nil, points: maximum > 0 ? min(1, total / maximum) : 0, comparable: total)
    }

    /// Every option that earns points, capped at 1.
    package func bestPoints(options: [ResolvedOption]) -> Double {
        let positive = options.map(\.points).filter { $0 > 0 }.reduce(0, +)
        let maximum = maximum(options)
        return maximum > 0 ? min(1, positive / maximum) : 0
    }

    package func extremeAnswer(highest: Bool, options: [ResolvedOption]) -> AnswerValue? {
        .choices(highest ? options.filter { $0.points > 0 }.map(\.id) : [])
    }

    /// One more option that earns points, the most valuable first.
    package func betterAnswers(than outcome: QuestionOutcome, options: [ResolvedOption])
        -> [(value: AnswerValue, option: String)]
    {
        guard outcome.earned != nil, case .choices(let chosen)? = outcome.value else { return [] }
        let candidates = options.filter { !chosen.contains($0.id) && $0.points > 0 }
        return candidates.sorted { $0.points > $1.points }.map { (.choices(chosen + [$0.id]), $0.id) }
    }

    /// The option a step adds: its recommendation says how to put it in place.
    package func recommendationKey(current: String?, step: String) -> String { step }

    /// A list's value is the sum of its options' points.
    package func comparableRange(options: [ResolvedOption]) -> ClosedRange<Double>? {
        let points = options.map(\.points)
        guard !points.isEmpty else { return nil }
        return points.filter { $0 < 0 }.reduce(0, +)...points.filter { $0 > 0 }.reduce(0, +)
    }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        let ids = ChoiceOption.check(choices, at: path, with: &checker)
        if let maxPoints, !(maxPoints > 0 && maxPoints.isFinite) {
            checker.error("\"max_points\" must be a positive finite number", at: path.key("max_points"))
        }
        return ids
    }

    /// A list's code is the set of options it names (``AnswerCode/choices(_:of:)``), when the question has at most
    /// ``AnswerCode/largestChoiceCount`` options and the list names each at most once; one id is the one-item list.
    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        switch value {
        case .text(let id):
            return optionNamed(id).map { .named(option: $0) }
        case .choices(let ids):
            guard options.count <= AnswerCode.largestChoiceCount else { return nil }
            var mask = 0
            for id in ids {
                // An id that is no option, or one named twice, is for the core to report.
                guard let option = optionNamed(id), mask & (1 << option) == 0 else { return nil }
                mask |= 1 << option
            }
            return .choices(mask, of: options.count)
        default:
            return nil
        }
    }

    /// `2^n` list codes, for a question of at most ``AnswerCode/largestChoiceCount`` options.
    package func extraCodeCount(options: [ResolvedOption]) -> Int {
        options.count <= AnswerCode.largestChoiceCount ? 1 << options.count : 0
    }

    /// An option named by its id, or a list, in the options' order; a code naming an option by a number is no
    /// answer to a multiple-choice question.
    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        guard code.rawValue >= AnswerCode.firstOption else { return nil }
        let offset = Int(code.rawValue - AnswerCode.firstOption)
        if offset < options.count {
            // One option, read without searching the options: what `read` gives the list of its id alone.
            let points = options[offset].points
            let maximum = maximum(options)
            return (
                .text(options[offset].id),
                AnswerReading(option: nil, points: maximum > 0 ? min(1, points / maximum) : 0, comparable: points)
            )
        }
        let mask = offset - 2 * options.count
        guard mask >= 0, mask < extraCodeCount(options: options) else { return nil }
        return (.choices(options.indices.filter { mask & (1 << $0) != 0 }.map { options[$0].id }), nil)
    }

    package var scanning: AnswerScanning { .declined }
    package var entry: AnswerEntry { .choosingSeveral }
    /// One category per distinct set of options chosen.
    package var levelOfMeasurement: MeasurementLevel? { .nominal }

    /// Options separated by commas or spaces, each named once (a repeat is dropped).
    package func typedAnswer(_ text: String, options: [ResolvedOption], option: (String) -> String?)
        throws(TypedAnswerProblem) -> AnswerValue
    {
        var ids: [String] = []
        for token in text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init) {
            guard let id = option(token) else { throw .notAnOption(token, expected: options.map(\.id)) }
            if !ids.contains(id) { ids.append(id) }
        }
        guard !ids.isEmpty else { throw .notAnOption(text, expected: options.map(\.id)) }
        return .choices(ids)
    }

    /// The chosen options' labels, in the order chosen.
    package func describe(_ value: AnswerValue, options: [ResolvedOption], label: (ResolvedOption) -> String?)
        -> String?
    {
        guard case .choices(let ids) = normalized(value) else { return nil }
        return ids.map { id in option(id, in: options).flatMap(label) ?? id }.joined(separator: ", ")
    }
}
