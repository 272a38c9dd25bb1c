/// The rubric's score bands and gates: which level a score reaches, and what stands in the way of the next.
public struct MaturityRules: Sendable {
    /// The rubric, indexed.
    public let index: RubricIndex

    /// Creates the rules of the rubric in `index`.
    public init(index: RubricIndex) {
        self.index = index
    }

    /// How far a score may fall short of a band edge and still count as reaching it.
    static let tolerance = 1e-9

    /// The position of the level whose band contains `score`, ignoring gates.
    public func bandLevel(for score: Double) -> Int? {
        let bands = Self.bands(of: index.rubric.levels)
        return bands.withUnsafeBufferPointer { Self.bandLevel(for: score, in: $0) }
    }

    /// A level's score band; `isOpen` when the level lacks a minimum or a maximum, which ends the search for a
    /// band with no level.
    struct Band {
        var low: Double
        var high: Double
        var isOpen: Bool
    }

    /// The bands of `levels`, lowest first.
    static func bands(of levels: [MaturityLevel]) -> [Band] {
        levels.map {
            Band(low: $0.minScore ?? 0, high: $0.maxScore ?? 0, isOpen: $0.minScore == nil || $0.maxScore == nil)
        }
    }

    /// The position of the highest band holding `score`, searched from the top; `nil` when none does, or an open
    /// band is met first.
    static func bandLevel<C: RandomAccessCollection<Band>>(for score: Double, in bands: C) -> Int?
    where C.Index == Int {
        var position = bands.count - 1
        while position >= 0 {
            let band = bands[bands.startIndex + position]
            if band.isOpen { return nil }
            // Sums of thirds and sevenths land a hair off exact band edges (59.99999999999999 for 60), so edges are
            // compared with a tolerance far below any score a person could mean.
            if score >= band.low - tolerance
                && (score < band.high - tolerance || (position == bands.count - 1 && score <= band.high + tolerance))
            {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// The gates of levels up to and including `level` that fail in `scope`, lowest level first.
    public func failingGates(upTo level: Int, in scope: Scope, evaluation: ResponseEvaluation) -> [(
        level: Int, gate: Gate
    )] {
        var failing: [(level: Int, gate: Gate)] = []
        let levels = index.rubric.levels
        guard !levels.isEmpty, level >= 0 else { return [] }
        for position in 0...min(level, levels.count - 1) {
            for gate in levels[position].gates where applies(gate, to: scope) && !passes(gate, evaluation: evaluation) {
                failing.append((position, gate))
            }
        }
        return failing
    }

    /// The position of the level `score` reaches in `scope` once gates are applied; `nil` below the lowest level.
    public func level(for score: Double?, in scope: Scope, evaluation: ResponseEvaluation) -> Int? {
        guard let score, let band = bandLevel(for: score) else { return nil }
        if let firstFailing = failingGates(upTo: band, in: scope, evaluation: evaluation).first {
            return firstFailing.level == 0 ? nil : firstFailing.level - 1
        }
        return band
    }

    /// Whether a gate's question passes its test; "not applicable" and not asked pass, as the practice does not apply.
    public func passes(_ gate: Gate, evaluation: ResponseEvaluation) -> Bool {
        Self.passes(gate, outcome: evaluation.outcome(gate.question))
    }

    /// Whether `gate` passes when its question's outcome is `outcome` (`nil`: no such question, which fails).
    static func passes(_ gate: Gate, outcome: QuestionOutcome?) -> Bool {
        guard let outcome else { return false }
        if outcome.status == .notApplicable || outcome.status == .notAsked { return true }
        return gate.test.matches(outcome)
    }

    func applies(_ gate: Gate, to scope: Scope) -> Bool {
        switch scope {
        case .overall: return true
        case .dimension(let id):
            guard let entry = index.question(gate.question) else { return false }
            return index.rubric.dimensions[entry.dimensionIndex].id == id
        }
    }

    /// The score of `scope` in `assessment`.
    func score(of scope: Scope, in assessment: Assessment) -> Score? {
        switch scope {
        case .overall: assessment.overall
        case .dimension(let id): assessment.dimension(id)?.score
        }
    }

    /// What keeps `scope` from the level at position `level`: a score below its band, and the gates that fail.
    public func blockers(toReach level: Int, in scope: Scope, of assessment: Assessment, evaluation: ResponseEvaluation)
        -> [Blocker]
    {
        let levels = index.rubric.levels
        guard levels.indices.contains(level) else { return [] }
        // With nothing scored there is no level to stand on and no gap to name.
        guard let current = score(of: scope, in: assessment)?.value else { return [] }
        var blockers: [Blocker] = []
        if let needed = levels[level].minScore, current < needed - Self.tolerance {
            blockers.append(.score(needed: needed, actual: current))
        }
        for (_, gate) in failingGates(upTo: level, in: scope, evaluation: evaluation) {
            blockers.append(.gate(gate, outcome: evaluation.outcome(gate.question)))
        }
        return blockers
    }
}

/// One thing that keeps a dimension, or the whole rubric, from the next maturity level.
public enum Blocker: Sendable, Hashable {
    /// The score is below the level's band.
    case score(needed: Double, actual: Double?)
    /// A gate of the level (or of a lower one) fails.
    case gate(Gate, outcome: QuestionOutcome?)
    /// A question the level requires (gated models) is below its target, unanswered, or "don't know".
    case practice(questionID: String, outcome: QuestionOutcome?)
}

extension MaturityRules {
    /// A warning for models that reach levels by score, when the rubric's levels have no score bands to reach.
    static func bandWarnings(_ index: RubricIndex, model: String) -> [Diagnostic] {
        let levels = index.rubric.levels
        guard !levels.isEmpty, levels.allSatisfy({ $0.minScore == nil }) else { return [] }
        return [
            .warning(
                "the levels have no score bands (min_score, max_score), so the \(model) model never reaches them",
                at: DocumentPath.root.key("levels")
            )
        ]
    }
}
