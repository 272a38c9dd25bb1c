import AssayCore
import AssayExamplePlugin
import AssayRubrics
import AssayTesting
import Testing

@Suite("Plugins and conformance")
struct PluginTests {
    @Test func theExampleModelPassesTheConformanceSuite() throws {
        try ScoringModelConformance(model: WeakestLinkModel()).run()
    }

    @Test func theExampleProviderPassesTheConformanceSuite() throws {
        try RubricProviderConformance(provider: ExampleRubricProvider(), registry: .builtIn.adding(WeakestLinkModel()))
            .run()
    }

    @Test(arguments: ScoringRegistry.builtIn.modelIDs)
    func everyBuiltInModelPassesTheConformanceSuite(id: String) throws {
        try ScoringModelConformance(model: #require(ScoringRegistry.builtIn.model(id: id))).run()
    }

    @Test(arguments: try BundledRubrics.ids)
    func everyBundledRubricPassesTheConformanceSuite(id: String) throws {
        try RubricConformance(rubric: BundledRubrics.rubric(id: id), example: BundledRubrics.example(for: id)).run()
    }

    @Test func theWeakestDimensionSetsTheOverallScore() throws {
        let rubric = try #require(ExampleRubricProvider().rubrics().first)
        let scorer = try Scorer(rubric: rubric, registry: .builtIn.adding(WeakestLinkModel()))
        let assessment = try scorer.score(
            AssessmentResponse(
                rubric: rubric.id,
                answers: [
                    "people.lead": Answer(.text("done")), "people.time": Answer(.text("done")),
                    "money.build": Answer(.text("started")), "money.run": Answer(.text("no")),
                ])
        )
        // people = 100·(1 + 1)/2 = 100; money = 100·(0.5 + 0)/2 = 25; overall = min = 25, not the mean 62.5.
        #expect(assessment.dimension("people")?.score.value == 100)
        #expect(assessment.overall.value == 25)
        #expect(assessment.overall.level == "not-ready")
    }

    @Test func aBrokenModelFailsTheSuiteWithAReason() {
        struct OutOfRange: ScoringModel {
            let id = "out-of-range"
            func score(_ evaluation: ResponseEvaluation) -> Assessment {
                var assessment = WeightedMeanModel().score(evaluation)
                assessment.overall.value = 150
                return assessment
            }
        }
        #expect {
            try ScoringModelConformance(model: OutOfRange()).run()
        } throws: { error in
            (error as? ConformanceFailure)?.failures.contains { $0.contains("outside 0…100") } ?? false
        }
    }

    @Test func theRegistryRefusesARubricWhoseModelIsNotRegistered() throws {
        let rubric = try #require(ExampleRubricProvider().rubrics().first)
        #expect(throws: DocumentError.self) { try Scorer(rubric: rubric) }
    }
}
