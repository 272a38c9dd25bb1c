/// Maturity reached practice by practice, in the style of the maturity indicator levels of C2M2.
///
/// Each scored question names the level it belongs to (``Question/level``). A dimension reaches level L when every
/// one of its questions at L or below reaches its target (``Question/target``, by default the top of its scale);
/// "not applicable" and questions not asked do not block, while unanswered and "don't know" do. A dimension none of
/// whose tagged questions applies reaches no level. Levels are cumulative: a dimension cannot reach L while a lower
/// level is incomplete. The overall level is reached the same way over every question, and any gates of the
/// rubric's levels also apply.
///
/// Scores are the weighted-mean scores, reported beside the levels so charts and comparisons still have a number;
/// they do not decide the levels.
public struct GatedMaturityModel: ScoringModel {
    public let id = "gated-maturity"

    /// Creates the model.
    public init() {}

    public func check(_ rubric: RubricIndex) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if rubric.rubric.levels.isEmpty {
            diagnostics.append(
                .error("the gated-maturity model needs maturity levels", at: DocumentPath.root.key("levels")))
        }
        let scored = rubric.questions.filter { $0.question.earnsPoints }
        if !scored.isEmpty && !scored.contains(where: { $0.question.level != nil }) {
            diagnostics.append(
                .error(
                    "the gated-maturity model needs questions tagged with a \"level\"",
                    at: DocumentPath.root.key("dimensions"))
            )
        }
        for entry in scored where entry.question.level == nil {
            diagnostics.append(
                .warning(
                    "question \"\(entry.question.id)\" has no \"level\", so it never affects a maturity level",
                    at: entry.path)
            )
        }
        return diagnostics
    }

    public func score(_ evaluation: ResponseEvaluation) -> Assessment {
        let scores = WeightedMeanModel.weightedScores(evaluation)
        let rubric = evaluation.index.rubric
        func levelID(_ scope: Scope) -> String? {
            reachedLevel(in: scope, evaluation: evaluation).map { rubric.levels[$0].id }
        }
        return WeightedMeanModel.assessment(
            evaluation,
            model: id,
            overall: Score(value: scores.overall, level: levelID(.overall)),
            dimensions: scores.dimensions.map { (Score(value: $0.score, level: levelID(.dimension($0.id))), $0.areas) }
        )
    }

    /// The highest level every practice up to which is in place, in `scope`; `nil` below the lowest level.
    public func reachedLevel(in scope: Scope, evaluation: ResponseEvaluation) -> Int? {
        let rules = MaturityRules(index: evaluation.index)
        // A scope none of whose practices applies (all "not applicable" or not asked) has shown no level at all.
        let assessed = zip(evaluation.index.questions, evaluation.outcomes).contains { entry, outcome in
            if case .dimension(let id) = scope, outcome.dimensionID != id { return false }
            return Self.isAssessed(outcome, entry: entry)
        }
        guard assessed else { return nil }
        var reached: Int?
        for position in evaluation.index.rubric.levels.indices {
            let unmet = unmetPractices(atOrBelow: position, in: scope, evaluation: evaluation)
            let gates = rules.failingGates(upTo: position, in: scope, evaluation: evaluation)
            guard unmet.isEmpty && gates.isEmpty else { break }
            reached = position
        }
        return reached
    }

    /// The questions tagged at `level` or below, in `scope`, that keep it from being reached.
    func unmetPractices(atOrBelow level: Int, in scope: Scope, evaluation: ResponseEvaluation) -> [QuestionOutcome] {
        let index = evaluation.index
        return zip(index.questions, evaluation.outcomes).compactMap { entry, outcome in
            guard let tag = entry.question.level, let position = index.position(ofLevel: tag), position <= level,
                entry.question.earnsPoints
            else { return nil }
            if case .dimension(let id) = scope, outcome.dimensionID != id { return nil }
            return Self.isUnmet(outcome) ? outcome : nil
        }
    }

    /// Whether `outcome` of the question `entry` shows a level: a tagged, scored practice that applies.
    static func isAssessed(_ outcome: QuestionOutcome, entry: IndexedQuestion) -> Bool {
        guard entry.question.level != nil, entry.question.earnsPoints else { return false }
        return outcome.status != .notApplicable && outcome.status != .notAsked
    }

    /// Whether a tagged practice with `outcome` keeps its level from being reached.
    static func isUnmet(_ outcome: QuestionOutcome) -> Bool {
        switch outcome.status {
        case .notApplicable, .notAsked: return false
        case .unanswered, .dontKnow: return true
        case .answered: return outcome.meetsTarget != true
        }
    }

    public func blockers(toReach level: Int, in scope: Scope, of assessment: Assessment, evaluation: ResponseEvaluation)
        -> [Blocker]
    {
        let practices = unmetPractices(atOrBelow: level, in: scope, evaluation: evaluation).map {
            Blocker.practice(questionID: $0.questionID, outcome: $0)
        }
        let gates = MaturityRules(index: evaluation.index).failingGates(upTo: level, in: scope, evaluation: evaluation)
            .map { Blocker.gate($0.gate, outcome: evaluation.outcome($0.gate.question)) }
        return practices + gates
    }
}
