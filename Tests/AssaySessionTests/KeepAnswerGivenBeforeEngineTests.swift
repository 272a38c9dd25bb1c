import AssayCore
import AssayJSON
import AssayRubrics
import AssaySession
import Foundation
import Testing

/// What Enter keeps: an answer given before the session, to a question meant for before it, and nothing else.
@Suite struct KeepAnswerGivenBeforeEngineTests {
    @Test func enterKeepsTheSelfReportedAnswerOfABeforeQuestionButNotOfASessionQuestion() throws {
        var engine = try SelfAssessmentBeforeQuestionTests.engine()
        // hr.lead is asked in the session: its self-reported answer ("largely") is confirmed with c, never by Enter.
        try engine.jump(to: "hr.lead")
        #expect(engine.selfReported?.value == .text("largely"))
        #expect(engine.answerGivenBefore == nil)
        var console = SessionConsole(engine: engine, path: "s.json")
        console.now = { SessionFixtures.at(minutes: 1) }
        console.save = { _, _ throws(SessionSaveError) in }
        var lines = ["", "j hr.learn", "", "q"][...]
        var output = ""
        _ = console.run(readLine: { lines.popFirst() }, write: { output += $0 })
        #expect(output.contains("Enter alone does nothing here"))
        #expect(console.engine.session.answers["hr.lead"] == nil)
        // hr.learn is meant for before the session: the self-assessment's "partial" is kept by Enter, and c would do
        // the same, so the legend offers both.
        #expect(output.contains("Enter or c keeps it · 1-4 answer"))
        #expect(output.contains("saved · hr.learn: Partly in place"))
        #expect(console.engine.session.answers["hr.learn"]?.value == .text("partial"))
        #expect(console.engine.session.confirmed == ["hr.learn"])
    }

    @Test func anAnswerAlreadyConfirmedIsNotKeptAgain() throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        var session = SessionFixtures.session(rubric: scorer.index.rubric)
        session.answers["tech.inventory"] = Answer(.text("partial"))
        var engine = SessionEngine(session: session, scorer: scorer, now: SessionFixtures.start)
        try engine.jump(to: "tech.inventory")
        #expect(engine.answerGivenBefore == .text("partial"))
        try engine.keepAnswerGivenBefore(now: SessionFixtures.at(minutes: 1))
        #expect(engine.session.confirmed == ["tech.inventory"])
        #expect(engine.currentQuestion?.question.id == "tech.support")
        // Back at it, the answer is the session's own: Enter has nothing left to keep.
        try engine.back(now: SessionFixtures.at(minutes: 1))
        #expect(engine.answerGivenBefore == nil)
        #expect(throws: SessionInputError.self) {
            try engine.keepAnswerGivenBefore(now: SessionFixtures.at(minutes: 2))
        }
        #expect(engine.session.audit.filter { $0.question == "tech.inventory" }.isEmpty)
    }
}
