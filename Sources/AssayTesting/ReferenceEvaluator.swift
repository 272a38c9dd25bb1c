import AssayCore

/// A plain scoring of a response, written from the rubric format article ("Rubric format", "Scoring models") and
/// sharing nothing with the engine: no ``RubricIndex``, no `ResponseEvaluation`, no `ScoringPlan`, no model type.
/// Slow and obvious on purpose; tests score random rubrics and responses both ways and require the same numbers.
/// It is the one file outside `Sources/AssayCore/AnswerFormats/` that takes the answer formats apart case by case,
/// on purpose: an oracle that asked the formats' own code would agree with any mistake in it.
///
/// What it follows, rule by rule:
/// - A scale option is worth `(value − lowest) / (highest − lowest)` points (0 when all values are equal); yes is 1
///   and no 0; a choice or a numeric band is worth its `points`. A multiple-choice answer is worth the sum of its
///   options' points over `max_points` (or over the sum of the positive points), capped at 1.
/// - A question is asked when its condition holds over the questions before it; a condition on a later question,
///   or on one not asked, holds only for `answered: false`.
/// - A routing question (`scored: false`) and a text question earn nothing; their answers still decide conditions
///   and gates.
/// - "na", "unknown" and no answer count as the policies say: excluded, zero, or the points of the target (the
///   target answer's points, or the best points when there is no target). Text never counts.
/// - A dimension's score is 100 · Σ weight · points / Σ weight over the answers that count, or the weighted mean of
///   its practice areas' scores; the overall score is the weighted mean of the dimensions that have one.
/// - A level is reached when the score lies in its band (the top band includes its maximum; edges within 1e-9)
///   and no gate at or below it fails; a failing gate caps the level below the gate's. A gate passes when its
///   question is not applicable or not asked, and otherwise when its test holds.
/// - gated-maturity: level L needs every tagged, scored practice at L or below that applies to meet its target,
///   and no failing gate at or below L; a scope none of whose tagged practices applies has no level.
/// - XCCDF: a scored question that was asked and answered with points passes when it meets its target; "unknown"
///   counts as failed; not applicable, unanswered and not asked are left out.
public struct ReferenceEvaluator: Sendable {
    /// What the reference makes of a response.
    public struct Result: Sendable, Equatable {
        /// Per dimension then overall: the score and level.
        public var scores: [Double?]
        public var levels: [String?]
        /// Per question in asking order: its status and the points that count.
        public var statuses: [AnswerStatus]
        public var points: [Double?]
    }

    private struct Item {
        var question: Question
        var dimension: Int
        var area: Int?
        var options: [(id: String, value: Double, points: Double)]
    }

    private let rubric: Rubric
    private let items: [Item]

