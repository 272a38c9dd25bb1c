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

        let first = try SessionTerminalDriver.run(
            Self.start(file),
            in: folder,
            typing: ["2", "n Clerk keeps the list", "3", "e open-data-list.xlsx", "website", "60"],
            finish: .kill,
            pending: "na"
        )
        #expect(first.status == "signaled 9", "\(first.transcript)")
        // What the facilitator saw: the question, the options, the legend, and "saved" after each answer.
        #expect(first.transcript.contains("── 2 of 7 · Publishing ──"))
        #expect(first.transcript.contains("  3  largely  Largely in place — A list of datasets to publish exists."))
        #expect(first.transcript.components(separatedBy: "  saved").count - 1 == 6)
        // The kill came while "na" was half-typed at the governance question.
        #expect(
            first.transcript.hasSuffix(
                "── 5 of 8 · Governance ──  0 of 90 min\nHas council adopted an open data policy?  [gov.policy]\n  1  none     Not in place\n  2  partial  Partly in place\n  3  largely  Largely in place\n  4  full     Fully in place\n  1-4 answer · na not applicable · ? don't know · n note · e evidence · b back · j <id> jump · s skip · h help · r score · q save & quit\n> na"
            ))
        // The kill leaves only the session file: no half-written file, no stray temporary file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["lac-vert.session.json"])

        let resumed = try SessionTerminalDriver.run(
            ["session", "resume", file, "--rubric", Self.rubric], in: folder, typing: ["q"], finish: .exit)
        #expect(resumed.status == "exited 0", "\(resumed.transcript)")
        // It carries on at the question the kill interrupted.
        #expect(resumed.transcript.contains("── 5 of 8 · Governance ──"))
        #expect(resumed.transcript.contains("Saved to \(file)."))

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

    @Test("Ctrl-C at the prompt saves, says so, and exits with 130")
    func controlCSaves() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let run = try SessionTerminalDriver.run(Self.start(file), in: folder, typing: ["yes", "?"], finish: .interrupt)
        #expect(run.status == "exited 130", "\(run.transcript)")
        #expect(run.transcript.contains("Saved to \(file)."))
        let report = try CLIRunner.run(["report", file, "--rubric", Self.rubric, "--format", "markdown"])
        #expect(report.standardOutput.contains("| **pub.owner** Is a named person accountable for open data? | Yes |"))
        #expect(report.standardOutput.contains("| **pub.plan** Is publication planned? | don't know |"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["lac-vert.session.json"])
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
        #expect(run.standardOutput.contains("── 1 sur 7 · Publication ──"))
        #expect(run.standardOutput.contains("Toutes les questions posées ont une réponse (8 sur 8)."))
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
}
