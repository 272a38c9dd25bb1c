import AssayCore
import AssayRubrics
import Testing

/// The bundled example for `stakeholder-engagement` (Ville de Mont-Vallier, a fictional mid-size city reviewing the
/// engagement plan for its digital strategy), scored by hand under weighted-mean.
///
/// Points: none 0, partial 1/3, largely 2/3, full 1; yes 1, no 0; "unknown" counts 0; "na" and unanswered are left
/// out with their weight; goal.context is free text and never scored. stk.6 routes and never scores. Version 2.0.0 bands:
/// developing [20, 50), defined [50, 67), managed [67, 90); `defined` needs rep.1 and inc.2 at least largely (value
/// 2), `managed` both full.
@Suite struct StakeholderEngagementExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "stakeholder-engagement")
        let response = try BundledRubrics.example(for: "stakeholder-engagement")
        let assessment = try Scorer(rubric: rubric).score(response)

        // goals: goal.context text, not scored; goal.1 full (1, w1) + goal.2 partial (1/3, w1.5) = 0.5
        //   + goal.3 largely (2/3, w1) + goal.4 full (1, w1).
        //   Σwp = 1 + 0.5 + 0.6667 + 1 = 3.1667; Σw = 1 + 1.5 + 1 + 1 = 4.5
        //   100 · 3.1667 / 4.5 = 70.370 → managed (no gate question in this dimension)
        let goals = try #require(assessment.dimension("goals"))
        #expect(abs(goals.score.value! - 70.370) < 0.01)
        #expect(goals.score.level == "managed")

        // stakeholders: stk.1 full (1, w1) + stk.2 largely (2/3, w1) + stk.3 largely (2/3, w1)
        //   + stk.4 full (1, w1.5) = 1.5 + stk.5 partial (1/3, w1); stk.6 yes routes and earns nothing;
        //   stk.6 is yes, so stk.7 and stk.8 are asked: stk.7 partial (1/3, w1); stk.8 unanswered, excluded.
        //   Σwp = 1 + 0.6667 + 0.6667 + 1.5 + 0.3333 + 0.3333 = 4.5; Σw = 1 + 1 + 1 + 1.5 + 1 + 1 = 6.5
        //   100 · 4.5 / 6.5 = 69.231 → managed [67, 90)
        let stakeholders = try #require(assessment.dimension("stakeholders"))
        #expect(abs(stakeholders.score.value! - 69.231) < 0.01)
        #expect(stakeholders.score.level == "managed")

        // phases: ph.1 full (1) + ph.2 partial (1/3) + ph.3 largely (2/3) + ph.4 largely (2/3), all w1.
        //   Σwp = 2.6667; Σw = 4 → 100 · 2.6667 / 4 = 66.667 → defined [50, 67)
        let phases = try #require(assessment.dimension("phases"))
        #expect(abs(phases.score.value! - 66.667) < 0.01)
        #expect(phases.score.level == "defined")

        // risks: risk.1 full (1) + risk.2 largely (2/3) + risk.4 none (0), all w1; risk.3 "na", excluded.
        //   Σwp = 1.6667; Σw = 3 → 100 · 1.6667 / 3 = 55.556 → defined
        let risks = try #require(assessment.dimension("risks"))
        #expect(abs(risks.score.value! - 55.556) < 0.01)
        #expect(risks.score.level == "defined")

        // evaluation: eval.1 largely (2/3) + eval.2 full (1) + eval.3 unknown (0, counted) + eval.4 partial (1/3),
        //   all w1. Σwp = 2; Σw = 4 → 100 · 2 / 4 = 50.0 → defined
        let evaluation = try #require(assessment.dimension("evaluation"))
        #expect(abs(evaluation.score.value! - 50.0) < 0.01)
        #expect(evaluation.score.level == "defined")

        // reporting: rep.1 partial (1/3, w2) = 0.6667 + rep.2 full (1, w1) + rep.3 full (1, w1)
        //   + rep.4 largely (2/3, w1).
        //   Σwp = 0.6667 + 1 + 1 + 0.6667 = 3.3333; Σw = 5 → 100 · 3.3333 / 5 = 66.667
        //   The band is defined [50, 67), but the defined gate (rep.1 at least 2) fails: rep.1 is partial (1)
        //   → developing
        let reporting = try #require(assessment.dimension("reporting"))
        #expect(abs(reporting.score.value! - 66.667) < 0.01)
        #expect(reporting.score.level == "developing")

        // inclusion: inc.1 full (1, w1) + inc.2 partial (1/3, w1.5) = 0.5 + inc.3 largely (2/3, w1);
        //   inc.4 unanswered, excluded.
        //   Σwp = 1 + 0.5 + 0.6667 = 2.1667; Σw = 3.5 → 100 · 2.1667 / 3.5 = 61.905 → band defined, but the
        //   defined gate (inc.2 at least 2) fails: inc.2 is partial → developing
        let inclusion = try #require(assessment.dimension("inclusion"))
        #expect(abs(inclusion.score.value! - 61.905) < 0.01)
        #expect(inclusion.score.level == "developing")

        // overall: dimension weights goals 1, stakeholders 1.5, phases 1, risks 1, evaluation 1, reporting 1.5,
        //   inclusion 1.5; Σ = 8.5.
        //   70.370 + 1.5 · 69.231 + 66.667 + 55.556 + 50.0 + 1.5 · 66.667 + 1.5 · 61.905
        //   = 70.370 + 103.846 + 66.667 + 55.556 + 50.0 + 100.0 + 92.857 = 539.296
        //   539.296 / 8.5 = 63.447 → band defined [50, 67), capped at developing because the defined gates on
        //   rep.1 and inc.2 fail
        #expect(abs(assessment.overall.value! - 63.447) < 0.01)
        #expect(assessment.overall.level == "developing")
    }
}
