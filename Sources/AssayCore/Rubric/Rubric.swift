/// An assessment instrument: its dimensions and questions, how answers are scored, and what the scores mean.
///
/// A rubric is data. It is usually read from a JSON file (see the AssayJSON module and the rubric format article),
/// or supplied in Swift by a ``RubricProvider``. Build one with ``init(id:version:defaultLanguage:languages:title:description:scoring:policies:scales:levels:dimensions:)``
/// and check it with ``validate(using:)`` before scoring with it.
public struct Rubric: Sendable, Hashable, Codable {
    /// A stable identifier, such as `digital-capacity`; never reused for a different instrument.
    public var id: String
    /// A semantic version (`major.minor.patch`). Responses record the version they were given against.
    public var version: String
    /// The language every string must have.
    public var defaultLanguage: String
    /// Every language the rubric is offered in, the default included.
    public var languages: [String]
    /// The rubric's name.
    public var title: LocalizedText
    /// What the rubric assesses, for whom, and why its weights are what they are.
    public var description: LocalizedText?
    /// Which scoring model scores it, and with which parameters.
    public var scoring: ScoringSpec
    /// How "not applicable", "don't know" and unanswered questions count.
    public var policies: AnswerPolicies
    /// Answer scales declared once and referenced by questions.
    public var scales: [Scale]
    /// The maturity levels, from lowest to highest.
    public var levels: [MaturityLevel]
    /// The dimensions, in the order they are asked.
    public var dimensions: [RubricDimension]
    /// How the questions of earlier versions became this version's, one entry per earlier version, so answers
    /// given against them carry forward.
    public var changes: [VersionChange]

    /// Creates a rubric.
    public init(
        id: String,
        version: String,
        defaultLanguage: String = "en",
        languages: [String] = ["en"],
        title: LocalizedText,
        description: LocalizedText? = nil,
        scoring: ScoringSpec = ScoringSpec(),
        policies: AnswerPolicies = AnswerPolicies(),
        scales: [Scale] = [],
        levels: [MaturityLevel] = [],
        dimensions: [RubricDimension],
        changes: [VersionChange] = []
    ) {
        self.id = id
        self.version = version
        self.defaultLanguage = defaultLanguage
        self.languages = languages
        self.title = title
        self.description = description
        self.scoring = scoring
        self.policies = policies
        self.scales = scales
        self.levels = levels
        self.dimensions = dimensions
        self.changes = changes
    }

    enum CodingKeys: String, CodingKey {
        case id, version, title, description, scoring, policies, scales, levels, dimensions, languages, changes
        case defaultLanguage = "default_language"
        case schema = "$schema"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decode(String.self, forKey: .id)
        self.version = try container.decode(String.self, forKey: .version)
        self.defaultLanguage = try container.decode(String.self, forKey: .defaultLanguage)
        self.languages = try container.decodeIfPresent([String].self, forKey: .languages) ?? [defaultLanguage]
        self.title = try container.decode(LocalizedText.self, forKey: .title)
        self.description = try container.decodeIfPresent(LocalizedText.self, forKey: .description)
        self.scoring = try container.decodeIfPresent(ScoringSpec.self, forKey: .scoring) ?? ScoringSpec()
        self.policies = try container.decodeIfPresent(AnswerPolicies.self, forKey: .policies) ?? AnswerPolicies()
        self.scales = try container.decodeIfPresent([Scale].self, forKey: .scales) ?? []
        self.levels = try container.decodeIfPresent([MaturityLevel].self, forKey: .levels) ?? []
        self.dimensions = try container.decode([RubricDimension].self, forKey: .dimensions)
        self.changes = try container.decodeIfPresent([VersionChange].self, forKey: .changes) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(defaultLanguage, forKey: .defaultLanguage)
        try container.encode(languages, forKey: .languages)
        try container.encode(title, forKey: .title)
        try container.encodeIfPresent(description, forKey: .description)
        try container.encode(scoring, forKey: .scoring)
        try container.encode(policies, forKey: .policies)
        if !scales.isEmpty { try container.encode(scales, forKey: .scales) }
        if !levels.isEmpty { try container.encode(levels, forKey: .levels) }
        try container.encode(dimensions, forKey: .dimensions)
        if !changes.isEmpty { try container.encode(changes, forKey: .changes) }
    }
}

/// Which scoring model scores a rubric, by id, with its parameters.
public struct ScoringSpec: Sendable, Hashable, Codable {
    /// The id a ``ScoringModel`` is registered under, such as `weighted-mean`.
    public var model: String
    /// Settings the model documents, such as `{"threshold": 0.75}`.
    public var parameters: [String: ParameterValue]

    /// Creates a scoring specification.
    public init(model: String = "weighted-mean", parameters: [String: ParameterValue] = [:]) {
        self.model = model
        self.parameters = parameters
    }

    enum CodingKeys: String, CodingKey { case model, parameters }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.model = try container.decodeIfPresent(String.self, forKey: .model) ?? "weighted-mean"
        self.parameters = try container.decodeIfPresent([String: ParameterValue].self, forKey: .parameters) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        if !parameters.isEmpty { try container.encodeSortedMap(parameters, forKey: .parameters) }
    }
}

/// A scoring model's parameter: a number, a string, a flag, or a list or map of them.
public enum ParameterValue: Sendable, Hashable, Codable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case list([ParameterValue])
    case map([String: ParameterValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ParameterValue].self) {
            self = .list(value)
        } else if let value = try? container.decode([String: ParameterValue].self) {
            self = .map(value)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected a number, a string, true/false, a list or an object"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .map(let value) = self {
            try encoder.encodeSortedMap(value)
            return
        }
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let value): try container.encode(value)
        case .map: break
        }
    }

    /// The value as a number, if it is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }
}

/// How an answer that carries no level counts towards a score.
public enum AnswerTreatment: String, Sendable, Hashable, Codable, CaseIterable {
    /// Left out of the score: neither the points nor the weight count.
    case exclude
    /// Counted with zero points.
    case zero
    /// Counted as if the question met its target.
    case target

    public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
}

/// How "not applicable", "don't know" and unanswered questions count.
public struct AnswerPolicies: Sendable, Hashable, Codable {
    /// A question the organisation says does not apply to it. Default: excluded.
    public var notApplicable: AnswerTreatment
    /// A question nobody present could answer. Default: zero, since not knowing is itself a finding.
    public var dontKnow: AnswerTreatment
    /// A question that was asked but not answered. Default: excluded, and reported in completeness.
    public var unanswered: AnswerTreatment

    /// Creates answer policies.
    public init(
        notApplicable: AnswerTreatment = .exclude, dontKnow: AnswerTreatment = .zero,
        unanswered: AnswerTreatment = .exclude
    ) {
        self.notApplicable = notApplicable
        self.dontKnow = dontKnow
        self.unanswered = unanswered
    }

    enum CodingKeys: String, CodingKey {
        case notApplicable = "not_applicable"
        case dontKnow = "dont_know"
        case unanswered
    }

    public init(from decoder: any Decoder) throws {
        let defaults = AnswerPolicies()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.notApplicable =
            try container.decodeIfPresent(AnswerTreatment.self, forKey: .notApplicable) ?? defaults.notApplicable
        self.dontKnow = try container.decodeIfPresent(AnswerTreatment.self, forKey: .dontKnow) ?? defaults.dontKnow
        self.unanswered =
            try container.decodeIfPresent(AnswerTreatment.self, forKey: .unanswered) ?? defaults.unanswered
    }
}
