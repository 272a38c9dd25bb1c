import AssayCore
import AssayRubrics
import Testing

/// The bundled example for `digital-service-framework` (City of Alder Creek, a fictional Californian city of about
/// 35,000 where a third of residents speak Spanish at home, whose network and help desk are run by its county's
/// IT department), scored by hand under weighted-mean.
///
/// Points: none 0, partial 1/3, largely 2/3, full 1; "unknown" counts 0; "na" and unanswered are left out with their
/// weight. Every item is a practice area scoring 100·(mean points of its questions), weighing what the item weighs
/// (DA.2, DA.3 and TM.4 1.5, every other 1); a dimension is the weighted mean of its areas that have a score.
/// Dimensions OE 1, SD 1, DA 1.25, TM 1.5. Version 2.0.0 bands: developing [20, 50), defined [50, 67), managed
/// [67, 90); `defined` needs TM.4's three parts, DA.3.responsible and DA.3.breach at least largely (value 2),
/// `managed` all five full.
@Suite struct DigitalServiceFrameworkExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-service-framework")
        let response = try BundledRubrics.example(for: "digital-service-framework")
        #expect(response.organisation == "City of Alder Creek")
        #expect(response.attributes["region"] == "CA")
        let assessment = try Scorer(rubric: rubric).score(response)

        // OE, one question per item: OE.1 partial (1/3) + OE.2 partial (1/3) + OE.3 none (0) + OE.4 full (1)
        //   + OE.5 largely (2/3), all w1.
        //   100 · (0.3333 + 0.3333 + 0 + 1 + 0.6667) / 5 = 100 · 2.3333 / 5 = 46.667 → developing [20, 50)
        let oe = try #require(assessment.dimension("OE"))
        #expect(abs(oe.score.value! - 46.667) < 0.01)
        #expect(oe.score.level == "developing")

        // SD: SD.1 none → 0; SD.2 disability partial (1/3), language largely (2/3) → 100 · 1/2 = 50; SD.3 iterative
        //   none (0), delivery partial (1/3) → 100 · 1/6 = 16.667; SD.4 unanswered, its area has no score and is left
        //   out; SD.5 largely → 66.667. All areas w1.
        //   (0 + 50 + 16.667 + 66.667) / 4 = 133.333 / 4 = 33.333 → developing
        let sd = try #require(assessment.dimension("SD"))
        #expect(abs(sd.score.value! - 33.333) < 0.01)
        #expect(sd.score.level == "developing")

        // DA: DA.1 (w1) skills partial, decisions largely → 100 · (1/3 + 2/3) / 2 = 50;
        //   DA.2 (w1.5) quality partial, lifecycle largely, access partial → 100 · (4/3) / 3 = 44.444;
        //   DA.3 (w1.5) responsible largely, breach largely, assessment partial → 100 · (5/3) / 3 = 55.556;
        //   DA.4 (w1) "unknown" → 0; DA.5 (w1) none → 0.
        //   (50 + 1.5 · 44.444 + 1.5 · 55.556 + 0 + 0) / 6 = (50 + 66.667 + 83.333) / 6 = 200 / 6 = 33.333
        //   → developing (the defined gates on DA.3.responsible and DA.3.breach would pass: both largely)
        let da = try #require(assessment.dimension("DA"))
        #expect(abs(da.score.value! - 33.333) < 0.01)
        #expect(da.score.level == "developing")

        // TM: TM.1 "na", so its area has no score and is left out; TM.2 full → 100 (w1); TM.3 largely → 66.667
        //   (w1); TM.4 (w1.5): upkeep largely (2/3) + people partial (1/3) + recovery partial (1/3) → 100 · (4/3) / 3
        //   = 44.444; TM.5 largely → 66.667 (w1).
        //   (100 + 66.667 + 1.5 · 44.444 + 66.667) / 4.5 = 300 / 4.5 = 66.667 → band defined [50, 67), but the
        //   defined gates on TM.4.people and TM.4.recovery (at least largely) fail → developing
        let tm = try #require(assessment.dimension("TM"))
        #expect(abs(tm.score.value! - 66.667) < 0.01)
        #expect(tm.score.level == "developing")

        // Overall: (1 · 46.667 + 1 · 33.333 + 1.25 · 33.333 + 1.5 · 66.667) / (1 + 1 + 1.25 + 1.5)
        //   = (46.667 + 33.333 + 41.667 + 100) / 4.75 = 221.667 / 4.75 = 46.667 → developing [20, 50)
        #expect(abs(assessment.overall.value! - 46.667) < 0.01)
        #expect(assessment.overall.level == "developing")

        // 29 questions: 26 answered with a level, TM.1 "na", DA.4 "unknown", SD.4 unanswered.
        #expect(assessment.completeness.askable == 29)
        #expect(assessment.completeness.answered == 26)
        #expect(assessment.completeness.notApplicable == 1)
        #expect(assessment.completeness.dontKnow == 1)
        #expect(assessment.completeness.unanswered == 1)
    }
}
