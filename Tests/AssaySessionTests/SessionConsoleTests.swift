import AssayCore
import AssaySession
import Foundation
import Testing

@Suite("Session loop")
struct SessionConsoleTests {
    /// Runs the loop on `lines`, saving into `saves` (or failing while `failing` says so), and returns what it
    /// showed and how it ended.
    private func run(
        _ lines: [String],
        language: String? = nil,
        plannedMinutes: Int = 90,
        failing: @escaping (Int) -> Bool = { _ in false }
    ) throws -> (output: String, ending: SessionConsole.Ending, saved: [SessionFile], console: SessionConsole) {
        let scorer = try SessionFixtures.scorer()
        let engine = SessionEngine(
            session: SessionFixtures.session(
                rubric: scorer.index.rubric, language: language, plannedMinutes: plannedMinutes),
            scorer: scorer,
            now: SessionFixtures.start
        )
        var console = SessionConsole(engine: engine, path: "lac-vert.session.json")
        console.now = { SessionFixtures.at(minutes: 12) }
        nonisolated(unsafe) var saved: [SessionFile] = []
        nonisolated(unsafe) var attempts = 0
        console.save = { session, path throws(SessionSaveError) in
            attempts += 1
            if failing(attempts) { throw SessionSaveError(.write, path: path, reason: "No space left on device") }
            saved.append(session)
        }
        var remaining = lines[...]
        var output = ""
        let ending = console.run(readLine: { remaining.popFirst() }, write: { output += $0 })
        return (output, ending, saved, console)
    }

