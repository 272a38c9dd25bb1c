import AssayCore

/// What a consensus session records of the views it settles: who they were, and where they differed.
///
/// `assay reconcile` writes it into the consensus ``SessionFile``, so the file alone is enough to resume: the
/// original files may have moved or changed meanwhile. Each settled question's ``AuditEntry`` carries a
/// ``ReconciledChoice`` with the original answers, whose answer was taken, and the rationale.
public struct Reconciliation: Sendable, Hashable, Codable {
    /// One view reconciled.
    public struct View: Sendable, Hashable, Codable {
        /// Who gave its answers.
        public var name: String
        /// The file it was read from.
        public var source: String?

        /// Creates a view.
        public init(name: String, source: String?) {
            self.name = name
            self.source = source
        }
    }

    /// A question the views answered differently.
    public struct Item: Sendable, Hashable, Codable {
        /// The question's id.
        public var question: String
        /// Each view's answer, in view order.
        public var originals: [OriginalAnswer]
        /// The rationale typed so far for this question, kept until the choice is made, so a kill loses none of it.
        public var rationale: String?
        /// Whether the question has been settled.
        public var settled: Bool

        /// Creates an unsettled item.
        public init(question: String, originals: [OriginalAnswer]) {
            self.question = question
            self.originals = originals
            self.rationale = nil
            self.settled = false
        }
    }

    /// The views, in the order given.
    public var views: [View]
    /// The disagreements, in the order they are walked through: the one that moves a score most first.
    public var items: [Item]

    /// Creates a record.
    public init(views: [View], items: [Item]) {
        self.views = views
        self.items = items
    }
}

/// One view's original answer to a question.
public struct OriginalAnswer: Sendable, Hashable, Codable {
    /// Who gave it.
    public var by: String
    /// The answer; `nil` when the view left the question unanswered (or did not ask it).
    public var value: AnswerValue?
    /// The view's note on it, if any.
    public var note: String?

    /// Creates an answer.
    public init(by: String, value: AnswerValue?, note: String? = nil) {
        self.by = by
        self.value = value
        self.note = note
    }
}

/// How a disagreement was settled: the original answers, whose was taken (or none, for a new answer), and why.
public struct ReconciledChoice: Sendable, Hashable, Codable {
    /// Every view's answer, in view order.
    public var originals: [OriginalAnswer]
    /// The name of the view whose answer was taken; `nil` for a new answer.
    public var chosen: String?
    /// Why, in the words of whoever reconciled.
    public var rationale: String?

    /// Creates a choice.
    public init(originals: [OriginalAnswer], chosen: String?, rationale: String?) {
        self.originals = originals
        self.chosen = chosen
        self.rationale = rationale
    }
}

/// The answers an organisation gave itself, kept in a session started from them (`assay session start --from`).
///
/// They never count towards the session's score: the facilitator confirms each (`c`) or gives another answer,
/// and the report shows both columns and how far they agree.
public struct SelfAssessment: Sendable, Hashable {
    /// Who gave them, as reports name them: "Self-assessment" unless given.
    public var by: String
    /// The file they were read from.
    public var source: String?
    /// The self-reported answers, keyed by question id, with their notes and evidence.
    public var answers: [String: Answer]

    /// Creates a self-assessment.
    public init(by: String, source: String?, answers: [String: Answer]) {
        self.by = by
        self.source = source
        self.answers = answers
    }
}

extension SelfAssessment: Codable {
    enum CodingKeys: String, CodingKey { case by, source, answers }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.by = try container.decode(String.self, forKey: .by)
        self.source = try container.decodeIfPresent(String.self, forKey: .source)
        self.answers = try container.decodeIfPresent([String: Answer].self, forKey: .answers) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(by, forKey: .by)
        try container.encodeIfPresent(source, forKey: .source)
        try container.encode(SortedMap(answers), forKey: .answers)
    }
}
