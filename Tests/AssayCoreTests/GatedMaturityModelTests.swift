import AssayCore
import Testing

@Suite("gated-maturity")
struct GatedMaturityModelTests {
    /// Levels initial < developing < managed; questions tagged with the level they belong to; target = top.
    static let rubric = Rubric(
        id: "mil", version: "1.0.0", title: Fixtures.text("MIL"), scoring: ScoringSpec(model: "gated-maturity"),
        scales: [Fixtures.practice],
        levels: [
            MaturityLevel(id: "initial", name: Fixtures.text("MIL1")),
            MaturityLevel(id: "developing", name: Fixtures.text("MIL2")),
            MaturityLevel(id: "managed", name: Fixtures.text("MIL3")),
        ],
        dimensions: [
            RubricDimension(
                id: "d", title: Fixtures.text("D"),
                questions: [
                    Fixtures.scale("d.1", level: "initial"),
                    Fixtures.scale("d.2", level: "developing", allowNA: true),
                    Fixtures.scale("d.3", level: "managed"),
                ]),
            RubricDimension(id: "e", title: Fixtures.text("E"), questions: [Fixtures.scale("e.1", level: "initial")]),
        ]
    )

    @Test func levelIsTheHighestWithEveryPracticeAtOrBelowItInPlace() throws {
        let scorer = try Scorer(rubric: Self.rubric)
        let assessment = try scorer.score(
            AssessmentResponse(
                rubric: "mil",
                answers: [
                    "d.1": Answer(.text("full")), "d.2": Answer(.notApplicable), "d.3": Answer(.text("largely")),
                    "e.1": Answer(.text("partial")),
                ])
        )
        // d: d.1 meets, d.2 n/a does not block, d.3 below target → reaches "developing", not "managed".
        #expect(assessment.dimension("d")?.score.level == "developing")
        // e: e.1 below target at the lowest level → no level reached.
        #expect(assessment.dimension("e")?.score.level == nil)
        // Overall needs every practice: e.1 blocks the first level.
        #expect(assessment.overall.level == nil)
        // Scores are the weighted means: d = 100·(1 + 2/3)/2 = 83.333 (d.2 excluded).
        #expect(approximately(assessment.dimension("d")?.score.value, 250.0 / 3))

        let explanation = try scorer.explain(
            AssessmentResponse(
                rubric: "mil",
                answers: ["d.1": Answer(.text("full")), "d.3": Answer(.text("full")), "e.1": Answer(.text("full"))])
        )
        // d.2 unanswered blocks "developing" for d and overall, even though d.3 (managed) is in place.
        let d = try #require(explanation.dimensions.first { $0.scope == .dimension("d") })
        #expect(d.level == "initial" && d.nextLevel == "developing")
        #expect(d.blockers.contains { if case .practice("d.2", _) = $0 { true } else { false } })
    }

    @Test func needsLevelsAndTaggedQuestions() {
        var rubric = Self.rubric
        rubric.levels = []
        for index in rubric.dimensions.indices {
            for question in rubric.dimensions[index].questions.indices {
                rubric.dimensions[index].questions[question].level = nil
            }
        }
        let messages = rubric.validate().filter { $0.severity == .error }.map(\.message)
        #expect(messages.contains { $0.contains("needs maturity levels") })
    }
}
