/// When a question is asked, decided by answers to earlier questions.
///
/// In JSON: `{"question": "dg.3", "equals": true}`, `{"question": "fin.1", "in": ["grant", "mixed"]}`,
/// `{"question": "hr.2", "at_least": 3}`, `{"question": "hr.2", "at_most": 1}`, `{"question": "hr.4", "answered": true}`,
/// and the combinations `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`. A condition may only name questions
/// asked before the question it belongs to, so answering in order always decides it.
public indirect enum Condition: Sendable, Hashable, Codable {
    /// A test on one earlier question's answer.
    case answer(question: String, test: AnswerTest)
    /// Every condition holds.
    case all([Condition])
    /// At least one condition holds.
    case any([Condition])
    /// The condition does not hold.
    case not(Condition)

    /// Every question id the condition names, in the order it names them.
    public var questionIDs: [String] {
        switch self {
        case .answer(let question, _): [question]
        case .all(let conditions), .any(let conditions): conditions.flatMap(\.questionIDs)
        case .not(let condition): condition.questionIDs
        }
    }

    enum CodingKeys: String, CodingKey {
        case question, all, any, not
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let conditions = try container.decodeIfPresent([Condition].self, forKey: .all) {
            self = .all(conditions)
        } else if let conditions = try container.decodeIfPresent([Condition].self, forKey: .any) {
            self = .any(conditions)
        } else if let condition = try container.decodeIfPresent(Condition.self, forKey: .not) {
            self = .not(condition)
        } else if let question = try container.decodeIfPresent(String.self, forKey: .question) {
            self = .answer(question: question, test: try AnswerTest(from: decoder))
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "a condition needs \"question\" with a test, or \"all\", \"any\" or \"not\""
                )
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .answer(let question, let test):
            try container.encode(question, forKey: .question)
            try test.encode(to: encoder)
        case .all(let conditions): try container.encode(conditions, forKey: .all)
        case .any(let conditions): try container.encode(conditions, forKey: .any)
        case .not(let condition): try container.encode(condition, forKey: .not)
        }
    }
}

/// A test on one question's answer, used by conditions and maturity gates.
///
/// `atLeast` and `atMost` compare a scale option's value, a numeric answer, or a choice's points; a yes/no answer
/// counts as 1 for yes and 0 for no.
public enum AnswerTest: Sendable, Hashable, Codable {
    /// The answer is this value (an option id, `true`/`false`, a number).
    case equals(AnswerValue)
    /// The answer is one of these values.
    case oneOf([AnswerValue])
    /// The answer's value is at least this.
    case atLeast(Double)
    /// The answer's value is at most this.
    case atMost(Double)
    /// The question has an answer (`true`) or has none (`false`); "not applicable" and "don't know" are answers.
    case answered(Bool)

    enum CodingKeys: String, CodingKey {
        case equals, answered
        case oneOf = "in"
        case atLeast = "at_least"
        case atMost = "at_most"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let present = [CodingKeys.equals, .oneOf, .atLeast, .atMost, .answered].filter(container.contains)
        if present.count > 1 {
            // Reading one and ignoring the other would ask, or gate on, something the author did not write.
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath + [present[1]],
                    debugDescription:
                        "a test takes one of \"equals\", \"in\", \"at_least\", \"at_most\" or \"answered\"; found both \"\(present[0].rawValue)\" and \"\(present[1].rawValue)\" (combine tests with \"all\")"
                )
            )
        }
        if let value = try container.decodeIfPresent(AnswerValue.self, forKey: .equals) {
            self = .equals(value)
        } else if let values = try container.decodeIfPresent([AnswerValue].self, forKey: .oneOf) {
            self = .oneOf(values)
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .atLeast) {
            self = .atLeast(value)
        } else if let value = try container.decodeIfPresent(Double.self, forKey: .atMost) {
            self = .atMost(value)
        } else if let value = try container.decodeIfPresent(Bool.self, forKey: .answered) {
            self = .answered(value)
        } else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a test: \"equals\", \"in\", \"at_least\", \"at_most\" or \"answered\""
                )
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .equals(let value): try container.encode(value, forKey: .equals)
        case .oneOf(let values): try container.encode(values, forKey: .oneOf)
        case .atLeast(let value): try container.encode(value, forKey: .atLeast)
        case .atMost(let value): try container.encode(value, forKey: .atMost)
        case .answered(let value): try container.encode(value, forKey: .answered)
        }
    }
}
