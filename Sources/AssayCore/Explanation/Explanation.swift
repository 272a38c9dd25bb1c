/// Why an assessment came out as it did: what blocks each next level, and which improvements gain the most.
public struct Explanation: Sendable, Hashable {
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

/// Builds explanations by asking the model for blockers and by scoring each one-step improvement.
///
/// For the default weighted-mean model, a question no condition depends on changes only its own dimension's sum,
/// so its gains come from taking its term out of that sum and putting the new one in (a 10,000-question response
/// took 95 s when every step re-scored it all). Other steps under a built-in model are scored from the rubric's
/// plan: one answer code changed, what is asked decided again and the terms summed from its tables, with nothing
/// allocated per step. A plugin model, and a step the plan has no code for (adding a choice to a list), re-score
/// the changed response through the model, so gains are exact for any model.
struct Explainer {
    let model: any ScoringModel
    let evaluation: ResponseEvaluation
    /// The rubric's plan, for a built-in model: steps the sums cannot take are scored from its tables.
    var plan: ScoringPlan? = nil

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
        let sums = model is WeightedMeanModel ? WeightedMeanSums(evaluation) : nil
        var planSteps = plan.flatMap { ScoringPlan.Steps(plan: $0, response: evaluation.response) }
        let conditionSources = Set(evaluation.index.questions.flatMap { $0.question.condition?.questionIDs ?? [] })
        for (entry, outcome) in zip(evaluation.index.questions, evaluation.outcomes) where outcome.status == .answered {
            // The smallest step up that gains anything: usually the next option, but under pass/fail models
            // nothing counts until the target, so higher options are tried in turn.
            var taken: (step: (value: AnswerValue, option: String), dimensionGain: Double, overallGain: Double)?
            let dimensionBefore = assessment.dimension(outcome.dimensionID)?.score.value ?? 0
            for step in steps(entry, outcome) {
                let dimensionAfter: Double
                let overallAfter: Double
                if let sums, !conditionSources.contains(entry.question.id) {
                    let scores = sums.scores(
                        changing: entry.position, to: entry.read(entry.normalized(step.value)).points)
                    dimensionAfter = scores.dimension ?? 0
                    overallAfter = scores.overall ?? 0
                } else if let scores = planSteps?.scores(
                    changing: entry.position, to: step.value, dimension: entry.dimensionIndex)
                {
                    dimensionAfter = scores.dimension ?? 0
                    overallAfter = scores.overall ?? 0
                } else {
                    var response = evaluation.response
                    var answer = response.answers[entry.question.id] ?? Answer(nil)
                    answer.value = step.value
                    response.answers[entry.question.id] = answer
                    let improved = model.score(ResponseEvaluation(validated: response, index: evaluation.index))
                    dimensionAfter = improved.dimension(outcome.dimensionID)?.score.value ?? 0
                    overallAfter = improved.overall.value ?? 0
                }
                let overallGain = overallAfter - (assessment.overall.value ?? 0)
                let dimensionGain = dimensionAfter - dimensionBefore
                if overallGain > 1e-9 || dimensionGain > 1e-9 {
                    taken = (step, dimensionGain, overallGain)
                    break
                }
            }
            guard let (step, dimensionGain, overallGain) = taken else { continue }
            let key = entry.rules.recommendationKey(current: outcome.optionID, step: step.option)
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
        entry.rules.betterAnswers(than: outcome, options: entry.options)
    }
}

/// The weighted-mean model's sums of one evaluation, kept per dimension, practice area and overall, so the scores
/// with one question's points changed cost a few additions instead of a scoring of the whole response.
///
/// A score is `100 · S / W`; changing one question takes its term out of its dimension's (or area's) `S` and `W`,
/// puts the new one in, and carries the changed score up the same way. The results can differ from re-scoring in
/// the last bits of a Double (the order of the additions differs), far below the 0.1 points a report shows and the
/// 10⁻⁹ below which gains count as equal.
private struct WeightedMeanSums {
    /// `Σ w·x`, `Σ w` and how many terms, over the terms that have a value.
    struct Sum {
        var total = 0.0
        var weight = 0.0
        var count = 0

