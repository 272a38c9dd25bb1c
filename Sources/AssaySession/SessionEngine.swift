import AssayCore
import Foundation

/// The logic of a 1:1 session, with no terminal in it: which question is current, which questions are asked,
/// what an answer means, and every change recorded in the ``SessionFile``.
///
/// Conditions are decided again after every change, in asking order, by the same ``ResponseEvaluation`` the
/// scorer uses, so the session asks exactly the questions the report will count. An answer to a question whose
/// condition stops holding is kept (and comes back if the condition holds again); the scorer ignores it meanwhile.
public struct SessionEngine: Sendable {
    /// What has been recorded so far; save it after every mutating call.
    public private(set) var session: SessionFile
    /// The scorer for the session's rubric; its index gives the questions.
    public let scorer: Scorer
    /// What changed since the rubric version the session was started with; `nil` when nothing did.
    public let rubricChange: RubricChange?
    /// The language questions are shown in.
    public let language: String
    /// The position (in ``RubricIndex/questions``) of the question being asked; `nil` once every question asked
    /// has an answer.
    public private(set) var current: Int?
    private var outcomes: [QuestionOutcome]
    private let sittingStart: Date
    private let elapsedBeforeSitting: Double

    /// The rubric, indexed.
    public var index: RubricIndex { scorer.index }

    /// Starts or resumes `session` against `scorer`'s rubric, migrating its answers when the rubric changed.
    ///
    /// - Parameter now: when this sitting starts; elapsed time counts from here on top of earlier sittings.
    public init(session: SessionFile, scorer: Scorer, now: Date = Date()) {
        var session = session
        self.rubricChange = session.migrate(to: scorer.index, at: Self.timestamp(now))
        self.scorer = scorer
        self.language = session.language ?? scorer.index.rubric.defaultLanguage
        self.sittingStart = now
        self.elapsedBeforeSitting = session.elapsedSeconds
        self.session = session
        self.outcomes = []
        self.current = nil
        evaluate()
        // The question the session was on, answered or not: `b` back to an earlier question, then a quit, resumes
        // at that question, as `current_question` says.
        if let id = session.currentQuestion, let position = index.position(ofQuestion: id), isAsked(position) {
            current = position
        } else {
            current = nil
            advance()
        }
        self.session.currentQuestion = current.map { index.questions[$0].question.id }
    }

    // MARK: Where the session stands

    /// The question being asked, if any is left.
    public var currentQuestion: IndexedQuestion? { current.map { index.questions[$0] } }

    /// Whether every question the conditions ask has an answer.
    public var isFinished: Bool { current == nil }

    /// The positions of the questions whose conditions hold, in asking order.
    public var askedPositions: [Int] { outcomes.indices.filter { outcomes[$0].status != .notAsked } }

    /// Whether the question at `position` is asked, given the answers so far.
    public func isAsked(_ position: Int) -> Bool { outcomes[position].status != .notAsked }

    /// The answer recorded for the question at `position`, if any.
    public func answer(at position: Int) -> Answer? { session.answers[index.questions[position].question.id] }

    /// Where the session is: "12 of 48 · Data quality".
    public struct Progress: Sendable, Hashable {
        /// The current question's number among the questions that are or may yet be asked, from 1; `nil` when
        /// finished.
        public var number: Int?
        /// How many questions are asked, or may yet be asked: a question whose condition names a question with no
        /// answer yet counts until that answer decides it. So the total never grows as answers come in; it only
        /// shrinks when an answer closes questions.
        public var total: Int
        /// How many of them have an answer.
        public var answered: Int
        /// The current question's dimension title, in the session's language.
        public var dimensionTitle: String?
    }

    /// Where the session is.
    public var progress: Progress {
        let asked = askedPositions
        let answered = asked.filter { answer(at: $0)?.value != nil }.count
        let possible = possiblePositions
        let number = current.flatMap { position in possible.firstIndex(of: position).map { $0 + 1 } }
        let title = currentQuestion.map {
            index.rubric.dimensions[$0.dimensionIndex].title.resolved(language, fallback: index.rubric.defaultLanguage)
        }
        return Progress(number: number, total: possible.count, answered: answered, dimensionTitle: title)
    }

    /// The positions of the questions asked, and of those not asked yet whose condition names a question with no
    /// answer, so that a later answer may still open them; in asking order.
    public var possiblePositions: [Int] {
        outcomes.indices.filter { position in
            guard outcomes[position].status == .notAsked else { return true }
            guard let condition = index.questions[position].question.condition else { return false }
            return condition.questionIDs.contains { session.answers[$0]?.value == nil }
        }
    }

