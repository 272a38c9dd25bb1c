/// A named stage of maturity, such as "Defined", with the score band that reaches it and the gates it requires.
///
/// Levels are listed from lowest to highest. Under score-based models a dimension (or the whole rubric) is at the
/// highest level whose band contains its score and whose gates all pass. Bands are `[minScore, maxScore)` on the
/// 0–100 scale, except that the top band includes 100; together they must cover 0 to 100 with no gap or overlap.
/// Gated models (`gated-maturity`) reach a level by the questions tagged with it, and need no bands.
public struct MaturityLevel: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique among the levels; questions and gates name it.
    public var id: String
    /// The level's name, such as "Managed".
    public var name: LocalizedText
    /// What an organisation at this level is like, in general; dimensions may say more.
    public var description: LocalizedText?
    /// The lowest score in the band.
    public var minScore: Double?
    /// The first score above the band (100 for the top level, which includes it).
    public var maxScore: Double?
    /// Practices the level requires whatever the score: the level is not reached while any gate fails.
    public var gates: [Gate]

    /// Creates a maturity level.
    public init(
        id: String,
        name: LocalizedText,
        description: LocalizedText? = nil,
        minScore: Double? = nil,
        maxScore: Double? = nil,
        gates: [Gate] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.minScore = minScore
        self.maxScore = maxScore
        self.gates = gates
    }

    enum CodingKeys: String, CodingKey {
        case id, name, description, gates
        case minScore = "min_score"
        case maxScore = "max_score"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.name = try container.decode(LocalizedText.self, forKey: .name)
        self.description = try container.decodeIfPresent(LocalizedText.self, forKey: .description)
        self.minScore = try container.decodeIfPresent(Double.self, forKey: .minScore)
        self.maxScore = try container.decodeIfPresent(Double.self, forKey: .maxScore)
        self.gates = try container.decodeIfPresent([Gate].self, forKey: .gates) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encodeIfPresent(minScore, forKey: .minScore)
        try container.encodeIfPresent(maxScore, forKey: .maxScore)
        if !gates.isEmpty { try container.encode(gates, forKey: .gates) }
    }
}

/// A practice a maturity level requires: a named question must pass a test.
///
/// A gate caps the level of the question's dimension and the overall level. In JSON:
/// `{"question": "dg.owner", "at_least": 3, "reason": {"en": "..."}}`, with any test a condition accepts.
/// A question answered "not applicable" passes its gates (the rubric allowed it not to apply); unanswered and
/// "don't know" fail them.
public struct Gate: Sendable, Hashable, Codable {
    /// The question that must pass.
    public var question: String
    /// What its answer must satisfy.
    public var test: AnswerTest
    /// Why the level needs this practice, shown when the gate blocks.
    public var reason: LocalizedText?

    /// Creates a gate.
    public init(question: String, test: AnswerTest, reason: LocalizedText? = nil) {
        self.question = question
        self.test = test
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case question, reason }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.question = try container.decode(String.self, forKey: .question)
        self.reason = try container.decodeIfPresent(LocalizedText.self, forKey: .reason)
        self.test = try AnswerTest(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(question, forKey: .question)
        try test.encode(to: encoder)
        try container.encodeIfPresent(reason, forKey: .reason)
    }
}