    /// The reference for `rubric`, which must be valid.
    public init(rubric: Rubric) {
        self.rubric = rubric
        var items: [Item] = []
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            if dimension.practiceAreas.isEmpty {
                for question in dimension.questions {
                    items.append(Item(question: question, dimension: dimensionIndex, area: nil, options: []))
                }
            } else {
                for (areaIndex, area) in dimension.practiceAreas.enumerated() {
                    for question in area.questions {
                        items.append(Item(question: question, dimension: dimensionIndex, area: areaIndex, options: []))
                    }
                }
            }
        }
        for index in items.indices {
            items[index].options = Self.options(of: items[index].question, scales: rubric.scales)
        }
        self.items = items
    }

    private static func options(of question: Question, scales: [Scale]) -> [(id: String, value: Double, points: Double)]
    {
        switch question.format {
        case .scale(let reference):
            var scaleOptions: [ScaleOption] = []
            switch reference {
            case .named(let id): scaleOptions = scales.first { $0.id == id }?.options ?? []
            case .inline(let options): scaleOptions = options
            }
            let low = scaleOptions.map(\.value).min() ?? 0
            let high = scaleOptions.map(\.value).max() ?? 1
            return scaleOptions.map { ($0.id, $0.value, high > low ? ($0.value - low) / (high - low) : 0) }
        case .yesNo:
            return [("no", 0, 0), ("yes", 1, 1)]
        case .singleChoice(let choices), .multipleChoice(let choices, _):
            return choices.map { ($0.id, $0.points, $0.points) }
        case .numeric(_, let bands):
            return bands.map { ($0.id, $0.min ?? 0, $0.points) }
        case .text:
            return []
        }
    }

    /// Points and the number tests compare, for `value` answering `item`; `nil` when it is no answer to it.
    private func read(_ value: AnswerValue, _ item: Item) -> (points: Double?, comparable: Double?, option: String?)? {
        switch (item.question.format, value) {
        case (_, .notApplicable), (_, .dontKnow): return (nil, nil, nil)
        case (.text, .text): return (nil, nil, nil)
        case (.scale, .text(let id)), (.singleChoice, .text(let id)):
            guard let option = item.options.first(where: { $0.id == id }) else { return nil }
            return (option.points, option.value, option.id)
        case (.scale, .number(let number)):
            guard let option = item.options.first(where: { $0.value == number }) else { return nil }
            return (option.points, option.value, option.id)
        case (.yesNo, .flag(let flag)): return (flag ? 1 : 0, flag ? 1 : 0, flag ? "yes" : "no")
        case (.yesNo, .text("yes")): return (1, 1, "yes")
        case (.yesNo, .text("no")): return (0, 0, "no")
        case (.multipleChoice(_, let maxPoints), .choices(let ids)):
            guard Set(ids).count == ids.count,
                ids.allSatisfy({ id in item.options.contains(where: { $0.id == id }) })
            else { return nil }
            // In the options' declared order, whatever order they were chosen in.
            var total = 0.0
            for option in item.options where ids.contains(option.id) { total += option.points }
            let maximum = maxPoints ?? item.options.map(\.points).filter { $0 > 0 }.reduce(0, +)
            return (maximum > 0 ? min(1, total / maximum) : 0, total, nil)
        case (.multipleChoice, .text(let id)): return read(.choices([id]), item)
        case (.numeric(_, let bands), .number(let number)):
            guard number.isFinite, let band = bands.first(where: { $0.contains(number) }) else { return nil }
            return (band.points, number, band.id)
        default: return nil
        }
    }

    /// Whether answers to `item` earn points: text never does, and a routing question (`scored: false`) only
    /// decides what is asked.
    private func earnsPoints(_ item: Item) -> Bool {
        if case .text = item.question.format { return false }
        return item.question.isScored
    }

    private func targetPoints(_ item: Item) -> Double {
        if let target = item.question.target, let points = read(target, item)?.points { return points }
        if case .multipleChoice(_, let declared) = item.question.format {
            let positive = item.options.map(\.points).filter { $0 > 0 }.reduce(0, +)
            let maximum = declared ?? positive
            return maximum > 0 ? min(1, positive / maximum) : 0
        }
        return item.options.map(\.points).max() ?? 1
    }

    private struct Outcome {
        var status: AnswerStatus
        var value: AnswerValue?
        var option: String?
        var comparable: Double?
        var earned: Double?
        var points: Double?
    }

    private func holds(_ test: AnswerTest, _ outcome: Outcome?) -> Bool {
        let status = outcome?.status ?? .notAsked
        let hasAnswer = status == .answered || status == .notApplicable || status == .dontKnow
        func equals(_ expected: AnswerValue) -> Bool {
            if expected == .notApplicable { return status == .notApplicable }
            if expected == .dontKnow { return status == .dontKnow }
            guard status == .answered, let outcome else { return false }
            switch expected {
            case .text(let id):
                if let option = outcome.option { return option == id }
                if case .text(let text)? = outcome.value { return text == id }
                if case .choices(let chosen)? = outcome.value { return chosen == [id] }
                return false
            case .number(let number): return outcome.comparable == number
            case .flag(let flag): return outcome.option == (flag ? "yes" : "no")
            case .choices(let ids):
                if case .choices(let chosen)? = outcome.value { return Set(chosen) == Set(ids) }
                return false
            default: return false
            }
        }
        switch test {
        case .answered(let expected): return hasAnswer == expected
        case .equals(let value): return equals(value)
        case .oneOf(let values): return values.contains(where: equals)
        case .atLeast(let bound): return status == .answered && (outcome?.comparable).map { $0 >= bound } == true
        case .atMost(let bound): return status == .answered && (outcome?.comparable).map { $0 <= bound } == true
        }
    }

    private func holds(_ condition: Condition, before position: Int, _ outcomes: [Outcome]) -> Bool {
        switch condition {
        case .answer(let id, let test):
            guard let earlier = items.firstIndex(where: { $0.question.id == id }), earlier < position else {
                return false
            }
            return holds(test, outcomes[earlier])
        case .all(let conditions): return conditions.allSatisfy { holds($0, before: position, outcomes) }
        case .any(let conditions): return conditions.contains { holds($0, before: position, outcomes) }
        case .not(let inner): return !holds(inner, before: position, outcomes)
        }
    }

    /// The reference result for `response`; `nil` when the engine must refuse it (another rubric, an unknown
    /// question, "na" where it is not allowed, an answer that is no answer to its question).
    public func evaluate(_ response: AssessmentResponse) -> Result? {
        guard response.rubric == rubric.id else { return nil }
        for id in response.answers.keys where !items.contains(where: { $0.question.id == id }) { return nil }
        if let submitted = response.attributes["submitted_at"], Timestamp(submitted) == nil { return nil }
        var outcomes: [Outcome] = []
        for (position, item) in items.enumerated() {
            let value = response.answers[item.question.id]?.value
            if let value {
                if value == .notApplicable && !item.question.allowsNotApplicable { return nil }
                if read(value, item) == nil { return nil }
            }
            let asked = item.question.condition.map { holds($0, before: position, outcomes) } ?? true
            guard asked else {
                outcomes.append(Outcome(status: .notAsked, value: value))
                continue
            }
            let scored = earnsPoints(item)
            func treated(_ treatment: AnswerTreatment) -> Double? {
                guard scored else { return nil }
                switch treatment {
                case .exclude: return nil
                case .zero: return 0
                case .target: return targetPoints(item)
                }
            }
            switch value {
            case nil: outcomes.append(Outcome(status: .unanswered, points: treated(rubric.policies.unanswered)))
            case .notApplicable?:
                outcomes.append(
                    Outcome(status: .notApplicable, value: value, points: treated(rubric.policies.notApplicable)))
            case .dontKnow?:
                outcomes.append(Outcome(status: .dontKnow, value: value, points: treated(rubric.policies.dontKnow)))
            case let value?:
                var stored = value
                if case .multipleChoice = item.question.format, case .text(let id) = value { stored = .choices([id]) }
                let reading = read(value, item)!
                let earned = scored ? reading.points : nil
                outcomes.append(
                    Outcome(
                        status: .answered, value: stored, option: reading.option, comparable: reading.comparable,
                        earned: earned, points: earned))
            }
        }
        let dimensionCount = rubric.dimensions.count
        var scores: [Double?]
        var raws: [(score: Double, maximum: Double)] = []
        switch rubric.scoring.model {
        case "xccdf-default": scores = xccdfDefault(outcomes)
        case "xccdf-flat", "xccdf-flat-unweighted", "xccdf-absolute":
            (scores, raws) = xccdfFlat(outcomes, model: rubric.scoring.model)
        default: scores = weightedMeans(outcomes)
        }
        _ = raws
        var levels: [String?] = []
        for scope in 0...dimensionCount {
            let inScope = { (position: Int) in scope == dimensionCount || self.items[position].dimension == scope }
            if rubric.scoring.model == "gated-maturity" {
                levels.append(gatedLevel(outcomes, inScope: inScope))
            } else {
                levels.append(bandLevel(scores[scope], outcomes, inScope: inScope))
            }
        }
        return Result(
            scores: scores, levels: levels, statuses: outcomes.map(\.status), points: outcomes.map(\.points))
    }

    private func weightedMeans(_ outcomes: [Outcome]) -> [Double?] {
        func mean(_ positions: [Int]) -> Double? {
            var sum = 0.0
            var weight = 0.0
            for position in positions {
                guard let points = outcomes[position].points else { continue }
                sum += items[position].question.weight * points
                weight += items[position].question.weight
            }
            return weight > 0 ? 100 * sum / weight : nil
        }
        return combine { positions, _ in mean(positions) }
    }

    /// Per dimension (from its questions, or the weighted mean of its areas') and overall, `groupScore` of each
    /// group of question positions.
    private func combine(_ groupScore: ([Int], Int) -> Double?) -> [Double?] {
        var scores: [Double?] = []
        var overallSum = 0.0
        var overallWeight = 0.0
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            var score: Double?
            if dimension.practiceAreas.isEmpty {
                score = groupScore(items.indices.filter { items[$0].dimension == dimensionIndex }, dimensionIndex)
            } else {
                var sum = 0.0
                var weight = 0.0
                for (areaIndex, area) in dimension.practiceAreas.enumerated() {
                    let positions = items.indices.filter {
                        items[$0].dimension == dimensionIndex && items[$0].area == areaIndex
                    }
                    if let areaScore = groupScore(positions, dimensionIndex) {
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
            scores.append(score)
        }
        scores.append(overallWeight > 0 ? overallSum / overallWeight : nil)
        return scores
    }

    /// XCCDF's rule result: counted, and passed.
    private func rule(_ outcome: Outcome, _ item: Item) -> (counted: Bool, passed: Bool) {
        guard earnsPoints(item) else { return (false, false) }
        switch outcome.status {
        case .dontKnow: return (true, false)
        case .answered:
            guard let earned = outcome.earned else { return (false, false) }
            return (true, earned >= targetPoints(item) - 1e-9)
        default: return (false, false)
        }
    }

    private func xccdfDefault(_ outcomes: [Outcome]) -> [Double?] {
        combine { positions, _ in
            var sum = 0.0
            var weight = 0.0
            for position in positions {
                let rule = rule(outcomes[position], items[position])
                guard rule.counted else { continue }
                sum += (rule.passed ? 100 : 0) * items[position].question.weight
                weight += items[position].question.weight
            }
            return weight > 0 ? sum / weight : nil
        }
    }

    private func xccdfFlat(_ outcomes: [Outcome], model: String) -> ([Double?], [(score: Double, maximum: Double)]) {
        var raws: [(score: Double, maximum: Double)] = []
        for dimensionIndex in rubric.dimensions.indices {
            var raw = (score: 0.0, maximum: 0.0)
            for position in items.indices where items[position].dimension == dimensionIndex {
                let rule = rule(outcomes[position], items[position])
                guard rule.counted else { continue }
                let weight = items[position].question.weight
                let counted = model == "xccdf-flat-unweighted" ? (weight == 0 ? 0 : 1) : weight
                raw.maximum += counted
                if rule.passed { raw.score += counted }
            }
            raws.append(raw)
        }
        raws.append(raws.reduce((0, 0)) { ($0.score + $1.score, $0.maximum + $1.maximum) })
        let scores: [Double?] = raws.map { raw in
            if model == "xccdf-absolute" { return raw.score == raw.maximum ? 100 : 0 }
            return raw.maximum > 0 ? 100 * raw.score / raw.maximum : nil
        }
        return (scores, raws)
    }

    /// The lowest level whose gates (those on questions in scope) fail; `nil` when all pass.
    private func lowestFailingGate(_ outcomes: [Outcome], inScope: (Int) -> Bool) -> Int? {
        for (level, declared) in rubric.levels.enumerated() {
            for gate in declared.gates {
                guard let position = items.firstIndex(where: { $0.question.id == gate.question }) else { return level }
                guard inScope(position) else { continue }
                let outcome = outcomes[position]
                if outcome.status == .notApplicable || outcome.status == .notAsked { continue }
                if !holds(gate.test, outcome) { return level }
            }
        }
        return nil
    }

    private func bandLevel(_ score: Double?, _ outcomes: [Outcome], inScope: (Int) -> Bool) -> String? {
        guard let score else { return nil }
        let levels = rubric.levels
        var band: Int?
        for position in levels.indices.reversed() {
            guard let low = levels[position].minScore, let high = levels[position].maxScore else { return nil }
            let top = position == levels.count - 1
            if score >= low - 1e-9 && (score < high - 1e-9 || (top && score <= high + 1e-9)) {
                band = position
                break
            }
        }
        guard var reached = band else { return nil }
        if let failing = lowestFailingGate(outcomes, inScope: inScope), failing <= reached {
            guard failing > 0 else { return nil }
            reached = failing - 1
        }
        return levels[reached].id
    }

    private func gatedLevel(_ outcomes: [Outcome], inScope: (Int) -> Bool) -> String? {
        let levels = rubric.levels
        let assessed = items.indices.contains { position in
            inScope(position) && items[position].question.level != nil && earnsPoints(items[position])
                && outcomes[position].status != .notApplicable && outcomes[position].status != .notAsked
        }
        guard assessed, !levels.isEmpty else { return nil }
        var first = lowestFailingGate(outcomes, inScope: inScope) ?? levels.count
        for position in items.indices where inScope(position) && earnsPoints(items[position]) {
            guard let tag = items[position].question.level, let level = levels.firstIndex(where: { $0.id == tag })
            else { continue }
            let outcome = outcomes[position]
            let unmet: Bool
            switch outcome.status {
            case .notApplicable, .notAsked: unmet = false
            case .unanswered, .dontKnow: unmet = true
            case .answered: unmet = !(outcome.earned.map { $0 >= targetPoints(items[position]) - 1e-9 } ?? false)
            }
            if unmet { first = min(first, level) }
        }
        return first == 0 ? nil : levels[min(first, levels.count) - 1].id
    }
}
