/// A way of turning a response's answers into scores and maturity levels.
///
/// Built-in models are ``WeightedMeanModel`` (`weighted-mean`), the four ``XCCDFModel`` variants and
/// ``GatedMaturityModel`` (`gated-maturity`). A plugin adds a model by conforming to this protocol and registering
/// an instance in a ``ScoringRegistry``; the `AssayTesting` module checks a model's conformance.
///
/// A model must be deterministic: the same evaluation always gives the same assessment.
public protocol ScoringModel: Sendable {
    /// The id rubrics name in `scoring.model`, such as `weighted-mean`.
    var id: String { get }

    /// Problems that stop this model from scoring `rubric` (a missing parameter, levels it needs); empty when none.
    ///
    /// The rubric in `rubric` has already passed the format's own checks.
    func check(_ rubric: RubricIndex) -> [Diagnostic]

    /// Scores an evaluated response.
    func score(_ evaluation: ResponseEvaluation) -> Assessment

    /// What keeps `scope` of `assessment` from reaching the level at position `level` (0 is the lowest).
    ///
    /// The default reads the rubric's score bands and gates; models that reach levels another way override it.
    func blockers(toReach level: Int, in scope: Scope, of assessment: Assessment, evaluation: ResponseEvaluation)
        -> [Blocker]
}

extension ScoringModel {
    public func check(_ rubric: RubricIndex) -> [Diagnostic] { [] }

    public func blockers(
        toReach level: Int,
        in scope: Scope,
        of assessment: Assessment,
        evaluation: ResponseEvaluation
    ) -> [Blocker] {
        MaturityRules(index: evaluation.index).blockers(
            toReach: level, in: scope, of: assessment, evaluation: evaluation)
    }
}

/// The part of an assessment a level or an explanation is about: one dimension, or the whole rubric.
///
/// In JSON: `{"kind": "overall"}` or `{"kind": "dimension", "dimension": "hr"}`.
public enum Scope: Sendable, Hashable, Codable {
    /// The overall score and level.
    case overall
    /// One dimension, by id.
    case dimension(String)

    enum CodingKeys: String, CodingKey { case kind, dimension }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(String.self, forKey: .kind) {
        case "overall": self = .overall
        case "dimension": self = .dimension(try container.decode(String.self, forKey: .dimension))
        case let kind:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "expected \"overall\" or \"dimension\", found \"\(kind)\"")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .overall:
            try container.encode("overall", forKey: .kind)
        case .dimension(let id):
            try container.encode("dimension", forKey: .kind)
            try container.encode(id, forKey: .dimension)
        }
    }
}

/// The scoring models an application can use, found by id. A value: no global state.
///
/// ```swift
/// let registry = ScoringRegistry.builtIn.adding(WeakestLinkModel())
/// let scorer = try Scorer(rubric: rubric, registry: registry)
/// ```
public struct ScoringRegistry: Sendable {
    private var models: [String: any ScoringModel]

    /// A registry holding `models`; a later model replaces an earlier one with the same id.
    public init(_ models: [any ScoringModel]) {
        var byID: [String: any ScoringModel] = [:]
        for model in models { byID[model.id] = model }
        self.models = byID
    }

    /// The models that ship with Assay.
    public static let builtIn = ScoringRegistry([
        WeightedMeanModel(),
        XCCDFModel(.default),
        XCCDFModel(.flat),
        XCCDFModel(.flatUnweighted),
        XCCDFModel(.absolute),
        GatedMaturityModel(),
    ])

    /// This registry with `model` added, replacing any model with the same id.
    public func adding(_ model: any ScoringModel) -> ScoringRegistry {
        var copy = self
        copy.models[model.id] = model
        return copy
    }

    /// The model registered under `id`.
    public func model(id: String) -> (any ScoringModel)? {
        models[id]
    }

    /// Every registered id, sorted.
    public var modelIDs: [String] { models.keys.sorted() }
}

/// Scores responses against one rubric: the entry point most applications need.
///
/// ```swift
/// let scorer = try Scorer(rubric: rubric)
/// let assessment = try scorer.score(response)
/// let explanation = try scorer.explain(response)
/// ```
public struct Scorer: Sendable {
    /// The rubric, indexed.
    public let index: RubricIndex
    /// The model that scores it.
    public let model: any ScoringModel
    /// The rubric and a built-in model compiled into tables, which score a response without building a
    /// ``ResponseEvaluation``; `nil` for a plugin model, which scores through ``ResponseEvaluation``.
    package let plan: ScoringPlan?

    /// Validates `rubric` and finds its scoring model in `registry`.
    ///
    /// - Throws: ``DocumentError`` when the rubric has errors or names a model the registry lacks.
    public init(rubric: Rubric, registry: ScoringRegistry = .builtIn) throws(DocumentError) {
        try self.init(rubric: rubric, validated: rubric.validate(using: registry), registry: registry)
    }

    /// A scorer for `rubric`, whose validation against `registry` (``Rubric/validate(using:)``) gave
    /// `diagnostics`: a rubric just read and checked is not validated a second time.
    ///
    /// - Throws: ``DocumentError`` when `diagnostics` has an error, or the registry lacks the rubric's model.
    package init(rubric: Rubric, validated diagnostics: [Diagnostic], registry: ScoringRegistry = .builtIn)
        throws(DocumentError)
    {
        guard !diagnostics.containsErrors, let model = registry.model(id: rubric.scoring.model) else {
            throw DocumentError(diagnostics: diagnostics)
        }
        self.index = RubricIndex(validated: rubric, diagnostics: diagnostics)
        self.model = model
        plan = ScoringPlan(index: index, model: model)
    }

    /// Scores `response`.
    ///
    /// A built-in model scores through the rubric's compiled plan; a plugin model, and a response with an error
    /// to report, through ``ResponseEvaluation``. Both give the same assessment.
    ///
    /// - Throws: ``DocumentError`` when the response does not fit the rubric.
    public func score(_ response: AssessmentResponse) throws(DocumentError) -> Assessment {
        if let assessment = plan?.assessment(of: response) { return assessment }
        return model.score(try ResponseEvaluation(response: response, index: index))
    }

    /// Scores `response` through ``ResponseEvaluation`` and the model, never the plan: the path a plugin model
    /// takes, and what the plan is tested against.
    package func scoreThroughEvaluation(_ response: AssessmentResponse) throws(DocumentError) -> Assessment {
        model.score(try ResponseEvaluation(response: response, index: index))
    }

    /// Scores `response` and explains what blocks each next level and which improvements gain most.
    ///
    /// - Throws: ``DocumentError`` when the response does not fit the rubric.
    public func explain(_ response: AssessmentResponse) throws(DocumentError) -> Explanation {
        let evaluation = try ResponseEvaluation(response: response, index: index)
        return Explainer(model: model, evaluation: evaluation, plan: plan).explain()
    }

    /// Explains `response` with every step re-scored through ``ResponseEvaluation`` and the model, never the plan:
    /// what the plan's steps are tested against.
    package func explainThroughEvaluation(_ response: AssessmentResponse) throws(DocumentError) -> Explanation {
        Explainer(model: model, evaluation: try ResponseEvaluation(response: response, index: index)).explain()
    }

    /// Explains a response already checked against this rubric (``AssessmentResponse/validate(against:)`` found
    /// no error), without checking it again; for readers that checked it to locate its errors in their text.
    package func explain(validated response: AssessmentResponse) -> Explanation {
        Explainer(model: model, evaluation: ResponseEvaluation(validated: response, index: index), plan: plan).explain()
    }
}
