/// An ordinal scale: options from lowest to highest, each worth `(value − min) / (max − min)`; answered by an
/// option's id or its value.
package struct ScaleFormat: AnswerFormatRules {
    package static let typeName = "scale"
    /// The scale: declared in the rubric, or written in the question.
    package var reference: ScaleReference

    package func options(of question: Question, scales: [String: Scale]) -> [ResolvedOption] {
        let scaleOptions: [ScaleOption]
        switch reference {
        case .named(let id): scaleOptions = scales[id]?.options ?? []
        case .inline(let inline): scaleOptions = inline
        }
        let values = scaleOptions.map(\.value)
        let low = values.min() ?? 0
        let high = values.max() ?? 1
        return scaleOptions.map { option in
            ResolvedOption(
                id: option.id,
                label: option.label,
                descriptor: question.descriptors[option.id] ?? option.descriptor,
                value: option.value,
                points: high > low ? (option.value - low) / (high - low) : 0
            )
        }
    }

    package func read(_ value: AnswerValue, options: [ResolvedOption]) -> AnswerReading {
        switch value {
        case .text(let id):
            guard let found = option(id, in: options) else {
                return AnswerReading(problem: "\"\(id)\" is not an option of this question; \(expected(options))")
            }
            return AnswerReading(option: found, points: found.points, comparable: found.value)
        case .number(let number):
            guard let found = options.first(where: { $0.value == number }) else {
                return AnswerReading(
                    problem: "\(number.formatted()) is not a value of this question's scale; \(expected(options))")
            }
            return AnswerReading(option: found, points: found.points, comparable: found.value)
        default:
            return AnswerReading(problem: "expected an option id: " + expected(options).dropFirst("expected ".count))
        }
    }

    /// The option a code names, with its reading.
    package func answer(ofOptionCode code: AnswerCode, options: [ResolvedOption])
        -> (value: AnswerValue, reading: AnswerReading?)?
    {
        readingOfOptionCode(code, options: options, byNumber: true)
    }

    package func check(_ question: Question, at path: DocumentPath, with checker: inout some AnswerFormatChecker)
        -> [String]
    {
        switch reference {
        case .named(let id):
            guard let scale = checker.useScale(id) else {
                checker.error("\"\(id)\" is not a scale declared in \"scales\"", at: path.key("scale"))
                return []
            }
            return scale.options.map(\.id)
        case .inline(let options):
            checker.checkScaleOptions(options, at: path.key("options"))
            return options.map(\.id)
        }
    }

    package func code(of value: AnswerValue, options: [ResolvedOption], optionNamed: (String) -> Int?)
        -> AnswerCode?
    {
        codeOfNamedOption(value, options: options, optionNamed: optionNamed)
    }

    package var scanning: AnswerScanning { .optionByIDOrValue }
    package var entry: AnswerEntry { .choosing }
    package var levelOfMeasurement: MeasurementLevel? { .ordinal }

}

/// The options of a scale question: a scale declared once in the rubric, or options written in the question.
public enum ScaleReference: Sendable, Hashable {
    /// A scale from the rubric's `scales`, by id.
    case named(String)
    /// Options that belong to this question alone.
    case inline([ScaleOption])
}

/// An answer scale declared once and shared by many questions.
public struct Scale: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique among the rubric's scales.
    public var id: String
    /// What the scale measures, for people editing the rubric.
    public var title: LocalizedText?
    /// The options, from lowest to highest.
    public var options: [ScaleOption]

    /// Creates a scale.
    public init(id: String, title: LocalizedText? = nil, options: [ScaleOption]) {
        self.id = id
        self.title = title
        self.options = options
    }
}

/// One level of an ordinal scale.
public struct ScaleOption: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the scale; what a response names. `na` and `unknown` are reserved.
    public var id: String
    /// Where the option sits on the scale; points are `(value − min) / (max − min)`.
    public var value: Double
    /// A short name, such as "Defined".
    public var label: LocalizedText
    /// What this level looks like in practice.
    public var descriptor: LocalizedText?

    /// Creates a scale option.
    public init(id: String, value: Double, label: LocalizedText, descriptor: LocalizedText? = nil) {
        self.id = id
        self.value = value
        self.label = label
        self.descriptor = descriptor
    }
}