        mutating func add(_ value: Double?, weight: Double) {
            guard let value else { return }
            total += weight * value
            self.weight += weight
            count += 1
        }

        mutating func remove(_ value: Double?, weight: Double) {
            guard let value else { return }
            total -= weight * value
            self.weight -= weight
            count -= 1
        }

        func mean(times scale: Double = 1) -> Double? {
            count > 0 && weight > 0 ? scale * total / weight : nil
        }
    }

    let evaluation: ResponseEvaluation
    /// Each dimension's question sum (for a dimension without practice areas).
    let questionSums: [Sum]
    /// Each dimension's practice areas' question sums, by area index.
    let areaQuestionSums: [[Sum]]
    /// Each dimension's sum of area scores (for a dimension with practice areas).
    let areaSums: [Sum]
    /// Each dimension's score and each area's, as scoring computed them.
    let dimensionScores: [Double?]
    let areaScores: [[Double?]]
    /// The overall sum of dimension scores.
    let overallSum: Sum

    init(_ evaluation: ResponseEvaluation) {
        self.evaluation = evaluation
        let rubric = evaluation.index.rubric
        let scores = WeightedMeanModel.weightedScores(evaluation)
        dimensionScores = scores.dimensions.map(\.score)
        areaScores = scores.dimensions.map { $0.areas.map(\.score) }
        var questionSums = [Sum](repeating: Sum(), count: rubric.dimensions.count)
        var areaQuestionSums = rubric.dimensions.map { [Sum](repeating: Sum(), count: $0.practiceAreas.count) }
        for (entry, outcome) in zip(evaluation.index.questions, evaluation.outcomes) {
            if let area = entry.practiceAreaIndex {
                areaQuestionSums[entry.dimensionIndex][area].add(outcome.points, weight: outcome.weight)
            } else {
                questionSums[entry.dimensionIndex].add(outcome.points, weight: outcome.weight)
            }
        }
        var areaSums = [Sum](repeating: Sum(), count: rubric.dimensions.count)
        var overallSum = Sum()
        for (index, dimension) in rubric.dimensions.enumerated() {
            for (areaIndex, area) in dimension.practiceAreas.enumerated() {
                areaSums[index].add(areaScores[index][areaIndex], weight: area.weight)
            }
            overallSum.add(dimensionScores[index], weight: dimension.weight)
        }
        self.questionSums = questionSums
        self.areaQuestionSums = areaQuestionSums
        self.areaSums = areaSums
        self.overallSum = overallSum
    }

    /// The dimension's and the overall score with the question at `position` earning `points`.
    func scores(changing position: Int, to points: Double?) -> (dimension: Double?, overall: Double?) {
        let rubric = evaluation.index.rubric
        let entry = evaluation.index.questions[position]
        let outcome = evaluation.outcomes[position]
        let dimensionIndex = entry.dimensionIndex
        let dimension = rubric.dimensions[dimensionIndex]
        let score: Double?
        if let areaIndex = entry.practiceAreaIndex {
            var questions = areaQuestionSums[dimensionIndex][areaIndex]
            questions.remove(outcome.points, weight: outcome.weight)
            questions.add(points, weight: outcome.weight)
            let areaWeight = dimension.practiceAreas[areaIndex].weight
            var areas = areaSums[dimensionIndex]
            areas.remove(areaScores[dimensionIndex][areaIndex], weight: areaWeight)
            areas.add(questions.mean(times: 100), weight: areaWeight)
            score = areas.mean()
        } else {
            var questions = questionSums[dimensionIndex]
            questions.remove(outcome.points, weight: outcome.weight)
            questions.add(points, weight: outcome.weight)
            score = questions.mean(times: 100)
        }
        var overall = overallSum
        overall.remove(dimensionScores[dimensionIndex], weight: dimension.weight)
        overall.add(score, weight: dimension.weight)
        return (score, overall.mean())
    }
}
