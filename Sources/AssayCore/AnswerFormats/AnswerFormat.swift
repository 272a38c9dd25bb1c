/// How a question is answered.
///
/// In JSON this is the question's `answer` object, told apart by its `type`:
/// `scale`, `yes_no`, `single_choice`, `multiple_choice`, `numeric` or `text`.
public enum AnswerFormat: Sendable, Hashable, Codable {
    /// An ordinal scale: points are `(value − min) / (max − min)` over the scale's option values.
    case scale(ScaleReference)
    /// Yes (one point) or no (none).
    case yesNo
    /// One option, with the points the option carries (0 to 1).
    case singleChoice([ChoiceOption])
    /// Any number of options; points are the sum of the chosen options' points, divided by `maxPoints`
    /// (the sum of all positive option points when `nil`), capped at 1.
    case multipleChoice([ChoiceOption], maxPoints: Double?)
    /// A number, scored by the band it falls in.
    case numeric(unit: LocalizedText?, bands: [NumericBand])
    /// Free text: captured, never scored.
    case text

    /// What the format means everywhere it is used: the one place a question's format picks its type in this
    /// folder.
    package var rules: any AnswerFormatRules {
        switch self {
        case .scale(let reference): ScaleFormat(reference: reference)
        case .yesNo: YesNoFormat()
        case .singleChoice(let choices): SingleChoiceFormat(choices: choices)
        case .multipleChoice(let choices, let maxPoints): MultipleChoiceFormat(choices: choices, maxPoints: maxPoints)
        case .numeric(let unit, let bands): NumericFormat(unit: unit, bands: bands)
        case .text: TextFormat()
        }
    }

    /// The `type` string this format has in JSON.
    public var typeName: String { type(of: rules).typeName }

    /// Whether answers in this format earn points.
    public var isScored: Bool { rules.isScored }

    /// Every format's `type`, in the order the format article lists them.
    package static let typeNames = [
        ScaleFormat.typeName, YesNoFormat.typeName, SingleChoiceFormat.typeName, MultipleChoiceFormat.typeName,
        NumericFormat.typeName, TextFormat.typeName,
    ]

    enum CodingKeys: String, CodingKey {
        case type, scale, options, unit, bands
        case maxPoints = "max_points"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case ScaleFormat.typeName:
            if let scaleID = try container.decodeIfPresent(String.self, forKey: .scale) {
                self = .scale(.named(scaleID))
            } else if let options = try container.decodeIfPresent([ScaleOption].self, forKey: .options) {
                self = .scale(.inline(options))
            } else {
                throw DecodingError.keyNotFound(
                    CodingKeys.scale,
                    DecodingError.Context(
                        codingPath: container.codingPath,
                        debugDescription: "a scale answer needs \"scale\" (the id of a declared scale) or \"options\""
                    )
                )
            }
        case YesNoFormat.typeName:
            self = .yesNo
        case SingleChoiceFormat.typeName:
            self = .singleChoice(try container.decode([ChoiceOption].self, forKey: .options))
        case MultipleChoiceFormat.typeName:
            self = .multipleChoice(
                try container.decode([ChoiceOption].self, forKey: .options),
                maxPoints: try container.decodeIfPresent(Double.self, forKey: .maxPoints)
            )
        case NumericFormat.typeName:
            self = .numeric(
                unit: try container.decodeIfPresent(LocalizedText.self, forKey: .unit),
                bands: try container.decode([NumericBand].self, forKey: .bands)
            )
        case TextFormat.typeName:
            self = .text
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .type,
                in: container,
                debugDescription:
                    "unknown answer type \"\(type)\"; expected one of \(Self.typeNames.joined(separator: ", "))"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(typeName, forKey: .type)
        switch self {
        case .scale(.named(let id)): try container.encode(id, forKey: .scale)
        case .scale(.inline(let options)): try container.encode(options, forKey: .options)
        case .yesNo, .text: break
        case .singleChoice(let options): try container.encode(options, forKey: .options)
        case .multipleChoice(let options, let maxPoints):
            try container.encode(options, forKey: .options)
            try container.encodeIfPresent(maxPoints, forKey: .maxPoints)
        case .numeric(let unit, let bands):
            try container.encodeIfPresent(unit, forKey: .unit)
            try container.encode(bands, forKey: .bands)
        }
    }
}
