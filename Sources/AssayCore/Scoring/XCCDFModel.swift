/// The four scoring models of XCCDF 1.2 (NIST IR 7275 rev. 4, section 7.3.2), for pass/fail-style rubrics.
///
/// Each question is a rule; it passes when its answer reaches the question's target (``Question/target``, by
/// default the top of its scale, "yes" for yes/no). Results map as XCCDF defines them:
///
/// | Assay | XCCDF result | counted |
/// |---|---|---|
/// | answered, reaches target | pass | yes |
/// | answered, below target | fail | yes |
/// | "don't know" | unknown | yes, as not passing |
/// | "not applicable" | notapplicable | excluded |
/// | unanswered | notchecked | excluded |
/// | condition false | notselected | excluded |
/// | text question | informational | excluded |
///
/// The rubric's answer policies do not apply: XCCDF fixes which results are excluded.
///
/// - `xccdf-default`: the tree model. A rule scores 100 or 0; each practice area, dimension and the rubric score the
///   weighted mean of their children that have a count, `s / a` with `s = Σ weight · score` and `a = Σ weight`.
/// - `xccdf-flat`: `s = Σ weight` of passing rules, `m = Σ weight` of counted rules; reported as raw `s` of `m` and
///   as `100 · s / m`.
/// - `xccdf-flat-unweighted`: the flat model with every weight taken as 1.
/// - `xccdf-absolute`: 1 when `s = m` under the flat model, else 0; reported as 100 or 0. As the specification
///   says, this is 1 even when no rule was counted.
public struct XCCDFModel: ScoringModel {
    /// Which of the four XCCDF models.
    public enum Variant: String, Sendable, Hashable, CaseIterable {
        case `default` = "xccdf-default"
        case flat = "xccdf-flat"
        case flatUnweighted = "xccdf-flat-unweighted"
        case absolute = "xccdf-absolute"
    }

    /// Which XCCDF model this is.
    public let variant: Variant
    public var id: String { variant.rawValue }

    /// Creates one of the XCCDF models.
    public init(_ variant: Variant) {
        self.variant = variant
    }

    /// A rule's XCCDF result: whether it counts, and whether it passed.
    static func rule(_ outcome: QuestionOutcome) -> (counted: Bool, passed: Bool) {
        // A free-text question is informational whatever its answer, "don't know" included.
        guard outcome.isScored else { return (false, false) }
        switch outcome.status {
        case .notAsked, .unanswered, .notApplicable: return (false, false)
        case .dontKnow: return (true, false)
        case .answered:
            guard let meets = outcome.meetsTarget else { return (false, false) }
            return (true, meets)
        }
    }

    public func check(_ rubric: RubricIndex) -> [Diagnostic] {
        MaturityRules.bandWarnings(rubric, model: id)
    }

    public func score(_ evaluation: ResponseEvaluation) -> Assessment {
        let rubric = evaluation.index.rubric
        let rules = MaturityRules(index: evaluation.index)
        func level(_ value: Double?, _ scope: Scope) -> String? {
            rules.level(for: value, in: scope, evaluation: evaluation).map { rubric.levels[$0].id }
        }
        var dimensions: [(Score, [PracticeAreaScore])] = []
        let overall: Score
        switch variant {
        case .default:
            // Each node: (count, score) with score normalised over its counted children.
            var rootSum = 0.0
            var rootWeight = 0.0
            for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
                let outcomes = evaluation.outcomes(inDimension: dimensionIndex)
                var areas: [PracticeAreaScore] = []
                var value: Double?
                if dimension.practiceAreas.isEmpty {
                    value = Self.defaultGroupScore(outcomes)
                } else {
                    var sum = 0.0
                    var weight = 0.0
                    for area in dimension.practiceAreas {
                        let areaScore = Self.defaultGroupScore(outcomes.filter { $0.practiceAreaID == area.id })
                        areas.append(PracticeAreaScore(id: area.id, score: areaScore))
                        if let areaScore {
                            sum += areaScore * area.weight
                            weight += area.weight
                        }
                    }
                    value = weight > 0 ? sum / weight : nil
                }
                if let value {
                    rootSum += value * dimension.weight
                    rootWeight += dimension.weight
                }
                dimensions.append((Score(value: value, level: level(value, .dimension(dimension.id))), areas))
            }
            let value = rootWeight > 0 ? rootSum / rootWeight : nil
            overall = Score(value: value, level: level(value, .overall))
        case .flat, .flatUnweighted, .absolute:
            var total = RawScore(score: 0, maximum: 0)
            for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
                let raw = flat(evaluation.outcomes(inDimension: dimensionIndex))
                total.score += raw.score
                total.maximum += raw.maximum
                let score = reported(raw)
                dimensions.append(
                    (Score(value: score.value, level: level(score.value, .dimension(dimension.id)), raw: score.raw), [])
                )
            }
            let score = reported(total)
            overall = Score(value: score.value, level: level(score.value, .overall), raw: score.raw)
        }
        return WeightedMeanModel.assessment(evaluation, model: id, overall: overall, dimensions: dimensions)
    }

    /// A group's default-model score: the weighted mean of its counted rules' 100-or-0 scores.
    static func defaultGroupScore<S: Sequence>(_ outcomes: S) -> Double? where S.Element == QuestionOutcome {
        var sum = 0.0
        var accumulator = 0.0
        for outcome in outcomes {
            let rule = rule(outcome)
            guard rule.counted else { continue }
            sum += (rule.passed ? 100 : 0) * outcome.weight
            accumulator += outcome.weight
        }
        return accumulator > 0 ? sum / accumulator : nil
    }

    /// The flat model's `s` and `m` over `outcomes`, unweighted for `xccdf-flat-unweighted`.
    func flat<S: Sequence>(_ outcomes: S) -> RawScore where S.Element == QuestionOutcome {
        var raw = RawScore(score: 0, maximum: 0)
        for outcome in outcomes {
            let rule = Self.rule(outcome)
            guard rule.counted else { continue }
            let weight = variant == .flatUnweighted ? (outcome.weight == 0 ? 0 : 1) : outcome.weight
            raw.maximum += weight
            if rule.passed { raw.score += weight }
        }
        return raw
    }

    private func reported(_ raw: RawScore) -> (value: Double?, raw: RawScore) {
        if variant == .absolute {
            let passed: Double = raw.score == raw.maximum ? 1 : 0
            return (100 * passed, RawScore(score: passed, maximum: 1))
        }
        return (raw.maximum > 0 ? 100 * raw.score / raw.maximum : nil, raw)
    }
}
