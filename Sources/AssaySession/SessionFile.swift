import AssayCore

/// Everything a 1:1 session has recorded: who was assessed against which rubric, every answer with who gave it
/// and when, and an audit trail of every change.
///
/// Saved as JSON after every answer (see ``SessionFile/save(to:)``); `assay report` reads it back. Timestamps
/// are ISO 8601 strings in UTC, such as `2026-11-21T14:05:00Z`, so the file reads the same everywhere.
public struct SessionFile: Sendable, Hashable, Codable {
    /// The version of the session file format; 1 for now.
    public var format: Int
    /// The id of the rubric the session walks through.
    public var rubric: String
    /// The version of the rubric the answers were given against; updated when a session is resumed with a newer one.
    public var rubricVersion: String
    /// Where the rubric was read from when it was not a bundled one; `nil` for bundled rubrics.
    public var rubricPath: String?
    /// The ids of the rubric's questions when the answers were given, so a resume can say what changed.
    public var questionIDs: [String]
    /// The organisation assessed.
    public var organisation: String
    /// Facts about the organisation used for peer groups, such as `region` and `population`.
    public var attributes: [String: String]
    /// The language the session is held in; `nil` means the rubric's default language.
    public var language: String?
    /// Who ran the session; recorded against every answer.
    public var facilitator: String?
    /// How long the session was planned to last, in minutes.
    public var plannedMinutes: Int
    /// When the session started.
    public var startedAt: String
    /// When anything last changed.
    public var updatedAt: String
    /// Seconds spent in the session so far, summed over every sitting; the pace warning compares it to
    /// ``plannedMinutes``. Time between a quit and a resume does not count.
    public var elapsedSeconds: Double
    /// The question the session was on when it was last saved, so a resume carries on from there.
    public var currentQuestion: String?
    /// Questions skipped for now; they come back once everything else is answered.
    public var skipped: [String]
    /// Questions asked before the session (`asked: "before"`) whose answer the facilitator has confirmed or changed
    /// in it. Until then such a question is still put to the facilitator, with its answer shown.
    public var confirmed: [String]
    /// The answers, keyed by question id, with their notes and evidence.
    public var answers: [String: Answer]
    /// Who last changed each answer and when, keyed by question id.
    public var stamps: [String: AnswerStamp]
    /// Every change, oldest first.
    public var audit: [AuditEntry]
    /// For a consensus session written by `assay reconcile`: the views reconciled and their differing answers;
    /// `nil` for an ordinary session.
    public var reconciliation: Reconciliation?
    /// The answers the organisation gave itself before the session, shown beside each question for the
    /// facilitator to confirm or change; `nil` for a session not started from a self-assessment.
    public var selfAssessment: SelfAssessment?

    /// Creates a session that has not recorded anything yet.
    public init(
        rubric: Rubric,
        rubricPath: String? = nil,
        organisation: String,
        attributes: [String: String] = [:],
        language: String? = nil,
        facilitator: String? = nil,
        plannedMinutes: Int = 90,
        startedAt: String
    ) {
        self.format = 1
        self.rubric = rubric.id
        self.rubricVersion = rubric.version
        self.rubricPath = rubricPath
        self.questionIDs = rubric.dimensions.flatMap(\.allQuestions).map(\.id)
        self.organisation = organisation
        self.attributes = attributes
        self.language = language
        self.facilitator = facilitator
        self.plannedMinutes = plannedMinutes
        self.startedAt = startedAt
        self.updatedAt = startedAt
        self.elapsedSeconds = 0
        self.currentQuestion = nil
        self.skipped = []
        self.confirmed = []
        self.answers = [:]
        self.stamps = [:]
        self.audit = []
        self.reconciliation = nil
        self.selfAssessment = nil
    }

    /// The answers as a ``AssessmentResponse`` the scorer reads.
    public var response: AssessmentResponse {
        AssessmentResponse(
            organisation: organisation,
            rubric: rubric,
            rubricVersion: rubricVersion,
            attributes: attributes,
            answers: answers
        )
    }

    /// The session file format this version writes and reads.
    public static let currentFormat = 1
    /// The planned lengths a session may have, in minutes: up to a day.
    public static let plannedMinutesRange = 1...1440
    /// The most time a session may record having taken: a year, far beyond any real session and far below where
    /// a count of seconds overflows.
    public static let maximumElapsedSeconds = 31_536_000.0

