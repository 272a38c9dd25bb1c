/// The default model: weighted means of question points, in dimensions, then overall.
///
/// A question's points `p` run from 0 to 1 (see ``AnswerFormat``). A dimension scores `100 · Σ wᵢpᵢ / Σ wᵢ` over its
/// questions that count; a dimension with practice areas scores each area that way and takes the areas' weighted
/// mean. The overall score is the dimensions' weighted mean by dimension weight, over the dimensions that have a
/// score. Levels come from the rubric's score bands, capped by its gates.
public struct WeightedMeanModel: ScoringModel {
    public let id = "weighted-mean"

    /// Creates the model.
    public init() {}

    public func check(_ rubric: RubricIndex) -> [Diagnostic] {
        MaturityRules.bandWarnings(rubric, model: id)
    }

    public func score(_ evaluation: ResponseEvaluation) -> Assessment {
        let scores = Self.weightedScores(evaluation)
        let rules = MaturityRules(index: evaluation.index)
        return Self.assessment(
            evaluation,
            model: id,
            overall: Score(
                value: scores.overall,
                level: levelID(rules.level(for: scores.overall, in: .overall, evaluation: evaluation), evaluation)),
            dimensions: scores.dimensions.map { dimension in
                (
                    Score(
                        value: dimension.score,
                        level: levelID(
                            rules.level(for: dimension.score, in: .dimension(dimension.id), evaluation: evaluation),
                            evaluation
                        )
                    ),
                    dimension.areas
                )
            }
        )
    }

    private func levelID(_ position: Int?, _ evaluation: ResponseEvaluation) -> String? {
        position.map { evaluation.index.rubric.levels[$0].id }
    }

    /// Weighted-mean scores per dimension (and practice area) and overall, on 0–100.
    public static func weightedScores(_ evaluation: ResponseEvaluation)
        -> (overall: Double?, dimensions: [(id: String, score: Double?, areas: [PracticeAreaScore])])
    {
        let rubric = evaluation.index.rubric
        var dimensions: [(id: String, score: Double?, areas: [PracticeAreaScore])] = []
        var overallSum = 0.0
        var overallWeight = 0.0
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            let outcomes = evaluation.outcomes(inDimension: dimensionIndex)
            var score: Double?
            var areas: [PracticeAreaScore] = []
            if dimension.practiceAreas.isEmpty {
                score = mean(outcomes)
            } else {
                var sum = 0.0
                var weight = 0.0
                for area in dimension.practiceAreas {
                    let areaScore = mean(outcomes.lazy.filter { $0.practiceAreaID == area.id })
                    areas.append(PracticeAreaScore(id: area.id, score: areaScore))
                    if let areaScore {
                        sum += area.weight * areaScore
                        weight += area.weight
                    }
                }
                score = weight > 0 ? sum / weight : nil
            }
            if let score {
                overallSum += dimension.weight * score
                overallWeight += dimension.weight
            }
            dimensions.append((dimension.id, score, areas))
        }
        return (overallWeight > 0 ? overallSum / overallWeight : nil, dimensions)
    }

    /// `100 · Σ wᵢpᵢ / Σ wᵢ` over the outcomes whose points count; `nil` when none does.
    public static func mean<S: Sequence>(_ outcomes: S) -> Double? where S.Element == QuestionOutcome {
        var sum = 0.0
        var weight = 0.0
        for outcome in outcomes {
            guard let points = outcome.points else { continue }
            sum += outcome.weight * points
            weight += outcome.weight
        }
        return weight > 0 ? 100 * sum / weight : nil
    }

    /// An assessment with the evaluation's outcomes and completeness, and the given scores.
    public static func assessment(
        _ evaluation: ResponseEvaluation,
        model: String,
        overall: Score,
        dimensions: [(Score, [PracticeAreaScore])]
    ) -> Assessment {
        let rubric = evaluation.index.rubric
        return Assessment(
            rubricID: rubric.id,
            rubricVersion: rubric.version,
            model: model,
            responseID: evaluation.response.id,
            overall: overall,
            dimensions: zip(rubric.dimensions.indices, dimensions).map { dimensionIndex, entry in
                DimensionScore(
                    id: rubric.dimensions[dimensionIndex].id,
                    score: entry.0,
                    practiceAreas: entry.1,
                    completeness: ResponseEvaluation.completeness(of: evaluation.outcomes(inDimension: dimensionIndex))
                )
            },
            questions: evaluation.outcomes,
            completeness: ResponseEvaluation.completeness(of: evaluation.outcomes)
        )
    }
}
