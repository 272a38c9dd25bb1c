/// Why an assessment came out as it did: what blocks each next level, and which improvements gain the most.
public struct Explanation: Sendable {
    /// The assessment explained.
    public var assessment: Assessment
    /// The overall level, the next one, and what blocks it.
    public var overall: LevelOutlook
    /// The same for each dimension, in rubric order.
    public var dimensions: [LevelOutlook]
    /// One-step improvements, the largest overall gain first.
    public var opportunities: [Opportunity]

    /// Creates an explanation.
    public init(assessment: Assessment, overall: LevelOutlook, dimensions: [LevelOutlook], opportunities: [Opportunity])
    {
        self.assessment = assessment
        self.overall = overall
        self.dimensions = dimensions
        self.opportunities = opportunities
    }
}

/// Where a dimension, or the whole rubric, stands and what keeps it from the next level.
public struct LevelOutlook: Sendable, Hashable {
    /// What this outlook is about.
    public var scope: Scope
    /// The level reached; `nil` below the lowest level, or when the rubric has no levels.
    public var level: String?
    /// The next level up; `nil` at the top, or when the rubric has no levels.
    public var nextLevel: String?
    /// What must change to reach ``nextLevel``.
    public var blockers: [Blocker]

    /// Creates an outlook.
    public init(scope: Scope, level: String?, nextLevel: String?, blockers: [Blocker]) {
        self.scope = scope
        self.level = level
        self.nextLevel = nextLevel
        self.blockers = blockers
    }
}

/// Moving one answer one step up, and what it would add.
public struct Opportunity: Sendable, Hashable {
    /// The question whose answer would improve.
    public var questionID: String
    /// Its dimension.
    public var dimensionID: String
    /// The option answered now.
    public var fromOption: String?
    /// The option one step up (for multiple choice, the option to add).
    public var toOption: String
    /// Points the dimension's score would gain, on 0–100.
    public var dimensionGain: Double
    /// Points the overall score would gain, on 0–100.
    public var overallGain: Double
    /// What to do to take the step, from the rubric.
    public var recommendation: LocalizedText?
    /// Whether the rubric marks the question as critical.
    public var isCritical: Bool

    /// Creates an opportunity.
    public init(
        questionID: String,
        dimensionID: String,
        fromOption: String?,
        toOption: String,
        dimensionGain: Double,
        overallGain: Double,
        recommendation: LocalizedText?,
        isCritical: Bool
    ) {
        self.questionID = questionID
        self.dimensionID = dimensionID
        self.fromOption = fromOption
        self.toOption = toOption
        self.dimensionGain = dimensionGain
        self.overallGain = overallGain
        self.recommendation = recommendation
        self.isCritical = isCritical
    }
}

/// Builds explanations by asking the model for blockers and by re-scoring each one-step improvement.
///
/// Re-scoring uses the rubric's own model, so gains are exact for any model, plugins included. It costs one
/// scoring per answered question: for a 120-question rubric, about 120 scorings of 120 questions.
struct Explainer {
    let model: any ScoringModel
    let evaluation: ResponseEvaluation

    func explain() -> Explanation {
        let assessment = model.score(evaluation)
        let rubric = evaluation.index.rubric
        func outlook(_ scope: Scope, _ score: Score) -> LevelOutlook {
            guard !rubric.levels.isEmpty else {
                return LevelOutlook(scope: scope, level: nil, nextLevel: nil, blockers: [])
            }
            let current = score.level.flatMap { evaluation.index.position(ofLevel: $0) }
            let next = current.map { $0 + 1 } ?? 0
            guard next < rubric.levels.count else {
                return LevelOutlook(scope: scope, level: score.level, nextLevel: nil, blockers: [])
            }
            return LevelOutlook(
                scope: scope,
                level: score.level,
                nextLevel: rubric.levels[next].id,
                blockers: model.blockers(toReach: next, in: scope, of: assessment, evaluation: evaluation)
            )
        }
        return Explanation(
            assessment: assessment,
            overall: outlook(.overall, assessment.overall),
            dimensions: assessment.dimensions.map { outlook(.dimension($0.id), $0.score) },
            opportunities: opportunities(from: assessment)
        )
    }

    private func opportunities(from assessment: Assessment) -> [Opportunity] {
        var found: [(Opportunity, Int)] = []
        for (entry, outcome) in zip(evaluation.index.questions, evaluation.outcomes) where outcome.status == .answered {
            // The smallest step up that gains anything: usually the next option, but under pass/fail models
            // nothing counts until the target, so higher options are tried in turn.
            var taken: (step: (value: AnswerValue, option: String), dimensionGain: Double, overallGain: Double)?
            for step in steps(entry, outcome) {
                var response = evaluation.response
                var answer = response.answers[entry.question.id] ?? Answer(nil)
                answer.value = step.value
                response.answers[entry.question.id] = answer
                let improved = model.score(ResponseEvaluation(validated: response, index: evaluation.index))
                let dimensionBefore = assessment.dimension(outcome.dimensionID)?.score.value ?? 0
                let dimensionAfter = improved.dimension(outcome.dimensionID)?.score.value ?? 0
                let overallGain = (improved.overall.value ?? 0) - (assessment.overall.value ?? 0)
                let dimensionGain = dimensionAfter - dimensionBefore
                if overallGain > 1e-9 || dimensionGain > 1e-9 {
                    taken = (step, dimensionGain, overallGain)
                    break
                }
            }
            guard let (step, dimensionGain, overallGain) = taken else { continue }
            let key = if case .multipleChoice = entry.question.format { step.option } else { outcome.optionID ?? "" }
            found.append(
                (
                    Opportunity(
                        questionID: entry.question.id,
                        dimensionID: outcome.dimensionID,
                        fromOption: outcome.optionID,
                        toOption: step.option,
                        dimensionGain: dimensionGain,
                        overallGain: overallGain,
                        recommendation: entry.question.recommendations[key],
                        isCritical: entry.question.isCritical
                    ),
                    entry.position
                )
            )
        }
        return found.sorted { lhs, rhs in
            if abs(lhs.0.overallGain - rhs.0.overallGain) > 1e-9 { return lhs.0.overallGain > rhs.0.overallGain }
            if abs(lhs.0.dimensionGain - rhs.0.dimensionGain) > 1e-9 {
                return lhs.0.dimensionGain > rhs.0.dimensionGain
            }
            return lhs.1 < rhs.1
        }.map(\.0)
    }

    /// The answers above `outcome`, nearest first, each with the option it names.
    private func steps(_ entry: IndexedQuestion, _ outcome: QuestionOutcome) -> [(value: AnswerValue, option: String)] {
        guard let current = outcome.earned else { return [] }
        switch entry.question.format {
        case .text:
            return []
        case .multipleChoice:
            guard case .choices(let chosen)? = outcome.value else { return [] }
            let candidates = entry.options.filter { !chosen.contains($0.id) && $0.points > 0 }
            return candidates.sorted { $0.points > $1.points }.map { (.choices(chosen + [$0.id]), $0.id) }
        case .yesNo:
            return outcome.optionID == "no" ? [(.flag(true), "yes")] : []
        case .numeric(_, let bands):
            return bands.filter { $0.points > current + 1e-12 }.sorted { $0.points < $1.points }.map { band in
                (.number(band.min ?? band.max.map { $0 - 1 } ?? 0), band.id)
            }
        case .scale, .singleChoice:
            return entry.options.filter { $0.points > current + 1e-12 }.sorted { $0.points < $1.points }.map {
                (.text($0.id), $0.id)
            }
        }
    }
}
