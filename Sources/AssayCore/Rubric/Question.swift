/// One question of a rubric: what is asked, how it may be answered, and how much it counts.
public struct Question: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the rubric, such as `hr.1` or `OE.3`. Responses key answers by it.
    public var id: String
    /// The question as the facilitator asks it.
    public var prompt: LocalizedText
    /// What the facilitator should listen for.
    public var help: LocalizedText?
    /// What document or practice would show the answer is true.
    public var evidencePrompt: LocalizedText?
    /// How the question is answered.
    public var format: AnswerFormat
    /// How much the question counts in its dimension or practice area. Positive and finite.
    public var weight: Double
    /// Whether "not applicable" is an acceptable answer.
    public var allowsNotApplicable: Bool
    /// Whether the question names a practice the rubric considers critical; reports flag it.
    public var isCritical: Bool
    /// The maturity level the question belongs to, for gated models; a level id.
    public var level: String?
    /// When the question is asked; `nil` means always.
    public var condition: Condition?
    /// The answer the question should reach: used by the "target" answer policy, by pass/fail models and by gated
    /// models. `nil` means the top of the question's scale.
    public var target: AnswerValue?
    /// What each option looks like for this question, overriding the shared scale's descriptors; keyed by option id.
    public var descriptors: [String: LocalizedText]
    /// The next step for an organisation that gave each answer, keyed by option id (`no` for yes/no questions,
    /// the band id for numeric ones).
    public var recommendations: [String: LocalizedText]
    /// The estimated facilitation time, in minutes: asking, listening and recording the answer. `nil` when the
    /// rubric gives no estimate.
    public var minutes: Double?
    /// When the question is put to the organisation: in the facilitated session, or before it, in a
    /// self-assessment the facilitator then confirms.
    public var asked: AskingTime
    /// Whether the answer counts in scores. `false` marks a routing question, which only decides what else is
    /// asked; its answer is recorded and tested by conditions and gates, but earns nothing.
    public var isScored: Bool

    /// Whether answers to this question count in scores: it is scored, and its format earns points.
    public var earnsPoints: Bool { isScored && format.isScored }

    /// Creates a question.
    public init(
        id: String,
        prompt: LocalizedText,
        help: LocalizedText? = nil,
        evidencePrompt: LocalizedText? = nil,
        format: AnswerFormat,
        weight: Double = 1,
        allowsNotApplicable: Bool = false,
        isCritical: Bool = false,
        level: String? = nil,
        condition: Condition? = nil,
        target: AnswerValue? = nil,
        descriptors: [String: LocalizedText] = [:],
        recommendations: [String: LocalizedText] = [:],
        minutes: Double? = nil,
        asked: AskingTime = .session,
        isScored: Bool = true
    ) {
        self.id = id
        self.prompt = prompt
        self.help = help
        self.evidencePrompt = evidencePrompt
        self.format = format
        self.weight = weight
        self.allowsNotApplicable = allowsNotApplicable
        self.isCritical = isCritical
        self.level = level
        self.condition = condition
        self.target = target
        self.descriptors = descriptors
        self.recommendations = recommendations
        self.minutes = minutes
        self.asked = asked
        self.isScored = isScored
    }

    enum CodingKeys: String, CodingKey {
        case id, prompt, help, weight, critical, level, condition, target, descriptors, recommendations
        case minutes, asked
        case isScored = "scored"
        case format = "answer"
        case evidencePrompt = "evidence_prompt"
        case allowsNotApplicable = "allow_na"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.prompt = try container.decode(LocalizedText.self, forKey: .prompt)
        self.help = try container.decodeIfPresent(LocalizedText.self, forKey: .help)
        self.evidencePrompt = try container.decodeIfPresent(LocalizedText.self, forKey: .evidencePrompt)
        self.format = try container.decode(AnswerFormat.self, forKey: .format)
        self.weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        self.allowsNotApplicable = try container.decodeIfPresent(Bool.self, forKey: .allowsNotApplicable) ?? false
        self.isCritical = try container.decodeIfPresent(Bool.self, forKey: .critical) ?? false
        self.level = try container.decodeIfPresent(String.self, forKey: .level)
        self.condition = try container.decodeIfPresent(Condition.self, forKey: .condition)
        self.target = try container.decodeIfPresent(AnswerValue.self, forKey: .target)
        self.descriptors = try container.decodeIfPresent([String: LocalizedText].self, forKey: .descriptors) ?? [:]
        self.recommendations =
            try container.decodeIfPresent([String: LocalizedText].self, forKey: .recommendations) ?? [:]
        self.minutes = try container.decodeIfPresent(Double.self, forKey: .minutes)
        self.asked = try container.decodeIfPresent(AskingTime.self, forKey: .asked) ?? .session
        self.isScored = try container.decodeIfPresent(Bool.self, forKey: .isScored) ?? true
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(prompt, forKey: .prompt)
        try container.encodeIfPresent(help, forKey: .help)
        try container.encodeIfPresent(evidencePrompt, forKey: .evidencePrompt)
        try container.encode(format, forKey: .format)
        try container.encode(weight, forKey: .weight)
        if allowsNotApplicable { try container.encode(true, forKey: .allowsNotApplicable) }
        if isCritical { try container.encode(true, forKey: .critical) }
        try container.encodeIfPresent(level, forKey: .level)
        try container.encodeIfPresent(condition, forKey: .condition)
        try container.encodeIfPresent(target, forKey: .target)
        if !descriptors.isEmpty { try container.encodeSortedMap(descriptors, forKey: .descriptors) }
        if !recommendations.isEmpty { try container.encodeSortedMap(recommendations, forKey: .recommendations) }
        try container.encodeIfPresent(minutes, forKey: .minutes)
        if asked != .session { try container.encode(asked, forKey: .asked) }
        if !isScored { try container.encode(false, forKey: .isScored) }
    }
}

