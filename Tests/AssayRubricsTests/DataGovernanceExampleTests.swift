import AssayCore
import AssayRubrics
import Testing

/// The bundled data-governance example: Ville de Port-Aubray, a mid-size Québec city that has done its Law 25
/// homework (privacy assessments, incident register, retention schedule, open data on Données Québec) but has no
/// single person accountable for data governance, has never tested its breach plan, does not consult residents on
/// data projects and has barely started on ethics and equity.
///
/// Points per question are value/3 on the practice scale (none 0, partial 1/3, largely 2/3, full 1) and 1 for yes.
/// A dimension scores 100·Σwp/Σw over the questions that count: "na", unanswered, text and not-asked questions are
/// left out, "unknown" counts 0. Version 2.0.0 bands: initial [0, 20), developing [20, 50), defined [50, 67),
/// managed [67, 90), leading [90, 100]; defined needs strat.owner at least largely and priv.breach_plan yes,
/// managed strat.owner full.
@Suite struct DataGovernanceExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "data-governance")
        let response = try BundledRubrics.example(for: "data-governance")
        let assessment = try Scorer(rubric: rubric).score(response)

        // strat: strat.context is text (never scored) + strat.owner partial (1/3, w2) + strat.strategy partial (1/3, w1)
        //        + strat.stewards largely (2/3, w1) + strat.committee full (1, w1) + strat.reporting largely (2/3, w1)
        //        + strat.resources unanswered (excluded)
        //   = 100·(2/3 + 1/3 + 2/3 + 1 + 2/3)/(2 + 1 + 1 + 1 + 1) = 100·(10/3)/6 = 55.556 → band defined [50, 67),
        //   but the defined gate strat.owner at_least 2 fails (partial = 1): developing.
        let strat = try #require(assessment.dimension("strat")?.score)
        let stratScore = try #require(strat.value)
        #expect(abs(stratScore - 55.556) < 0.01)
        #expect(strat.level == "developing")

        // pol: pol.framework largely (2/3, w2) + pol.classification largely (2/3, w1) + pol.standards "unknown" (0, w1)
        //      + pol.training full (1, w1) + pol.procurement largely (2/3, w1)
        //   = 100·(4/3 + 2/3 + 0 + 1 + 2/3)/6 = 100·(11/3)/6 = 61.111 → defined [50, 67); no gate in pol
        let pol = try #require(assessment.dimension("pol")?.score)
        let polScore = try #require(pol.value)
        #expect(abs(polScore - 61.111) < 0.01)
        #expect(pol.level == "defined")

        // qual: qual.inventory largely (2/3, w1.5) + qual.metadata largely (2/3, w1) + qual.quality partial (1/3, w1)
        //       + qual.retention full (1, w1) + qual.disposal largely (2/3, w1)
        //   = 100·(1 + 2/3 + 1/3 + 1 + 2/3)/5.5 = 100·(11/3)/5.5 = 66.667 → defined [50, 67): largely in place, not yet managed; no gate in qual
        let qual = try #require(assessment.dimension("qual")?.score)
        let qualScore = try #require(qual.value)
        #expect(abs(qualScore - 66.667) < 0.01)
        #expect(qual.level == "defined")

        // priv: priv.officer yes (1, w1) + priv.pia full (1, w2) + priv.minimisation largely (2/3, w1)
        //       + priv.safeguards largely (2/3, w1) + priv.breach_plan yes (1, w1)
        //       and, since priv.breach_plan is yes, priv.breach_drill none (0, w1) + priv.incidents full (1, w1)
        //   = 100·(1 + 2 + 2/3 + 2/3 + 1 + 0 + 1)/8 = 100·(19/3)/8 = 79.167 → managed [67, 90);
        //   the defined gate (priv.breach_plan equals yes) passes.
        let priv = try #require(assessment.dimension("priv")?.score)
        let privScore = try #require(priv.value)
        #expect(abs(privScore - 79.167) < 0.01)
        #expect(priv.level == "managed")

        // share: share.internal largely (2/3, w1) + share.agreements largely (2/3, w2) + share.register largely (2/3, w1)
        //        + share.open full (1, w1) and, since share.open ≥ partial, share.open_plan largely (2/3, w1)
        //   = 100·(2/3 + 4/3 + 2/3 + 1 + 2/3)/6 = 100·(13/3)/6 = 72.222 → managed [67, 90)
        let share = try #require(assessment.dimension("share")?.score)
        let shareScore = try #require(share.value)
        #expect(abs(shareScore - 72.222) < 0.01)
        #expect(share.level == "managed")

        // trust: trust.publish full (1, w1.5) + trust.rights full (1, w1) + trust.engage none (0, w1)
        //        + trust.reportback not asked (trust.engage is below partial, so excluded) + trust.tech_register
        //        largely (2/3, w1)
        //   = 100·(1.5 + 1 + 0 + 2/3)/4.5 = 100·(19/6)/4.5 = 70.370 → managed [67, 90)
        let trust = try #require(assessment.dimension("trust")?.score)
        let trustScore = try #require(trust.value)
        #expect(abs(trustScore - 70.370) < 0.01)
        #expect(trust.level == "managed")

        // eth: eth.principles partial (1/3, w1) + eth.equity_impact largely (2/3, w1.5) + eth.bias partial (1/3, w1)
        //      + eth.ads "na" (excluded) + eth.communities none (0, w1)
        //   = 100·(1/3 + 1 + 1/3 + 0)/4.5 = 100·(5/3)/4.5 = 37.037 → developing [20, 50)
        let eth = try #require(assessment.dimension("eth")?.score)
        let ethScore = try #require(eth.value)
        #expect(abs(ethScore - 37.037) < 0.01)
        #expect(eth.level == "developing")

        // overall, dimension weights strat 1.5, pol 1, qual 1, priv 1.5, share 1, trust 1, eth 1 (Σ 8):
        //   (1.5·55.556 + 61.111 + 66.667 + 1.5·79.167 + 72.222 + 70.370 + 37.037)/8
        //   = (83.333 + 61.111 + 66.667 + 118.750 + 72.222 + 70.370 + 37.037)/8 = 509.491/8 = 63.686
        //   → band defined [50, 67), but the defined gate strat.owner at_least 2 fails (partial = 1), so the overall
        //   level is capped at developing: no one accountable for data, whatever the other practices.
        let overall = try #require(assessment.overall.value)
        #expect(abs(overall - 63.686) < 0.01)
        #expect(assessment.overall.level == "developing")
    }

    @Test func exampleShowsEveryKindOfAnswer() throws {
        let rubric = try BundledRubrics.rubric(id: "data-governance")
        let response = try BundledRubrics.example(for: "data-governance")
        let assessment = try Scorer(rubric: rubric).score(response)
        func status(_ id: String) -> AnswerStatus? {
            assessment.questions.first { $0.questionID == id }?.status
        }

        #expect(status("eth.ads") == .notApplicable)
        #expect(status("pol.standards") == .dontKnow)
        #expect(status("strat.resources") == .unanswered)
        // priv.breach_plan is yes, so the drill follow-up is asked; trust.engage is none, so report-back is not.
        #expect(status("priv.breach_drill") == .answered)
        #expect(status("trust.reportback") == .notAsked)
        // share.open is full, so the open data follow-up is asked.
        #expect(status("share.open_plan") == .answered)

        // 39 questions, 38 asked (trust.reportback is not): 35 answered (the text question included),
        // 1 "na", 1 "unknown", 1 unanswered.
        #expect(assessment.completeness.askable == 38)
        #expect(assessment.completeness.answered == 35)
        #expect(assessment.completeness.notApplicable == 1)
        #expect(assessment.completeness.dontKnow == 1)
        #expect(assessment.completeness.unanswered == 1)
    }
}
