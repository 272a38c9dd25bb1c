import AssayCore
import AssaySession
import Foundation
import Testing

@Suite("Session engine")
struct SessionEngineTests {
    private func engine(plannedMinutes: Int = 90) throws -> SessionEngine {
        let scorer = try SessionFixtures.scorer()
        return SessionEngine(
            session: SessionFixtures.session(rubric: scorer.index.rubric, plannedMinutes: plannedMinutes),
            scorer: scorer,
            now: SessionFixtures.start
        )
    }

    private func currentID(_ engine: SessionEngine) -> String? { engine.currentQuestion?.question.id }

    @Test("Conditions are decided again after each answer, and a changed answer keeps later answers")
    func conditionsAreReevaluated() throws {
        var engine = try engine()
        // pub.portal waits for pub.plan ≥ partial: before pub.plan has an answer it may still be asked, so the
        // total counts it (8), and an answer can only take the total down, never push it up.
        #expect(engine.progress.total == 8)
        try engine.answer(.flag(true))
        try engine.answer(.text("none"))
        // "none" is value 0 < 1: pub.portal is not asked, so the licensing question comes next.
        #expect(currentID(engine) == "lic.open")
        #expect(engine.progress.total == 7)

        try engine.back()
        #expect(currentID(engine) == "pub.plan")
        try engine.answer(.text("largely"))
        #expect(currentID(engine) == "pub.portal")
        #expect(engine.progress.total == 8)
        #expect(engine.progress.number == 3)
        try engine.answer(.text("portal"))

        // Taking pub.plan back to "none" hides pub.portal but keeps its answer for when it is asked again.
        try engine.jump(to: "pub.plan")
        try engine.answer(.text("none"))
        #expect(engine.progress.total == 7)
        #expect(engine.session.answers["pub.portal"]?.value == .text("portal"))
        #expect(engine.runningScore?.questions.first { $0.questionID == "pub.portal" }?.status == .notAsked)
        try engine.jump(to: "pub.plan")
        try engine.answer(.text("full"))
        #expect(engine.progress.total == 8)
        #expect(engine.runningScore?.questions.first { $0.questionID == "pub.portal" }?.status == .answered)
        // pub.portal already has its answer, so the session moves on to the first question still open.
        #expect(currentID(engine) == "lic.open")
    }

    @Test("Back, jump and skip move as a facilitator expects")
    func navigation() throws {
        var engine = try engine()
        #expect(throws: SessionInputError(.atFirstQuestion)) { try engine.back() }
        try engine.jump(to: "governance")
        #expect(currentID(engine) == "gov.policy")
        #expect(engine.progress.dimensionTitle == "Governance")
        #expect(throws: SessionInputError(.unknownTarget("gov.nope"))) { try engine.jump(to: "gov.nope") }
        #expect(throws: SessionInputError(.notAsked("pub.portal"))) { try engine.jump(to: "pub.portal") }

        // Skipping gov.policy moves on; it comes back only when everything else has an answer.
        try engine.skip()
        #expect(currentID(engine) == "gov.channels")
        #expect(engine.session.skipped == ["gov.policy"])
        try engine.answer(.choices(["email"]))
        try engine.answer(.flag(false))
        try engine.answer(.text("CSV basics"))
        // Past the end, the session wraps to the first open question that was not skipped.
        #expect(currentID(engine) == "pub.owner")
        try engine.answer(.flag(true))
        try engine.answer(.text("none"))
        try engine.answer(.number(40))
        #expect(currentID(engine) == "gov.policy")
        try engine.answer(.notApplicable)
        #expect(engine.isFinished)
        #expect(engine.session.skipped.isEmpty)
        // Once finished, back goes to the last question asked.
        try engine.back()
        #expect(currentID(engine) == "sk.needs")
    }

