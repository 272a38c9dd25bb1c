import Foundation
import Testing

/// The reconcile screen in a real pseudo-terminal, as a facilitator settles the bundled self-assessment against
/// the bundled example: nine disagreements, fin.sustain first.
@Suite("assay reconcile on a terminal screen", .serialized)
struct ReconcileScreenTests {
    /// The words of one language that the checks look for.
    struct Words {
        var disagreement: String
        var quit: String
        /// Every key of the legend, whole.
        var keys: [String]

        static let en = Words(
            disagreement: "Disagreement", quit: "q save & quit",
            keys: [
                "1 or 2 take that view's answer", "= <answer> a new one (either + rationale)", "n <text> rationale",
                "s skip", "b back", "h help", "d full text", "q save & quit",
            ])
        static let fr = Words(
            disagreement: "Désaccord", quit: "q enregistrer et quitter",
            keys: [
                "1 ou 2 prend la réponse de ce point de vue", "= <réponse> une nouvelle (+ justification)",
                "n <texte> justification", "s passer", "b retour", "h aide", "d texte complet",
                "q enregistrer et quitter",
            ])
    }

    static func start(_ file: String, language: String? = nil) -> [String] {
        ReconcileCLITests.start(file) + (language.map { ["--lang", $0] } ?? [])
    }

    /// The rows as one line of words: what is on the screen, whatever row a long key or prompt was wrapped onto.
    static func words(_ lines: some Sequence<String>) -> String {
        lines.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    /// Checks one screen as a facilitator would look at it: the heading on the top row, the input line on the
    /// bottom one with the whole legend right above it, both views, and nothing in the last column.
    static func check(
        _ screen: TerminalScreen, columns: Int, rows: Int, words: Words = .en,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lines = screen.lines
        let text = screen.text
        #expect(lines.count == rows, sourceLocation: sourceLocation)
        #expect(!screen.hasWrapped, "a row ran past the last column:\n\(text)", sourceLocation: sourceLocation)
        // Never written into the last column, so no terminal wraps a row on its own.
        for line in lines {
            #expect(line.count <= columns - 1, "\(line.count) columns: \(line)", sourceLocation: sourceLocation)
        }
        #expect(lines[0].hasPrefix("── \(words.disagreement) "), "\(text)", sourceLocation: sourceLocation)
        #expect(lines[0].contains(" of 9") || lines[0].contains(" sur 9"), "\(text)", sourceLocation: sourceLocation)
        #expect(text.contains(/\[[a-z]+\.[a-z]+\]/), "the question's id:\n\(text)", sourceLocation: sourceLocation)
        #expect(lines.contains { $0.hasPrefix("  1  Self-assessment  ") }, "\(text)", sourceLocation: sourceLocation)
        #expect(lines.contains { $0.hasPrefix("  2  Marie Tremblay  ") }, "\(text)", sourceLocation: sourceLocation)
        #expect(lines[rows - 1].hasPrefix(">"), "the input line:\n\(text)", sourceLocation: sourceLocation)
        #expect(
            lines[rows - 2].hasSuffix(words.quit), "the legend's last row:\n\(text)", sourceLocation: sourceLocation)
        // Every key whole: the legend is the rows above the input line up to the first that is not indented.
        let legend = lines[..<(rows - 1)].reversed().prefix { $0.hasPrefix("  ") && !$0.hasPrefix("  1  ") }
        let keys = Self.words(legend.reversed())
        for key in words.keys {
            #expect(keys.contains(key), "key \(key) in the legend:\n\(text)", sourceLocation: sourceLocation)
        }
    }

    static func items(_ file: String) throws -> [[String: Any]] {
        let json = try SessionScreenTests.sessionJSON(file)
        return try #require((json["reconciliation"] as? [String: Any])?["items"] as? [[String: Any]])
    }

    @Test("At 80×24 the walk runs on the alternate screen in fixed regions, and a resize to 60×20 redraws it whole")
    func screenAndResize() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        #expect(terminal.transcript.hasPrefix("\u{1B}[?1049h\u{1B}[?2004h"), "alternate screen and bracketed paste")
        Self.check(terminal.screen, columns: 80, rows: 24)
        try SessionScreenTests.capture(terminal.screen, as: "reconcile.80x24")
        let first = terminal.screen.lines
        #expect(first[0] == "── Disagreement 1 of 9 · Financial resources ──  9 to settle")
        #expect(first[1].hasPrefix("Is there a recurring operating budget"))
        #expect(first.contains("  1  Self-assessment  Largely in place (largely)"))
        #expect(first.contains("  2  Marie Tremblay   Partly in place (partial)"))
        #expect(first.contains { $0.hasPrefix("  new answer: 1 none · 2 partial · 3 largely · 4 full") })

