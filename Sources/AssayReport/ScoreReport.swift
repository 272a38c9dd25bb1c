import AssayCore

/// Everything a person reads about one assessment, in one language: the model every report format renders.
///
/// Built from an ``Explanation``; encodes as the `--format json` output of `assay score` and `assay report`.
public struct ScoreReport: Sendable, Codable, Hashable {
    /// The rubric's id, version and title.
    public var rubric: RubricHeading
    /// The language the report's texts are in.
    public var language: String
    /// The scoring model's id.
    public var model: String
    /// The organisation assessed, if the response names it.
    public var organisation: String?
    /// The response's id.
    public var responseID: String?
    /// The organisation's attributes.
    public var attributes: [String: String]
    /// The overall score and level, and what blocks the next.
    public var overall: LevelSummary
    /// The same per dimension.
    public var dimensions: [DimensionSummary]
    /// One-step improvements, the largest overall gain first.
    public var nextSteps: [NextStep]
    /// How many questions were asked and how they were answered.
    public var completeness: Completeness
    /// Every question asked, with its answer, note and evidence.
    public var answers: [AnswerLine]

    /// A rubric's identity.
    public struct RubricHeading: Sendable, Codable, Hashable {
        public var id: String
        public var version: String
        public var title: String
    }

    /// A score, its level, and what blocks the next level.
    public struct LevelSummary: Sendable, Codable, Hashable {
        /// The score from 0 to 100, unrounded; renderers round it.
        public var score: Double?
        public var level: String?
        public var levelName: String?
        public var nextLevel: String?
        public var nextLevelName: String?
        /// Each blocker as a sentence.
        public var blockers: [String]

        enum CodingKeys: String, CodingKey {
            case score, level, blockers
            case levelName = "level_name"
            case nextLevel = "next_level"
            case nextLevelName = "next_level_name"
        }
    }

    /// One dimension's part of the report.
    public struct DimensionSummary: Sendable, Codable, Hashable {
        public var id: String
        public var title: String
        public var weight: Double
        public var summary: LevelSummary
        /// What the dimension's level looks like, from the rubric.
        public var levelDescription: String?
        /// What the rubric recommends from this level.
        public var recommendation: String?
        public var completeness: Completeness

        enum CodingKeys: String, CodingKey {
            case id, title, weight, summary, recommendation, completeness
            case levelDescription = "level_description"
        }
    }

    /// One improvement, ready to read.
    public struct NextStep: Sendable, Codable, Hashable {
        public var question: String
        public var prompt: String
        public var dimension: String
        public var dimensionTitle: String
        public var from: String?
        public var to: String
        public var overallGain: Double
        public var dimensionGain: Double
        public var recommendation: String?
        public var critical: Bool

        enum CodingKeys: String, CodingKey {
            case question, prompt, dimension, from, to, recommendation, critical
            case dimensionTitle = "dimension_title"
            case overallGain = "overall_gain"
            case dimensionGain = "dimension_gain"
        }
    }

    /// One question's answer, ready to read.
    public struct AnswerLine: Sendable, Codable, Hashable {
        public var question: String
        public var dimension: String
        public var prompt: String
        public var status: AnswerStatus
        /// The answer in words: the option's label, the number, yes/no.
        public var answer: String?
        public var points: Double?
        public var note: String?
        public var evidence: [String]
    }