    @Test("Typed input reads as the question's answer")
    func interpretation() throws {
        var engine = try engine()
        #expect(try engine.interpret("2") == .flag(true))
        #expect(try engine.interpret("oui") == .flag(true))
        #expect(try engine.interpret("no") == .flag(false))
        #expect(throws: SessionInputError(.notAnOption("maybe", expected: ["no", "yes"]))) {
            try engine.interpret("maybe")
        }
        #expect(throws: SessionInputError(.notApplicableNotAllowed)) { try engine.answer(.notApplicable) }
        try engine.answer(.flag(true))
        #expect(try engine.interpret("3") == .text("largely"))
        #expect(try engine.interpret("Largely") == .text("largely"))
        #expect(throws: SessionInputError(.notAnOption("5", expected: ["none", "partial", "largely", "full"]))) {
            try engine.interpret("5")
        }
        try engine.answer(.dontKnow)
        #expect(currentID(engine) == "lic.open")
        #expect(try engine.interpret("60,5") == .number(60.5))
        #expect(throws: SessionInputError(.notANumber("lots"))) { try engine.interpret("lots") }
        try engine.jump(to: "gov.channels")
        #expect(try engine.interpret("1, 3") == .choices(["email", "none"]))
        #expect(try engine.interpret("form email") == .choices(["form", "email"]))
    }

    @Test("The audit trail records every change with who and when; stamps say who answered what last")
    func auditTrail() throws {
        var engine = try engine()
        try engine.answer(.flag(false), now: SessionFixtures.at(minutes: 1))
        try engine.jump(to: "pub.owner", now: SessionFixtures.at(minutes: 2))
        // The same answer again is not a change.
        try engine.answer(.flag(false), now: SessionFixtures.at(minutes: 2))
        try engine.jump(to: "pub.owner", now: SessionFixtures.at(minutes: 3))
        try engine.setNote("Clerk unsure", now: SessionFixtures.at(minutes: 3))
        try engine.addEvidence("council-2024-117.pdf", now: SessionFixtures.at(minutes: 3))
        try engine.answer(.flag(true), now: SessionFixtures.at(minutes: 4))

        let audit = engine.session.audit
        #expect(audit.map(\.field) == [.value, .note, .evidence, .value])
        #expect(
            audit[0]
                == AuditEntry(
                    question: "pub.owner", field: .value, old: nil, new: .flag(false), at: "2026-11-21T14:01:00Z",
                    by: "Marie"))
        #expect(audit[3].old == .flag(false))
        #expect(audit[3].new == .flag(true))
        #expect(audit[3].at == "2026-11-21T14:04:00Z")
        #expect(engine.session.stamps["pub.owner"] == AnswerStamp(by: "Marie", at: "2026-11-21T14:04:00Z"))
        #expect(
            engine.session.answers["pub.owner"]
                == Answer(.flag(true), note: "Clerk unsure", evidence: ["council-2024-117.pdf"]))
    }

    @Test("The pace warning comes on when the questions left will not fit in the time left")
    func paceWarning() throws {
        var engine = try engine(plannedMinutes: 10)
        // Two answers are not yet a pace.
        try engine.answer(.flag(true), now: SessionFixtures.at(minutes: 2))
        try engine.answer(.text("none"), now: SessionFixtures.at(minutes: 4))
        #expect(engine.pace(now: SessionFixtures.at(minutes: 4)).remainingNeeded == nil)
        try engine.answer(.number(70), now: SessionFixtures.at(minutes: 6))
        let pace = engine.pace(now: SessionFixtures.at(minutes: 6))
        // 6 min for 3 answers is 2 min each; 7 asked − 3 answered = 4 left need 8 min; 6 + 8 = 14 > 10 planned.
        #expect(pace.elapsed == 360)
        #expect(pace.remainingNeeded == 480)
        #expect(pace.isBehind)

        var relaxed = try self.engine(plannedMinutes: 90)
        for value: AnswerValue in [.flag(true), .text("none"), .number(70)] {
            try relaxed.answer(value, now: SessionFixtures.at(minutes: 6))
        }
        // 6 + 8 = 14 ≤ 90.
        #expect(!relaxed.pace(now: SessionFixtures.at(minutes: 6)).isBehind)
    }

    @Test("Elapsed time adds up over sittings, and the time between them does not count")
    func elapsedOverSittings() throws {
        var engine = try engine()
        try engine.answer(.flag(true), now: SessionFixtures.at(minutes: 20))
        let saved = engine.session
        #expect(saved.elapsedSeconds == 1200)
        // Resumed the next day: 20 minutes from the first sitting, 5 from this one.
        let nextDay = SessionFixtures.at(minutes: 24 * 60)
        let resumed = SessionEngine(session: saved, scorer: try SessionFixtures.scorer(), now: nextDay)
        #expect(resumed.pace(now: nextDay.addingTimeInterval(300)).elapsed == 1500)
        #expect(resumed.currentQuestion?.question.id == "pub.plan")
    }

    @Test("Resuming with a newer rubric says what changed and keeps every answer whose question still exists")
    func versionMigration() throws {
        let old = try SessionFixtures.scorer()
        var engine = SessionEngine(
            session: SessionFixtures.session(rubric: old.index.rubric), scorer: old, now: SessionFixtures.start)
        try engine.answer(.flag(true))
        try engine.answer(.text("largely"))
        try engine.setNote("List kept by the clerk")
        try engine.answer(.text("website"))
        try engine.answer(.number(60))
        try engine.answer(.text("full"))
        // A note belongs to the question on screen, so it is typed before the answer moves the session on.
        try engine.setNote("Form launched in May")
        try engine.answer(.choices(["email", "form"]))

        // 1.1.0 drops lic.open, adds pub.api and lic.name, and drops the "form" option of gov.channels.
        let new = try SessionFixtures.scorer(version: "1.1.0")
        let resumed = SessionEngine(session: engine.session, scorer: new, now: SessionFixtures.at(minutes: 60))
        let change = try #require(resumed.rubricChange)
        #expect(change.fromVersion == "1.0.0")
        #expect(change.toVersion == "1.1.0")
        #expect(change.added == ["pub.api", "lic.name"])
        #expect(change.removed == ["lic.open"])
        #expect(change.droppedAnswers == ["lic.open"])
        #expect(change.invalidatedAnswers.map(\.question) == ["gov.channels"])

        let answers = resumed.session.answers
        #expect(answers["pub.owner"]?.value == .flag(true))
        #expect(answers["pub.plan"] == Answer(.text("largely")))
        #expect(answers["pub.portal"] == Answer(.text("website"), note: "List kept by the clerk"))
        #expect(answers["gov.policy"]?.value == .text("full"))
        #expect(answers["lic.open"] == nil)
        // The value no longer fits, so it is asked again; the note stays.
        #expect(answers["gov.channels"] == Answer(nil, note: "Form launched in May"))
        #expect(resumed.session.rubricVersion == "1.1.0")
        // The dropped answer stays in the audit trail.
        #expect(resumed.session.audit.contains { $0.question == "lic.open" && $0.old == .number(60) && $0.new == nil })
        // The session carries on where it stopped; the new questions come when the session wraps around.
        #expect(resumed.currentQuestion?.question.id == "sk.training")

        // The same rubric again: nothing to say.
        #expect(SessionEngine(session: engine.session, scorer: old).rubricChange == nil)
    }
}
