import AssayCore
import AssayReport
import AssayRubrics
import Testing

/// The 90-minute design: the facilitated core of every bundled rubric fits 75 minutes (15 are left for the opening
/// and the close), the rest is answered before the session, and routing questions do not score.
@Suite struct SessionDesignTests {
    /// Sums of `minutes`, worked from the rubric files: scale questions 2.5 min, 3 when weighted 1.5 or more or
    /// critical; a part of an item split into several questions 2, or 2.5 when critical; yes/no, single-choice and
    /// routing questions 1.5; text questions 3.
    @Test(arguments: [
        // digital-capacity: in session project.context 3 + hr 3 + 3·2.5, tech 3·2.5, fin 3 + 3, risk 3 + 3 + 3·2.5,
        // org 3 + 3·2.5, proc 2·2.5 + 1.5 + 3 + 3·2.5: 13.5 + 7.5 + 6 + 13.5 + 10.5 + 17 = 68 over 26 questions;
        // before: hr.learn, hr.continuity, tech.inventory, tech.network, tech.standards, fin.plan, fin.grants,
        // fin.track, org.policies, 9·2.5 = 22.5.
        ("digital-capacity", 68.0, 26, 22.5, 9),
        // data-governance: in session 8·3 + 17·2.5 + 1·1.5 = 24 + 42.5 + 1.5 = 68 over 26; before 12·2.5 + 1.5 = 31.5
        // over 13.
        ("data-governance", 68.0, 26, 31.5, 13),
        // stakeholder-engagement: 5·3 + 20·2.5 + 1.5 (stk.6) = 66.5 over 26; before 7·2.5 = 17.5 over 7.
        ("stakeholder-engagement", 66.5, 26, 17.5, 7),
        // engagement-readiness: 13·3 + 11·2.5 = 39 + 27.5 = 66.5 over 24; before 3·1.5 + 3 + 3·2.5 = 15 over 7.
        ("engagement-readiness", 66.5, 24, 15.0, 7),
        // digital-service-framework: the 14 items asked as one question at 2.5 (35), TM.4's three parts and DA.3's two
        // critical parts (responsible, breach) at 2.5 (12.5), the ten other parts of split items at 2 (SD.2, SD.3 and
        // DA.1 two each, DA.2 three, DA.3.assessment: 20) = 67.5 over 29 questions, all in session.
        ("digital-service-framework", 67.5, 29, 0.0, 0),
    ])
    func facilitatedCoreFitsSeventyFiveMinutes(
        id: String, session: Double, sessionQuestions: Int, before: Double, beforeQuestions: Int
    ) throws {
        let index = try RubricIndex(try BundledRubrics.rubric(id: id))
        let budget = TimeBudget(index)
        #expect(budget.unestimated == 0)
        #expect(budget.sessionMinutes <= 75)
        #expect(budget.sessionMinutes == session)
        #expect(budget.sessionQuestions == sessionQuestions)
        #expect(budget.beforeMinutes == before)
        #expect(budget.beforeQuestions == beforeQuestions)
        // `assay rubric show` prints it.
        let shown = RubricRenderer().text(index)
        #expect(
            shown.contains(
                "Time: facilitated core up to \(session.formatted()) min (\(sessionQuestions) questions); before the session \(before.formatted()) min (\(beforeQuestions) questions)"
            ))
    }

    /// A municipality that bought nothing no longer scores higher in procurement than one that bought with the same
    /// practices: proc.recent only decides whether the contract questions are asked.
    @Test func routingQuestionsDoNotScore() throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        #expect(scorer.index.question("proc.recent")?.question.isScored == false)
        let common: [String: Answer] = [
            "proc.needs": Answer(.text("largely")), "proc.review": Answer(.text("largely")),
        ]
        var none = common
        none["proc.recent"] = Answer(.flag(false))
        var bought = common
        bought["proc.recent"] = Answer(.flag(true))
        for id in ["proc.data", "proc.lockin", "proc.exit", "proc.vendor"] { bought[id] = Answer(.text("largely")) }
        func proc(_ answers: [String: Answer]) throws -> Double? {
            try scorer.score(AssessmentResponse(rubric: "digital-capacity", answers: answers)).dimension("proc")?.score
                .value
        }
        // Both are 2/3 on every question that counts: 66.667. In 1.0.0 a "yes" added 0.5·1 and a "no" added 0.5·0,
        // so the same "largely" answers scored (2·2/3 + 0)/2.5 = 53.3 without purchases and 69.2 with them.
        #expect(abs(try #require(try proc(none)) - 66.667) < 0.001)
        #expect(abs(try #require(try proc(bought)) - 66.667) < 0.001)
        let stakeholder = try RubricIndex(try BundledRubrics.rubric(id: "stakeholder-engagement"))
        #expect(stakeholder.question("stk.6")?.question.isScored == false)
    }
}
