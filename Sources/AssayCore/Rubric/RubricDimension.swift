/// A part of a rubric that gets its own score and maturity level, such as "Financial resources".
///
/// A dimension holds its questions directly, or groups them one level further into ``PracticeArea``s; not both.
public struct RubricDimension: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the rubric.
    public var id: String
    /// The dimension's name.
    public var title: LocalizedText
    /// What the dimension covers.
    public var description: LocalizedText?
    /// How much the dimension counts in the overall score, relative to the others. Positive and finite.
    public var weight: Double
    /// What each maturity level looks like in this dimension, keyed by level id.
    public var levelDescriptions: [String: LocalizedText]
    /// What an organisation at each maturity level should do next in this dimension, keyed by level id.
    public var recommendations: [String: LocalizedText]
    /// Groups of questions, each with its own weight. Empty when the dimension holds its questions directly.
    public var practiceAreas: [PracticeArea]
    /// The questions, when the dimension has no practice areas.
    public var questions: [Question]

    /// Creates a dimension.
    public init(
        id: String,
        title: LocalizedText,
        description: LocalizedText? = nil,
        weight: Double = 1,
        levelDescriptions: [String: LocalizedText] = [:],
        recommendations: [String: LocalizedText] = [:],
        practiceAreas: [PracticeArea] = [],
        questions: [Question] = []
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.weight = weight
        self.levelDescriptions = levelDescriptions
        self.recommendations = recommendations
        self.practiceAreas = practiceAreas
        self.questions = questions
    }

    /// Every question of the dimension, practice areas included, in the order they are asked.
    public var allQuestions: [Question] {
        practiceAreas.isEmpty ? questions : practiceAreas.flatMap(\.questions)
    }

    enum CodingKeys: String, CodingKey {
        case id, title, description, weight, recommendations, questions
        case levelDescriptions = "level_descriptions"
        case practiceAreas = "practice_areas"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.title = try container.decode(LocalizedText.self, forKey: .title)
        self.description = try container.decodeIfPresent(LocalizedText.self, forKey: .description)
        self.weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        self.levelDescriptions =
            try container.decodeIfPresent([String: LocalizedText].self, forKey: .levelDescriptions) ?? [:]
        self.recommendations =
            try container.decodeIfPresent([String: LocalizedText].self, forKey: .recommendations) ?? [:]
        self.practiceAreas = try container.decodeIfPresent([PracticeArea].self, forKey: .practiceAreas) ?? []
        self.questions = try container.decodeIfPresent([Question].self, forKey: .questions) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(weight, forKey: .weight)
        if !levelDescriptions.isEmpty { try container.encodeSortedMap(levelDescriptions, forKey: .levelDescriptions) }
        if !recommendations.isEmpty { try container.encodeSortedMap(recommendations, forKey: .recommendations) }
        if !practiceAreas.isEmpty { try container.encode(practiceAreas, forKey: .practiceAreas) }
        if !questions.isEmpty { try container.encode(questions, forKey: .questions) }
    }
}

/// A group of related questions inside a dimension, with its own weight.
///
/// A dimension with practice areas scores each area first, then takes the areas' weighted mean.
public struct PracticeArea: Sendable, Hashable, Codable, Identifiable {
    /// A stable identifier, unique in the rubric.
    public var id: String
    /// The practice area's name.
    public var title: LocalizedText
    /// What the practice area covers.
    public var description: LocalizedText?
    /// How much the area counts in its dimension. Positive and finite.
    public var weight: Double
    /// The questions, in the order they are asked.
    public var questions: [Question]

    /// Creates a practice area.
    public init(
        id: String, title: LocalizedText, description: LocalizedText? = nil, weight: Double = 1, questions: [Question]
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.weight = weight
        self.questions = questions
    }

    enum CodingKeys: String, CodingKey { case id, title, description, weight, questions }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.title = try container.decode(LocalizedText.self, forKey: .title)
        self.description = try container.decodeIfPresent(LocalizedText.self, forKey: .description)
        self.weight = try container.decodeIfPresent(Double.self, forKey: .weight) ?? 1
        self.questions = try container.decode([Question].self, forKey: .questions)
    }
}
