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
        var options: [ResolvedOption]
        switch question.format {
        case .scale(let reference):
            let scaleOptions: [ScaleOption]
            switch reference {
            case .named(let id): scaleOptions = scales[id]?.options ?? []
            case .inline(let inline): scaleOptions = inline
            }
            let values = scaleOptions.map(\.value)
            let low = values.min() ?? 0
            let high = values.max() ?? 1
            options = scaleOptions.map { option in
                ResolvedOption(
                    id: option.id,
                    label: option.label,
                    descriptor: question.descriptors[option.id] ?? option.descriptor,
                    value: option.value,
                    points: high > low ? (option.value - low) / (high - low) : 0
                )
            }
        case .yesNo:
            options = [
                ResolvedOption(id: "no", label: .no, descriptor: question.descriptors["no"], value: 0, points: 0),
                ResolvedOption(id: "yes", label: .yes, descriptor: question.descriptors["yes"], value: 1, points: 1),
            ]
        case .singleChoice(let choices), .multipleChoice(let choices, _):
            options = choices.map {
                ResolvedOption(
                    id: $0.id,
                    label: $0.label,
                    descriptor: question.descriptors[$0.id] ?? $0.descriptor,
                    value: $0.points,
                    points: $0.points
                )
            }
        case .numeric(_, let bands):
            options = bands.map {
                ResolvedOption(
                    id: $0.id,
                    label: $0.label ?? LocalizedText([:]),
                    descriptor: question.descriptors[$0.id],
                    value: $0.min ?? $0.max.map { $0 - 1 } ?? 0,
                    points: $0.points
                )
            }
        case .text:
            options = []
        }
        self.options = options
        let maxPoints = options.map(\.points).max() ?? 1
        if let target = question.target,
            let points = AnswerReading(value: target, format: question.format, options: options).points
        {
            self.targetPoints = points
        } else if case .multipleChoice(_, let declared) = question.format {
            // The best an answer can do: every option that earns points, capped at 1.
            let positive = options.map(\.points).filter { $0 > 0 }.reduce(0, +)
            let maximum = declared ?? positive
            self.targetPoints = maximum > 0 ? min(1, positive / maximum) : 0
        } else {
            self.targetPoints = maxPoints
        }
    }

    /// Reads `value` as an answer to this question: the option it names, its points, its comparable value.
    public func read(_ value: AnswerValue) -> AnswerReading {
        AnswerReading(value: value, format: question.format, options: options)
    }
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

    init(value: AnswerValue, format: AnswerFormat, options: [ResolvedOption]) {
        func option(_ id: String) -> ResolvedOption? { options.first { $0.id == id } }
        func expected() -> String {
            "expected one of " + options.map { "\"\($0.id)\"" }.joined(separator: ", ")
        }
        switch (format, value) {
        case (_, .notApplicable), (_, .dontKnow):
            return
        case (.text, .text):
            return
        case (.text, _):
            problem = "expected free text for a text question"
        case (.scale, .text(let id)), (.singleChoice, .text(let id)):
            if let found = option(id) {
                self.option = found
                points = found.points
                comparable = found.value
            } else {
                problem = "\"\(id)\" is not an option of this question; \(expected())"
            }
        case (.scale, .number(let number)):
            if let found = options.first(where: { $0.value == number }) {
                self.option = found
                points = found.points
                comparable = found.value
            } else {
                problem = "\(number.formatted()) is not a value of this question's scale; \(expected())"
            }
        case (.yesNo, .flag(let flag)):
            self.option = option(flag ? "yes" : "no")
            points = flag ? 1 : 0
            comparable = flag ? 1 : 0
        case (.yesNo, .text(let text)) where text == "yes" || text == "no":
            self.option = option(text)
            points = text == "yes" ? 1 : 0
            comparable = points
        case (.multipleChoice(_, let maxPoints), .choices(let ids)):
            var total = 0.0
            for id in ids {
                guard let found = option(id) else {
                    problem = "\"\(id)\" is not an option of this question; \(expected())"
                    return
                }
                total += found.points
            }
            if Set(ids).count != ids.count {
                problem = "an option is chosen twice"
                return
            }
            let maximum = maxPoints ?? options.map(\.points).filter { $0 > 0 }.reduce(0, +)
            points = maximum > 0 ? min(1, total / maximum) : 0
            comparable = total
        case (.multipleChoice, .text(let id)):
            self = AnswerReading(value: .choices([id]), format: format, options: options)
        case (.numeric(_, let bands), .number(let number)):
            if !number.isFinite {
                problem = "expected a finite number"
            } else if let band = bands.first(where: { $0.contains(number) }) {
                self.option = option(band.id)
                points = band.points
                comparable = number
            } else {
                problem = "\(number.formatted()) falls in none of this question's bands"
            }
        case (.yesNo, _):
            problem = "expected true or false"
        case (.scale, _), (.singleChoice, _):
            problem = "expected an option id: " + expected().dropFirst("expected ".count)
        case (.multipleChoice, _):
            problem = "expected a list of option ids"
        case (.numeric, _):
            problem = "expected a number"
        }
    }
}

extension LocalizedText {
    static let yes: LocalizedText = ["en": "Yes", "fr": "Oui", "es": "Sí", "de": "Ja"]
    static let no: LocalizedText = ["en": "No", "fr": "Non", "es": "No", "de": "Nein"]
}
