import AssayCore

/// An example scoring-model plugin: the overall score is the weakest dimension's, not the mean.
///
/// Capacity to take on a project is often limited by its weakest part: strong skills do not make up for no
/// budget. Dimension scores are weighted means (as `weighted-mean` computes them); the overall score is the lowest
/// dimension score, and levels come from the rubric's bands and gates. Register it to use it:
///
/// ```swift
/// let registry = ScoringRegistry.builtIn.adding(WeakestLinkModel())
/// let scorer = try Scorer(rubric: rubric, registry: registry)   // rubric.scoring.model == "weakest-link"
/// ```
public struct WeakestLinkModel: ScoringModel {
    public let id = "weakest-link"

    /// Creates the model.
    public init() {}

    public func score(_ evaluation: ResponseEvaluation) -> Assessment {
        let scores = WeightedMeanModel.weightedScores(evaluation)
        let rules = MaturityRules(index: evaluation.index)
        let levels = evaluation.index.rubric.levels
        func level(_ score: Double?, _ scope: Scope) -> String? {
            rules.level(for: score, in: scope, evaluation: evaluation).map { levels[$0].id }
        }
        let overall = scores.dimensions.compactMap(\.score).min()
        return WeightedMeanModel.assessment(
            evaluation,
            model: id,
            overall: Score(value: overall, level: level(overall, .overall)),
            dimensions: scores.dimensions.map {
                (Score(value: $0.score, level: level($0.score, .dimension($0.id))), $0.areas)
            }
        )
    }
}

/// An example rubric-provider plugin: a rubric built in Swift, scored by ``WeakestLinkModel``.
public struct ExampleRubricProvider: RubricProvider {
    public let name = "assay-example-plugin"

    /// Creates the provider.
    public init() {}

    public func rubrics() throws -> [Rubric] {
        let scale = Scale(
            id: "stage",
            options: [
                ScaleOption(id: "no", value: 0, label: ["en": "Not started", "fr": "Pas commencé"]),
                ScaleOption(id: "started", value: 1, label: ["en": "Started", "fr": "Commencé"]),
                ScaleOption(id: "done", value: 2, label: ["en": "Done", "fr": "Terminé"]),
            ])
        func question(_ id: String, _ english: String, _ french: String) -> Question {
            Question(id: id, prompt: ["en": english, "fr": french], format: .scale(.named("stage")))
        }
        return [
            Rubric(
                id: "project-readiness-lite", version: "1.0.0", defaultLanguage: "en", languages: ["en", "fr"],
                title: ["en": "Project readiness (lite)", "fr": "Préparation de projet (allégée)"],
                scoring: ScoringSpec(model: "weakest-link"),
                scales: [scale],
                levels: [
                    MaturityLevel(
                        id: "not-ready", name: ["en": "Not ready", "fr": "Pas prêt"], minScore: 0, maxScore: 60),
                    MaturityLevel(id: "ready", name: ["en": "Ready", "fr": "Prêt"], minScore: 60, maxScore: 100),
                ],
                dimensions: [
                    RubricDimension(
                        id: "people", title: ["en": "People", "fr": "Personnes"],
                        questions: [
                            question("people.lead", "Is a project lead named?", "Un chef de projet est-il désigné?"),
                            question("people.time", "Is their time freed up?", "Son temps est-il libéré?"),
                        ]),
                    RubricDimension(
                        id: "money", title: ["en": "Money", "fr": "Argent"],
                        questions: [
                            question("money.build", "Is the build funded?", "La réalisation est-elle financée?"),
                            question("money.run", "Is running it funded?", "L'exploitation est-elle financée?"),
                        ]),
                ]
            )
        ]
    }
}
