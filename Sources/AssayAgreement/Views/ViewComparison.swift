import AssayCore

/// How far two or more views of one organisation agree, question by question and overall, and what their
/// differences change: the scores and levels each view gives, the gates passed in one view only, and the
/// disagreements ordered by how much they move the score.
///
/// Every view is scored by the same ``Scorer``, so the scores are the ones `assay score` gives each view alone.
/// The coefficients are computed per answer format (see ``MeasurementLevel/init(format:)``), for the whole rubric
/// and for each dimension: Cohen's κ when there are exactly two views (quadratic-weighted for scale questions,
/// unweighted otherwise) and Krippendorff's α for any number of views. Each question is one unit; each view one
/// rater. Scale answers are compared by their points (0 for the lowest option to 1 for the highest), so questions
/// on scales of different lengths pool on one ranking.
public struct ViewComparison: Sendable {
    /// The views, in the order given.
    public let views: [ViewScore]
    /// Every question of the rubric, in asking order, with each view's answer.
    public let questions: [QuestionAgreement]
    /// The coefficients for the whole rubric (scope `overall`) and then each dimension, in rubric order.
    public let scopes: [ScopeAgreement]
    /// Where the views reach different maturity levels, overall or in a dimension.
    public let levelDifferences: [LevelDifference]
    /// The gates of maturity levels that pass in some views and fail in others.
    public let gateDifferences: [GateDifference]
    /// The questions the views answer differently, the one that moves a score most first.
    public let worklist: [Disagreement]
    /// How "not applicable" and "don't know" took part.
    public let missing: MissingAnswers

