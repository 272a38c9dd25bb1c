import AssayCore
import AssayRubrics
import Testing

/// The bundled digital-capacity example: Ville de Rivière-aux-Hérons, a mid-size Québec city with solid
/// infrastructure and capital planning, thin project staffing and risk oversight, weak contract terms, and no
/// operating budget for its newest system.
///
/// Points per question are value/3 on the practice scale (none 0, partial 1/3, largely 2/3, full 1) and 1 for yes.
/// A dimension scores 100·Σwp/Σw over the questions that count: "na" and unanswered are left out, "unknown" counts 0.
@Suite struct DigitalCapacityExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let response = try BundledRubrics.example(for: "digital-capacity")
        let assessment = try Scorer(rubric: rubric).score(response)

        // hr: hr.lead largely (2/3, w1.5) + hr.skills partial (1/3, w1) + hr.pm partial (1/3, w1)
        //     + hr.time none (0, w1) + hr.learn partial (1/3, w1) + hr.continuity partial (1/3, w1)
        //   = 100·(1 + 1/3 + 1/3 + 0 + 1/3 + 1/3)/(1.5 + 5) = 100·(7/3)/6.5 = 35.897 → developing [20, 40)
        let hr = try #require(assessment.dimension("hr")?.score)
        let hrScore = try #require(hr.value)
        #expect(abs(hrScore - 35.897) < 0.01)
        #expect(hr.level == "developing")

        // tech: tech.inventory largely (2/3, w1) + tech.support full (1, w1) + tech.network largely (2/3, w1)
        //       + tech.security largely (2/3, w1.5) + tech.standards partial (1/3, w1)
        //   = 100·(2/3 + 1 + 2/3 + 1 + 1/3)/5.5 = 100·(11/3)/5.5 = 66.667 → managed [60, 80); no gate in tech
        let tech = try #require(assessment.dimension("tech")?.score)
        let techScore = try #require(tech.value)
        #expect(abs(techScore - 66.667) < 0.01)
        #expect(tech.level == "managed")

        // fin: fin.plan full (1, w1) + fin.tco largely (2/3, w1.5) + fin.sustain partial (1/3, w2)
        //      + fin.grants "na" (excluded) + fin.track largely (2/3, w1)
        //   = 100·(1 + 1 + 2/3 + 2/3)/(1 + 1.5 + 2 + 1) = 100·(10/3)/5.5 = 60.606 → band managed [60, 80),
        //   but the managed gate fin.sustain at_least 2 fails (partial = 1), so the level is capped at defined.
        let fin = try #require(assessment.dimension("fin")?.score)
        let finScore = try #require(fin.value)
        #expect(abs(finScore - 60.606) < 0.01)
        #expect(fin.level == "defined")

        // risk: risk.project partial (1/3, w1.5) + risk.privacy largely (2/3, w1.5) + risk.incident "unknown" (0, w1)
        //       + risk.continuity partial (1/3, w1) + risk.oversight none (0, w1)
        //   = 100·(0.5 + 1 + 0 + 1/3 + 0)/6 = 100·(11/6)/6 = 30.556 → developing [20, 40)
        let risk = try #require(assessment.dimension("risk")?.score)
        let riskScore = try #require(risk.value)
        #expect(abs(riskScore - 30.556) < 0.01)
        #expect(risk.level == "developing")

        // org: org.strategy largely (2/3, w1) + org.sponsor largely (2/3, w1.5) + org.intake partial (1/3, w1)
        //      + org.policies largely (2/3, w1) + org.users unanswered (excluded)
        //   = 100·(2/3 + 1 + 1/3 + 2/3)/4.5 = 100·(8/3)/4.5 = 59.259 → defined [40, 60)
        let org = try #require(assessment.dimension("org")?.score)
        let orgScore = try #require(org.value)
        #expect(abs(orgScore - 59.259) < 0.01)
        #expect(org.level == "defined")

        // proc: proc.needs partial (1/3, w1) + proc.review largely (2/3, w1) + proc.recent yes (1, w0.5)
        //       and, since proc.recent is yes, proc.data partial (1/3, w1.5) + proc.lockin none (0, w1)
        //       + proc.exit none (0, w1) + proc.vendor partial (1/3, w1)
        //   = 100·(1/3 + 2/3 + 0.5 + 0.5 + 0 + 0 + 1/3)/7 = 100·(7/3)/7 = 33.333 → developing [20, 40)
        let proc = try #require(assessment.dimension("proc")?.score)
        let procScore = try #require(proc.value)
        #expect(abs(procScore - 33.333) < 0.01)
        #expect(proc.level == "developing")

        // overall, dimension weights hr 1.5, tech 1, fin 1.5, risk 1, org 1, proc 1.5 (Σ 7.5):
        //   (1.5·35.897 + 66.667 + 1.5·60.606 + 30.556 + 59.259 + 1.5·33.333)/7.5
        //   = (53.846 + 66.667 + 90.909 + 30.556 + 59.259 + 50.000)/7.5 = 351.237/7.5 = 46.832 → defined [40, 60);
        //   the failing fin.sustain gate only bites from managed up, so it does not lower the overall level.
        let overall = try #require(assessment.overall.value)
        #expect(abs(overall - 46.832) < 0.01)
        #expect(assessment.overall.level == "defined")
    }

    @Test func exampleShowsEveryKindOfAnswer() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let response = try BundledRubrics.example(for: "digital-capacity")
        let assessment = try Scorer(rubric: rubric).score(response)
        func status(_ id: String) -> AnswerStatus? {
            assessment.questions.first { $0.questionID == id }?.status
        }

        #expect(status("fin.grants") == .notApplicable)
        #expect(status("risk.incident") == .dontKnow)
        #expect(status("org.users") == .unanswered)
        // proc.recent is yes, so the four contract follow-ups are asked.
        #expect(status("proc.exit") == .answered)

        // 33 questions, all asked: 30 answered, 1 "na", 1 "unknown", 1 unanswered.
        #expect(assessment.completeness.askable == 33)
        #expect(assessment.completeness.answered == 30)
        #expect(assessment.completeness.notApplicable == 1)
        #expect(assessment.completeness.dontKnow == 1)
        #expect(assessment.completeness.unanswered == 1)
    }
}