        // The notes are cut to a row each; d shows both whole in the region, the disagreement still in view.
        let notes = try ReconcileCLITests.views.map { path in
            let json = try #require(
                try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            let answers = try #require(json["answers"] as? [String: Any])
            return try #require((answers["fin.sustain"] as? [String: Any])?["note"] as? String)
        }
        #expect(!terminal.screen.text.contains(notes[1]))
        #expect(terminal.enter("d"))
        Self.check(terminal.screen, columns: 80, rows: 24)
        #expect(terminal.screen.lines[0] == first[0])
        for note in notes {
            #expect(Self.words(terminal.screen.lines).contains(Self.words([note])), "\(terminal.screen.text)")
        }

        // Help shows in the region, between the disagreement and the legend, which stay where they were.
        #expect(terminal.enter("h"))
        Self.check(terminal.screen, columns: 80, rows: 24)
        #expect(terminal.screen.text.contains("= ANSWER a new answer"))
        #expect(terminal.screen.lines[0] == first[0])

        // Dragged smaller: drawn again at 60×20, the whole question and every key still there.
        #expect(terminal.resize(columns: 60, rows: 20))
        Self.check(terminal.screen, columns: 60, rows: 20)
        try SessionScreenTests.capture(terminal.screen, as: "reconcile.60x20")
        let prompt =
            "Is there a recurring operating budget to run, support and improve digital solutions once they are launched? [fin.sustain]"
        #expect(Self.words(terminal.screen.lines).contains(prompt), "\(terminal.screen.text)")
        #expect(terminal.enter("2"))
        Self.check(terminal.screen, columns: 60, rows: 20)
        #expect(terminal.screen.lines[0].hasPrefix("── Disagreement 2 of 9"))