    /// Time spent against time planned.
    public struct Pace: Sendable, Hashable {
        /// Seconds spent in the session, over every sitting.
        public var elapsed: Double
        /// Seconds planned.
        public var planned: Double
        /// Seconds the remaining questions will take at the pace so far; `nil` until a few answers give a pace.
        public var remainingNeeded: Double?
        /// Whether the remaining questions, at the pace so far, will not fit in the time left.
        public var isBehind: Bool {
            guard let remainingNeeded else { return false }
            return elapsed + remainingNeeded > planned
        }
    }

    /// The answers needed before a pace is worth projecting: one slow first question should not raise an alarm.
    public static let answersBeforePace = 3

    /// Time spent against time planned, at `now`.
    ///
    /// The pace is the time spent per estimated minute of the questions answered in the session; the questions
    /// left (those that are or may yet be asked, with no answer) need their estimated minutes at that pace. A
    /// question without `minutes` counts as the rubric's mean estimate, or as one minute when the rubric gives
    /// none, so an unestimated rubric is paced per question. Questions the organisation answered before the session
    /// (in the session file, or in the self-assessment the session was started from) are confirmed, not asked: they
    /// neither set the pace nor count among the questions left.
    ///
    /// For example, with no estimates, 30 minutes for 10 answers is 3 minutes each; 25 questions left need 75 more
    /// minutes, and 30 + 75 = 105 > 90 planned, so the session is behind. With estimates, 30 minutes for answers
    /// estimated at 20 minutes is 1.5 times the estimate; questions left estimated at 40 minutes need 60 more, and
    /// 30 + 60 = 90 fits in 90.
    public func pace(now: Date = Date()) -> Pace {
        let elapsed = elapsedSeconds(now: now)
        var pace = Pace(elapsed: elapsed, planned: Double(session.plannedMinutes) * 60, remainingNeeded: nil)
        let estimates = index.questions.compactMap(\.question.minutes)
        let typical = estimates.isEmpty ? 1 : estimates.reduce(0, +) / Double(estimates.count)
        func minutes(_ position: Int) -> Double { index.questions[position].question.minutes ?? typical }
        var answeredCount = 0
        var answeredMinutes = 0.0
        var remainingMinutes = 0.0
        for position in possiblePositions {
            let question = index.questions[position].question
            if answer(at: position)?.value == nil {
                // A question meant for before the session that the self-assessment answered is put to the
                // facilitator to confirm, as an answer given before the session is: it is not projected as asked.
                let selfReported = session.selfAssessment?.answers[question.id]?.value != nil
                if !(question.asked == .before && selfReported) { remainingMinutes += minutes(position) }
            } else if question.asked == .session {
                answeredCount += 1
                answeredMinutes += minutes(position)
            }
        }
        if answeredCount >= Self.answersBeforePace, answeredMinutes > 0 {
            pace.remainingNeeded = elapsed / answeredMinutes * remainingMinutes
        }
        return pace
    }

    /// The assessment of the answers so far; `nil` when the scorer cannot score them.
    public var runningScore: Assessment? { try? scorer.score(session.response) }

    // MARK: Recording

    /// What the person typed, read as an answer to the current question.
    ///
    /// Scale and choice questions take the option's number as listed (from 1) or its id; yes/no questions take
    /// 1/2, `yes`/`no` (or `y`, `oui`, `non`, `sí`); multiple choice takes several, separated by commas or spaces;
    /// numeric questions take the number itself (a decimal comma is accepted); text questions take the text.
    public func interpret(_ input: String) throws(SessionInputError) -> AnswerValue {
        guard let entry = currentQuestion else { throw SessionInputError(.finished) }
        let text = input.trimmingCharacters(in: .whitespaces)
        let options = entry.options
        func option(_ token: String) -> String? {
            if let number = Int(token), number >= 1, number <= options.count { return options[number - 1].id }
            // An id, or the label in the session's language ("Largement en place"), case and accents aside.
            let folded = token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            return options.first { $0.id == token }?.id
                ?? options.first { $0.id.lowercased() == token.lowercased() }?.id
                ?? options.first {
                    $0.label.translations[language]?.folding(
                        options: [.caseInsensitive, .diacriticInsensitive], locale: nil) == folded
                }?.id
        }
        let value: AnswerValue
        do throws(TypedAnswerProblem) {
            value = try entry.rules.typedAnswer(text, options: options, option: option)
        } catch {
            switch error {
            case .notANumber(let text): throw SessionInputError(.notANumber(text))
            case .notAnOption(let text, let expected): throw SessionInputError(.notAnOption(text, expected: expected))
            }
        }
        if let problem = entry.read(value).problem { throw SessionInputError(.invalid(problem)) }
        return value
    }

