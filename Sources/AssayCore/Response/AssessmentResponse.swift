/// One organisation's answers to one rubric.
///
/// In JSON (see the README for the full format):
/// ```json
/// {"id": "lac-vert-2026", "organisation": "Ville de Lac-Vert", "rubric": "digital-capacity",
///  "rubric_version": "1.0.0", "attributes": {"region": "QC"},
///  "answers": {"hr.1": "3", "fin.2": {"value": true, "note": "Council approved in May", "evidence": ["budget.pdf"]}}}
/// ```
public struct AssessmentResponse: Sendable, Hashable, Codable {
    /// An identifier for this response, unique within a response set.
    public var id: String?
    /// The organisation's name. Never leaves the organisation's own report.
    public var organisation: String?
    /// The id of the rubric the answers belong to.
    public var rubric: String
    /// The version of the rubric the answers were given against.
    public var rubricVersion: String?
    /// Facts about the organisation used to form peer groups, such as `region`, `population` and `type`.
    public var attributes: [String: String]
    /// The answers, keyed by question id.
    public var answers: [String: Answer]

    /// Creates a response.
    public init(
        id: String? = nil,
        organisation: String? = nil,
        rubric: String,
        rubricVersion: String? = nil,
        attributes: [String: String] = [:],
        answers: [String: Answer] = [:]
    ) {
        self.id = id
        self.organisation = organisation
        self.rubric = rubric
        self.rubricVersion = rubricVersion
        self.attributes = attributes
        self.answers = answers
    }

    enum CodingKeys: String, CodingKey {
        case id, organisation, rubric, attributes, answers
        case rubricVersion = "rubric_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try container.decodeIfPresent(String.self, forKey: .id)
        self.organisation = try container.decodeIfPresent(String.self, forKey: .organisation)
        self.rubric = try container.decode(String.self, forKey: .rubric)
        self.rubricVersion = try container.decodeIfPresent(String.self, forKey: .rubricVersion)
        self.attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        self.answers = try container.decodeIfPresent([String: Answer].self, forKey: .answers) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(id, forKey: .id)
        try container.encodeIfPresent(organisation, forKey: .organisation)
        try container.encode(rubric, forKey: .rubric)
        try container.encodeIfPresent(rubricVersion, forKey: .rubricVersion)
        try container.encodeSortedMap(attributes, forKey: .attributes)
        try container.encodeSortedMap(answers, forKey: .answers)
    }
}

/// An answer to one question, with the facilitator's note and the evidence offered.
///
/// In JSON either the bare value (`3`, `"defined"`, `true`, `["a", "b"]`, `"na"`, `"unknown"`) or an object
/// `{"value": ..., "note": "...", "evidence": ["..."]}`. An object without a value records a note on a question
/// not answered yet.
public struct Answer: Sendable, Hashable, Codable {
    /// The answer itself; `nil` when only a note or evidence has been recorded.
    public var value: AnswerValue?
    /// What the facilitator wants remembered about the answer.
    public var note: String?
    /// Links or document names that support the answer.
    public var evidence: [String]

    /// Creates an answer.
    public init(_ value: AnswerValue?, note: String? = nil, evidence: [String] = []) {
        self.value = value
        self.note = note
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey { case value, note, evidence }

    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: CodingKeys.self) {
            self.value = try container.decodeIfPresent(AnswerValue.self, forKey: .value)
            self.note = try container.decodeIfPresent(String.self, forKey: .note)
            if let single = try? container.decodeIfPresent(String.self, forKey: .evidence) {
                self.evidence = [single]
            } else {
                self.evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
            }
        } else {
            self.value = try AnswerValue(from: decoder)
            self.note = nil
            self.evidence = []
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if note == nil && evidence.isEmpty, let value {
            try value.encode(to: encoder)
            return
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(note, forKey: .note)
        if !evidence.isEmpty { try container.encode(evidence, forKey: .evidence) }
    }
}

/// The value of an answer, before the rubric says what it means.
///
/// The question's format decides how a value is read: `.text("3")` is option `3` of a scale question and the
/// words "3" for a text question.
public enum AnswerValue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A number: a numeric answer, or a scale option's value.
    case number(Double)
    /// An option id, or free text.
    case text(String)
    /// Yes (`true`) or no (`false`).
    case flag(Bool)
    /// The options chosen in a multiple-choice question.
    case choices([String])
    /// The question does not apply to this organisation (`"na"` in JSON).
    case notApplicable
    /// Nobody present knew the answer (`"unknown"` in JSON).
    case dontKnow

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = .flag(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            switch text {
            case "na": self = .notApplicable
            case "unknown": self = .dontKnow
            default: self = .text(text)
            }
        } else if let choices = try? container.decode([String].self) {
            self = .choices(choices)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription:
                    "expected an answer: a number, an option id, true/false, a list of option ids, \"na\" or \"unknown\""
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .flag(let value): try container.encode(value)
        case .choices(let value): try container.encode(value)
        case .notApplicable: try container.encode("na")
        case .dontKnow: try container.encode("unknown")
        }
    }

    public var description: String {
        switch self {
        case .number(let value): value.formatted()
        case .text(let value): value
        case .flag(let value): value ? "yes" : "no"
        case .choices(let value): value.joined(separator: ", ")
        case .notApplicable: "not applicable"
        case .dontKnow: "don't know"
        }
    }
}

extension Double {
    /// The number without a trailing `.0` when it is whole: `3` rather than `3.0`.
    package func formatted() -> String {
        if self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return String(self)
    }
}

/// An answer written as in JSON: `"largely"` is the option `largely`, `"na"` not applicable, `"unknown"` don't know,
/// and `true`/`false` yes and no.
///
/// ```swift
/// let response = AssessmentResponse(rubric: "data-governance", answers: ["strat.owner": "largely", "dg.4": true])
/// ```
extension AnswerValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral text: String) {
        switch text {
        case "na": self = .notApplicable
        case "unknown": self = .dontKnow
        default: self = .text(text)
        }
    }

    public init(booleanLiteral flag: Bool) {
        self = .flag(flag)
    }
}

/// An answer with no note or evidence, written as its value (see ``AnswerValue``).
extension Answer: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral text: String) {
        self.init(AnswerValue(stringLiteral: text))
    }

    public init(booleanLiteral flag: Bool) {
        self.init(.flag(flag))
    }
}