    enum CodingKeys: String, CodingKey {
        case rubric, language, model, organisation, attributes, overall, dimensions, completeness, answers
        case responseID = "response"
        case nextSteps = "next_steps"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rubric, forKey: .rubric)
        try container.encode(language, forKey: .language)
        try container.encode(model, forKey: .model)
        try container.encodeIfPresent(organisation, forKey: .organisation)
        try container.encodeIfPresent(responseID, forKey: .responseID)
        // Sorted, so the same report is the same bytes from one run to the next.
        var attributes = container.nestedContainer(keyedBy: ReportKey.self, forKey: .attributes)
        for key in self.attributes.keys.sorted() {
            try attributes.encode(self.attributes[key]!, forKey: ReportKey(key))
        }
        try container.encode(overall, forKey: .overall)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(nextSteps, forKey: .nextSteps)
        try container.encode(completeness, forKey: .completeness)
        try container.encode(answers, forKey: .answers)
    }

    private struct ReportKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { self.stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

extension ScoreReport {
    /// Builds the report of `explanation` in `language` (the rubric's default language when `nil`).
    public init(explanation: Explanation, index: RubricIndex, response: AssessmentResponse, language: String? = nil) {
        let rubric = index.rubric
        let language = language ?? rubric.defaultLanguage
        let strings = ReportStrings(language: language)
        func text(_ localized: LocalizedText?) -> String? {
            localized.map { $0.resolved(language, fallback: rubric.defaultLanguage) }
        }
        func levelName(_ id: String?) -> String? {
            id.flatMap { id in rubric.levels.first { $0.id == id } }.flatMap { text($0.name) }
        }
        func prompt(_ id: String) -> String { text(index.question(id)?.question.prompt) ?? id }
        func answerText(_ outcome: QuestionOutcome?) -> String {
            guard let outcome else { return strings["not-answered"] }
            switch outcome.status {
            case .notApplicable: return strings["not-applicable"]
            case .dontKnow: return strings["dont-know"]
            case .unanswered: return strings["not-answered"]
            case .notAsked: return strings["not-asked"]
            case .answered:
                guard let value = outcome.value, let entry = index.question(outcome.questionID) else {
                    return outcome.value?.description ?? ""
                }
                return entry.rules.describe(value, options: entry.options, label: { text($0.label) ?? $0.id })
                    ?? value.description
            }
        }
        func sentence(_ blocker: Blocker) -> String {
            switch blocker {
            case .score(let needed, let actual):
                return strings.format("score-needed", strings.number(needed), strings.number(actual))
            case .gate(let gate, let outcome):
                let reason = text(gate.reason).map { " — \($0)" } ?? ""
                return strings.format("gate", gate.question, prompt(gate.question), answerText(outcome)) + reason
            case .practice(let question, let outcome):
                return strings.format("practice", question, answerText(outcome), prompt(question))
            }
        }
        func summary(_ score: Score, _ outlook: LevelOutlook?) -> LevelSummary {
            LevelSummary(
                score: score.value,
                level: score.level,
                levelName: levelName(score.level),
                nextLevel: outlook?.nextLevel,
                nextLevelName: levelName(outlook?.nextLevel),
                blockers: outlook?.blockers.map(sentence) ?? []
            )
        }
        let assessment = explanation.assessment
        self.rubric = RubricHeading(id: rubric.id, version: rubric.version, title: text(rubric.title) ?? rubric.id)
        self.language = language
        self.model = assessment.model
        self.organisation = response.organisation
        self.responseID = response.id
        self.attributes = response.attributes
        self.overall = summary(assessment.overall, explanation.overall)
        self.dimensions = zip(rubric.dimensions, assessment.dimensions).map { dimension, score in
            let outlook = explanation.dimensions.first { $0.scope == .dimension(dimension.id) }
            let levelKey = score.score.level ?? ""
            return DimensionSummary(
                id: dimension.id,
                title: text(dimension.title) ?? dimension.id,
                weight: dimension.weight,
                summary: summary(score.score, outlook),
                levelDescription: text(dimension.levelDescriptions[levelKey]),
                recommendation: text(dimension.recommendations[levelKey]),
                completeness: score.completeness
            )
        }
        self.nextSteps = explanation.opportunities.map { step in
            let entry = index.question(step.questionID)
            func label(_ option: String?) -> String? {
                option.flatMap { id in entry?.options.first { $0.id == id } }.flatMap { text($0.label) } ?? option
            }
            return NextStep(
                question: step.questionID,
                prompt: prompt(step.questionID),
                dimension: step.dimensionID,
                dimensionTitle: text(rubric.dimensions.first { $0.id == step.dimensionID }?.title) ?? step.dimensionID,
                from: label(step.fromOption),
                to: label(step.toOption) ?? step.toOption,
                overallGain: step.overallGain,
                dimensionGain: step.dimensionGain,
                recommendation: text(step.recommendation),
                critical: step.isCritical
            )
        }
        self.completeness = assessment.completeness
        self.answers = assessment.questions.filter { $0.status != .notAsked }.map { outcome in
            let answer = response.answers[outcome.questionID]
            return AnswerLine(
                question: outcome.questionID,
                dimension: outcome.dimensionID,
                prompt: prompt(outcome.questionID),
                status: outcome.status,
                answer: outcome.status == .unanswered ? nil : answerText(outcome),
                points: outcome.earned,
                note: answer?.note,
                evidence: answer?.evidence ?? []
            )
        }
    }
}

extension Double {
    /// The number rounded to `places` decimal places.
    package func rounded(places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