    /// Records `value` as the answer to the current question and moves to the next question that needs one.
    ///
    /// - Throws: ``SessionInputError`` when the question does not accept it (not applicable where the rubric does
    ///   not allow it, an option it does not have), or when no question is left.
    public mutating func answer(_ value: AnswerValue, now: Date = Date()) throws(SessionInputError) {
        guard let position = current else { throw SessionInputError(.finished) }
        let entry = index.questions[position]
        if value == .notApplicable && !entry.question.allowsNotApplicable {
            throw SessionInputError(.notApplicableNotAllowed)
        }
        if let problem = entry.read(value).problem { throw SessionInputError(.invalid(problem)) }
        let id = entry.question.id
        let old = session.answers[id]?.value
        if old != value {
            var answer = session.answers[id] ?? Answer(nil)
            answer.value = value
            session.answers[id] = answer
            record(AuditEntry(question: id, field: .value, old: old, new: value, at: "", by: nil), now: now)
        }
        session.skipped.removeAll { $0 == id }
        if entry.question.asked == .before && !session.confirmed.contains(id) { session.confirmed.append(id) }
        evaluate()
        advance()
        touch(now: now)
    }

    /// The answer the organisation gave itself to the current question, when the session was started from a
    /// self-assessment and it answered this question.
    public var selfReported: Answer? {
        guard let id = currentQuestion?.question.id else { return nil }
        return session.selfAssessment?.answers[id]
    }

    /// Confirms the self-reported answer to the current question: records it as the session's answer.
    ///
    /// - Throws: ``SessionInputError`` when there is no self-reported answer to confirm, or no question is left.
    public mutating func confirmSelfReported(now: Date = Date()) throws(SessionInputError) {
        guard currentQuestion != nil else { throw SessionInputError(.finished) }
        guard let value = selfReported?.value else {
            throw SessionInputError(.invalid("there is no self-reported answer to confirm here"))
        }
        try answer(value, now: now)
    }

    /// The answer given before the session to the current question, which keeping would confirm: the session's own
    /// answer to a question asked before the session while it waits for confirmation, or else, when the session was
    /// started from a self-assessment, the self-reported answer to such a question. `nil` at a question asked in the
    /// session, or once the answer is confirmed.
    public var answerGivenBefore: AnswerValue? {
        guard let position = current else { return nil }
        let question = index.questions[position].question
        guard question.asked == .before else { return nil }
        if awaitsConfirmation(position) { return answer(at: position)?.value }
        guard answer(at: position)?.value == nil else { return nil }
        return session.selfAssessment?.answers[question.id]?.value
    }

    /// Keeps the answer given before the session (see ``answerGivenBefore``): records it as the session's answer,
    /// lists the question in ``SessionFile/confirmed`` and moves on. The audit trail gains an entry only when the
    /// value is new to the session (a self-reported one).
    ///
    /// - Throws: ``SessionInputError`` when the current question has no answer from before the session to keep.
    public mutating func keepAnswerGivenBefore(now: Date = Date()) throws(SessionInputError) {
        guard currentQuestion != nil else { throw SessionInputError(.finished) }
        guard let value = answerGivenBefore else {
            throw SessionInputError(.invalid("there is no answer from before the session to keep here"))
        }
        try answer(value, now: now)
    }

    /// Whether the question at `position` was answered before the session and waits for the facilitator to confirm
    /// or change that answer.
    public func awaitsConfirmation(_ position: Int) -> Bool {
        let question = index.questions[position].question
        return question.asked == .before && answer(at: position)?.value != nil
            && !session.confirmed.contains(question.id)
    }

    /// Adds `text` to the current question's note: the first note is the note, a later one goes after it on a
    /// line of its own, so nothing typed earlier is lost.
    public mutating func setNote(_ text: String, now: Date = Date()) throws(SessionInputError) {
        guard let entry = currentQuestion else { throw SessionInputError(.finished) }
        let id = entry.question.id
        var answer = session.answers[id] ?? Answer(nil)
        let old = answer.note
        if text.isEmpty { return }
        answer.note = old.map { $0 + "\n" + text } ?? text
        session.answers[id] = answer
        record(
            AuditEntry(
                question: id, field: .note, old: old.map(AnswerValue.text), new: answer.note.map(AnswerValue.text),
                at: "", by: nil), now: now)
        touch(now: now)
    }

    /// Adds `item` (a link or a document name) to the current question's evidence.
    public mutating func addEvidence(_ item: String, now: Date = Date()) throws(SessionInputError) {
        guard let entry = currentQuestion else { throw SessionInputError(.finished) }
        let id = entry.question.id
        var answer = session.answers[id] ?? Answer(nil)
        answer.evidence.append(item)
        session.answers[id] = answer
        record(AuditEntry(question: id, field: .evidence, old: nil, new: .text(item), at: "", by: nil), now: now)
        touch(now: now)
    }

