import AssayCore
import AssayRubrics
import Testing

/// The bundled example for `digital-service-framework` (Town of Marlow Falls, a fictional small Ontario town whose
/// network and help desk are run by its county's shared IT service), scored by hand under weighted-mean.
///
/// Points: none 0, partial 1/3, largely 2/3, full 1; "unknown" counts 0; "na" and unanswered are left out with their
/// weight. Weights: DA.2, DA.3 and the TM.4 area weigh 1.5, every other question and area 1; dimensions OE 1, SD 1, DA 1.25, TM 1.5.
/// Version 2.0.0 bands: developing [20, 50), defined [50, 67), managed [67, 90); `defined` needs TM.4 and DA.3 at
/// least largely (value 2), `managed` both full.
@Suite struct DigitalServiceFrameworkExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-service-framework")
        let response = try BundledRubrics.example(for: "digital-service-framework")
        let assessment = try Scorer(rubric: rubric).score(response)

        // OE: OE.1 partial (1/3) + OE.2 partial (1/3) + OE.3 none (0) + OE.4 full (1) + OE.5 largely (2/3), all w1.
        //   Σwp = 0.3333 + 0.3333 + 0 + 1 + 0.6667 = 2.3333; Σw = 5
        //   100 · 2.3333 / 5 = 46.667 → developing [20, 50) (no gate question in this dimension)
        let oe = try #require(assessment.dimension("OE"))
        #expect(abs(oe.score.value! - 46.667) < 0.01)
        #expect(oe.score.level == "developing")

        // SD: SD.1 none (0) + SD.2 partial (1/3) + SD.3 partial (1/3) + SD.5 largely (2/3), all w1;
        //   SD.4 unanswered, excluded with its weight.
        //   Σwp = 0 + 0.3333 + 0.3333 + 0.6667 = 1.3333; Σw = 4
        //   100 · 1.3333 / 4 = 33.333 → developing
        let sd = try #require(assessment.dimension("SD"))
        #expect(abs(sd.score.value! - 33.333) < 0.01)
        #expect(sd.score.level == "developing")

        // DA: DA.1 partial (1/3, w1) = 0.3333 + DA.2 partial (1/3, w1.5) = 0.5 + DA.3 largely (2/3, w1.5) = 1.0
        //   + DA.4 "unknown" (0, w1) = 0 + DA.5 none (0, w1) = 0.
        //   Σwp = 0.3333 + 0.5 + 1.0 + 0 + 0 = 1.8333; Σw = 1 + 1.5 + 1.5 + 1 + 1 = 6
        //   100 · 1.8333 / 6 = 30.556 → developing (the DA.3 gate passes: largely = 2)
        let da = try #require(assessment.dimension("DA"))
        #expect(abs(da.score.value! - 30.556) < 0.01)
        #expect(da.score.level == "developing")

        // TM is asked in practice areas, one per item, each scoring 100·(mean points of its questions) and weighing
        // what the item weighed; the dimension is the weighted mean of the areas that have a score.
        //   TM.1-area: TM.1 "na", so no score and left out; TM.2-area: full → 100 (w1); TM.3-area: largely → 66.667
        //   (w1); TM.4-area (w1.5): TM.4.upkeep largely (2/3) + TM.4.people partial (1/3) + TM.4.recovery partial
        //   (1/3), each w1 → 100 · (4/3) / 3 = 44.444; TM.5-area: largely → 66.667 (w1).
        //   (100 + 66.667 + 1.5 · 44.444 + 66.667) / 4.5 = 300 / 4.5 = 66.667 → band defined [50, 67), but the
        //   defined gates on TM.4.people and TM.4.recovery (at least largely) fail → developing
        let tm = try #require(assessment.dimension("TM"))
        #expect(abs(tm.score.value! - 66.667) < 0.01)
        #expect(tm.score.level == "developing")

        // Overall: (1 · 46.667 + 1 · 33.333 + 1.25 · 30.556 + 1.5 · 66.667) / (1 + 1 + 1.25 + 1.5)
        //   = (46.667 + 33.333 + 38.194 + 100) / 4.75 = 218.194 / 4.75 = 45.936 → developing [20, 50)
        #expect(abs(assessment.overall.value! - 45.936) < 0.01)
        #expect(assessment.overall.level == "developing")

        // 22 questions (1.0.0's TM.4 is three): 19 answered with a level, TM.1 "na", DA.4 "unknown", SD.4
        // unanswered.
        #expect(assessment.completeness.askable == 22)
        #expect(assessment.completeness.answered == 19)
        #expect(assessment.completeness.notApplicable == 1)
        #expect(assessment.completeness.dontKnow == 1)
        #expect(assessment.completeness.unanswered == 1)
    }
}
