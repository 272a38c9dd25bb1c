import Foundation
import Testing

/// Where `--out` and `--ledger` may point: never at a file the command reads, and into a pipe or device as a
/// shell's `>` would write, never replacing it with a regular file.
@Suite("Output targets")
struct OutputTargetTests {
    static let example = "Rubrics/examples/digital-capacity.example.json"

    @Test func anOutputNamingAnInputIsRefusedAndTheInputKept() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let response = folder + "/answers.json"
        let original = try Data(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(Self.example))
        try original.write(to: URL(fileURLWithPath: response))
        // Through another spelling of the same path, too: the check is by file, not by string.
        for out in [response, folder + "/./answers.json"] {
            let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", response, "--out", out])
            #expect(result.status == 1)
            #expect(
                result.standardError.contains("error: --out \(out) is the file \(response) that this command reads"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: response)) == original)

        // A session file is the facilitator's answers: a report over it would lose them.
        let session = folder + "/x.session.json"
        let started = try CLIRunner.run(
            [
                "session", "start", "--rubric", "digital-capacity", "--org", "X", "--facilitator", "F", "--file",
                session,
            ],
            input: "Our context text\nq\n")
        #expect(started.status == 0, "\(started.standardError)")
        let answers = try Data(contentsOf: URL(fileURLWithPath: session))
        let report = try CLIRunner.run(["report", session, "--out", session])
        #expect(report.status == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: session)) == answers)
    }

    @Test func aSummaryIsNeverWrittenOverTheLedgerOrTheResponseSet() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let set = folder + "/set.ndjson"
        try Data(
            contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(
                "Rubrics/examples/digital-capacity.responses.ndjson")
        ).write(to: URL(fileURLWithPath: set))
        // --out and --ledger the same new file; --out the default ledger beside the set; --out the set itself.
        for (extra, named) in [
            (["--out", folder + "/s.json", "--ledger", folder + "/s.json"], folder + "/s.json"),
            (["--out", folder + "/set.ledger.sqlite"], folder + "/set.ledger.sqlite"),
            (["--out", set], set),
        ] {
            let result = try CLIRunner.run(
                ["aggregate", set, "--rubric", "digital-capacity", "--by", "region"] + extra)
            #expect(result.status == 1, "\(extra)")
            #expect(result.standardError.contains("is the file"), "\(extra): \(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: named) || named == set, "\(extra)")
        }
        // Nothing was recorded or written: only the set is there.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["set.ndjson"])
    }

    @Test func aSessionFileThatCouldNeverBeSavedIsRefusedBeforeTheFirstQuestion() throws {
        // `--file ''` used to take every answer, fail every save and end with "could not be saved to " (no name).
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling", withDestinationPath: "/nonexistent/x")
        for (file, message) in [
            ("", "--file names no file"), (folder + "/", "--file names no file"),
            ("/nonexistent/x.session.json", "the folder /nonexistent does not exist"),
            (folder + "/dangling", "the folder /nonexistent does not exist"),
        ] {
            let result = try CLIRunner.run(
                ["session", "start", "--rubric", "digital-capacity", "--org", "X", "--file", file],
                input: "Our context\n")
            #expect(result.status == 64, "\(file)")
            #expect(result.standardError.contains(message), "\(file): \(result.standardError)")
        }
        let reconcile = try CLIRunner.run(["reconcile", "--out", "", "a.json", "b.json"])
        #expect(reconcile.status == 64 && reconcile.standardError.contains("--out names no file"))
    }

    @Test func aNamedPipeAsTheOutputReceivesTheReportAndStaysAPipe() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipe = folder + "/report.pipe"
        try #require(mkfifo(pipe, 0o600) == 0)
        let received = Thread.detachNewThreadWithResult { () -> Data in
            FileHandle(forReadingAtPath: pipe)?.readDataToEndOfFile() ?? Data()
        }
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", Self.example, "--out", pipe])
        #expect(result.status == 0, "\(result.standardError)")
        // Had the command not written into the pipe, the reader would wait for a writer for ever: be one, which
        // ends its read (with nothing, so the test fails rather than hangs).
        let unblock = open(pipe, O_WRONLY | O_NONBLOCK)
        if unblock >= 0 { close(unblock) }
        let text = String(decoding: received.wait(), as: UTF8.self)
        #expect(text.hasPrefix("Digital capacity 2.0.0 — Ville de Rivière-aux-Hérons"))
        // Renaming a temporary file over it used to leave a regular file in its place.
        var info = stat()
        #expect(stat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
}

/// What a folder the command reads may hold: files only.
@Suite("Pipes in folders")
struct FolderEntryTests {
    @Test func aPipeInAFolderOfResponsesIsAnErrorNotAWait() throws {
        // A named pipe called b.json: opening it waits for a writer, so `aggregate` over the folder hung.
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(OutputTargetTests.example))
            .write(to: URL(fileURLWithPath: folder + "/a.json"))
        try #require(mkfifo(folder + "/b.json", 0o600) == 0)
        let result = try CLIRunner.run([
            "aggregate", folder, "--rubric", "digital-capacity", "--by", "region", "--out", folder + "/../summary.json",
            "--no-ledger",
        ])
        #expect(result.status == 1)
        #expect(result.standardError.contains("b.json: error: this is not a regular file"), "\(result.standardError)")
    }

    @Test func aPipeAmongTheRubricsIsNotListed() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("Rubrics/digital-capacity.json"))
            .write(to: URL(fileURLWithPath: folder + "/digital-capacity.json"))
        try #require(mkfifo(folder + "/waiting.json", 0o600) == 0)
        let result = try CLIRunner.run(["rubric", "list"], environment: ["ASSAY_RUBRICS": folder])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("digital-capacity"))
        #expect(!result.standardOutput.contains("waiting"))
    }
}
