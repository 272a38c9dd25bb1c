import AssayCore
import AssayRubrics
import Testing

/// The bundled digital-capacity example: Ville de Rivière-aux-Hérons, a mid-size Québec city with solid
/// infrastructure and capital planning, thin project staffing and risk oversight, weak contract terms, and no
/// operating budget for its newest system.
///
/// Points per question are value/3 on the practice scale (none 0, partial 1/3, largely 2/3, full 1). proc.recent
/// routes and earns nothing; project.context is text. A dimension scores 100·Σwp/Σw over the questions that count:
/// "na" and unanswered are left out, "unknown" counts 0. Version 2.0.0 bands: initial [0, 20), developing [20, 50),
/// defined [50, 67), managed [67, 90), leading [90, 100]; defined needs org.sponsor and fin.sustain at least
/// largely, managed both full.
@Suite struct DigitalCapacityExampleTests {
    @Test func exampleScoresAsWorkedByHand() throws {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let response = try BundledRubrics.example(for: "digital-capacity")
        let assessment = try Scorer(rubric: rubric).score(response)

        // hr: hr.lead largely (2/3, w1.5) + hr.skills partial (1/3, w1) + hr.pm partial (1/3, w1)
        //     + hr.time none (0, w1) + hr.learn partial (1/3, w1) + hr.continuity partial (1/3, w1)
        //   = 100·(1 + 1/3 + 1/3 + 0 + 1/3 + 1/3)/(1.5 + 5) = 100·(7/3)/6.5 = 35.897 → developing [20, 50)
        let hr = try #require(assessment.dimension("hr")?.score)
        let hrScore = try #require(hr.value)
        #expect(abs(hrScore - 35.897) < 0.01)
        #expect(hr.level == "developing")

        // tech: tech.inventory largely (2/3, w1) + tech.support full (1, w1) + tech.network largely (2/3, w1)
        //       + tech.access largely (2/3, w1) + tech.protection largely (2/3, w1) + tech.standards partial (1/3, w1)
        //   = 100·(2/3 + 1 + 2/3 + 2/3 + 2/3 + 1/3)/6 = 100·4/6 = 66.667 → defined [50, 67): largely in place with
        //   one practice fully, not yet managed
        let tech = try #require(assessment.dimension("tech")?.score)
        let techScore = try #require(tech.value)
        #expect(abs(techScore - 66.667) < 0.01)
        #expect(tech.level == "defined")

        // fin: fin.plan full (1, w1) + fin.tco largely (2/3, w1.5) + fin.sustain partial (1/3, w2)
        //      + fin.grants "na" (excluded) + fin.track largely (2/3, w1)
        //   = 100·(1 + 1 + 2/3 + 2/3)/(1 + 1.5 + 2 + 1) = 100·(10/3)/5.5 = 60.606 → band defined [50, 67),
        //   but the defined gate fin.sustain at_least 2 fails (partial = 1), so the level is capped at developing.
        let fin = try #require(assessment.dimension("fin")?.score)
        let finScore = try #require(fin.value)
        #expect(abs(finScore - 60.606) < 0.01)
        #expect(fin.level == "developing")

        // risk: risk.project partial (1/3, w1.5) + risk.privacy largely (2/3, w1.5) + risk.incident "unknown" (0, w1)
        //       + risk.continuity partial (1/3, w1) + risk.oversight none (0, w1)
        //   = 100·(0.5 + 1 + 0 + 1/3 + 0)/6 = 100·(11/6)/6 = 30.556 → developing [20, 50)
        let risk = try #require(assessment.dimension("risk")?.score)
        let riskScore = try #require(risk.value)
        #expect(abs(riskScore - 30.556) < 0.01)
        #expect(risk.level == "developing")

        // org: org.strategy largely (2/3, w1) + org.sponsor largely (2/3, w1.5) + org.intake partial (1/3, w1)
        //      + org.policies largely (2/3, w1) + org.users unanswered (excluded)
        //   = 100·(2/3 + 1 + 1/3 + 2/3)/4.5 = 100·(8/3)/4.5 = 59.259 → defined [50, 67); org.sponsor largely passes its
        //   defined gate
        let org = try #require(assessment.dimension("org")?.score)
        let orgScore = try #require(org.value)
        #expect(abs(orgScore - 59.259) < 0.01)
        #expect(org.level == "defined")

        // proc: proc.needs partial (1/3, w1) + proc.review largely (2/3, w1); proc.recent yes routes and earns
        //       nothing, and since it is yes, proc.data partial (1/3, w1.5) + proc.lockin none (0, w1)
        //       + proc.exit none (0, w1) + proc.vendor partial (1/3, w1)
        //   = 100·(1/3 + 2/3 + 0.5 + 0 + 0 + 1/3)/6.5 = 100·(11/6)/6.5 = 28.205 → developing [20, 50)
        //   (1.0.0 counted the yes as 0.5 more points over 7: 33.333)
        let proc = try #require(assessment.dimension("proc")?.score)
        let procScore = try #require(proc.value)
        #expect(abs(procScore - 28.205) < 0.01)
        #expect(proc.level == "developing")

        // overall, dimension weights hr 1.5, tech 1, fin 1.5, risk 1, org 1, proc 1.5 (Σ 7.5):
        //   (1.5·35.897 + 66.667 + 1.5·60.606 + 30.556 + 59.259 + 1.5·28.205)/7.5
        //   = (53.846 + 66.667 + 90.909 + 30.556 + 59.259 + 42.308)/7.5 = 343.545/7.5 = 45.806 → developing [20, 50);
        //   the failing fin.sustain gate would cap it there too.
        let overall = try #require(assessment.overall.value)
        #expect(abs(overall - 45.806) < 0.01)
        #expect(assessment.overall.level == "developing")
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

        // 35 questions, all asked (project.context and the two parts of 1.0.0's tech.security among them): 32 answered,
        // 1 "na", 1 "unknown", 1 unanswered.
        #expect(assessment.completeness.askable == 35)
        #expect(assessment.completeness.answered == 32)
        #expect(assessment.completeness.notApplicable == 1)
        #expect(assessment.completeness.dontKnow == 1)
        #expect(assessment.completeness.unanswered == 1)
    }
}