    @Test("Shows progress, the prompt, options with descriptors and the key legend")
    func screen() throws {
        let result = try run(["yes", "q"])
        #expect(result.output.contains("── 1 of 8 · Publishing ──  12 min spent · 78 min left"))
        #expect(result.output.contains("Is publication planned?  [pub.plan]"))
        #expect(result.output.contains("  3  largely  Largely in place — A list of datasets to publish exists."))
        #expect(
            result.output.contains(
                "1-4 answer · ? don't know · n note · e evidence · b back · j <id> jump · s skip · h help · r score · q save & quit"
            )
        )
        #expect(result.ending == .saved)
        #expect(result.output.contains("Saved to lac-vert.session.json."))
    }

    @Test("Every answer is saved the moment it is given")
    func savesEachAnswer() throws {
        let result = try run(["2", "n List kept by the clerk", "3", "e open-data-list.xlsx"])
        // One save at the start, one per change (answer, note, answer, evidence), one at the end of input.
        #expect(result.saved.count == 6)
        #expect(result.saved[1].answers["pub.owner"]?.value == .flag(true))
        #expect(result.saved[2].answers["pub.plan"]?.note == "List kept by the clerk")
        #expect(result.saved[3].answers["pub.plan"]?.value == .text("largely"))
        #expect(result.saved[4].answers["pub.portal"]?.evidence == ["open-data-list.xlsx"])
        // Each "saved" names the question the change went to.
        #expect(result.output.contains("  saved · pub.owner: Yes\n"))
        #expect(result.output.contains("  saved · pub.plan: note\n"))
        #expect(result.output.contains("  saved · pub.plan: Largely in place\n"))
        #expect(result.output.contains("  saved · pub.portal: evidence\n"))
        #expect(result.ending == .saved)
    }

    @Test("A failed save is reported, the session keeps going, and the next save catches up")
    func failedSaveKeepsRunning() throws {
        // Saves 2 and 3 (the first two answers) fail: the disk is full for a moment.
        let result = try run(["yes", "largely", "website", "q"], failing: { $0 == 2 || $0 == 3 })
        #expect(
            result.output.contains(
                "error: lac-vert.session.json: cannot save the session (write): No space left on device"))
        #expect(result.output.contains("the answers are kept in memory"))
        // The third answer's save carries all three.
        let last = try #require(result.saved.last)
        #expect(last.answers["pub.owner"]?.value == .flag(true))
        #expect(last.answers["pub.plan"]?.value == .text("largely"))
        #expect(last.answers["pub.portal"]?.value == .text("website"))
        #expect(result.ending == .saved)
    }

    @Test("q with a failing save does not quit until asked twice")
    func quitWhileSavesFail() throws {
        let result = try run(["yes", "q", "q"], failing: { $0 > 1 })
        #expect(result.output.contains("nothing was quit: press q again to quit without saving"))
        guard case .unsaved = result.ending else {
            Issue.record("expected an unsaved ending, got \(result.ending)")
            return
        }
        #expect(result.console.engine.session.answers["pub.owner"]?.value == .flag(true))
    }

    @Test("Mistakes are explained and change nothing")
    func mistakes() throws {
        let result = try run(["na", "maybe", "j nowhere", "n", "yes", "7"])
        #expect(result.output.contains("this question cannot be not applicable"))
        #expect(result.output.contains("\"maybe\" is not an answer to this question; type 1 / 2, yes / no"))
        #expect(result.output.contains("\"nowhere\" is neither a question nor a dimension"))
        #expect(result.output.contains("type the text after n, such as: n …"))
        #expect(
            result.output.contains(
                "\"7\" is not an answer to this question; type 1–4 or one of: none, partial, largely, full"))
        #expect(result.console.engine.session.answers.keys.sorted() == ["pub.owner"])
    }

    @Test("Help, the running score, and the end of the questions")
    func helpScoreAndEnd() throws {
        let result = try run(["j gov.policy", "h", "full", "r", "1,2", "2", "Courses", "yes", "none", "40"])
        #expect(result.output.contains("  A resolution number is the best evidence."))
        // gov.policy "full" is 3/3 = 1 point: governance scores 100, and it is the only dimension with a score.
        // Overall stays Developing: Established is gated on pub.owner being yes, and it has no answer yet.
        #expect(result.output.contains("  Score so far: 100 / 100 · Developing"))
        #expect(result.output.contains("    Governance: 100 / 100 · Established"))
        #expect(
            result.output.contains(
                "Every question asked has an answer: 7 of 7 questions answered. Type b, j <id>, r, or q."))
    }

    @Test("The session speaks the session's language")
    func french() throws {
        let result = try run(["oui", "q"], language: "fr")
        #expect(result.output.contains("── 2 sur 8 · Publication ──  12 min écoulées · reste 78 min"))
        #expect(result.output.contains("La publication est-elle planifiée?  [pub.plan]"))
        #expect(result.output.contains("n note · e preuve · b retour"))
        #expect(result.output.contains("Enregistré dans lac-vert.session.json."))
    }

    @Test("In French the options are the rubric's French labels, typed as they read, and colons take their space")
    func frenchOptionKeys() throws {
        let result = try run(["oui", "n Liste tenue par le greffe", "LARGEMENT en place", "q"], language: "fr")
        // No English ids in the list; the label answers, whatever its case and accents.
        #expect(result.output.contains("  3  Largement en place — "))
        #expect(!result.output.contains("  3  largely"))
        #expect(result.output.contains("  enregistré · pub.plan\u{00A0}: note\n"))
        #expect(result.output.contains("  enregistré · pub.plan\u{00A0}: Largement en place\n"))
        // An error lists what can be typed, in French, with an "ou".
        let failed = try run(["oui", "peut-être", "q"], language: "fr")
        #expect(
            failed.output.contains(
                "«\u{00A0}peut-être\u{00A0}» n'est pas une réponse à cette question\u{00A0}; tapez 1–4 ou l'un de\u{00A0}: Absente, Partielle, Largement en place, Pleinement en place"
            ))
        #expect(result.console.engine.session.answers["pub.plan"]?.value == .text("largely"))
    }

    @Test("With 48 seconds left the heading says 1 min left, not 0; past the plan it says how far over")
    func minutesLeftRoundUp() throws {
        let scorer = try SessionFixtures.scorer()
        for (minutes, heading) in [
            (12.2, "── 1 of 8 · Publishing ──  12 min spent · 1 min left"),
            (13.5, "── 1 of 8 · Publishing ──  13 min spent · 1 min over"),
        ] {
            let engine = SessionEngine(
                session: SessionFixtures.session(rubric: scorer.index.rubric, plannedMinutes: 13), scorer: scorer,
                now: SessionFixtures.start)
            var console = SessionConsole(engine: engine, path: "lac-vert.session.json")
            console.now = { SessionFixtures.at(minutes: minutes) }
            console.save = { _, _ throws(SessionSaveError) in }
            var output = ""
            _ = console.run(readLine: { nil }, write: { output += $0 })
            #expect(output.contains(heading + "\n"), "\(output)")
        }
    }

    @Test("The Spanish console says everything in Spanish, the rubric's own text falling back where it has none")
    func spanish() throws {
        let result = try run(["", "sí", "x", "q"], language: "es")
        #expect(result.output.contains("── 2 de 8 · Publishing ──  12 min transcurridos · quedan 78 min"))
        #expect(
            result.output.contains(
                "Intro sola no hace nada aquí: escriba 1 / 2, sí / no para responder, o h para ayuda"))
        #expect(result.output.contains("  guardado · pub.owner: Sí\n"))
        #expect(result.output.contains("no es una respuesta a esta pregunta; escriba 1–4 o uno de: none, partial"))
        #expect(result.output.contains("n nota · e evidencia · b atrás"))
        #expect(result.output.contains("Para continuar más tarde: assay session resume lac-vert.session.json"))
    }

    @Test("A warning shows when the pace will not finish in time")
    func paceWarning() throws {
        // The clock reads 12 minutes throughout. After 3 answers the pace is 12 / 3 = 4 minutes a question; the
        // 4 questions left need 16 more, and 12 + 16 = 28 > 20 planned, with 20 − 12 = 8 minutes left.
        let result = try run(["yes", "none", "60"], plannedMinutes: 20)
        #expect(
            result.output.contains("warning: at this pace the 4 questions left need about 16 min, and 8 min remain"))
        // After 2 answers there is no pace yet, so no warning before the third.
        #expect(result.output.components(separatedBy: "warning: at this pace").count - 1 == 1)
    }

    @Test("Resuming with a newer rubric says what changed before the first question")
    func migrationIsAnnounced() throws {
        let old = try SessionFixtures.scorer()
        var engine = SessionEngine(
            session: SessionFixtures.session(rubric: old.index.rubric), scorer: old, now: SessionFixtures.start)
        try engine.answer(.flag(true))
        try engine.answer(.text("largely"))
        try engine.answer(.text("website"))
        try engine.answer(.number(60))
        let resumed = SessionEngine(session: engine.session, scorer: try SessionFixtures.scorer(version: "1.1.0"))
        var console = SessionConsole(engine: resumed, path: "lac-vert.session.json")
        console.save = { _, _ throws(SessionSaveError) in }
        var output = ""
        _ = console.run(readLine: { nil }, write: { output += $0 })
        #expect(
            output.contains(
                "The rubric changed from 1.0.0 to 1.1.0 since this session was saved:\n  new questions: pub.api, lic.name\n  questions removed: lic.open\n  answers dropped: lic.open\n"
            ))
    }
}
