import AssayCore
import AssayJSON
import AssayRubrics
import AssaySession
import Foundation
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

/// A session started from a self-assessment (`--from`) meets the questions meant for before the session: the
/// self-reported answer is what was answered before, so confirming it with `c` is its confirmation.
@Suite struct SelfAssessmentBeforeQuestionTests {
    static func engine(now: Date = SessionFixtures.start) throws -> SessionEngine {
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity"))
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(
                "Rubrics/examples/digital-capacity.self-assessment.json"
            ).path
        let own = try AssayFile.loadResponse(path, against: scorer.index).response
        var session = SessionFixtures.session(rubric: scorer.index.rubric)
        session.selfAssessment = SelfAssessment(by: "Self-assessment", source: path, answers: own.answers)
        return SessionEngine(session: session, scorer: scorer, now: now)
    }

    @Test func confirmingTheSelfReportedAnswerConfirmsABeforeQuestion() throws {
        var engine = try Self.engine()
        // Self-reported answers are not the session's: hr.learn has none yet, so it is asked, not waiting.
        let position = try #require(engine.index.position(ofQuestion: "hr.learn"))
        #expect(!engine.awaitsConfirmation(position))
        try engine.jump(to: "hr.learn")
        #expect(engine.selfReported?.value == .text("partial"))
        try engine.confirmSelfReported(now: SessionFixtures.at(minutes: 1))
        #expect(engine.session.answers["hr.learn"]?.value == .text("partial"))
        #expect(engine.session.confirmed == ["hr.learn"])
        #expect(!engine.awaitsConfirmation(position))
        // A question of the session itself is answered, not confirmed: confirmed lists before-questions only.
        try engine.jump(to: "hr.lead")
        try engine.confirmSelfReported(now: SessionFixtures.at(minutes: 2))
        #expect(engine.session.answers["hr.lead"]?.value == .text("largely"))
        #expect(engine.session.confirmed == ["hr.learn"])
    }

    @Test func theSelfReportedBeforeQuestionsAreNotProjectedAsAsked() throws {
        var engine = try Self.engine()
        // As in EstimatedPaceTests: project.context (3 min), hr.lead (3) and hr.skills (2.5), 8.5 estimated minutes,
        // answered in 17, twice the estimate.
        try engine.confirmSelfReported(now: SessionFixtures.at(minutes: 6))
        try engine.confirmSelfReported(now: SessionFixtures.at(minutes: 12))
        try engine.answer(.text("partial"), now: SessionFixtures.at(minutes: 17))
        let pace = engine.pace(now: SessionFixtures.at(minutes: 17))
        // Without a self-assessment 82 estimated minutes are left; the self-assessment answers all nine questions
        // meant for before the session (22.5 minutes; fin.grants "na" is an answer), which are confirmed, not asked:
        // 82 − 22.5 = 59.5 minutes, at twice the estimate 119, and 17 + 119 = 136 > 90, still behind.
        #expect(pace.remainingNeeded.map { ($0 / 60).rounded() } == 119)
        #expect(pace.isBehind)
    }

    @Test func aConfirmedAnswerIsNoLongerShownAsWaitingForConfirmation() throws {
        var engine = try Self.engine()
        try engine.jump(to: "tech.inventory")
        try engine.confirmSelfReported(now: SessionFixtures.at(minutes: 1))
        try engine.back(now: SessionFixtures.at(minutes: 1))
        #expect(engine.currentQuestion?.question.id == "tech.inventory")
        var console = SessionConsole(engine: engine, path: "s.json")
        console.now = { SessionFixtures.at(minutes: 2) }
        console.save = { _, _ throws(SessionSaveError) in }
        var lines = ["q"][...]
        var output = ""
        _ = console.run(readLine: { lines.popFirst() }, write: { output += $0 })
        #expect(output.contains("(answer: Largely in place)"))
        #expect(!output.contains("answered before the session"))
        #expect(output.contains("Self-assessment said: Largely in place — c confirms"))
    }
}
