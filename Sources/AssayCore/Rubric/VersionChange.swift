/// How the questions of an earlier version of a rubric became this version's: the mapping that carries answers
/// given against that version forward.
///
/// A question of the earlier version that no mapping names is kept when this version has a question with the
/// same id, and removed otherwise; so only renames, splits, merges and removals need writing down.
public struct VersionChange: Sendable, Hashable, Codable {
    /// The earlier version, `major.minor.patch`.
    public var fromVersion: String
    /// What became of the earlier version's questions; each earlier question id appears in at most one.
    public var questions: [QuestionMapping]

    /// Creates a version change.
    public init(fromVersion: String, questions: [QuestionMapping]) {
        self.fromVersion = fromVersion
        self.questions = questions
    }

    enum CodingKeys: String, CodingKey {
        case questions
        case fromVersion = "from_version"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.fromVersion = try container.decode(String.self, forKey: .fromVersion)
        self.questions = try container.decodeIfPresent([QuestionMapping].self, forKey: .questions) ?? []
    }

    /// Where the answer to the earlier question `id` goes in this version: the ids of the questions it carries
    /// to (empty when it is removed), and how.
    ///
    /// - Parameter currentIDs: this version's question ids, for the questions no mapping names.
    public func destination(of id: String, currentIDs: Set<String>) -> (kind: QuestionMapping.Kind, to: [String]) {
        if let mapping = questions.first(where: { $0.from.contains(id) }) { return (mapping.kind, mapping.to) }
        return currentIDs.contains(id) ? (.kept, [id]) : (.removed, [])
    }
}

/// What became of one question (or, for a merge, several) of an earlier version.
public struct QuestionMapping: Sendable, Hashable, Codable {
    /// The kinds of change, each with how many questions it takes and gives.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The same question under the same id: one to one, `from` equal to `to`.
        case kept
        /// The same question under a new id: one to one.
        case renamed
        /// One question asked as two or more: the earlier answer carries to each, for the facilitator to
        /// confirm, since a practice met as a whole is met at least as well in each of its parts.
        case split
        /// Two or more questions asked as one: the answer carried is the lowest of the earlier answers, when
        /// they are on the same options, since the merged question holds only as far as every part holds.
        case merged
        /// A question no longer asked: its answer is dropped (sessions keep it in their audit trail).
        case removed

        public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
    }

    /// The kind of change.
    public var kind: Kind
    /// The earlier version's question ids.
    public var from: [String]
    /// This version's question ids; empty for a removal.
    public var to: [String]

    /// Creates a mapping.
    public init(_ kind: Kind, from: [String], to: [String]) {
        self.kind = kind
        self.from = from
        self.to = to
    }

    enum CodingKeys: String, CodingKey {
        case from, to
        case kind = "change"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.kind = try container.decode(Kind.self, forKey: .kind)
        self.from = try container.decode([String].self, forKey: .from)
        self.to = try container.decodeIfPresent([String].self, forKey: .to) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(from, forKey: .from)
        if !to.isEmpty { try container.encode(to, forKey: .to) }
    }

    /// How many earlier and later questions the kind takes, or `nil` for "two or more".
    var arity: (from: Int?, to: Int?) {
        switch kind {
        case .kept, .renamed: (1, 1)
        case .split: (1, nil)
        case .merged: (nil, 1)
        case .removed: (1, 0)
        }
    }
}
