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

/// The pace warning projects the questions left by their estimated minutes.
@Suite struct EstimatedPaceTests {
    @Test func theQuestionsLeftAreProjectedByTheirMinutes() throws {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        var engine = SessionEngine(
            session: SessionFixtures.session(rubric: scorer.index.rubric), scorer: scorer, now: SessionFixtures.start)
        // project.context (3 min), hr.lead (3) and hr.skills (2.5): 8.5 estimated minutes, answered in 17, twice the
        // estimate.
        try engine.answer(.text("The permit portal"), now: SessionFixtures.at(minutes: 6))
        try engine.answer(.text("largely"), now: SessionFixtures.at(minutes: 12))
        try engine.answer(.text("partial"), now: SessionFixtures.at(minutes: 17))
        let pace = engine.pace(now: SessionFixtures.at(minutes: 17))
        // Left: every other question, 68 + 22.5 − 8.5 = 82 estimated minutes (the ones meant for before the session
        // count while unanswered: they will be asked here), at twice the estimate: 164 minutes.
        #expect(pace.remainingNeeded.map { ($0 / 60).rounded() } == 164)
        #expect(pace.isBehind)
        // Per question, as before the estimates, it would have been 17/3 · 32 = 181.3 minutes.
    }
}
