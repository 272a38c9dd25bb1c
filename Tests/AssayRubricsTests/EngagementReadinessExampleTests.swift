import AssayCore
import AssayRubrics
import Testing

/// The bundled example for `engagement-readiness` (MRC de la Vallée-des-Hérons, a fictional regional county planning
/// a data-sharing project), scored by hand under weighted-mean.
///
/// Points: none 0, partial 1/3, largely 2/3, full 1; yes 1, no 0; env.1 "reviewed" 1 (single choice);
/// "unknown" counts 0; "na" and unanswered are left out with their weight. Version 2.0.0 bands: developing
/// [20, 50), defined [50, 67), managed [67, 90); defined needs cap.2 and cap.3 at least largely, managed both full.
@Suite struct EngagementReadinessExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "engagement-readiness")
        let response = try BundledRubrics.example(for: "engagement-readiness")
        let assessment = try Scorer(rubric: rubric).score(response)

        // objectives: obj.1 largely (2/3, w2) + obj.2 partial (1/3, w1) + obj.3 full (1, w1.5)
        //   + obj.4 partial (1/3, w1); obj.5 unanswered, excluded.
        //   Σwp = 4/3 + 1/3 + 1.5 + 1/3 = 3.5; Σw = 2 + 1 + 1.5 + 1 = 5.5
        //   100 · 3.5 / 5.5 = 63.636 → defined [50, 67) (no gate question in this dimension)
        let objectives = try #require(assessment.dimension("objectives"))
        #expect(abs(objectives.score.value! - 63.636) < 0.01)
        #expect(objectives.score.level == "defined")

        // environment: env.1 reviewed (1, w1), so env.2 is asked: partial (1/3, w1.5) = 0.5;
        //   env.3 none (0, w1); env.4 largely (2/3, w1.5) = 1; env.5 partial (1/3, w1);
        //   env.6 partial (1/3, w1); env.7 largely (2/3, w1.5) = 1; env.8 none (0, w1);
        //   env.9 unknown (0, w1.5, counted); env.10 largely (2/3, w1).
        //   Σwp = 1 + 0.5 + 0 + 1 + 1/3 + 1/3 + 1 + 0 + 0 + 2/3 = 4.8333; Σw = 12
        //   100 · 4.8333 / 12 = 40.278 → developing [20, 50)
        let environment = try #require(assessment.dimension("environment"))
        #expect(abs(environment.score.value! - 40.278) < 0.01)
        #expect(environment.score.level == "developing")

        // resources: res.1 largely (2/3, w1.5) = 1; res.2 partial (1/3, w1); res.3 largely (2/3, w1.5) = 1;
        //   res.4 partial (1/3, w1.5) = 0.5; res.5 largely (2/3, w1); res.6 partial (1/3, w1.5) = 0.5;
        //   res.7 unanswered and res.8 "na" (phase 1 is staff only), both excluded.
        //   Σwp = 1 + 1/3 + 1 + 0.5 + 2/3 + 0.5 = 4; Σw = 1.5 + 1 + 1.5 + 1.5 + 1 + 1.5 = 8
        //   100 · 4 / 8 = 50.0 → defined [50, 67), its lower bound included
        let resources = try #require(assessment.dimension("resources"))
        #expect(abs(resources.score.value! - 50.0) < 0.01)
        #expect(resources.score.level == "defined")

        // capacity: cap.1 yes (1, w1); cap.2 largely (2/3, w2) = 4/3; cap.3 partial (1/3, w2) = 2/3;
        //   cap.4 partial (1/3, w1); cap.5 none (0, w1.5); cap.6 largely (2/3, w1.5) = 1;
        //   cap.7 partial (1/3, w1); cap.8 no (0, w1).
        //   Σwp = 1 + 4/3 + 2/3 + 1/3 + 0 + 1 + 1/3 + 0 = 4.6667; Σw = 11
        //   100 · 4.6667 / 11 = 42.424 → developing [20, 50); the defined gate on cap.3 (partial) would
        //   cap it there anyway.
        let capacity = try #require(assessment.dimension("capacity"))
        #expect(abs(capacity.score.value! - 42.424) < 0.01)
        #expect(capacity.score.level == "developing")

        // overall: (1 · 63.636 + 1 · 40.278 + 1 · 50.0 + 1.5 · 42.424) / (1 + 1 + 1 + 1.5)
        //   = (153.914 + 63.636) / 4.5 = 217.551 / 4.5 = 48.345 → developing [20, 50).
        #expect(abs(assessment.overall.value! - 48.345) < 0.01)
        #expect(assessment.overall.level == "developing")
    }
}
