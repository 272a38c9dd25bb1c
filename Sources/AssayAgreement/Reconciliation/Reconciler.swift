import AssayCore
import AssaySession
import Foundation

/// Settles the differences between views of one organisation into one consensus session, one disagreement at a
/// time, with no terminal in it.
///
/// The consensus ``SessionFile`` starts with every answer the views agree on (stamped as given by all of them)
/// and a ``Reconciliation`` listing the disagreements, the one that moves a score most first. Each choice records
/// the answer and an ``AuditEntry`` whose ``ReconciledChoice`` keeps every original answer, who gave it, whose
/// answer was taken and why. Save ``session`` after every mutating call; the file alone is enough to resume.
public struct Reconciler: Sendable {
    /// The consensus session so far.
    public private(set) var session: SessionFile
    /// The scorer of the rubric.
    public let scorer: Scorer
    /// The position in ``items`` of the disagreement being settled; `nil` once all are settled.
    public private(set) var current: Int?

    /// The disagreements, in walking order.
    public var items: [Reconciliation.Item] { session.reconciliation?.items ?? [] }
    /// The views' names, in order.
    public var names: [String] { session.reconciliation?.views.map(\.name) ?? [] }
    /// How many disagreements are still to settle.
    public var unsettled: Int { items.filter { !$0.settled }.count }

    /// Starts a consensus session from `views`, recorded as reconciled by `reconciler`.
    ///
    /// - Throws: ``DocumentError`` when a view does not fit the rubric.
    public init(views: [AssessmentView], scorer: Scorer, reconciler: String?, now: Date = Date()) throws {
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let at = SessionEngine.timestamp(now)
        let first = views[0].response
        var attributes = first.attributes
        // A session's save time is read as `submitted_at`; the consensus has a time of its own.
        attributes["submitted_at"] = nil
        var session = SessionFile(
            rubric: scorer.index.rubric, organisation: first.organisation ?? "", attributes: attributes,
            facilitator: reconciler, startedAt: at)
        let agreedBy = views.map(\.name).joined(separator: " and ") + " (agreed)"
        for question in comparison.questions where question.agreement != .nothingToCompare {
            let id = question.question
            let given = views.map { $0.response.answers[id] }
            var answer = Answer(nil)
            let notes = zip(views, given).compactMap { view, answer in answer?.note.map { (view.name, $0) } }
            if notes.count == 1 {
                answer.note = notes[0].1
            } else if !notes.isEmpty {
                answer.note = notes.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
            }
            for item in given.flatMap({ $0?.evidence ?? [] }) where !answer.evidence.contains(item) {
                answer.evidence.append(item)
            }
            if question.agreement == .agree {
                answer.value = given.lazy.compactMap { $0?.value }.first
                session.audit.append(
                    AuditEntry(question: id, field: .value, old: nil, new: answer.value, at: at, by: agreedBy))
                session.stamps[id] = AnswerStamp(by: agreedBy, at: at)
            }
            if answer.value != nil || answer.note != nil || !answer.evidence.isEmpty { session.answers[id] = answer }
        }
        session.reconciliation = Reconciliation(
            views: views.map { Reconciliation.View(name: $0.name, source: $0.source) },
            items: comparison.worklist.map { item in
                Reconciliation.Item(
                    question: item.question,
                    originals: views.map { view in
                        let answer = view.response.answers[item.question]
                        return OriginalAnswer(by: view.name, value: answer?.value, note: answer?.note)
                    })
            })
        self.session = session
        self.scorer = scorer
        self.current = nil
        advance(from: -1)
        self.session.currentQuestion = currentItem?.question
    }

    /// Carries on with a consensus session saved earlier, at the disagreement it was on.
    ///
    /// - Returns: `nil` when `session` is not a consensus session.
    public init?(resuming session: SessionFile, scorer: Scorer) {
        guard let reconciliation = session.reconciliation else { return nil }
        self.session = session
        self.scorer = scorer
        self.current = nil
        if let id = session.currentQuestion,
            let position = reconciliation.items.firstIndex(where: { $0.question == id && !$0.settled })
        {
            current = position
        } else {
            advance(from: -1)
        }
    }

