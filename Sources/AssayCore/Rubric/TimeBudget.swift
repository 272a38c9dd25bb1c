/// How long a rubric takes to give: the facilitated core, asked in the session, and the part the organisation
/// answers before it.
///
/// Sums the questions' `minutes`. Conditional questions count as if asked, so the session's figure is the most it
/// can take; a question without an estimate adds nothing and is counted in ``unestimated``.
public struct TimeBudget: Sendable, Hashable {
    /// Minutes of the questions asked in the session, conditional ones included.
    public var sessionMinutes: Double
    /// How many questions are asked in the session, conditional ones included.
    public var sessionQuestions: Int
    /// Minutes of the questions answered before the session (the organisation's time, not the facilitator's).
    public var beforeMinutes: Double
    /// How many questions are answered before the session.
    public var beforeQuestions: Int
    /// How many questions have no `minutes`.
    public var unestimated: Int

    /// The budget of the rubric in `index`.
    public init(_ index: RubricIndex) {
        sessionMinutes = 0
        sessionQuestions = 0
        beforeMinutes = 0
        beforeQuestions = 0
        unestimated = 0
        for entry in index.questions {
            let minutes = entry.question.minutes ?? 0
            if entry.question.minutes == nil { unestimated += 1 }
            switch entry.question.asked {
            case .session:
                sessionMinutes += minutes
                sessionQuestions += 1
            case .before:
                beforeMinutes += minutes
                beforeQuestions += 1
            }
        }
    }
}
