import Foundation
import Testing

/// At a question the organisation answered before the session, Enter keeps that answer: the facilitator confirms
/// it without typing it again, and the session file lists it in `confirmed`.
@Suite("Enter keeps an answer given before the session", .serialized)
struct KeepAnswerGivenBeforeTests {
    /// A digital-capacity session for Ville de Lac-Vert whose file holds answers given before the session to two of
    /// the questions meant for before it (hr.learn "partial", tech.inventory "largely"), not yet confirmed: what a
    /// questionnaire sent ahead writes, or a 1.0.0 session carried forward.
    static func sessionAnsweredBefore(in folder: String) throws -> String {
        let file = folder + "/lac-vert.session.json"
        let started = try CLIRunner.run(SessionScreenTests.start(file), input: "q\n")
        #expect(started.status == 0, "\(started.standardError)")
        var session = try SessionScreenTests.sessionJSON(file)
        var answers = session["answers"] as? [String: Any] ?? [:]
        answers["hr.learn"] = "partial"
        answers["tech.inventory"] = "largely"
        session["answers"] = answers
        try JSONSerialization.data(withJSONObject: session, options: [.sortedKeys]).write(
            to: URL(fileURLWithPath: file))
        return file
    }

    static func confirmed(_ file: String) throws -> [String] {
        try SessionScreenTests.sessionJSON(file)["confirmed"] as? [String] ?? []
    }

    static func valueChanges(_ file: String, _ id: String) throws -> Int {
        let audit = try SessionScreenTests.sessionJSON(file)["audit"] as? [[String: Any]] ?? []
        return audit.filter { $0["question"] as? String == id && $0["field"] as? String == "value" }.count
    }

    @Test(
        "Piped in: an empty line keeps hr.learn's earlier answer, c keeps tech.inventory's, and an empty line elsewhere answers nothing"
    )
    func scriptedInput() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try Self.sessionAnsweredBefore(in: folder)
        // hr.learn, then Enter; hr.continuity comes next and has no earlier answer, so Enter there does nothing;
        // then tech.inventory and c.
        let run = try CLIRunner.run(["session", "resume", file], input: "j hr.learn\n\n\nj tech.inventory\nc\nq\n")
        #expect(run.status == 0, "\(run.standardError)")
        let output = run.standardOutput
        #expect(output.contains("(answered before the session, to confirm or change: Partly in place)"))
        #expect(output.contains("  Enter or c keeps it · 1-4 answer · "))
        #expect(output.contains("saved · hr.learn: Partly in place"))
        #expect(output.contains("Enter alone does nothing here: type 1–4 to answer, or h for help"))
        #expect(output.contains("saved · tech.inventory: Largely in place"))
        #expect(try Self.confirmed(file) == ["hr.learn", "tech.inventory"])
        let answers = try #require(try SessionScreenTests.sessionJSON(file)["answers"] as? [String: Any])
        #expect(answers["hr.learn"] as? String == "partial")
        #expect(answers["tech.inventory"] as? String == "largely")
        #expect(answers["hr.continuity"] == nil)
        // Kept, not changed: the audit trail records no new value for either.
        #expect(try Self.valueChanges(file, "hr.learn") == 0)
        #expect(try Self.valueChanges(file, "tech.inventory") == 0)
    }

    @Test(
        "The legend says Enter keeps it in French and Spanish too",
        arguments: [
            ("fr", "Entrée ou c la garde", "répondue avant la séance, à confirmer ou à changer"),
            ("es", "Intro o c la mantiene", "respondida antes de la sesión, por confirmar o cambiar"),
        ])
    func legendInEveryLanguage(language: String, legend: String, label: String) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let started = try CLIRunner.run(SessionScreenTests.start(file, language: language), input: "q\n")
        #expect(started.status == 0, "\(started.standardError)")
        var session = try SessionScreenTests.sessionJSON(file)
        session["answers"] = ["hr.learn": "partial"]
        try JSONSerialization.data(withJSONObject: session).write(to: URL(fileURLWithPath: file))
        let run = try CLIRunner.run(["session", "resume", file], input: "j hr.learn\n\nq\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains(legend))
        #expect(run.standardOutput.contains(label))
        #expect(try Self.confirmed(file) == ["hr.learn"])
    }

    @Test("At an 80×16 terminal, Enter first turns the pages of the full text, then keeps the earlier answer")
    func screenPagesBeforeKeeping() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = try Self.sessionAnsweredBefore(in: folder)
        let terminal = try PseudoTerminal(["session", "resume", file], columns: 80, rows: 16)
        #expect(terminal.waitForScreen())
        #expect(terminal.enter("j tech.inventory"))
        #expect(terminal.screen.text.contains("[tech.inventory]"))
        #expect(terminal.screen.text.contains("Enter or c keeps it"), "\(terminal.screen.text)")
        // The full text of the question is longer than the region: Enter turns its pages and keeps nothing.
        #expect(terminal.enter("d"))
        var pages = 0
        while terminal.screen.text.contains("Enter: more") && pages < 20 {
            #expect(terminal.enter(""))
            #expect(terminal.screen.text.contains("[tech.inventory]"), "\(terminal.screen.text)")
            pages += 1
        }
        #expect(pages >= 1, "the full text fitted on one page:\n\(terminal.screen.text)")
        #expect(try Self.confirmed(file) == [])
        // The last page shown, Enter keeps the answer and moves on to tech.support.
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("saved · tech.inventory: Largely in place"), "\(terminal.screen.text)")
        #expect(terminal.screen.text.contains("[tech.support]"))
        #expect(try Self.confirmed(file) == ["tech.inventory"])
        // At a question asked in the session, Enter keeps nothing and the legend offers nothing to keep.
        #expect(!terminal.screen.text.contains("keeps it"))
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("Enter alone does nothing here"))
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        #expect(try Self.confirmed(file) == ["tech.inventory"])
        #expect(try Self.valueChanges(file, "tech.inventory") == 0)
    }
}
