import Foundation
import Testing

@Suite("assay session and assay report", .serialized)
struct SessionCLITests {
    /// The fixture rubric of the session tests: 4 dimensions, 8 questions, `pub.portal` asked when `pub.plan` ≥ 1.
    static var rubric: String {
        CLIRunner.repositoryRoot.appendingPathComponent("Tests/AssaySessionTests/Golden/session-rubric.json").path
    }

    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "assay-session-cli-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func start(_ file: String) -> [String] {
        [
            "session", "start", "--rubric", rubric, "--org", "Ville de Lac-Vert", "--attr", "region=QC",
            "--attr", "population=10k-50k", "--facilitator", "Marie", "--file", file,
        ]
    }

    @Test("A full session typed at a terminal survives SIGKILL: resuming finds every answer given before the kill")
    func killedSessionKeepsEveryAnswer() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"

        let first = try PseudoTerminal(Self.start(file))
        #expect(first.waitForScreen())
        #expect(first.screen.lines[0].hasPrefix("── 1 of 8 · Publishing ──"))
        for line in ["2", "n Clerk keeps the list", "3", "e open-data-list.xlsx", "website", "60"] {
            #expect(first.enter(line), "\(first.screen.text)")
        }
        // What the facilitator saw: "saved" after each answer, and now the governance question.
        #expect(first.transcript.components(separatedBy: "saved · ").count - 1 == 6)
        #expect(first.screen.lines[0].hasPrefix("── 5 of 8 · Governance ──"))
        #expect(first.screen.lines[1] == "Has council adopted an open data policy? [gov.policy]")
        #expect(first.screen.lines[2] == "  1  none     Not in place")
        // The kill comes while "na" is half-typed at the governance question.
        first.type("na")
        #expect(first.waitFor { _, screen in screen.lines.last == "> na" })
        #expect(first.kill() == "signaled 9")
        // The kill leaves the session file and its lock file, which nothing holds any more: no half-written file,
        // no stray temporary file.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == [
                "lac-vert.session.json", "lac-vert.session.json.lock",
            ])

        let resumed = try PseudoTerminal(["session", "resume", file, "--rubric", Self.rubric])
        #expect(resumed.waitForScreen())
        // It carries on at the question the kill interrupted.
        #expect(resumed.screen.lines[0].hasPrefix("── 5 of 8 · Governance ──"))
        resumed.type("q\r")
        #expect(resumed.wait() == "exited 0")
        #expect(resumed.transcript.contains("Saved to \(file)."))
        #expect(resumed.transcript.contains("Carry on later with: assay session resume \(file)"))
        // A session that ends as it should removes its lock file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["lac-vert.session.json"])

        let report = try CLIRunner.run(["report", file, "--rubric", Self.rubric, "--format", "markdown"])
        #expect(report.status == 0, "\(report.standardError)")
        let answers = report.standardOutput
        #expect(answers.contains("| **pub.owner** Is a named person accountable for open data? | Yes |  |  |"))
        #expect(
            answers.contains("| **pub.plan** Is publication planned? | Largely in place | Clerk keeps the list |  |"))
        #expect(
            answers.contains(
                "| **pub.portal** Where are datasets published? | On the website |  | open-data-list.xlsx |"))
        #expect(answers.contains("| **lic.open** What share of published datasets carry an open licence? | 60 |  |  |"))
        #expect(answers.contains("| **gov.policy** Has council adopted an open data policy? | not answered |  |  |"))
    }

    @Test("Resume opens the question the session was on, even one revisited with b that has an answer")
    func resumesAtTheRevisitedQuestion() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let run = try CLIRunner.run(Self.start(file), input: "yes\nlargely\nwebsite\nb\nb\nq\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("Carry on later with: assay session resume \(file)"))
        let resumed = try CLIRunner.run(["session", "resume", file, "--rubric", Self.rubric], input: "q\n")
        #expect(resumed.status == 0, "\(resumed.standardError)")
        // Two back from pub.portal's successor is pub.plan, answered "largely": shown with its answer.
        #expect(resumed.standardOutput.contains("── 2 of 8 · Publishing ──"))
        #expect(resumed.standardOutput.contains("Is publication planned?  [pub.plan]"))
        #expect(resumed.standardOutput.contains("(answer: Largely in place)"))
    }

    @Test("A note of 3 MB on one piped line is saved whole (its line is read in one pass, not searched again per read)")
    func megabyteNoteFromAPipe() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        // 27 × 111,112 = 3,000,024 bytes; the note is kept trimmed, so without its last space: 3,000,023.
        let note = String(repeating: "budget, staff and vendors; ", count: 111_112)
        let run = try CLIRunner.run(Self.start(file), input: "n \(note)\nq\n")
        #expect(run.status == 0, "\(run.standardError)")
        let saved = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let answers = try #require(saved["answers"] as? [String: Any])
        // On the first question, whichever it is in this rubric; the note is its only content.
        let notes = answers.values.compactMap { ($0 as? [String: Any])?["note"] as? String }
        #expect(notes.map(\.utf8.count) == [3_000_023])
    }

    @Test("An empty line says what to type, and the end of input prints the resume command")
    func emptyLineAndEndOfInput() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let run = try CLIRunner.run(Self.start(file), input: "\nyes\n")
        #expect(run.status == 0, "\(run.standardError)")
        #expect(
            run.standardOutput.contains("Enter alone does nothing here: type 1 / 2, yes / no to answer, or h for help"))
        #expect(
            run.standardOutput.hasSuffix(
                "Saved to \(file).\nCarry on later with: assay session resume \(file) --rubric \(Self.rubric)\n"))
    }

    @Test("Answers piped in run a whole session without a terminal, and the reports follow")
    func pipedSession() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let input =
            ["yes", "largely", "website", "60", "na", "1", "no", "Publishing CSV files"].joined(separator: "\n") + "\n"
        let run = try CLIRunner.run(Self.start(file) + ["--lang", "fr"], input: input)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("── 1 sur 8 · Publication ──"))
        #expect(
            run.standardOutput.contains(
                "Toutes les questions posées ont une réponse\u{00A0}: 7 questions sur 8 répondues, 1 sans objet."))
        // Not a terminal and NO_COLOR set: no escape sequences.
        #expect(!run.standardOutput.contains("\u{1B}["))

        let again = try CLIRunner.run(Self.start(file))
        #expect(again.status == 1)
        #expect(again.standardError.contains("already exists; continue it with: assay session resume"))

        let html = folder + "/lac-vert.html"
        let report = try CLIRunner.run(["report", file, "--rubric", Self.rubric, "--format", "html", "--out", html])
        #expect(report.status == 0, "\(report.standardError)")
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"fr\">"))
        #expect(page.contains("<svg"))
        #expect(page.contains("<p class=\"big\">"))

        let json = try CLIRunner.run(["report", file, "--rubric", Self.rubric, "--format", "json"])
        #expect(json.standardOutput.contains("\"organisation\": \"Ville de Lac-Vert\""))
        #expect(json.standardOutput.contains("\"language\": \"fr\""))
    }

    /// The README's scripted session: its answers, one line per key press, exactly as the README lists them.
    static var readmeAnswers: [String] {
        get throws {
            let readme = try String(
                contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
            let start = try #require(readme.range(of: "--file lac-vert.session.json > /dev/null <<'ANSWERS'\n"))
            let end = try #require(readme.range(of: "\nANSWERS\n", range: start.upperBound..<readme.endIndex))
            return readme[start.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
        }
    }

    @Test("The README's scripted session gives the same completeness in Markdown, HTML and JSON")
    func sameCompletenessEverywhere() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let start = [
            "session", "start", "--rubric", "digital-capacity", "--org", "Ville de Lac-Vert", "--attr", "region=QC",
            "--attr", "population=10k-50k", "--attr", "type=municipality", "--facilitator", "Marie Tremblay",
            "--file", file,
        ]
        let run = try CLIRunner.run(start, input: try Self.readmeAnswers.joined(separator: "\n") + "\n")
        #expect(run.status == 0, "\(run.standardError)")
        // 35 asked: 32 with a value (project.context's text among them), 1 not applicable (na), 1 don't know (?),
        // and the one skipped (s) never came back before q.
        let line = "32 of 35 questions answered, 1 not applicable, 1 don't know, 1 unanswered"
        let markdown = try CLIRunner.run(["report", file, "--format", "markdown"]).standardOutput
        #expect(markdown.contains("Completeness: \(line)\n"))
        let html = folder + "/lac-vert.html"
        _ = try CLIRunner.run(["report", file, "--format", "html", "--out", html])
        #expect(
            try String(contentsOfFile: html, encoding: .utf8).contains(
                "Completeness: \(line.replacing("'", with: "&#39;"))</p>"))
        let json = try CLIRunner.run(["report", file, "--format", "json"]).standardOutput
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let completeness = try #require(report["completeness"] as? [String: Any])
        #expect(completeness["askable"] as? Int == 35)
        #expect(completeness["answered"] as? Int == 32)
        #expect(completeness["not_applicable"] as? Int == 1)
        #expect(completeness["dont_know"] as? Int == 1)
        #expect(completeness["unanswered"] as? Int == 1)
        // The README's figure for this session.
        #expect(markdown.contains("45.8 / 100"))
    }
}
