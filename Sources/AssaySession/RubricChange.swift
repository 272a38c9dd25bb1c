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
            && invalidatedAnswers.isEmpty
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
}