    /// The disagreement being settled.
    public var currentItem: Reconciliation.Item? { current.map { items[$0] } }

    /// Settles the current disagreement with view `view`'s answer (from 0), adding `rationale` to any given
    /// before with ``addRationale(_:now:)``.
    public mutating func take(view: Int, rationale: String? = nil, now: Date = Date()) throws(SessionInputError) {
        guard let current, let item = currentItem else { throw SessionInputError(.finished) }
        guard item.originals.indices.contains(view) else {
            throw SessionInputError(
                .notAnOption(String(view + 1), expected: item.originals.indices.map { String($0 + 1) }))
        }
        settle(
            current, value: item.originals[view].value, chosen: item.originals[view].by, rationale: rationale, now: now)
    }

    /// Settles the current disagreement with a new answer, read as a session reads what is typed (an option's
    /// number or id, `na`, `?`, a number, text).
    public mutating func answer(_ text: String, rationale: String? = nil, now: Date = Date()) throws(SessionInputError)
    {
        guard let current, let item = currentItem else { throw SessionInputError(.finished) }
        let value: AnswerValue
        switch text.trimmingCharacters(in: .whitespaces) {
        case "?": value = .dontKnow
        case "na":
            guard scorer.index.question(item.question)?.question.allowsNotApplicable ?? false else {
                throw SessionInputError(.notApplicableNotAllowed)
            }
            value = .notApplicable
        default:
            var engine = SessionEngine(session: session, scorer: scorer, now: now)
            try engine.jump(to: item.question, now: now)
            value = try engine.interpret(text)
        }
        settle(current, value: value, chosen: nil, rationale: rationale, now: now)
    }

    /// Adds `text` to the current disagreement's rationale, after any given before on a line of its own.
    public mutating func addRationale(_ text: String, now: Date = Date()) throws(SessionInputError) {
        guard let current else { throw SessionInputError(.finished) }
        guard !text.isEmpty else { return }
        let old = session.reconciliation!.items[current].rationale
        session.reconciliation!.items[current].rationale = old.map { $0 + "\n" + text } ?? text
        session.updatedAt = SessionEngine.timestamp(now)
    }

    /// Leaves the current disagreement for later; it comes back after the others.
    public mutating func skip(now: Date = Date()) throws(SessionInputError) {
        guard let current else { throw SessionInputError(.finished) }
        advance(from: current)
        touch(now: now)
    }

    /// Goes back to the disagreement before the current one (the last one, once all are settled), settled or not,
    /// to settle it again.
    public mutating func back(now: Date = Date()) throws(SessionInputError) {
        let target = current.map { $0 - 1 } ?? items.count - 1
        guard target >= 0 else { throw SessionInputError(.atFirstQuestion) }
        current = target
        touch(now: now)
    }

    private mutating func settle(_ position: Int, value: AnswerValue?, chosen: String?, rationale: String?, now: Date) {
        var item = items[position]
        if let rationale, !rationale.isEmpty {
            item.rationale = item.rationale.map { $0 + "\n" + rationale } ?? rationale
        }
        item.settled = true
        session.reconciliation!.items[position] = item
        let at = SessionEngine.timestamp(now)
        let id = item.question
        var answer = session.answers[id] ?? Answer(nil)
        let old = answer.value
        answer.value = value
        session.answers[id] = answer.value == nil && answer.note == nil && answer.evidence.isEmpty ? nil : answer
        session.audit.append(
            AuditEntry(
                question: id, field: .value, old: old, new: value, at: at, by: session.facilitator,
                reconciled: ReconciledChoice(originals: item.originals, chosen: chosen, rationale: item.rationale)))
        session.stamps[id] = AnswerStamp(by: session.facilitator, at: at)
        advance(from: position)
        touch(now: now)
    }

    /// Moves to the next unsettled disagreement after `position`, wrapping round; `nil` when none is left.
    private mutating func advance(from position: Int) {
        let open = items.indices.filter { !items[$0].settled }
        current = open.first { $0 > position } ?? open.first
    }

    private mutating func touch(now: Date) {
        session.updatedAt = SessionEngine.timestamp(now)
        session.currentQuestion = currentItem?.question
    }
}
