import AssayCore
import AssayRubrics
import AssaySession
import Testing

/// Questions the organisation answered before the session come back to the facilitator with their answer, to
/// confirm or change; unanswered ones are asked like any other.
@Suite struct BeforeSessionTests {
    @Test func anAnswerGivenBeforeIsPutToTheFacilitatorToConfirm() throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        #expect(scorer.index.question("hr.learn")?.question.asked == .before)
        var session = SessionFixtures.session(rubric: scorer.index.rubric)
        // Every question answered in the session already, and hr.learn in the self-assessment.
        for entry in scorer.index.questions {
            switch entry.question.format {
            case .text: session.answers[entry.question.id] = Answer(.text("The permit portal"))
            case .yesNo: session.answers[entry.question.id] = Answer(.flag(true))
            default: session.answers[entry.question.id] = Answer(.text("largely"))
            }
        }
        session.confirmed = scorer.index.questions.map(\.question.id).filter {
            $0 != "hr.learn" && scorer.index.question($0)?.question.asked == .before
        }
        var engine = SessionEngine(session: session, scorer: scorer, now: SessionFixtures.start)
        #expect(engine.currentQuestion?.question.id == "hr.learn")
        #expect(!engine.isFinished)
        // Typing the same answer confirms it; nothing is left.
        try engine.answer(.text("largely"), now: SessionFixtures.at(minutes: 1))
        #expect(engine.session.confirmed.contains("hr.learn"))
        #expect(engine.isFinished)
    }

    @Test func theScreenSaysTheAnswerCameFromBeforeTheSession() throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        var session = SessionFixtures.session(rubric: scorer.index.rubric)
        session.answers["tech.inventory"] = Answer(.text("partial"))
        var engine = SessionEngine(session: session, scorer: scorer, now: SessionFixtures.start)
        try engine.jump(to: "tech.inventory")
        var console = SessionConsole(engine: engine, path: "s.json")
        console.now = { SessionFixtures.at(minutes: 1) }
        console.save = { _, _ throws(SessionSaveError) in }
        var lines = ["q"][...]
        var output = ""
        _ = console.run(readLine: { lines.popFirst() }, write: { output += $0 })
        #expect(output.contains("(answered before the session, to confirm or change: Partly in place)"))
    }
}