    enum CodingKeys: String, CodingKey {
        case format, rubric, organisation, attributes, language, facilitator, skipped, confirmed, answers, stamps, audit
        case reconciliation
        case selfAssessment = "self_assessment"
        case rubricVersion = "rubric_version"
        case rubricPath = "rubric_path"
        case questionIDs = "question_ids"
        case plannedMinutes = "planned_minutes"
        case startedAt = "started_at"
        case updatedAt = "updated_at"
        case elapsedSeconds = "elapsed_seconds"
        case currentQuestion = "current_question"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.format = try container.decodeIfPresent(Int.self, forKey: .format) ?? 1
        func refuse(_ key: CodingKeys, _ message: String) -> DecodingError {
            DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath + [key], debugDescription: message))
        }
        guard format == Self.currentFormat else {
            throw refuse(
                .format,
                "this session file has format \(format); this version of Assay reads format \(Self.currentFormat)")
        }
        self.rubric = try container.decode(String.self, forKey: .rubric)
        self.rubricVersion = try container.decode(String.self, forKey: .rubricVersion)
        self.rubricPath = try container.decodeIfPresent(String.self, forKey: .rubricPath)
        self.questionIDs = try container.decodeIfPresent([String].self, forKey: .questionIDs) ?? []
        self.organisation = try container.decode(String.self, forKey: .organisation)
        self.attributes = try container.decodeIfPresent([String: String].self, forKey: .attributes) ?? [:]
        self.language = try container.decodeIfPresent(String.self, forKey: .language)
        self.facilitator = try container.decodeIfPresent(String.self, forKey: .facilitator)
        self.plannedMinutes = try container.decodeIfPresent(Int.self, forKey: .plannedMinutes) ?? 90
        guard Self.plannedMinutesRange.contains(plannedMinutes) else {
            throw refuse(
                .plannedMinutes,
                "a session is planned to last from \(Self.plannedMinutesRange.lowerBound) to \(Self.plannedMinutesRange.upperBound) minutes; found \(plannedMinutes)"
            )
        }
        self.startedAt = try container.decode(String.self, forKey: .startedAt)
        self.updatedAt = try container.decodeIfPresent(String.self, forKey: .updatedAt) ?? startedAt
        for (key, text) in [(CodingKeys.startedAt, startedAt), (.updatedAt, updatedAt)] where Timestamp(text) == nil {
            throw refuse(key, "\"\(text)\" is not an ISO 8601 date and time, such as 2026-03-01T10:00:00Z")
        }
        self.elapsedSeconds = try container.decodeIfPresent(Double.self, forKey: .elapsedSeconds) ?? 0
        guard elapsedSeconds.isFinite, (0...Self.maximumElapsedSeconds).contains(elapsedSeconds) else {
            throw refuse(
                .elapsedSeconds,
                "the time spent must be from 0 to \(Int(Self.maximumElapsedSeconds)) seconds (a year); found \(elapsedSeconds.formatted())"
            )
        }
        self.currentQuestion = try container.decodeIfPresent(String.self, forKey: .currentQuestion)
        self.skipped = try container.decodeIfPresent([String].self, forKey: .skipped) ?? []
        self.confirmed = try container.decodeIfPresent([String].self, forKey: .confirmed) ?? []
        self.answers = try container.decodeIfPresent([String: Answer].self, forKey: .answers) ?? [:]
        self.stamps = try container.decodeIfPresent([String: AnswerStamp].self, forKey: .stamps) ?? [:]
        self.audit = try container.decodeIfPresent([AuditEntry].self, forKey: .audit) ?? []
        self.reconciliation = try container.decodeIfPresent(Reconciliation.self, forKey: .reconciliation)
        self.selfAssessment = try container.decodeIfPresent(SelfAssessment.self, forKey: .selfAssessment)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(rubric, forKey: .rubric)
        try container.encode(rubricVersion, forKey: .rubricVersion)
        try container.encodeIfPresent(rubricPath, forKey: .rubricPath)
        try container.encode(organisation, forKey: .organisation)
        try container.encode(SortedMap(attributes), forKey: .attributes)
        try container.encodeIfPresent(language, forKey: .language)
        try container.encodeIfPresent(facilitator, forKey: .facilitator)
        try container.encode(plannedMinutes, forKey: .plannedMinutes)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(elapsedSeconds.rounded(), forKey: .elapsedSeconds)
        try container.encodeIfPresent(currentQuestion, forKey: .currentQuestion)
        try container.encode(skipped, forKey: .skipped)
        if !confirmed.isEmpty { try container.encode(confirmed, forKey: .confirmed) }
        try container.encode(SortedMap(answers), forKey: .answers)
        try container.encode(SortedMap(stamps), forKey: .stamps)
        try container.encode(audit, forKey: .audit)
        try container.encodeIfPresent(reconciliation, forKey: .reconciliation)
        try container.encodeIfPresent(selfAssessment, forKey: .selfAssessment)
        try container.encode(questionIDs, forKey: .questionIDs)
    }
}