    /// Compares `views`, which must be answers to `scorer`'s rubric, already checked against it.
    ///
    /// - Throws: ``DocumentError`` when a view does not fit the rubric.
    public init(views: [AssessmentView], scorer: Scorer, missing: MissingAnswers = .exclude) throws {
        let index = scorer.index
        let rubric = index.rubric
        let assessments = try views.map { try scorer.score($0.response) }
        let evaluations = try views.map { try ResponseEvaluation(response: $0.response, index: index) }
        self.missing = missing
        self.views = zip(views, assessments).map { view, assessment in
            ViewScore(
                name: view.name, source: view.source, overall: assessment.overall,
                dimensions: assessment.dimensions.map { ViewScore.Dimension(id: $0.id, score: $0.score) },
                completeness: assessment.completeness)
        }

        var questions: [QuestionAgreement] = []
        for entry in index.questions {
            let outcomes = assessments.map { assessment in
                assessment.questions.first { $0.questionID == entry.question.id }
            }
            let answers = outcomes.map { outcome in
                ViewAnswer(status: outcome?.status ?? .unanswered, value: outcome?.value, option: outcome?.optionID)
            }
            let keys = answers.map(\.comparisonKey)
            let agreement: QuestionAgreement.Agreement =
                keys.allSatisfy({ $0 == "unanswered" || $0 == "not_asked" })
                ? .nothingToCompare : Set(keys).count == 1 ? .agree : .disagree
            questions.append(
                QuestionAgreement(
                    question: entry.question.id, dimension: rubric.dimensions[entry.dimensionIndex].id,
                    level: MeasurementLevel(format: entry.question.format), answers: answers, agreement: agreement,
                    outcomes: outcomes))
        }
        self.questions = questions

        var scopes = [ScopeAgreement(scope: "overall", questions: questions, views: views.count, missing: missing)]
        for dimension in rubric.dimensions {
            scopes.append(
                ScopeAgreement(
                    scope: dimension.id, questions: questions.filter { $0.dimension == dimension.id },
                    views: views.count, missing: missing))
        }
        self.scopes = scopes

        var levelDifferences: [LevelDifference] = []
        let overallLevels = assessments.map(\.overall.level)
        if Set(overallLevels).count > 1 {
            levelDifferences.append(LevelDifference(scope: "overall", levels: overallLevels))
        }
        for dimension in rubric.dimensions {
            let levels = assessments.map { $0.dimension(dimension.id)?.score.level }
            if Set(levels).count > 1 { levelDifferences.append(LevelDifference(scope: dimension.id, levels: levels)) }
        }
        self.levelDifferences = levelDifferences

        let rules = MaturityRules(index: index)
        var gateDifferences: [GateDifference] = []
        for level in rubric.levels {
            for gate in level.gates {
                let passes = evaluations.map { rules.passes(gate, evaluation: $0) }
                if Set(passes).count > 1 {
                    gateDifferences.append(GateDifference(level: level.id, question: gate.question, passes: passes))
                }
            }
        }
        self.gateDifferences = gateDifferences

        // Each view takes, in turn, every other view's answer to the question, and is scored again.
        var worklist: [Disagreement] = []
        for (position, question) in questions.enumerated() where question.agreement == .disagree {
            var moves: [Disagreement.Move] = []
            for (i, view) in views.enumerated() {
                for (j, other) in views.enumerated() where i != j && question.answers[i] != question.answers[j] {
                    var response = view.response
                    var answer = response.answers[question.question] ?? Answer(nil)
                    answer.value = other.response.answers[question.question]?.value
                    response.answers[question.question] = answer.value == nil && answer.note == nil ? nil : answer
                    guard let after = try? scorer.score(response) else { continue }
                    let overall = difference(after.overall.value, assessments[i].overall.value)
                    let dimension = difference(
                        after.dimension(question.dimension)?.score.value,
                        assessments[i].dimension(question.dimension)?.score.value)
                    moves.append(
                        Disagreement.Move(
                            view: i, taking: j, overall: overall, dimension: dimension,
                            levelAfter: after.overall.level,
                            levelChanges: after.overall.level != assessments[i].overall.level,
                            dimensionLevelAfter: after.dimension(question.dimension)?.score.level,
                            dimensionLevelChanges: after.dimension(question.dimension)?.score.level
                                != assessments[i].dimension(question.dimension)?.score.level))
                }
            }
            worklist.append(
                Disagreement(
                    question: question.question, dimension: question.dimension, position: position, moves: moves))
        }
        // Swings equal in exact arithmetic (a point more on weight 1 over 6.5, in two dimensions of weight 1.5) come
        // out a hair apart in floating point, so they are compared at 10⁻⁹ of a point and such ties go in asking
        // order, as a person working them by hand would list them.
        func rounded(_ value: Double) -> Double { (value * 1e9).rounded() }
        self.worklist = worklist.sorted {
            (rounded($0.swing), rounded($0.dimensionSwing), -$0.position)
                > (rounded($1.swing), rounded($1.dimensionSwing), -$1.position)
        }
    }

    /// The coefficients of one scope.
    public func scope(_ id: String) -> ScopeAgreement? { scopes.first { $0.scope == id } }
}

private func difference(_ after: Double?, _ before: Double?) -> Double? {
    guard let after, let before else { return nil }
    return after - before
}

/// One view's scores.
public struct ViewScore: Sendable, Hashable, Codable {
    /// A dimension's score in this view.
    public struct Dimension: Sendable, Hashable, Codable {
        /// The dimension's id.
        public var id: String
        /// Its score and level.
        public var score: Score
    }

    /// Who gave the answers.
    public var name: String
    /// Where they were read from.
    public var source: String?
    /// The overall score and level.
    public var overall: Score
    /// Each dimension's score and level, in rubric order.
    public var dimensions: [Dimension]
    /// How many questions were answered.
    public var completeness: Completeness
}

/// One view's answer to one question.
public struct ViewAnswer: Sendable, Hashable, Codable {
    /// Whether it was asked and how it was answered.
    public var status: AnswerStatus
    /// The value given, if any.
    public var value: AnswerValue?
    /// The option the value names, if any.
    public var option: String?

    /// What two answers must share to agree: the option chosen (the set of options, for multiple choice), the
    /// number, the text with surrounding spaces aside, or how the question went unanswered.
    var comparisonKey: String {
        guard status == .answered else { return status.rawValue }
        if let option { return "option:" + option }
        switch value {
        case .choices(let ids)?: return "choices:" + ids.sorted().joined(separator: "\u{1F}")
        case .number(let number)?: return "number:\(number)"
        case .text(let text)?:
            return "text:" + String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
        case .flag(let flag)?: return "flag:\(flag)"
        case .notApplicable?, .dontKnow?, nil: return status.rawValue
        }
    }
}

