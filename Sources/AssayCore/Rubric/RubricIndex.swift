/// A validated rubric with every reference resolved, ready to score many responses quickly.
///
/// Building an index validates the rubric and throws ``DocumentError`` when it has errors; warnings are kept in
/// ``diagnostics``. An index is immutable and `Sendable`: build it once and share it across tasks.
public struct RubricIndex: Sendable {
    /// The rubric the index was built from.
    public let rubric: Rubric
    /// Every question, in the order they are asked.
    public let questions: [IndexedQuestion]
    /// The warnings found while validating.
    public let diagnostics: [Diagnostic]
    private let questionPositions: [String: Int]
    private let levelPositions: [String: Int]

    /// Validates `rubric` and resolves its references.
    ///
    /// - Throws: ``DocumentError`` listing every error, when the rubric has any.
    public init(_ rubric: Rubric) throws {
        let diagnostics = RubricValidator(rubric: rubric).validate()
        if diagnostics.containsErrors { throw DocumentError(diagnostics: diagnostics) }
        self.init(validated: rubric, diagnostics: diagnostics)
    }

    init(validated rubric: Rubric, diagnostics: [Diagnostic]) {
        self.rubric = rubric
        self.diagnostics = diagnostics
        var questions: [IndexedQuestion] = []
        let scales = Dictionary(rubric.scales.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            let dimensionPath = DocumentPath.root.key("dimensions").index(dimensionIndex)
            if dimension.practiceAreas.isEmpty {
                for (questionIndex, question) in dimension.questions.enumerated() {
                    questions.append(
                        IndexedQuestion(
                            question: question,
                            position: questions.count,
                            dimensionIndex: dimensionIndex,
                            practiceAreaIndex: nil,
                            path: dimensionPath.key("questions").index(questionIndex),
                            scales: scales
                        )
                    )
                }
            } else {
                for (areaIndex, area) in dimension.practiceAreas.enumerated() {
                    for (questionIndex, question) in area.questions.enumerated() {
                        questions.append(
                            IndexedQuestion(
                                question: question,
                                position: questions.count,
                                dimensionIndex: dimensionIndex,
                                practiceAreaIndex: areaIndex,
                                path: dimensionPath.key("practice_areas").index(areaIndex).key("questions")
                                    .index(questionIndex),
                                scales: scales
                            )
                        )
                    }
                }
            }
        }
        self.questions = questions
        self.questionPositions = Dictionary(
            questions.map { ($0.question.id, $0.position) },
            uniquingKeysWith: { first, _ in first }
        )
        self.levelPositions = Dictionary(
            rubric.levels.enumerated().map { ($1.id, $0) },
            uniquingKeysWith: { first, _ in first }
        )
    }

    /// The question with `id`, if the rubric has one.
    public func question(_ id: String) -> IndexedQuestion? {
        questionPositions[id].map { questions[$0] }
    }

    /// Where the question with `id` stands in asking order.
    public func position(ofQuestion id: String) -> Int? {
        questionPositions[id]
    }

    /// Where the level with `id` stands, 0 being the lowest.
    public func position(ofLevel id: String) -> Int? {
        levelPositions[id]
    }
}

/// A question with its place in the rubric and its options resolved.
public struct IndexedQuestion: Sendable {
    /// The question as the rubric declares it.
    public let question: Question
    /// Its place in asking order, counting from 0 across the whole rubric.
    public let position: Int
    /// The index of its dimension in ``Rubric/dimensions``.
    public let dimensionIndex: Int
    /// The index of its practice area in its dimension, if the dimension has practice areas.
    public let practiceAreaIndex: Int?
    /// Where it is declared in the rubric document.
    public let path: DocumentPath
    /// Its options, from lowest to highest as declared, with points resolved. Empty for numeric and text questions.
    public let options: [ResolvedOption]
    /// The points its target is worth: what "meets the target" means.
    public let targetPoints: Double
    /// What its format means.
    package let rules: any AnswerFormatRules

    init(
        question: Question,
        position: Int,
        dimensionIndex: Int,
        practiceAreaIndex: Int?,
        path: DocumentPath,
        scales: [String: Scale]
    ) {
        self.question = question
        self.position = position
        self.dimensionIndex = dimensionIndex
        self.practiceAreaIndex = practiceAreaIndex
        self.path = path
        let rules = question.format.rules
        self.rules = rules
        let options = rules.options(of: question, scales: scales)
        self.options = options
        if let target = question.target, let points = rules.read(target, options: options).points {
            self.targetPoints = points
        } else {
            self.targetPoints = rules.bestPoints(options: options)
        }
    }

    /// Reads `value` as an answer to this question: the option it names, its points, its comparable value.
    public func read(_ value: AnswerValue) -> AnswerReading {
        switch value {
        case .notApplicable, .dontKnow: AnswerReading(option: nil, points: nil, comparable: nil)
        default: rules.read(value, options: options)
        }
    }

    /// `value` as the question keeps it: a multiple-choice question reads a single option id as a list of one.
    public func normalized(_ value: AnswerValue) -> AnswerValue { rules.normalized(value) }
}

/// An option of a question, whatever its format, with the points it is worth.
public struct ResolvedOption: Sendable, Hashable, Identifiable {
    /// The id a response uses for it (`yes`/`no` for yes/no questions, the band id for numeric ones).
    public let id: String
    /// What it says.
    public let label: LocalizedText
    /// What it looks like in practice, for this question.
    public let descriptor: LocalizedText?
    /// Its value: the scale value, the choice's points, or the band's lower bound.
    public let value: Double
    /// Points from 0 to 1.
    public let points: Double
}

/// What an answer value means for one question.
public struct AnswerReading: Sendable, Hashable {
    /// The option it names (the band a number falls in, for numeric questions).
    public var option: ResolvedOption?
    /// The points it earns, from 0 to 1; `nil` when it earns none (text, "na", "unknown", or not valid).
    public var points: Double?
    /// The number tests compare: a scale value, a number, 1/0 for yes/no, or a choice's points.
    public var comparable: Double?
    /// Why the value is not a valid answer to the question; `nil` when it is.
    public var problem: String?

    /// A reading of a known option, worth `points`, comparing as `comparable`.
    init(option: ResolvedOption?, points: Double?, comparable: Double?) {
        self.option = option
        self.points = points
        self.comparable = comparable
    }

    /// A reading of a value that is no answer to the question, for `problem`.
    init(problem: String) {
        self.problem = problem
    }
}
