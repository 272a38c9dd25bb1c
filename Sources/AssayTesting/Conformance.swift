import AssayCore
import AssayJSON

/// Everything a conformance check found wrong; thrown by ``RubricConformance``, ``ScoringModelConformance`` and
/// ``RubricProviderConformance``.
public struct ConformanceFailure: Error, Sendable, CustomStringConvertible {
    /// One sentence per problem, naming the rubric or model.
    public var failures: [String]

    public var description: String {
        "\(failures.count) conformance failure(s):\n" + failures.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Checks that a rubric is sound and works end to end: the checks Assay runs on every bundled rubric.
///
/// ```swift
/// @Test func myRubricConforms() throws {
///     try RubricConformance(rubric: myRubric).run()
/// }
/// ```
/// It checks that the rubric validates with no errors and no translation warnings, survives a round trip through
/// JSON unchanged, and scores an empty response, the lowest and the highest answers (scores from 0 to 100, the
/// highest answers scoring at least as well as the lowest), and `example` when given.
public struct RubricConformance: Sendable {
    /// The rubric under test.
    public var rubric: Rubric
    /// The registry its scoring model is found in.
    public var registry: ScoringRegistry
    /// A response that must score without errors, if the rubric has one.
    public var example: AssessmentResponse?

    /// Creates the check.
    public init(rubric: Rubric, registry: ScoringRegistry = .builtIn, example: AssessmentResponse? = nil) {
        self.rubric = rubric
        self.registry = registry
        self.example = example
    }

    /// Runs every check, collecting every failure before throwing.
    public func run() throws(ConformanceFailure) {
        var failures: [String] = []
        let name = "rubric \"\(rubric.id)\""
        let diagnostics = rubric.validate(using: registry)
        for diagnostic in diagnostics where diagnostic.severity == .error || diagnostic.message.contains("translation")
        {
            failures.append("\(name): \(diagnostic)")
        }
        do {
            let json = try JSONOutput.string(rubric)
            let decoded = try JSONDocument(bytes: Array(json.utf8), file: "<round trip>").decode(Rubric.self).value
            if decoded != rubric { failures.append("\(name): changes when written to JSON and read back") }
        } catch {
            failures.append("\(name): cannot be written to JSON and read back: \(error)")
        }
        guard !diagnostics.containsErrors, let scorer = try? Scorer(rubric: rubric, registry: registry) else {
            throw ConformanceFailure(failures: failures)
        }
        let lowest = Responses.extreme(scorer.index, highest: false)
        let highest = Responses.extreme(scorer.index, highest: true)
        var responses = [
            ("an empty response", AssessmentResponse(rubric: rubric.id)), ("the lowest answers", lowest),
            ("the highest answers", highest),
        ]
        if let example { responses.append(("the example", example)) }
        var overall: [String: Double] = [:]
        for (label, response) in responses {
            do {
                let assessment = try scorer.score(response)
                failures += ScoringModelConformance.problems(
                    in: assessment, index: scorer.index, context: "\(name), \(label)")
                overall[label] = assessment.overall.value
                _ = try scorer.explain(response)
            } catch {
                failures.append("\(name): \(label) does not score: \(error)")
            }
        }
        if let low = overall["the lowest answers"], let high = overall["the highest answers"], high < low {
            failures.append("\(name): the highest answers score \(high), below the lowest answers' \(low)")
        }
        if !failures.isEmpty { throw ConformanceFailure(failures: failures) }
    }
}

/// Checks that a scoring model behaves as Assay and its users rely on.
///
/// ```swift
/// @Test func myModelConforms() throws {
///     try ScoringModelConformance(model: MyModel()).run()
/// }
/// ```
/// Over each rubric (its `scoring.model` replaced by the model's id) it checks that the model's id is usable, that
/// scores lie in 0…100 or are `nil`, that every question has one outcome in asking order, that levels are the
/// rubric's own, that the assessment names the rubric, its version and the model, that scoring is deterministic,
/// that the highest answers score at least as well as the lowest, and that an empty response scores without
/// crashing. The default rubrics are two small ones built in, with practice areas, conditions, gates and every
/// answer type.
public struct ScoringModelConformance: Sendable {
    /// The model under test.
    public var model: any ScoringModel
    /// The rubrics it is exercised on.
    public var rubrics: [Rubric]

    /// Creates the check.
    public init(model: any ScoringModel, rubrics: [Rubric] = SampleRubrics.all) {
        self.model = model
        self.rubrics = rubrics
    }

    /// Runs every check, collecting every failure before throwing.
    public func run() throws(ConformanceFailure) {
        var failures: [String] = []
        let name = "model \"\(model.id)\""
        if model.id.isEmpty || model.id.contains(where: \.isWhitespace) {
            failures.append("\(name): an id must be non-empty and contain no spaces")
        }
        let registry = ScoringRegistry.builtIn.adding(model)
        for var rubric in rubrics {
            rubric.scoring = ScoringSpec(model: model.id, parameters: rubric.scoring.parameters)
            let scorer: Scorer
            do {
                scorer = try Scorer(rubric: rubric, registry: registry)
            } catch {
                failures.append("\(name) on rubric \"\(rubric.id)\": rejects the rubric: \(error)")
                continue
            }
            let cases = [
                ("empty", AssessmentResponse(rubric: rubric.id)),
                ("lowest", Responses.extreme(scorer.index, highest: false)),
                ("highest", Responses.extreme(scorer.index, highest: true)),
            ]
            var overall: [String: Double?] = [:]
            for (label, response) in cases {
                let context = "\(name) on rubric \"\(rubric.id)\", \(label) answers"
                guard let evaluation = try? ResponseEvaluation(response: response, index: scorer.index) else {
                    failures.append("\(context): the test response does not fit the rubric (a bug in the suite)")
                    continue
                }
                let first = model.score(evaluation)
                if model.score(evaluation) != first { failures.append("\(context): two scorings differ") }
                if first.model != model.id {
                    failures.append("\(context): the assessment names model \"\(first.model)\"")
                }
                failures += Self.problems(in: first, index: scorer.index, context: context)
                overall[label] = first.overall.value
            }
            if let low = overall["lowest"] ?? nil, let high = overall["highest"] ?? nil, high < low {
                failures.append(
                    "\(name) on rubric \"\(rubric.id)\": the highest answers score \(high), below the lowest's \(low)")
            }
        }
        if !failures.isEmpty { throw ConformanceFailure(failures: failures) }
    }

    static func problems(in assessment: Assessment, index: RubricIndex, context: String) -> [String] {
        var problems: [String] = []
        let rubric = index.rubric
        if assessment.rubricID != rubric.id || assessment.rubricVersion != rubric.version {
            problems.append(
                "\(context): the assessment names rubric \(assessment.rubricID) \(assessment.rubricVersion)")
        }
        if assessment.questions.map(\.questionID) != index.questions.map(\.question.id) {
            problems.append("\(context): question outcomes are not one per question in asking order")
        }
        if assessment.dimensions.map(\.id) != rubric.dimensions.map(\.id) {
            problems.append("\(context): dimension scores are not one per dimension in rubric order")
        }
        let levels = Set(rubric.levels.map(\.id))
        for score in [assessment.overall] + assessment.dimensions.map(\.score) {
            if let value = score.value, !(value >= 0 && value <= 100) {
                problems.append("\(context): score \(value) is outside 0…100")
            }
            if let level = score.level, !levels.contains(level) {
                problems.append("\(context): level \"\(level)\" is not one of the rubric's")
            }
        }
        for outcome in assessment.questions {
            if let points = outcome.points, !(points >= 0 && points <= 1) {
                problems.append("\(context): question \(outcome.questionID) has points \(points), outside 0…1")
            }
        }
        return problems
    }
}

/// Checks that a rubric provider's rubrics are sound, distinct, and each passes ``RubricConformance``.
public struct RubricProviderConformance: Sendable {
    /// The provider under test.
    public var provider: any RubricProvider
    /// The registry the rubrics' models are found in.
    public var registry: ScoringRegistry

    /// Creates the check.
    public init(provider: any RubricProvider, registry: ScoringRegistry = .builtIn) {
        self.provider = provider
        self.registry = registry
    }

    /// Runs every check, collecting every failure before throwing.
    public func run() throws(ConformanceFailure) {
        var failures: [String] = []
        let name = "provider \"\(provider.name)\""
        let rubrics: [Rubric]
        do {
            rubrics = try provider.rubrics()
        } catch {
            throw ConformanceFailure(failures: ["\(name): rubrics() throws: \(error)"])
        }
        if rubrics.isEmpty { failures.append("\(name): supplies no rubrics") }
        var seen: Set<String> = []
        for rubric in rubrics {
            if !seen.insert(rubric.id).inserted { failures.append("\(name): supplies rubric \"\(rubric.id)\" twice") }
            do {
                try RubricConformance(rubric: rubric, registry: registry).run()
            } catch {
                failures += error.failures.map { "\(name): \($0)" }
            }
        }
        if !failures.isEmpty { throw ConformanceFailure(failures: failures) }
    }
}

/// Responses built from a rubric's own options.
enum Responses {
    /// Every question answered with its lowest (or highest) scoring option.
    static func extreme(_ index: RubricIndex, highest: Bool) -> AssessmentResponse {
        var answers: [String: Answer] = [:]
        for entry in index.questions {
            let value = entry.rules.extremeAnswer(highest: highest, options: entry.options)
            if let value { answers[entry.question.id] = Answer(value) }
        }
        return AssessmentResponse(
            id: highest ? "highest" : "lowest", rubric: index.rubric.id, rubricVersion: index.rubric.version,
            answers: answers)
    }
}
