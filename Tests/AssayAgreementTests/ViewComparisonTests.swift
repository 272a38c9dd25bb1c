import AssayAgreement
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

/// The bundled self-assessment of Rivière-aux-Hérons beside the facilitator's view (the bundled example).
///
/// The self-assessment differs on 9 of 33 questions: hr.skills, hr.time, tech.standards, fin.sustain,
/// risk.privacy (one lower), risk.incident (largely where the facilitator has "don't know"), risk.oversight,
/// org.users (unanswered in the facilitator's view) and proc.lockin.
@Suite struct ViewComparisonTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func views() throws -> (views: [AssessmentView], scorer: Scorer) {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        let own = try AssayFile.loadResponse(
            root.appendingPathComponent("Rubrics/examples/digital-capacity.self-assessment.json").path,
            against: scorer.index
        ).response
        let facilitator = try BundledRubrics.example(for: "digital-capacity")
        return (
            [AssessmentView(name: "Self", response: own), AssessmentView(name: "Facilitator", response: facilitator)],
            scorer
        )
    }

    @Test func questionsAgreeOrNotAsAPersonComparingThemWould() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let disagreeing = comparison.questions.filter { $0.agreement == .disagree }.map(\.question)
        #expect(
            Set(disagreeing) == [
                "hr.skills", "hr.time", "tech.standards", "fin.sustain", "risk.privacy", "risk.incident",
                "risk.oversight", "org.users", "proc.lockin",
            ])
        // Both say "not applicable" to fin.grants: that is agreement, not two missing values.
        #expect(comparison.questions.first { $0.question == "fin.grants" }?.agreement == .agree)
        let overall = try #require(comparison.scope("overall"))
        #expect(overall.questions == 33)
        #expect(overall.agreeing == 24)
        #expect(overall.disagreeing == 9)
    }

    @Test func scaleKappaIsQuadraticWeightedAsWorkedByHand() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let hr = try #require(comparison.scope("hr")?.coefficients.first { $0.level == .ordinal })
        // In thirds of a point: self 2 2 1 1 1 1, facilitator 2 1 1 0 1 1 (hr.lead … hr.continuity).
        // Observed mean squared difference (0 + 1 + 0 + 1 + 0 + 0) / 6 = 1/3. By chance, with the two independent:
        // Var(self) + Var(fac) + (mean difference)² = (2 − 16/9) + (4/3 − 1) + (4/3 − 1)² = 2/9 + 3/9 + 1/9 = 2/3.
        // κ_w = 1 − (1/3) / (2/3) = 0.5.
        #expect(hr.kappaWeighting == .quadratic)
        #expect(abs(try #require(hr.kappa?.value) - 0.5) < 1e-12)
        // Every hr answer is the same category in 4 of 6: unweighted κ on every answer. Self: largely 2, partial 4;
        // facilitator: largely 1, partial 4, none 1. p_o = 4/6; p_e = (2·1 + 4·4 + 0·1) / 36 = 18/36;
        // κ = (4/6 − 1/2) / (1/2) = 1/3.
        let every = try #require(comparison.scope("hr")?.coefficients.first { $0.level == nil })
        #expect(every.kappaWeighting == .unweighted)
        #expect(abs(try #require(every.kappa?.value) - 1.0 / 3.0) < 1e-12)
    }

    @Test func dontKnowIsMissingUnlessCountedAsACategory() throws {
        let (views, scorer) = try Self.views()
        // risk: self risk.project partial, risk.privacy partial, risk.incident largely, risk.continuity partial,
        // risk.oversight partial; facilitator partial, largely, unknown, partial, none. Excluding "unknown",
        // 4 questions pair; as a category, all 5 do.
        let excluded = try ViewComparison(views: views, scorer: scorer, missing: .exclude)
        let counted = try ViewComparison(views: views, scorer: scorer, missing: .asCategory)
        let every = { (c: ViewComparison) in c.scope("risk")!.coefficients.first { $0.level == nil }! }
        #expect(every(excluded).alpha.pairedUnits == 4)
        #expect(every(counted).alpha.pairedUnits == 5)
        // The scale coefficient cannot place "don't know" on the scale, whatever the choice.
        let scale = { (c: ViewComparison) in c.scope("risk")!.coefficients.first { $0.level == .ordinal }! }
        #expect(scale(counted).alpha.pairedUnits == 4)
    }

    @Test func theDifferenceCrossesLevelsAndAGate() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        // fin: self has fin.sustain largely, so 100·(1 + 1 + 4/3 + 2/3)/5.5 = 72.7, managed, and the managed
        // gate (fin.sustain at least largely) passes; the facilitator's 60.6 stays defined behind the gate.
        #expect(comparison.levelDifferences.first { $0.scope == "fin" }?.levels == ["managed", "defined"])
        // hr: self 46.2 defined, facilitator 35.9 developing.
        #expect(comparison.levelDifferences.first { $0.scope == "hr" }?.levels == ["defined", "developing"])
        #expect(comparison.gateDifferences.map(\.question) == ["fin.sustain"])
        #expect(comparison.gateDifferences.first?.passes == [true, false])
        #expect(comparison.views.map(\.overall.level) == ["defined", "defined"])
    }

    @Test func worklistPutsTheAnswerThatMovesTheScoreMostFirst() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let first = try #require(comparison.worklist.first)
        // fin.sustain partial → largely is the facilitator view's top next step in `assay score`: +2.4 overall,
        // +12.1 in fin (1/3 of a point more on weight 2, over a weight of 5.5: 100·(2/3)/5.5 = 12.12).
        #expect(first.question == "fin.sustain")
        let facilitatorTakingSelf = try #require(first.moves.first { $0.view == 1 })
        #expect(abs(try #require(facilitatorTakingSelf.dimension) - 12.121) < 0.001)
        #expect(facilitatorTakingSelf.dimensionLevelAfter == "managed")
        let swings = comparison.worklist.map(\.swing)
        #expect(swings == swings.sorted(by: >))
        #expect(comparison.worklist.count == 9)
    }

    @Test func identicalViewsAgreeEverywhereAndSayAlphaIsUndefinedWhereNothingVaries() throws {
        let (views, scorer) = try Self.views()
        let same = [views[1], AssessmentView(name: "Again", response: views[1].response)]
        let comparison = try ViewComparison(views: same, scorer: scorer)
        #expect(comparison.worklist.isEmpty)
        #expect(comparison.levelDifferences.isEmpty)
        // The one yes/no question, proc.recent, is "yes" in both: no variation, so α is 0/0.
        let nominal = try #require(comparison.scope("overall")?.coefficients.first { $0.level == .nominal })
        #expect(nominal.alpha.value == nil)
        #expect(nominal.alpha.undefined == .noVariation)
        #expect(comparison.scope("overall")?.coefficients.first { $0.level == .ordinal }?.alpha.value == 1)
    }
}

