// The JSON form of explanations, for a service that sends them to a client or stores them.
//
// Keys are snake_case like the rest of the format. Enums are objects with a `kind`, so a client in any language
// can switch on one string. Decoding accepts exactly what encoding writes. Assay's JSON output writes numbers to 15
// significant digits, so a decoded explanation has the same numbers to 15 digits, and writes the same text again.

extension Explanation: Codable {
    /// The format an encoded explanation names in its `format` key. A later, incompatible form will change the
    /// number; decoding refuses any other.
    public static let format = "assay-explanation/1"

    enum CodingKeys: String, CodingKey { case format, assessment, overall, dimensions, opportunities }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.requireFormat(Self.format, forKey: .format)
        self.init(
            assessment: try container.decode(Assessment.self, forKey: .assessment),
            overall: try container.decode(LevelOutlook.self, forKey: .overall),
            dimensions: try container.decode([LevelOutlook].self, forKey: .dimensions),
            opportunities: try container.decode([Opportunity].self, forKey: .opportunities)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(assessment, forKey: .assessment)
        try container.encode(overall, forKey: .overall)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(opportunities, forKey: .opportunities)
    }
}

extension LevelOutlook: Codable {
    enum CodingKeys: String, CodingKey {
        case scope, level, blockers
        case nextLevel = "next_level"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            scope: try container.decode(Scope.self, forKey: .scope),
            level: try container.decodeIfPresent(String.self, forKey: .level),
            nextLevel: try container.decodeIfPresent(String.self, forKey: .nextLevel),
            blockers: try container.decode([Blocker].self, forKey: .blockers)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(scope, forKey: .scope)
        try container.encode(level, forKey: .level)
        try container.encode(nextLevel, forKey: .nextLevel)
        try container.encode(blockers, forKey: .blockers)
    }
}

extension Opportunity: Codable {
    enum CodingKeys: String, CodingKey {
        case recommendation
        case questionID = "question"
        case dimensionID = "dimension"
        case fromOption = "from_option"
        case toOption = "to_option"
        case dimensionGain = "dimension_gain"
        case overallGain = "overall_gain"
        case isCritical = "critical"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            questionID: try container.decode(String.self, forKey: .questionID),
            dimensionID: try container.decode(String.self, forKey: .dimensionID),
            fromOption: try container.decodeIfPresent(String.self, forKey: .fromOption),
            toOption: try container.decode(String.self, forKey: .toOption),
            dimensionGain: try container.decode(Double.self, forKey: .dimensionGain),
            overallGain: try container.decode(Double.self, forKey: .overallGain),
            recommendation: try container.decodeIfPresent(LocalizedText.self, forKey: .recommendation),
            isCritical: try container.decodeIfPresent(Bool.self, forKey: .isCritical) ?? false
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(questionID, forKey: .questionID)
        try container.encode(dimensionID, forKey: .dimensionID)
        try container.encode(fromOption, forKey: .fromOption)
        try container.encode(toOption, forKey: .toOption)
        try container.encode(dimensionGain, forKey: .dimensionGain)
        try container.encode(overallGain, forKey: .overallGain)
        try container.encodeIfPresent(recommendation, forKey: .recommendation)
        try container.encode(isCritical, forKey: .isCritical)
    }
}

/// `{"kind": "score", "needed": 50, "actual": 45.8}`, `{"kind": "gate", "gate": {…}, "outcome": {…}}` or
/// `{"kind": "practice", "question": "hr.lead", "outcome": {…}}`; `actual` and `outcome` may be `null`.
extension Blocker: Codable {
    enum CodingKeys: String, CodingKey { case kind, needed, actual, gate, outcome, question }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        let outcome = { () throws -> QuestionOutcome? in
            try container.decodeIfPresent(QuestionOutcome.self, forKey: .outcome)
        }
        switch kind {
        case "score":
            self = .score(
                needed: try container.decode(Double.self, forKey: .needed),
                actual: try container.decodeIfPresent(Double.self, forKey: .actual))
        case "gate":
            self = .gate(try container.decode(Gate.self, forKey: .gate), outcome: try outcome())
        case "practice":
            self = .practice(questionID: try container.decode(String.self, forKey: .question), outcome: try outcome())
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "expected \"score\", \"gate\" or \"practice\", found \"\(kind)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .score(let needed, let actual):
            try container.encode("score", forKey: .kind)
            try container.encode(needed, forKey: .needed)
            try container.encode(actual, forKey: .actual)
        case .gate(let gate, let outcome):
            try container.encode("gate", forKey: .kind)
            try container.encode(gate, forKey: .gate)
            try container.encode(outcome, forKey: .outcome)
        case .practice(let questionID, let outcome):
            try container.encode("practice", forKey: .kind)
            try container.encode(questionID, forKey: .question)
            try container.encode(outcome, forKey: .outcome)
        }
    }
}
