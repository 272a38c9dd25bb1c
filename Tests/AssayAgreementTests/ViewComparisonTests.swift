import AssayAgreement
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

/// The bundled self-assessment of Rivière-aux-Hérons beside the facilitator's view (the bundled example).
///
/// Both answer rubric 2.0.0. The self-assessment differs on 9 of 35 questions: hr.skills, hr.time, tech.standards,
/// fin.sustain, risk.privacy (one lower), risk.incident (largely where the facilitator has "don't know"),
/// risk.oversight, org.users (unanswered in the facilitator's view) and proc.lockin. It describes the project
/// (project.context) in the words the facilitator's example kept, and answers tech.access and tech.protection,
/// the two halves of 1.0.0's tech.security, as the facilitator does: largely.
///
/// Scores worked by hand (a question earns weight · points / 3; a dimension is 100 · Σ earned / Σ weight, "don't
/// know" counting 0 over its weight, "not applicable" and unanswered left out; overall weighs the dimensions
/// hr 1.5, tech 1, fin 1.5, risk 1, org 1, proc 1.5, of 7.5; proc.recent is a routing question and earns nothing):
///
/// |      | Σ weight (self / facilitator) | self Σ points·w → score | facilitator Σ points·w → score |
/// |------|------|------|------|
/// | hr   | 6.5         | 3+2+1+1+1+1 = 9 → 900/19.5 = 46.15   | 3+1+1+0+1+1 = 7 → 700/19.5 = 35.90   |
/// | tech | 6           | 2+3+2+2+2+2 = 13 → 1300/18 = 72.22   | 2+3+2+2+2+1 = 12 → 1200/18 = 66.67   |
/// | fin  | 5.5         | 3+3+4+2 = 12 → 1200/16.5 = 72.73     | 3+3+2+2 = 10 → 1000/16.5 = 60.61     |
/// | risk | 6           | 1.5+1.5+2+1+1 = 7 → 700/18 = 38.89   | 1.5+3+0+1+0 = 5.5 → 550/18 = 30.56   |
/// | org  | 5.5 / 4.5   | 2+3+1+2+1 = 9 → 900/16.5 = 54.55     | 2+3+1+2 = 8 → 800/13.5 = 59.26       |
/// | proc | 6.5         | 1+2+1.5+1+0+1 = 6.5 → 650/19.5 = 33.33 | 1+2+1.5+0+0+1 = 5.5 → 550/19.5 = 28.21 |
///
/// Overall: self (1.5·46.15 + 72.22 + 1.5·72.73 + 38.89 + 54.55 + 1.5·33.33) / 7.5 = 393.98 / 7.5 = 52.53;
/// facilitator (1.5·35.90 + 66.67 + 1.5·60.61 + 30.56 + 59.26 + 1.5·28.21) / 7.5 = 343.55 / 7.5 = 45.81, the
/// bundled example's 45.8. Bands 0–20–50–67–90–100; Defined needs fin.sustain and org.sponsor at least largely,
/// Managed both fully (a gate counts overall and in its own question's dimension).
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
        // The same text for project.context is agreement too: 35 questions (1.0.0's 33, one more for tech.security
        // in two halves, and project.context), 9 disagreeing, 35 − 9 = 26 agreeing.
        #expect(comparison.questions.first { $0.question == "project.context" }?.agreement == .agree)
        let overall = try #require(comparison.scope("overall"))
        #expect(overall.questions == 35)
        #expect(overall.agreeing == 26)
        #expect(overall.disagreeing == 9)
    }

    @Test func scaleKappaIsQuadraticWeightedAsWorkedByHand() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let hr = try #require(comparison.scope("hr")?.coefficients.first { $0.level == .ordinal })
        // project.context, a text question, takes no part. In thirds of a point: self 2 2 1 1 1 1, facilitator
        // 2 1 1 0 1 1 (hr.lead … hr.continuity).
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

    @Test func overallScaleKappaAsWorkedByHand() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let scale = try #require(comparison.scope("overall")?.coefficients.first { $0.level == .ordinal })
        // 33 scale questions, 24 agreeing; 30 pair (fin.grants "na" in both, risk.incident "don't know" in one,
        // org.users unanswered in one). Self: 2 full, 14 largely, 13 partial, 1 none, Σ = 47, Σx² = 87; facilitator:
        // 2 full, 12 largely, 12 partial, 4 none, Σ = 42, Σy² = 78. Observed: 7 pairs one point apart (hr.skills,
        // hr.time, tech.standards, fin.sustain, risk.privacy, risk.oversight, proc.lockin), 7/30. By chance:
        // Var X + Var Y + (mean difference)² = (87/30 − (47/30)²) + (78/30 − (42/30)²) + (5/30)²
        // = 401/900 + 576/900 + 25/900 = 167/150. κ_w = 1 − (7/30) / (167/150) = 1 − 35/167 = 132/167 = 0.790.
        #expect(scale.questions == 33)
        #expect(scale.agreeing == 24)
        #expect(scale.kappa?.pairedUnits == 30)
        #expect(abs(try #require(scale.kappa?.value) - 132.0 / 167.0) < 1e-12)
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
        // Overall: self 52.53 is in Defined's band and both Defined gates pass (fin.sustain and org.sponsor largely);
        // the facilitator's 45.81 is Developing by its band alone.
        #expect(comparison.views.map(\.overall.level) == ["defined", "developing"])
        // fin: self has fin.sustain largely, so 100·(1 + 1 + 4/3 + 2/3)/5.5 = 72.7, in Managed's band, but Managed
        // needs fin.sustain fully: defined. The facilitator's 60.6 is in Defined's band, and its gate (fin.sustain at
        // least largely) fails on "partial": developing.
        #expect(comparison.levelDifferences.first { $0.scope == "fin" }?.levels == ["defined", "developing"])
        // tech (no gate): self 13/18 = 72.2 managed, facilitator 12/18 = 66.7 defined, a third of a point under 67,
        // on tech.standards alone.
        #expect(comparison.levelDifferences.first { $0.scope == "tech" }?.levels == ["managed", "defined"])
        // hr: self 46.2 and facilitator 35.9 are both under 50, developing: no level crossed there under 2.0.0 (1.0.0's
        // Defined began at 40). org: 54.5 and 59.3, both defined (org.sponsor largely in both).
        #expect(comparison.levelDifferences.map(\.scope) == ["overall", "tech", "fin"])
        // Of the four gates, only Defined's on fin.sustain (at least largely) passes in one view: largely against
        // partial. Managed's on fin.sustain (fully) fails in both; org.sponsor is largely in both, so Defined's passes
        // in both and Managed's fails in both.
        #expect(comparison.gateDifferences.map(\.question) == ["fin.sustain"])
        #expect(comparison.gateDifferences.first?.level == "defined")
        #expect(comparison.gateDifferences.first?.passes == [true, false])
    }

    @Test func worklistPutsTheAnswerThatMovesTheScoreMostFirst() throws {
        let (views, scorer) = try Self.views()
        let comparison = try ViewComparison(views: views, scorer: scorer)
        let first = try #require(comparison.worklist.first)
        // fin.sustain partial → largely is the facilitator view's top next step in `assay score`: +2.4 overall,
        // +12.1 in fin (1/3 of a point more on weight 2, over a weight of 5.5: 100·(2/3)/5.5 = 12.12; fin weighs 1.5
        // of 7.5, so 12.12 · 1.5 / 7.5 = 2.42 overall).
        #expect(first.question == "fin.sustain")
        let facilitatorTakingSelf = try #require(first.moves.first { $0.view == 1 })
        #expect(abs(try #require(facilitatorTakingSelf.dimension) - 12.121) < 0.001)
        #expect(abs(try #require(facilitatorTakingSelf.overall) - 2.4242) < 0.001)
        // 60.6 + 12.1 = 72.7 is in Managed's band, but Managed needs fin.sustain fully: fin reaches Defined.
        #expect(facilitatorTakingSelf.dimensionLevelAfter == "defined")
        // The other way, the self-assessment's 52.53 − 2.42 = 50.11 stays in Defined's band, but Defined's gate on
        // fin.sustain now fails: overall and fin both fall to developing.
        let selfTakingFacilitator = try #require(first.moves.first { $0.view == 0 })
        #expect(selfTakingFacilitator.levelAfter == "developing")
        #expect(selfTakingFacilitator.levelChanges)
        #expect(selfTakingFacilitator.dimensionLevelAfter == "developing")
        // Each swing is the dimension's change times its weight over 7.5 (one point is 1/3 on the question's weight):
        //   fin.sustain      2 · (1/3) / 5.5 · 100 = 12.12 in fin,           · 1.5 / 7.5 = 2.42
        //   risk.incident    1 · (2/3) / 6 · 100 = 11.11 in risk ("don't know" is 0 over its weight), / 7.5 = 1.48
        //   risk.privacy     1.5 · (1/3) / 6 · 100 = 8.33,                    / 7.5 = 1.11
        //   hr.skills        1 · (1/3) / 6.5 · 100 = 5.13 in hr,              · 1.5 / 7.5 = 1.03
        //   hr.time          the same, 1.03
        //   proc.lockin      1 · (1/3) / 6.5 · 100 = 5.13 in proc,            · 1.5 / 7.5 = 1.03
        //   tech.standards   1 · (1/3) / 6 · 100 = 5.56 in tech,              / 7.5 = 0.74
        //   risk.oversight   the same in risk, 0.74
        //   org.users        the weight changes: 800/13.5 = 59.26 against 900/16.5 = 54.55, 4.71 in org, / 7.5 = 0.63
        // Equal swings (and equal dimension swings) go in asking order.
        #expect(
            comparison.worklist.map(\.question) == [
                "fin.sustain", "risk.incident", "risk.privacy", "hr.skills", "hr.time", "proc.lockin", "tech.standards",
                "risk.oversight", "org.users",
            ])
        let expected = [2.4242, 1.4815, 1.1111, 1.0256, 1.0256, 1.0256, 0.7407, 0.7407, 0.6285]
        for (item, swing) in zip(comparison.worklist, expected) {
            #expect(abs(item.swing - swing) < 0.0001, "\(item.question)")
        }
        let swings = comparison.worklist.map(\.swing)
        #expect(zip(swings, swings.dropFirst()).allSatisfy { $0 >= $1 - 1e-9 })
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
