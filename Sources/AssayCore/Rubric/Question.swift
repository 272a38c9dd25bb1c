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
