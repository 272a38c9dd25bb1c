import AssayCore
import Testing

/// The weighted-mean model under another id: the explainer re-scores every step for it, as for any plugin.
private struct RescoredWeightedMean: ScoringModel {
    let id = "rescored-weighted-mean"
    func score(_ evaluation: ResponseEvaluation) -> Assessment {
        var assessment = WeightedMeanModel().score(evaluation)
        assessment.model = id
        return assessment
    }
}

@Suite("Explanations from sums")
struct ExplanationSumsTests {
    static let answerSets: [[String: AnswerValue]] = [
        ["a.owner": .flag(false), "a.1": .text("partial"), "a.2": .text("full"), "b.1": .text("full")],
        ["a.owner": .flag(true), "a.1": .text("none"), "b.1": .text("none"), "b.2": .text("partial")],
        ["a.1": .text("largely"), "a.2": .notApplicable, "b.3": .text("partial"), "b.2": .dontKnow],
        ["a.owner": .flag(false), "b.1": .text("largely"), "b.2": .text("largely"), "b.3": .text("none")],
    ]

    @Test(arguments: answerSets)
    func gainsFromSumsAreTheGainsOfReScoring(answers: [String: AnswerValue]) throws {
        let fast = try Scorer(rubric: Fixtures.rubric()).explain(Fixtures.response(answers))
        let registry = ScoringRegistry.builtIn.adding(RescoredWeightedMean())
        let slow = try Scorer(rubric: Fixtures.rubric(model: "rescored-weighted-mean"), registry: registry)
            .explain(Fixtures.response(answers))
        #expect(fast.opportunities.map(\.questionID) == slow.opportunities.map(\.questionID))
        #expect(fast.opportunities.map(\.toOption) == slow.opportunities.map(\.toOption))
        for (left, right) in zip(fast.opportunities, slow.opportunities) {
            #expect(approximately(left.overallGain, right.overallGain, within: 1e-9))
            #expect(approximately(left.dimensionGain, right.dimensionGain, within: 1e-9))
        }
    }

    @Test func aPracticeAreaStepCarriesUpThroughItsArea() throws {
        // b.3 (area b.y, weight 1) at "partial" = 1/3, b.1 and b.2 (area b.x, weight 3) at "full":
        // B = (3·100 + 1·33.33)/4 = 83.33; one step to "largely" = 2/3 makes B = (300 + 66.67)/4 = 91.67, +8.33.
        // A is unanswered and excluded, so the overall is B and gains the same 8.33.
        let explanation = try Scorer(rubric: Fixtures.rubric()).explain(
            Fixtures.response(["b.1": .text("full"), "b.2": .text("full"), "b.3": .text("partial")]))
        let step = try #require(explanation.opportunities.first { $0.questionID == "b.3" })
        #expect(step.toOption == "largely")
        #expect(approximately(step.dimensionGain, 25.0 / 3))
        #expect(approximately(step.overallGain, 25.0 / 3))
    }
}