/// Who last changed an answer, and when.
public struct AnswerStamp: Sendable, Hashable, Codable {
    /// The facilitator's name; `nil` when the session has none.
    public var by: String?
    /// When, as an ISO 8601 string.
    public var at: String

    /// Creates a stamp.
    public init(by: String?, at: String) {
        self.by = by
        self.at = at
    }
}

/// One change to a session's answers: what changed, from what, to what, when and by whom.
public struct AuditEntry: Sendable, Hashable, Codable {
    /// The part of an answer a change touches.
    public enum Field: String, Sendable, Hashable, Codable, CaseIterable {
        /// The answer itself; `old` and `new` are ``AnswerValue``s.
        case value
        /// The note; `old` and `new` are its text.
        case note
        /// The evidence; `new` is the item added.
        case evidence

        public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
    }

    /// The question's id.
    public var question: String
    /// What changed.
    public var field: Field
    /// The value before; `nil` when there was none.
    public var old: AnswerValue?
    /// The value after; `nil` when it was cleared (a question the rubric dropped, for instance).
    public var new: AnswerValue?
    /// When, as an ISO 8601 string.
    public var at: String
    /// Who made the change; `nil` when the session has no facilitator.
    public var by: String?
    /// For an answer settled by `assay reconcile`: every view's original answer, whose answer was taken, and why.
    public var reconciled: ReconciledChoice?

    /// Creates an entry. Notes and evidence are carried as `.text`.
    public init(
        question: String, field: Field, old: AnswerValue?, new: AnswerValue?, at: String, by: String?,
        reconciled: ReconciledChoice? = nil
    ) {
        self.question = question
        self.field = field
        self.old = old
        self.new = new
        self.at = at
        self.by = by
        self.reconciled = reconciled
    }

    enum CodingKeys: String, CodingKey { case question, field, old, new, at, by, reconciled }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.question = try container.decode(String.self, forKey: .question)
        self.field = try container.decode(Field.self, forKey: .field)
        self.at = try container.decode(String.self, forKey: .at)
        self.by = try container.decodeIfPresent(String.self, forKey: .by)
        self.reconciled = try container.decodeIfPresent(ReconciledChoice.self, forKey: .reconciled)
        if field == .value {
            self.old = try container.decodeIfPresent(AnswerValue.self, forKey: .old)
            self.new = try container.decodeIfPresent(AnswerValue.self, forKey: .new)
        } else {
            // Notes are free text: a note that says "na" is a note, not "not applicable".
            self.old = try container.decodeIfPresent(String.self, forKey: .old).map(AnswerValue.text)
            self.new = try container.decodeIfPresent(String.self, forKey: .new).map(AnswerValue.text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(question, forKey: .question)
        try container.encode(field, forKey: .field)
        try container.encodeIfPresent(old, forKey: .old)
        try container.encodeIfPresent(new, forKey: .new)
        try container.encode(at, forKey: .at)
        try container.encodeIfPresent(by, forKey: .by)
        try container.encodeIfPresent(reconciled, forKey: .reconciled)
    }
}

/// A map encoded with its keys sorted, so a saved session diffs cleanly from one save to the next.
struct SortedMap<Value: Encodable>: Encodable {
    let map: [String: Value]

    init(_ map: [String: Value]) { self.map = map }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for key in map.keys.sorted() { try container.encode(map[key]!, forKey: Key(stringValue: key)) }
    }
}