/// Three views: α for any number of raters, no κ.
@Suite struct ThreeViewTests {
    @Test func threeViewsGetAlphaAndNoKappa() throws {
        let (views, scorer) = try ViewComparisonTests.views()
        // A second facilitator who agrees with the first on everything but fin.sustain, which they find fully
        // in place.
        var second = views[1].response
        second.answers["fin.sustain"] = Answer(.text("full"))
        let comparison = try ViewComparison(
            views: views + [AssessmentView(name: "Second", response: second)], scorer: scorer)
        let scale = try #require(comparison.scope("fin")?.coefficients.first { $0.level == .ordinal })
        #expect(scale.kappa == nil)
        #expect(scale.kappaWeighting == nil)
        // fin.grants is "na" in all three, so 4 questions pair, each with 3 values: 12 pairable values.
        #expect(scale.alpha.pairedUnits == 4)
        #expect(scale.alpha.pairableValues == 12)
        // fin.sustain: largely, partial, full. Each view taking the others' answers: the first facilitator
        // taking "full" gains 2/3 of a point on weight 2 over 5.5 in fin: 100·(4/3)/5.5 = 24.2.
        let item = try #require(comparison.worklist.first)
        #expect(item.question == "fin.sustain")
        #expect(item.moves.count == 6)
        let move = try #require(item.moves.first { $0.view == 1 && $0.taking == 2 })
        #expect(abs(try #require(move.dimension) - 24.242) < 0.001)
    }
}
