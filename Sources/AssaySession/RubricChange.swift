import AssayCore

/// What changed between the rubric a session was started with and the one it is resumed with.
public struct RubricChange: Sendable, Hashable {
    /// The version the answers were given against.
    public var fromVersion: String
    /// The version the session carries on with.
    public var toVersion: String
    /// Questions the newer rubric asks that the older one did not, in asking order.
    public var added: [String]
    /// Questions the older rubric asked that the newer one does not, sorted.
    public var removed: [String]
    /// Answers dropped because their question is gone, sorted by question id. Their values stay in the audit trail.
    public var droppedAnswers: [String]
    /// Questions whose answer the newer rubric no longer accepts (an option renamed, for instance), with why; the
    /// value is cleared so it is asked again, and its note and evidence are kept.
    public var invalidatedAnswers: [InvalidatedAnswer]
    /// Answers carried to questions with other ids through the mapping the newer rubric declares from the older
    /// version (renamed, split or merged questions), in the order of their new questions' ids.
    public var carriedAnswers: [CarriedAnswer] = []

    /// An answer carried through the declared mapping to a question with another id.
    public struct CarriedAnswer: Sendable, Hashable {
        /// The older version's question ids the answer comes from.
        public var from: [String]
        /// The newer version's question id.
        public var to: String
        /// How the question changed.
        public var kind: QuestionMapping.Kind
    }

    /// An answer the newer rubric no longer accepts.
    public struct InvalidatedAnswer: Sendable, Hashable {
        /// The question's id.
        public var question: String
        /// Why the answer no longer fits.
        public var problem: String
    }

    /// Whether anything changed that a facilitator should hear about.
    public var isEmpty: Bool {
        fromVersion == toVersion && added.isEmpty && removed.isEmpty && droppedAnswers.isEmpty
            && invalidatedAnswers.isEmpty && carriedAnswers.isEmpty
    }
}

extension SessionFile {
    /// Brings the session's answers onto `index`'s rubric: keeps every answer whose question still exists and
    /// still accepts it, drops the rest into the audit trail, and says what changed.
    ///
    /// Returns `nil` when the session already matches the rubric.
    mutating func migrate(to index: RubricIndex, at time: String) -> RubricChange? {
        let rubric = index.rubric
        let newIDs = index.questions.map(\.question.id)
        let newSet = Set(newIDs)
        let oldSet = Set(questionIDs)
        var change = RubricChange(
            fromVersion: rubricVersion,
            toVersion: rubric.version,
            added: questionIDs.isEmpty ? [] : newIDs.filter { !oldSet.contains($0) },
            removed: questionIDs.filter { !newSet.contains($0) }.sorted(),
            droppedAnswers: [],
            invalidatedAnswers: []
        )
        let by = "assay (rubric \(rubricVersion) → \(rubric.version))"
        if rubricVersion != rubric.version,
            let declared = rubric.changes.first(where: { $0.fromVersion == rubricVersion })
        {
            carry(through: declared, index: index, at: time, by: by, change: &change)
        }
        for id in answers.keys.sorted() {
            guard let answer = answers[id] else { continue }
            guard let entry = index.question(id) else {
                change.droppedAnswers.append(id)
                audit.append(AuditEntry(question: id, field: .value, old: answer.value, new: nil, at: time, by: by))
                answers[id] = nil
                stamps[id] = nil
                continue
            }
            guard let value = answer.value else { continue }
            let problem: String? =
                value == .notApplicable && !entry.question.allowsNotApplicable
                ? "\"not applicable\" is no longer allowed" : entry.read(value).problem
            if let problem {
                change.invalidatedAnswers.append(RubricChange.InvalidatedAnswer(question: id, problem: problem))
                audit.append(AuditEntry(question: id, field: .value, old: value, new: nil, at: time, by: by))
                answers[id]?.value = nil
                if answers[id]?.note == nil && answers[id]?.evidence.isEmpty == true { answers[id] = nil }
            }
        }
        skipped.removeAll { !newSet.contains($0) }
        if let current = currentQuestion, !newSet.contains(current) { currentQuestion = nil }
        rubricVersion = rubric.version
        questionIDs = newIDs
        return change.isEmpty ? nil : change
    }

    /// Moves answers to questions that changed id, as `declared` maps them: a renamed question's answer to its new
    /// id, a split question's answer to each part (where the part has none yet), and merged questions' answers to
    /// the merged question as the lowest of them. The old ids leave the session; the audit trail records each move.
    private mutating func carry(
        through declared: VersionChange, index: RubricIndex, at time: String, by: String, change: inout RubricChange
    ) {
        let currentIDs = Set(index.questions.map(\.question.id))
        let oldIDs = Set(questionIDs).union(answers.keys)
        change.removed.removeAll { id in !declared.destination(of: id, currentIDs: currentIDs).to.isEmpty }
        var carried: [String: RubricChange.CarriedAnswer] = [:]
        func move(_ answer: Answer, from: [String], to id: String, kind: QuestionMapping.Kind) {
            guard answers[id] == nil || from == [id] else { return }
            answers[id] = answer
            if let stamp = from.compactMap({ stamps[$0] }).first { stamps[id] = stamp }
            audit.append(AuditEntry(question: id, field: .value, old: nil, new: answer.value, at: time, by: by))
            carried[id] = RubricChange.CarriedAnswer(from: from, to: id, kind: kind)
        }
        var handled: Set<String> = []
        for mapping in declared.questions where mapping.kind != .kept {
            let given = mapping.from.filter { answers[$0] != nil }
            guard !given.isEmpty else { continue }
            let old = given.compactMap { answers[$0] }
            for id in given where !currentIDs.contains(id) || mapping.kind == .removed {
                answers[id] = nil
                stamps[id] = nil
            }
            handled.formUnion(given)
            switch mapping.kind {
            case .kept:
                break
            case .removed:
                change.droppedAnswers.append(contentsOf: given)
                for (id, answer) in zip(given, old) {
                    audit.append(AuditEntry(question: id, field: .value, old: answer.value, new: nil, at: time, by: by))
                }
            case .renamed, .split:
                for id in mapping.to { move(old[0], from: given, to: id, kind: mapping.kind) }
            case .merged:
                guard let id = mapping.to.first, let entry = index.question(id) else { continue }
                move(Self.merged(old, for: entry), from: given, to: id, kind: mapping.kind)
            }
        }
        change.carriedAnswers = carried.keys.sorted().compactMap { carried[$0] }
        skipped = skipped.flatMap { declared.destination(of: $0, currentIDs: currentIDs).to }
        if let current = currentQuestion, oldIDs.contains(current), handled.contains(current) {
            currentQuestion = declared.destination(of: current, currentIDs: currentIDs).to.first
        }
    }

    /// One answer standing for several merged ones: ``VersionChange/mergedAnswer(_:for:)``, which `assay aggregate`
    /// uses too, so a merged question's answer is the same whichever way a 1.0.0 answer reaches it.
    static func merged(_ answers: [Answer], for entry: IndexedQuestion) -> Answer {
        VersionChange.mergedAnswer(answers, for: entry)
    }
}