    /// Goes to the asked question before the current one (the last one, once finished).
    public mutating func back(now: Date = Date()) throws(SessionInputError) {
        let asked = askedPositions
        let target = current.map { position in asked.last { $0 < position } } ?? asked.last
        guard let target else { throw SessionInputError(.atFirstQuestion) }
        current = target
        touch(now: now)
    }

    /// Leaves the current question unanswered for now; it comes back once everything else has an answer.
    public mutating func skip(now: Date = Date()) throws(SessionInputError) {
        guard let position = current else { throw SessionInputError(.finished) }
        let id = index.questions[position].question.id
        if !session.skipped.contains(id) { session.skipped.append(id) }
        advance()
        touch(now: now)
    }

    /// Goes to the question with id `target`, or to the first question still needing an answer in the dimension
    /// with id `target` (its first question when all are answered).
    public mutating func jump(to target: String, now: Date = Date()) throws(SessionInputError) {
        if let position = index.position(ofQuestion: target) {
            guard isAsked(position) else { throw SessionInputError(.notAsked(target)) }
            current = position
        } else if let dimension = index.rubric.dimensions.firstIndex(where: { $0.id == target }) {
            let positions = askedPositions.filter { index.questions[$0].dimensionIndex == dimension }
            guard let first = positions.first else { throw SessionInputError(.notAsked(target)) }
            current = positions.first { answer(at: $0)?.value == nil } ?? first
        } else {
            throw SessionInputError(.unknownTarget(target))
        }
        touch(now: now)
    }

    /// Records the time spent so far, for a save at the end of a sitting.
    public mutating func touch(now: Date = Date()) {
        session.elapsedSeconds = elapsedSeconds(now: now)
        session.updatedAt = Self.timestamp(now)
        session.currentQuestion = current.map { index.questions[$0].question.id }
    }

    // MARK: Internals

    private func elapsedSeconds(now: Date) -> Double {
        elapsedBeforeSitting + max(0, now.timeIntervalSince(sittingStart))
    }

    private mutating func record(_ entry: AuditEntry, now: Date) {
        var entry = entry
        entry.at = Self.timestamp(now)
        entry.by = session.facilitator
        session.audit.append(entry)
        session.stamps[entry.question] = AnswerStamp(by: session.facilitator, at: entry.at)
    }

    private mutating func evaluate() {
        if let evaluation = try? ResponseEvaluation(response: session.response, index: index) {
            outcomes = evaluation.outcomes
        } else {
            // Answers are checked before they are recorded, so this only happens with a hand-edited file: ask
            // everything rather than hide questions.
            outcomes = index.questions.map {
                QuestionOutcome(
                    questionID: $0.question.id,
                    dimensionID: index.rubric.dimensions[$0.dimensionIndex].id,
                    status: .unanswered,
                    weight: $0.question.weight
                )
            }
        }
    }

    /// Moves to the next asked question with no answer: after the current one first, then from the start, then
    /// the ones skipped for now.
    private mutating func advance() {
        // An answer given before the session still needs the facilitator's confirmation.
        let needing = askedPositions.filter { answer(at: $0)?.value == nil || awaitsConfirmation($0) }
        let skipped = Set(session.skipped)
        let fresh = needing.filter { !skipped.contains(index.questions[$0].question.id) }
        let from = current ?? -1
        if let next = fresh.first(where: { $0 > from }) ?? fresh.first {
            current = next
        } else {
            current = needing.first { $0 > from } ?? needing.first
        }
    }

    /// `date` as an ISO 8601 string in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        date.ISO8601Format()
    }
}

/// Input the session cannot act on; the session carries on after saying why.
public struct SessionInputError: Error, Sendable, Hashable {
    /// Why.
    public enum Kind: Sendable, Hashable {
        /// The text names none of the question's options; `expected` lists their ids.
        case notAnOption(String, expected: [String])
        /// A numeric question got something that is not a number.
        case notANumber(String)
        /// The rubric does not allow "not applicable" for this question.
        case notApplicableNotAllowed
        /// The answer does not fit the question, for the reason given.
        case invalid(String)
        /// `j` named neither a question nor a dimension.
        case unknownTarget(String)
        /// `j` named a question (or dimension) whose conditions do not hold, so it is not asked.
        case notAsked(String)
        /// `b` on the first question.
        case atFirstQuestion
        /// Every question has an answer; there is no current question.
        case finished
    }

    /// Why.
    public var kind: Kind

    /// Creates an error.
    public init(_ kind: Kind) { self.kind = kind }
}