/// The views' answers to one question, and whether they agree.
public struct QuestionAgreement: Sendable, Hashable {
    /// Whether the views agree on a question.
    public enum Agreement: String, Sendable, Hashable, Codable {
        /// Every view gave the same answer (the same "not applicable" or "don't know" included).
        case agree
        /// At least two views differ, one of them perhaps by leaving the question unanswered.
        case disagree
        /// No view answered it (unanswered or not asked in all).
        case nothingToCompare = "nothing_to_compare"
    }

    /// The question's id.
    public var question: String
    /// Its dimension's id.
    public var dimension: String
    /// The level its answers are measured on; `nil` for text, which no coefficient compares.
    public var level: MeasurementLevel?
    /// Each view's answer, in view order.
    public var answers: [ViewAnswer]
    /// Whether they agree.
    public var agreement: Agreement
    /// Each view's outcome from the scorer, for the coefficients.
    var outcomes: [QuestionOutcome?]
}

extension QuestionAgreement {
    /// The value each view contributes to a coefficient on `level`, or `nil` for a missing value.
    ///
    /// `level` `nil` asks for every answer taken as a category (the "every answer" row).
    func values(on level: MeasurementLevel?, missing: MissingAnswers, codes: inout [String: Double]) -> [Double?] {
        outcomes.map { outcome in
            guard let outcome else { return nil }
            func code(_ category: String) -> Double {
                if let known = codes[category] { return known }
                codes[category] = Double(codes.count)
                return Double(codes.count - 1)
            }
            switch outcome.status {
            case .unanswered, .notAsked:
                return nil
            case .notApplicable, .dontKnow:
                guard missing == .asCategory, level == nil || level == .nominal else { return nil }
                return code(outcome.status.rawValue)
            case .answered:
                switch level {
                case .ordinal: return outcome.earned
                case .interval: return outcome.comparable
                case .nominal, nil:
                    let answer = ViewAnswer(status: outcome.status, value: outcome.value, option: outcome.optionID)
                    return code(answer.comparisonKey)
                }
            }
        }
    }
}

/// The coefficients of one scope: the whole rubric or one dimension.
public struct ScopeAgreement: Sendable, Hashable, Encodable {
    /// The coefficients over the questions of one measurement level, or over every answer taken as a category.
    public struct Coefficients: Sendable, Hashable, Encodable {
        /// The level; `nil` for the row that takes every scored question's answer as a category, whatever its
        /// format (how often the views give exactly the same answer, beyond chance).
        public var level: MeasurementLevel?
        /// How many questions of this kind the scope has.
        public var questions: Int
        /// How many of them the views agree on, and how many they disagree on.
        public var agreeing: Int
        /// How many of them the views disagree on.
        public var disagreeing: Int
        /// Cohen's κ, when there are exactly two views; quadratic-weighted for scale questions.
        public var kappa: AgreementCoefficient?
        /// How κ was weighted; `nil` when there is no κ.
        public var kappaWeighting: CohenKappa.Weighting?
        /// Krippendorff's α on the level (nominal for the every-answer row).
        public var alpha: AgreementCoefficient

        enum CodingKeys: String, CodingKey {
            case level, questions, agreeing, disagreeing, kappa, alpha
            case kappaWeighting = "kappa_weighting"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(level?.rawValue ?? "every_answer", forKey: .level)
            try container.encode(questions, forKey: .questions)
            try container.encode(agreeing, forKey: .agreeing)
            try container.encode(disagreeing, forKey: .disagreeing)
            try container.encodeIfPresent(kappa, forKey: .kappa)
            try container.encodeIfPresent(kappaWeighting, forKey: .kappaWeighting)
            try container.encode(alpha, forKey: .alpha)
        }
    }