        let before = terminal.output.count
        terminal.type("q\r")
        #expect(terminal.wait() == "exited 0")
        // The last words come after the alternate screen is left, so they stay on the terminal.
        let farewell = String(decoding: terminal.output[before...], as: UTF8.self)
        let left = try #require(farewell.range(of: "\u{1B}[?2004l\u{1B}[?1049l"))
        #expect(farewell[left.upperBound...].contains("Carry on later with: assay reconcile --out \(file)"))
        let items = try Self.items(file)
        #expect(items.filter { $0["settled"] as? Bool == true }.count == 1)
    }

    @Test("A 6,000-byte rationale typed at the screen is kept whole, and a kill mid-walk resumes with nothing lost")
    func longRationaleAndKill() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        // 6,000 bytes typed key by key: more than the 4,095 a terminal's own line editing keeps.
        let sentence = "The 2026 operating budget has no line for the portal; the DG said so on 3 March. "
        let rationale = String(String(repeating: sentence, count: 80).prefix(6_000))
        #expect(rationale.utf8.count == 6_000)

        let first = try PseudoTerminal(Self.start(file))
        #expect(first.waitForScreen())
        #expect(first.enter("2 " + rationale))
        Self.check(first.screen, columns: 80, rows: 24)
        #expect(first.screen.lines[0].hasPrefix("── Disagreement 2 of 9"))
        let second = try #require(first.screen.text.firstMatch(of: /\[([a-z]+\.[a-z]+)\]/)).1
        #expect(first.enter("n the provider's plan was never shown"))
        #expect(first.screen.text.contains("rationale saved"))
        #expect(first.screen.lines.contains("  rationale: the provider's plan was never shown"))
        #expect(first.kill() == "signaled 9")

        let resumed = try PseudoTerminal(["reconcile", "--out", file])
        #expect(resumed.waitForScreen())
        Self.check(resumed.screen, columns: 80, rows: 24)
        #expect(resumed.screen.lines[0].hasPrefix("── Disagreement 2 of 9"))
        #expect(resumed.screen.text.contains("[\(second)]"))
        #expect(resumed.screen.lines.contains("  rationale: the provider's plan was never shown"))
        resumed.type("q\r")
        #expect(resumed.wait() == "exited 0")

        let settled = try ReconcileCLITests.settled(file)
        let budget = try #require(settled["fin.sustain"]?["reconciled"] as? [String: Any])
        #expect(budget["chosen"] as? String == "Marie Tremblay")
        #expect(budget["rationale"] as? String == rationale)
        let items = try Self.items(file)
        #expect(
            items.first { $0["question"] as? String == String(second) }?["rationale"] as? String
                == "the provider's plan was never shown")
    }

    @Test(
        "Every disagreement settled at 40 columns and in French: each screen keeps its regions and breaks no row",
        arguments: [("en", 40), ("fr", 80), ("fr", 40)])
    func narrowAndFrench(language: String, columns: Int) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        let words: Words = language == "fr" ? .fr : .en
        let terminal = try PseudoTerminal(Self.start(file, language: language), columns: columns, rows: 24)
        #expect(terminal.waitForScreen())
        for number in 1...9 {
            Self.check(terminal.screen, columns: columns, rows: 24, words: words)
            if number == 1 {
                try SessionScreenTests.capture(terminal.screen, as: "reconcile.\(columns)x24.\(language)")
            }
            #expect(terminal.screen.lines[0].hasPrefix("── \(words.disagreement) \(number) "))
            if number == 9 {
                terminal.type("1\r")
            } else {
                #expect(terminal.enter("1"))
            }
        }
        #expect(terminal.wait() == "exited 0")
        #expect(
            terminal.transcript.contains(
                language == "fr" ? "Tous les désaccords sont réglés." : "Every disagreement is settled."))
        let items = try Self.items(file)
        #expect(items.count == 9)
        #expect(items.allSatisfy { $0["settled"] as? Bool == true })
    }

    @Test(
        "A careless user: keys not offered change nothing, a 20 KB paste is one rationale, 10×5 still takes keys, Ctrl-D keeps a half-typed line"
    )
    func carelessUser() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())

        // Keys not offered: said in the region; nothing is settled and the disagreement stays.
        #expect(terminal.enter("7"))
        #expect(terminal.screen.text.contains("\"7\" is not one of: 1, 2, =, n, s, b, q"))
        terminal.type("\u{1B}[A\u{1B}[D\u{1B}OP")
        #expect(terminal.enter("zz"))
        #expect(terminal.screen.text.contains("\"zz\" is not one of"))
        Self.check(terminal.screen, columns: 80, rows: 24)
        #expect(terminal.screen.lines[0].hasPrefix("── Disagreement 1 of 9"))
        #expect(try Self.items(file).allSatisfy { $0["settled"] as? Bool == false })

        // 20 KB pasted after n, its lines including ones that would be choices if they were typed.
        let minutes = String(
            String(repeating: "Council minutes, item 12: the portal.\n2\nq\n", count: 500).prefix(20_000))
        let pasted = minutes + "end of the minutes."
        terminal.type("n ")
        terminal.paste(pasted)
        // Shown on the input line as its end, on one row.
        #expect(terminal.waitFor { _, screen in screen.lines[23].hasSuffix("end of the minutes.") })
        #expect(!terminal.screen.hasWrapped)
        #expect(terminal.enter(""))
        Self.check(terminal.screen, columns: 80, rows: 24)
        #expect(terminal.screen.text.contains("rationale saved"))
        #expect(terminal.screen.lines.filter { $0.hasPrefix("  rationale: Council minutes") }.count == 1)
        #expect(try Self.items(file).first?["rationale"] as? String == pasted)
        #expect(terminal.enter("1"))
        #expect(terminal.screen.lines[0].hasPrefix("── Disagreement 2 of 9"))

        // Dragged down to 10×5: a notice that fits, and the keys still work.
        #expect(terminal.resize(columns: 10, rows: 5))
        #expect(!terminal.screen.hasWrapped)
        #expect(terminal.screen.lines.allSatisfy { $0.count <= 9 }, "\(terminal.screen.text)")
        #expect(terminal.screen.lines.prefix(4).joined().hasPrefix("Window too small (10×5)"))
        #expect(terminal.screen.lines[4].hasPrefix(">"))
        try SessionScreenTests.capture(terminal.screen, as: "reconcile.10x5")
        #expect(terminal.enter("2"))
        #expect(terminal.resize(columns: 80, rows: 24))
        Self.check(terminal.screen, columns: 80, rows: 24)
        #expect(terminal.screen.lines[0].hasPrefix("── Disagreement 3 of 9"))

        // Ctrl-D on a half-typed rationale does nothing: the line is still there, and Return sends it.
        terminal.type("n half a thought\u{04}")
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("rationale saved"))
        #expect(terminal.screen.lines.contains("  rationale: half a thought"))
        // Ctrl-D on an empty line saves and ends, as q does.
        let before = terminal.output.count
        terminal.type("\u{04}")
        #expect(terminal.wait() == "exited 0")
        let farewell = String(decoding: terminal.output[before...], as: UTF8.self)
        #expect(farewell.contains("Carry on later with: assay reconcile --out \(file)"))

        let items = try Self.items(file)
        // fin.sustain and the second settled, the third with its rationale and still open, the other six untouched.
        #expect(items.map { $0["settled"] as? Bool } == [true, true] + Array(repeating: false, count: 7))
        #expect(items[0]["rationale"] as? String == pasted)
        #expect(items[2]["rationale"] as? String == "half a thought")
        let settled = try ReconcileCLITests.settled(file)
        #expect((settled["fin.sustain"]?["reconciled"] as? [String: Any])?["chosen"] as? String == "Self-assessment")
    }
}