/// When a question is put to the organisation.
public enum AskingTime: String, Sendable, Hashable, Codable, CaseIterable {
    /// In the facilitated session (the default).
    case session
    /// Before the session, in the self-assessment the organisation fills in; the facilitator confirms or changes
    /// the answer in the session.
    case before

    public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
}

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

    /// The `type` string this format has in JSON.
    public var typeName: String {
        switch self {
        case .scale: "scale"
        case .yesNo: "yes_no"
        case .singleChoice: "single_choice"
        case .multipleChoice: "multiple_choice"
        case .numeric: "numeric"
        case .text: "text"
        }
    }

    /// Whether answers in this format earn points.
    public var isScored: Bool {
        if case .text = self { return false }
        return true
    }

    static let typeNames = ["scale", "yes_no", "single_choice", "multiple_choice", "numeric", "text"]

    enum CodingKeys: String, CodingKey {
        case type, scale, options, unit, bands
        case maxPoints = "max_points"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let type = try container.decode(String.self, forKey: .type)
        switch type {
        case "scale":
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
        case "yes_no":
            self = .yesNo
        case "single_choice":
            self = .singleChoice(try container.decode([ChoiceOption].self, forKey: .options))
        case "multiple_choice":
            self = .multipleChoice(
                try container.decode([ChoiceOption].self, forKey: .options),
                maxPoints: try container.decodeIfPresent(Double.self, forKey: .maxPoints)
            )
        case "numeric":
            self = .numeric(
                unit: try container.decodeIfPresent(LocalizedText.self, forKey: .unit),
                bands: try container.decode([NumericBand].self, forKey: .bands)
            )
        case "text":
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

/// A range of a numeric answer and the points it is worth: `min` inclusive, `max` exclusive.
public struct NumericBand: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the question; recommendations are keyed by it.
    public var id: String
    /// The lowest value in the band; `nil` means no lower bound.
    public var min: Double?
    /// The first value above the band; `nil` means no upper bound.
    public var max: Double?
    /// Points from 0 to 1.
    public var points: Double
    /// How the band reads, such as "fewer than 2 staff".
    public var label: LocalizedText?

    /// Creates a band.
    public init(id: String, min: Double? = nil, max: Double? = nil, points: Double, label: LocalizedText? = nil) {
        self.id = id
        self.min = min
        self.max = max
        self.points = points
        self.label = label
    }

    /// Whether `value` falls in the band.
    public func contains(_ value: Double) -> Bool {
        (min.map { value >= $0 } ?? true) && (max.map { value < $0 } ?? true)
    }
}
