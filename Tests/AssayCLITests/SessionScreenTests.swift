import Foundation
import Testing

/// The session screen in a real 80×24 pseudo-terminal, as a facilitator works in it.
@Suite("assay session on an 80×24 terminal", .serialized)
struct SessionScreenTests {
    /// One question of the bundled digital-capacity rubric, read from its JSON, in one language.
    struct RubricQuestion {
        var id: String
        var prompt: String
        var isYesNo: Bool
        /// The option labels in asking order; none for the text question (project.context).
        var labels: [String]
        /// Every word the question's own text has (prompt, option ids, labels, descriptors).
        var words: Set<String>
    }

    static func questions(language: String) throws -> [RubricQuestion] {
        let url = CLIRunner.repositoryRoot.appendingPathComponent("Rubrics/digital-capacity.json")
        let rubric = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let scales = try #require(rubric["scales"] as? [[String: Any]])
        let practice = try #require(scales.first?["options"] as? [[String: Any]])
        func text(_ value: Any?) -> String {
            let map = value as? [String: String] ?? [:]
            return map[language] ?? map["en"] ?? ""
        }
        var questions: [RubricQuestion] = []
        for dimension in try #require(rubric["dimensions"] as? [[String: Any]]) {
            for question in try #require(dimension["questions"] as? [[String: Any]]) {
                let id = try #require(question["id"] as? String)
                let answer = try #require(question["answer"] as? [String: Any])
                let isYesNo = answer["type"] as? String == "yes_no"
                let isText = answer["type"] as? String == "text"
                let descriptors = question["descriptors"] as? [String: Any] ?? [:]
                let optionIDs =
                    isText ? [] : isYesNo ? ["no", "yes"] : practice.compactMap { $0["id"] as? String }
                let labels =
                    isText
                    ? []
                    : isYesNo
                        ? (language == "fr" ? ["Non", "Oui"] : ["No", "Yes"]) : practice.map { text($0["label"]) }
                var all = [text(question["prompt"]), "[\(id)]", "—"] + optionIDs + labels
                all += optionIDs.map { text(descriptors[$0]) }
                let words = Set(all.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) })
                questions.append(
                    RubricQuestion(
                        id: id, prompt: text(question["prompt"]), isYesNo: isYesNo, labels: labels, words: words))
            }
        }
        return questions
    }

    static func start(_ file: String, language: String? = nil) -> [String] {
        [
            "session", "start", "--rubric", "digital-capacity", "--org", "Ville de Lac-Vert", "--attr", "region=QC",
            "--facilitator", "Marie Tremblay", "--file", file,
        ] + (language.map { ["--lang", $0] } ?? [])
    }

    static func sessionJSON(_ file: String) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])
    }

    static func answer(_ file: String, _ id: String) throws -> [String: Any]? {
        (try sessionJSON(file)["answers"] as? [String: Any])?[id] as? [String: Any]
    }

    /// Checks one screen as a facilitator would look at it; returns the question it shows.
    static func check(
        _ screen: TerminalScreen, _ questions: [String: RubricQuestion], legend: [String], quit: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> RubricQuestion? {
        let lines = screen.lines
        let text = lines.joined(separator: "\n")
        // Nothing ran past the last column: the terminal never broke a line, in a word or elsewhere.
        #expect(!screen.hasWrapped, "a line ran past 80 columns:\n\(text)", sourceLocation: sourceLocation)
        guard let match = text.firstMatch(of: /\[([a-z]+\.[a-z]+)\]/), let question = questions[String(match.1)]
        else {
            Issue.record("no question on the screen:\n\(text)", sourceLocation: sourceLocation)
            return nil
        }
        // The heading, then the prompt from its first word.
        #expect(lines[0].hasPrefix("── "), "\(text)", sourceLocation: sourceLocation)
        let firstWords = question.prompt.split(separator: " ").prefix(4).joined(separator: " ")
        #expect(lines[1].hasPrefix(firstWords), "first line of the prompt:\n\(text)", sourceLocation: sourceLocation)
        // Every option, with its number and label, one row each.
        for (number, label) in question.labels.enumerated() {
            #expect(
                lines.contains { $0.hasPrefix("  \(number + 1)  ") && $0.contains(label) },
                "option \(number + 1) \(label):\n\(text)", sourceLocation: sourceLocation)
        }
        // The key legend, whole.
        for key in legend + [quit] {
            #expect(text.contains(key), "legend key \(key):\n\(text)", sourceLocation: sourceLocation)
        }
        #expect(lines.last?.hasPrefix(">") == true, "\(text)", sourceLocation: sourceLocation)
        // No word broken: every word of the question's rows is one of its own words, whole (a shortened line ends
        // in "…" after a whole word).
        let lastOption = lines.lastIndex { $0.hasPrefix("  \(question.labels.count)  ") } ?? 1
        let questionRows = lines[1...lastOption]
        for row in questionRows {
            for word in row.split(separator: " ") {
                let whole = word.hasSuffix("…") ? String(word.dropLast()) : String(word)
                if whole.isEmpty || Int(whole) != nil { continue }
                #expect(
                    question.words.contains(whole), "\"\(word)\" is not a whole word of \(question.id):\n\(text)",
                    sourceLocation: sourceLocation)
            }
        }
        return question
    }

    @Test(
        "A whole bundled rubric answered at 80×24: every screen shows the question's first line, its options and the legend, and breaks no word",
        arguments: ["en", "fr"])
    func wholeRubricFits(language: String) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let questions = try Self.questions(language: language)
        let byID = Dictionary(uniqueKeysWithValues: questions.map { ($0.id, $0) })
        let legend =
            language == "fr"
            ? ["? ne sait pas", "n note", "b retour", "h aide"] : ["? don't know", "n note", "b back", "h help"]
        let quit = language == "fr" ? "q enregistrer et quitter" : "q save & quit"

        let terminal = try PseudoTerminal(Self.start(file, language: language == "fr" ? "fr" : nil))
        #expect(terminal.waitForScreen())
        var seen: [String] = []
        var answered = 0
        while !terminal.screen.text.contains(language == "fr" ? "Toutes les questions posées" : "Every question asked")
        {
            guard let question = Self.check(terminal.screen, byID, legend: legend, quit: quit) else { break }
            if seen.isEmpty { try Self.capture(terminal.screen, as: "first-question.\(language)") }
            seen.append(question.id)
            if question.id == "tech.inventory" {
                // A resize redraws the screen at the new size, and back at 80×24 it fits again.
                #expect(terminal.resize(columns: 100, rows: 30))
                // Drawn again for the wider window: the prompt now runs past 80 columns, and the screen is 30 rows.
                #expect(terminal.screen.lines[1].count > 80, "\(terminal.screen.text)")
                #expect(terminal.screen.lines.last?.hasPrefix(">") == true)
                #expect(terminal.resize(columns: 80, rows: 24))
                _ = Self.check(terminal.screen, byID, legend: legend, quit: quit)
                // Help and the running score show in the region below; the question stays in view.
                #expect(terminal.enter("h"))
                _ = Self.check(terminal.screen, byID, legend: legend, quit: quit)
                #expect(terminal.enter("r"))
                _ = Self.check(terminal.screen, byID, legend: legend, quit: quit)
                try Self.capture(terminal.screen, as: "score.\(language)")
                #expect(terminal.screen.text.contains(language == "fr" ? "Score à ce stade" : "Score so far"))
            }
            #expect(seen.count <= questions.count, "the session never ended")
            if seen.count > questions.count { break }
            answered += 1
            #expect(terminal.enter(question.isYesNo ? "yes" : String(answered % 4 + 1)), "\(terminal.screen.text)")
        }
        // Every question of the rubric was asked, in order (proc.recent is yes, so the procurement ones too).
        #expect(seen == questions.map(\.id))
        let before = terminal.output.count
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        let farewell = String(decoding: terminal.output[before...], as: UTF8.self)
        #expect(farewell.contains("assay session resume \(file)"))
        let saved = try #require(try Self.sessionJSON(file)["answers"] as? [String: Any])
        #expect(saved.count == questions.count)
    }

    @Test(
        "Typed at a terminal with the output sent to a file: every answer is read and kept, and the terminal is as it was"
    )
    func outputToAFile() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let log = folder + "/log.txt"
        let terminal = try PseudoTerminal(Self.start(file), standardOutput: log)
        let before = terminal.settings
        // project.context, the first question, is text: the line is its answer. Nothing is drawn here to wait for,
        // so each line waits until the log shows the program has moved on.
        func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
        func waitForLog(_ text: String) -> Bool {
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                if logText().contains(text) { return true }
                usleep(50_000)
            }
            return false
        }
        #expect(waitForLog("project.context"))
        terminal.type("Shared IT with two neighbours\n")
        #expect(waitForLog("saved · project.context"))
        terminal.type("q\n")
        #expect(terminal.wait() == "exited 0")
        let answers = try #require(Self.sessionJSON(file)["answers"] as? [String: Any])
        #expect(answers["project.context"] as? String == "Shared IT with two neighbours")
        // The settings are those from before: a session that did not use raw mode used to put back zeroed ones,
        // which hung the terminal up (speed 0, no Ctrl-C) and made the next read an end of input.
        let after = terminal.settings
        func speed(_ settings: termios) -> speed_t { withUnsafePointer(to: settings) { cfgetospeed($0) } }
        #expect(speed(after) == speed(before) && speed(after) != 0)
        #expect(after.c_lflag == before.c_lflag)
        #expect(after.c_lflag & tcflag_t(ICANON) != 0)
    }

    @Test("A 5,000-character note pasted at the terminal is kept whole, and the question stays in view")
    func longPastedNote() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        // 5,000 characters, more than the terminal's own 4,095-byte line limit.
        let words = "The assistant DG has covered IT since 2023 with no backup and no written mandate. "
        let note = String(String(repeating: words, count: 70).prefix(5_000))
        #expect(note.count == 5_000)

        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        terminal.type("n ")
        terminal.paste(note)
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("saved · project.context: note"))
        // Still the same question, whole on the screen, with the note shortened to one row.
        let questions = Dictionary(uniqueKeysWithValues: try Self.questions(language: "en").map { ($0.id, $0) })
        let shown = Self.check(terminal.screen, questions, legend: ["n note"], quit: "q save & quit")
        #expect(shown?.id == "project.context")
        #expect(terminal.screen.lines.filter { $0.contains("The assistant DG") }.count == 1)
        // d shows the whole note, a page at a time, and Enter turns the page.
        #expect(terminal.enter("d"))
        #expect(terminal.screen.text.contains("Enter: more (lines 1–"))
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("[project.context]"))
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        let answer = try #require(try Self.answer(file, "project.context"))
        #expect(answer["note"] as? String == note)
    }

    @Test(
        "At a terminal that cannot draw a screen (TERM=dumb) the lines are read the same way: a long paste stays whole")
    func dumbTerminalKeepsLongNotes() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let note = String(String(repeating: "Budget line 1320 covers licences only. ", count: 130).prefix(5_000))
        let terminal = try PseudoTerminal(Self.start(file), term: "dumb")
        #expect(terminal.waitFor { output, _ in String(decoding: output, as: UTF8.self).hasSuffix("> ") })
        // The question is printed as lines, not drawn as a screen.
        #expect(!terminal.transcript.contains("\u{1B}[2J"))
        terminal.type("n ")
        terminal.paste(note + "\nand a second line")
        terminal.type("\r")
        #expect(
            terminal.waitFor { output, _ in
                String(decoding: output, as: UTF8.self).contains("saved · project.context: note")
            })
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        let answer = try #require(try Self.answer(file, "project.context"))
        #expect(answer["note"] as? String == note + "\nand a second line")
    }

    @Test("Pasted lines never act as key presses: a multi-line note is one note, and a stray paste answers nothing")
    func multiLinePaste() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        // Lines that would answer, go back and quit if they were typed.
        terminal.type("n ")
        terminal.paste("Clerk's list, in three parts:\n2\nb\nq\nend of list")
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("saved · project.context: note"))
        #expect(terminal.screen.lines[0].hasPrefix("── 1 of 35 · "))
        // Pasted at the prompt without n: said, and nothing answered.
        terminal.paste("3\ns\nq")
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("pasted text is not a key press"))
        #expect(terminal.screen.lines[0].hasPrefix("── 1 of 35 · "))
        // A second note goes after the first; the first stays.
        #expect(terminal.enter("n And a second thought"))
        #expect(terminal.screen.text.contains("saved · project.context: note, added after the earlier one"))
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        let answer = try #require(try Self.answer(file, "project.context"))
        #expect(
            answer["note"] as? String == "Clerk's list, in three parts:\n2\nb\nq\nend of list\nAnd a second thought")
        #expect(answer["value"] == nil)
    }

    @Test("A second terminal is refused while the first has the session open, and allowed once the first is SIGKILLed")
    func secondTerminal() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let first = try PseudoTerminal(Self.start(file))
        #expect(first.waitForScreen())
        // project.context's text, then hr.lead "Largely in place".
        #expect(first.enter("The permit portal"))
        #expect(first.enter("3"))

        // From a script: refused, saying who has it and since when, and how to look read-only.
        let piped = try CLIRunner.run(["session", "resume", file], input: "4\nq\n")
        #expect(piped.status == 1)
        #expect(piped.standardError.contains("is open in another session: Marie Tremblay"))
        #expect(piped.standardError.contains(" since 20"))
        #expect(piped.standardError.contains("assay session resume \(file) --read-only"))

        // From a terminal: offered read-only viewing, which shows the first terminal's answers.
        let second = try PseudoTerminal(["session", "resume", file])
        #expect(second.waitFor(text: "[y/N]"))
        second.type("y\r")
        #expect(second.wait() == "exited 0")
        #expect(second.transcript.contains("Read-only"))
        #expect(second.transcript.contains("| Largely in place |"))

        // The first terminal keeps answering: nothing it confirmed is lost.
        #expect(first.enter("4"))
        #expect(first.kill() == "signaled 9")

        // Killed, it holds no lock: a new terminal opens the session and carries on at question 4.
        let third = try PseudoTerminal(["session", "resume", file])
        #expect(third.waitForScreen())
        #expect(third.screen.lines[0].hasPrefix("── 4 of 35 · "))
        #expect(third.enter("1"))
        third.type("q\r")
        #expect(third.wait() == "exited 0")
        let answers = try #require(try Self.sessionJSON(file)["answers"] as? [String: Any])
        #expect(answers.keys.sorted() == ["hr.lead", "hr.pm", "hr.skills", "project.context"])
    }

    @Test(
        "Ctrl-C or Ctrl-\\ at the screen saves, prints the resume command and exits with 130",
        arguments: ["\u{03}", "\u{1C}"])
    func controlC(key: String) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        #expect(terminal.enter("?"))
        let before = terminal.output.count
        terminal.type(key)
        #expect(terminal.wait() == "exited 130")
        let farewell = String(decoding: terminal.output[before...], as: UTF8.self)
        // Ctrl-\ (SIGQUIT) used to be taken by the Swift runtime's backtracer for a crash, a report over the screen.
        #expect(!farewell.contains("Backtracing"))
        #expect(farewell.contains("Saved to \(file)."))
        #expect(farewell.contains("Carry on later with: assay session resume \(file)"))
        // An answer with no note or evidence is saved as its value alone.
        let answers = try #require(try Self.sessionJSON(file)["answers"] as? [String: Any])
        #expect(answers["project.context"] as? String == "unknown")
    }

    /// Writes a screen to `$ASSAY_SCREEN_CAPTURES/<name>.txt` when that folder is set, for the README and notes.
    static func capture(_ screen: TerminalScreen, as name: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["ASSAY_SCREEN_CAPTURES"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try (screen.text + "\n").write(toFile: folder + "/\(name).txt", atomically: true, encoding: .utf8)
    }
}