    /// `overall` or a dimension's id.
    public var scope: String
    /// How many questions the scope has, and how many of them the views agree and disagree on.
    public var questions: Int
    /// Questions on which every view gave the same answer.
    public var agreeing: Int
    /// Questions on which at least two views differ.
    public var disagreeing: Int
    /// Every answer as a category first, then scale, choice and numeric questions where the scope has any.
    public var coefficients: [Coefficients]

    init(scope: String, questions: [QuestionAgreement], views: Int, missing: MissingAnswers) {
        self.scope = scope
        self.questions = questions.count
        self.agreeing = questions.filter { $0.agreement == .agree }.count
        self.disagreeing = questions.filter { $0.agreement == .disagree }.count
        var rows: [Coefficients] = []
        let levels: [MeasurementLevel?] = [nil, .ordinal, .nominal, .interval]
        for level in levels {
            let members = questions.filter { level == nil ? $0.level != nil : $0.level == level }
            guard !members.isEmpty else { continue }
            var codes: [String: Double] = [:]
            let units = members.map { $0.values(on: level, missing: missing, codes: &codes) }
            let alpha = KrippendorffAlpha(level: level ?? .nominal)(units: units)
            var kappa: AgreementCoefficient?
            var weighting: CohenKappa.Weighting?
            if views == 2 {
                weighting = level == .ordinal || level == .interval ? .quadratic : .unweighted
                kappa = CohenKappa(weighting: weighting!)(units.map { $0[0] }, units.map { $0[1] })
            }
            rows.append(
                Coefficients(
                    level: level, questions: members.count, agreeing: members.filter { $0.agreement == .agree }.count,
                    disagreeing: members.filter { $0.agreement == .disagree }.count, kappa: kappa,
                    kappaWeighting: weighting, alpha: alpha))
        }
        self.coefficients = rows
    }
}

/// A scope where the views reach different maturity levels.
public struct LevelDifference: Sendable, Hashable, Codable {
    /// `overall` or a dimension's id.
    public var scope: String
    /// Each view's level id, in view order; `nil` below every level.
    public var levels: [String?]
}

/// A gate of a maturity level that passes in some views and fails in others.
public struct GateDifference: Sendable, Hashable, Codable {
    /// The level whose gate it is.
    public var level: String
    /// The question the gate tests.
    public var question: String
    /// Whether it passes, in view order.
    public var passes: [Bool]
}

/// A question the views answer differently, with how much each view's score moves when it takes another's answer.
public struct Disagreement: Sendable, Hashable, Encodable {
    /// One view scored again with another view's answer to the question.
    public struct Move: Sendable, Hashable, Encodable {
        /// The view scored again (its position among the views).
        public var view: Int
        /// The view whose answer it takes.
        public var taking: Int
        /// How much its overall score changes, in points out of 100; `nil` when either score is undefined.
        public var overall: Double?
        /// How much the question's dimension score changes.
        public var dimension: Double?
        /// The overall level it would then reach.
        public var levelAfter: String?
        /// Whether that is another level than it has now.
        public var levelChanges: Bool
        /// The level the question's dimension would then reach.
        public var dimensionLevelAfter: String?
        /// Whether that is another level than the dimension has now.
        public var dimensionLevelChanges: Bool

        enum CodingKeys: String, CodingKey {
            case view, taking, overall, dimension
            case levelAfter = "level_after"
            case levelChanges = "level_changes"
            case dimensionLevelAfter = "dimension_level_after"
            case dimensionLevelChanges = "dimension_level_changes"
        }
    }

    /// The question's id.
    public var question: String
    /// Its dimension's id.
    public var dimension: String
    /// Its place in asking order.
    public var position: Int
    /// Every view taking every other view's (different) answer.
    public var moves: [Move]

    /// The largest change of an overall score any move makes, in points; how the worklist is ordered.
    public var swing: Double { moves.compactMap { $0.overall.map(abs) }.max() ?? 0 }
    /// The largest change of the dimension's score; breaks ties in ``swing``.
    public var dimensionSwing: Double { moves.compactMap { $0.dimension.map(abs) }.max() ?? 0 }

    enum CodingKeys: String, CodingKey { case question, dimension, moves }
}
