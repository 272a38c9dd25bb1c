import Foundation
import Testing

@Suite("assay score and assay rubric")
struct ScoreCommandTests {
    static let example = "Rubrics/examples/digital-capacity.example.json"

    @Test func scoresTheBundledExampleAsTheReadmeShows() throws {
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", Self.example])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardError.isEmpty)
        try expectMatchesGolden(result.standardOutput, "score-digital-capacity.txt")
    }

    @Test func writesMarkdownInFrench() throws {
        let result = try CLIRunner.run([
            "score", "--rubric", "digital-capacity", Self.example, "--format", "markdown", "--lang", "fr",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        try expectMatchesGolden(result.standardOutput, "score-digital-capacity.fr.md")
    }

    @Test func writesJSONThatCarriesTheRubricAndTheScores() throws {
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", Self.example, "--format", "json"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("\"id\": \"digital-capacity\""))
        #expect(result.standardOutput.contains("\"next_steps\": ["))
        // The overall score worked by hand in DigitalCapacityExampleTests: 45.806.
        #expect(result.standardOutput.contains("\"score\": 45.80"))
    }

    @Test func warnsWhenTheRubricIsNotTranslatedIntoTheLanguageAsked() throws {
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", Self.example, "--lang", "de"])
        #expect(result.status == 0)
        #expect(
            result.standardError
                == "warning: digital-capacity is not translated into \"de\"; its texts fall back to en\n")
        #expect(result.standardOutput.hasPrefix("Digital capacity 2.0.0"))
    }

    @Test func printsTheRubricsWarningsAndStillScores() throws {
        let result = try CLIRunner.run([
            "score", "--rubric", "Tests/AssayJSONTests/Fixtures/valid/warnings-only.json",
            "Tests/AssayJSONTests/Fixtures/valid/small-response.json",
        ])
        #expect(result.status == 0)
        #expect(result.standardError.contains("warning: unknown key \"wieght\""))
    }

    @Test func aNegativeNumberOfStepsIsAUsageError() throws {
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", Self.example, "--steps=-1"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--steps must be 0 or more"))
    }

    @Test func theSameReportIsTheSameBytesEveryTime() throws {
        let arguments = ["score", "--rubric", "digital-capacity", Self.example, "--format", "json"]
        let first = try CLIRunner.run(arguments).standardOutput
        for _ in 0..<3 { #expect(try CLIRunner.run(arguments).standardOutput == first) }
        // Attributes in sorted order.
        let population = try #require(first.range(of: "\"population\""))
        let region = try #require(first.range(of: "\"region\""))
        #expect(population.lowerBound < region.lowerBound)
    }

    @Test func readsTheResponseFromStandardInput() throws {
        let response = """
            {"rubric": "digital-capacity", "answers": {"hr.lead": "full", "fin.sustain": "none"}}
            """
        let result = try CLIRunner.run(
            ["score", "--rubric", "digital-capacity", "-", "--format", "json"], input: response)
        #expect(result.status == 0, "\(result.standardError)")
        // hr: hr.lead full → 1, the only hr answer → 100; fin: fin.sustain none → 0.
        #expect(result.standardOutput.contains("\"score\": 100"))
    }

    /// Runs `assay arguments` through `/bin/sh` with `redirection` applied (`<&-`, `> /dev/full`): whether it exited
    /// (rather than being stopped by a signal), its status, and what it wrote to standard error.
    static func runRedirected(_ arguments: String, _ redirection: String) throws -> (
        exited: Bool, status: Int32, standardError: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = [
            "-c", "exec \"$0\" \(arguments) \(redirection)",
            CLIRunner.productsFolder.appendingPathComponent("assay").path,
        ]
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        process.environment = CLIRunner.environment
        let error = Pipe()
        process.standardError = error
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: error.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationReason == .exit, process.terminationStatus, message)
    }

    @Test func aClosedStandardInputIsAnErrorNotACrash() throws {
        // `assay score … - <&-`, as a script run with its input closed does: a message and status 1, where
        // Foundation's non-throwing read used to stop the process (SIGILL).
        let result = try Self.runRedirected("score --rubric digital-capacity -", "<&-")
        #expect(result.exited)
        #expect(result.status == 1)
        #expect(result.standardError.contains("<stdin>: error: the file cannot be read"), "\(result.standardError)")
    }

    @Test(arguments: ["0", "-5", "1", "26"])
    func helpAtANarrowWidthIsShownNotACrash(columns: String) throws {
        // ArgumentParser stops the process below 27 columns; assay gives it at least 40, which the terminal wraps.
        for arguments in [["--help"], ["score", "--help"], ["session"]] {
            let result = try CLIRunner.run(arguments, environment: ["COLUMNS": columns])
            #expect(result.status == 0, "COLUMNS=\(columns) \(arguments): \(result.standardError)")
            #expect(result.standardOutput.contains("USAGE: assay"), "COLUMNS=\(columns) \(arguments)")
        }
    }

    @Test func helpOnATerminalTwentyColumnsWideIsShownNotACrash() throws {
        let terminal = try PseudoTerminal(["score", "--help"], columns: 20, rows: 24)
        #expect(terminal.wait() == "exited 0")
        #expect(terminal.transcript.contains("USAGE: assay score"))
    }

    @Test func aSessionResumedWithItsInputClosedKeepsItsAnswers() throws {
        // With standard input closed, the session's lock file used to be opened as standard input and read as
        // keystrokes: `pid: …` replaced the answer to the question the session stopped at (`b` goes back to
        // project.context, a text question), with status 0.
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/closed.session.json"
        let started = try CLIRunner.run(
            ["session", "start", "--rubric", "digital-capacity", "--org", "X", "--facilitator", "F", "--file", file],
            input: "Our context text\nb\nq\n")
        #expect(started.status == 0, "\(started.standardError)")
        let resumed = try Self.runRedirected("session resume \(file)", "<&-")
        #expect(resumed.exited && resumed.status == 0, "\(resumed.standardError)")
        let saved = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
        let answers = try #require(saved["answers"] as? [String: Any])
        #expect(answers["project.context"] as? String == "Our context text")
    }

    @Test(arguments: [
        "score --rubric digital-capacity Rubrics/examples/digital-capacity.example.json", "rubric list",
        "rubric show digital-capacity",
    ])
    func aResultThatCannotBeWrittenIsAnErrorNotACrash(command: String) throws {
        // A report sent to a full disk, or to a closed standard output: an error and status 1. `score` used to be
        // stopped by Foundation's non-throwing write (SIGILL), `rubric` to exit 0 with nothing written.
        var redirections = [(">&-", "Bad file descriptor")]
        if FileManager.default.fileExists(atPath: "/dev/full") {
            redirections.append(("> /dev/full", "No space left on device"))
        } else {
            print("skipped: > /dev/full, since this system has no /dev/full (a device that is always full)")
        }
        for (redirection, reason) in redirections {
            let result = try Self.runRedirected(command, redirection)
            #expect(result.exited, "\(redirection)")
            #expect(result.status == 1, "\(redirection)")
            #expect(
                result.standardError.contains("error: cannot write to standard output: \(reason)"),
                "\(redirection): \(result.standardError)")
        }
        // A closed standard error has nowhere to tell of a mistake: the status alone does.
        let quiet = try Self.runRedirected("score --rubric nope answers.json", "2>&-")
        #expect(quiet.exited && quiet.status == 1)
    }

    @Test func aBadAnswerFailsWithItsLineAndColumn() throws {
        let response = "{\n  \"rubric\": \"digital-capacity\",\n  \"answers\": {\"hr.lead\": \"mostly\"}\n}\n"
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacity", "-"], input: response)
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.hasPrefix("<stdin>:3:26: error: \"mostly\" is not an option of this question"))
        #expect(result.standardError.contains("(at answers[\"hr.lead\"])"))
    }

    @Test func anUnknownRubricIdNamesTheBundledOnes() throws {
        let result = try CLIRunner.run(["score", "--rubric", "digital-capacitee", Self.example])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains(
                "no bundled rubric \"digital-capacitee\"; the bundled rubrics are data-governance, digital-capacity"))
    }

    @Test func validatePassesTheBundledRubricsAndFailsABrokenOne() throws {
        let good = try CLIRunner.run([
            "rubric", "validate", "--strict", "Rubrics/digital-capacity.json", "Rubrics/data-governance.json",
        ])
        #expect(good.status == 0, "\(good.standardError)")
        #expect(
            good.standardOutput.contains("Rubrics/digital-capacity.json: ok (digital-capacity 2.0.0, 35 questions)"))
        let bad = try CLIRunner.run(["rubric", "validate", "Tests/AssayJSONTests/Fixtures/invalid/band-gap.json"])
        #expect(bad.status == 1)
        #expect(
            bad.standardError.hasPrefix(
                "Tests/AssayJSONTests/Fixtures/invalid/band-gap.json:85:20: error: a gap between bands"))
    }

    @Test func listShowsEveryBundledRubric() throws {
        let result = try CLIRunner.run(["rubric", "list"])
        #expect(result.status == 0)
        for id in [
            "data-governance", "digital-capacity", "digital-service-framework", "engagement-readiness",
            "stakeholder-engagement",
        ] {
            #expect(result.standardOutput.contains("\n\(id) "), "missing \(id)")
        }
    }

    @Test func showReadsInFrench() throws {
        let result = try CLIRunner.run(["rubric", "show", "data-governance", "--lang", "fr"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("Gouvernance des données"))
    }

    @Test func aMistakeInACommandIsToldAsTheWholeToolsAndAGoodOneRunsAsBefore() throws {
        // `assay score …` is parsed as a command of its own first, so ArgumentParser does not walk every command;
        // a mistake must still be told as `assay score`, with ArgumentParser's usage and exit status (64).
        let missing = try CLIRunner.run(["score", "--rubric", "digital-capacity"])
        #expect(missing.status == 64)
        #expect(missing.standardError.contains("Missing expected argument '<answers>'"))
        #expect(missing.standardError.contains("Usage: assay score --rubric <rubric> <answers>"))
        // A command's own check (validate()) is a mistake too.
        let steps = try CLIRunner.run([
            "score", "--rubric", "digital-capacity", "--steps", "-1", "Rubrics/examples/digital-capacity.example.json",
        ])
        #expect(steps.status == 64)
        #expect(steps.standardError.contains("--steps must be 0 or more"))
        #expect(steps.standardError.contains("assay score --help"))
        // A command group's subcommand, and an error the command reports itself (exit 1, no usage).
        let list = try CLIRunner.run(["rubric", "list"])
        #expect(list.status == 0 && list.standardOutput.contains("digital-capacity"))
        let unknown = try CLIRunner.run(["score", "--rubric", "nope", "answers.json"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("no bundled rubric \"nope\""))
        #expect(!unknown.standardError.contains("Usage:"))
        // Help asked for in a way the quick parse lets through, and a group's own help, name `assay`.
        let help = try CLIRunner.run(["score", "-help"])
        #expect(help.standardOutput.contains("USAGE: assay score --rubric"))
        let group = try CLIRunner.run(["rubric"])
        #expect(group.standardOutput.contains("USAGE: assay rubric <subcommand>"))
        let byMissing = try CLIRunner.run([
            "aggregate", "--rubric", "digital-capacity", "--by", "region", "--epsilon", "-1", "--out", "/tmp/x.json",
            "Rubrics/examples/digital-capacity.responses.ndjson",
        ])
        #expect(byMissing.status != 0)
        #expect(!byMissing.standardError.contains("'aggregate --help'"))
    }

    @Test func aCompletionScriptIsTheWholeToolsWhereverItIsAskedFor() throws {
        // `main()` parses a command on its own only when no completion request is on the line: from either place,
        // the request reaches the whole tool, whose script names every command as a user types it.
        for arguments in [
            ["--generate-completion-script", "bash"], ["score", "--generate-completion-script", "bash"],
        ] {
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(arguments)")
            #expect(result.standardOutput.hasPrefix("#!/bin/bash"), "\(arguments)")
            for name in ["score", "session", "start", "resume", "rubric", "validate", "ledger", "verify", "reconcile"] {
                #expect(result.standardOutput.contains(" \(name)"), "\(arguments): no \(name)")
            }
        }
    }

    @Test(arguments: [
        "score", "rubric list", "rubric show", "rubric validate", "session start", "session resume", "report",
        "aggregate", "compare",
    ])
    func everyVerbsHelpShowsAnExampleThatSurvivesPasting(verb: String) throws {
        let result = try CLIRunner.run(verb.split(separator: " ").map(String.init) + ["--help"])
        #expect(result.status == 0)
        let help = result.standardOutput.components(separatedBy: "USAGE:")[0]
        #expect(help.contains("  assay \(verb)"), "no example of \(verb)")
        // A line longer than the 80 columns help is wrapped to would split an example in two when pasted.
        for line in help.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
    }
}
