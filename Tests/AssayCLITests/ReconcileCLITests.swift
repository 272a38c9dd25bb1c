import Foundation
import Testing

/// `assay reconcile` on the bundled self-assessment and the bundled example (the facilitator's view): nine
/// disagreements, fin.sustain first (it moves the overall score most, 2.4 points).
@Suite struct ReconcileCLITests {
    static let views = [
        "Rubrics/examples/digital-capacity.self-assessment.json", "Rubrics/examples/digital-capacity.example.json",
    ].map { CLIRunner.repositoryRoot.appendingPathComponent($0).path }

    static func start(_ file: String) -> [String] {
        ["reconcile"] + views + ["--names", "Self-assessment,Marie Tremblay", "--by", "Jean Roy", "--out", file]
    }

    /// The audit entries that settled a disagreement, by question.
    static func settled(_ file: String) throws -> [String: [String: Any]] {
        let json = try SessionScreenTests.sessionJSON(file)
        let audit = try #require(json["audit"] as? [[String: Any]])
        var found: [String: [String: Any]] = [:]
        for entry in audit where entry["reconciled"] != nil { found[entry["question"] as! String] = entry }
        return found
    }

    @Test("A killed reconcile at a terminal resumes at the next disagreement with every choice and rationale kept")
    func killedReconcileLosesNothing() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/riviere.consensus.session.json"
        let first = try PseudoTerminal(Self.start(file))
        #expect(first.waitForScreen())
        #expect(first.screen.text.contains("Disagreement 1 of 9"))
        #expect(first.screen.text.contains("[fin.sustain]"))
        #expect(first.enter("2 the 2026 operating budget has no line for the portal"))
        #expect(first.screen.text.contains("[risk.incident]"))
        // A rationale typed before the choice is saved at once too.
        #expect(first.enter("n nobody has seen the provider's plan"))
        #expect(first.screen.text.contains("rationale saved"))
        #expect(first.kill() == "signaled 9")

        // Killed: the lock is gone, and the consensus file alone carries on, at risk.incident, rationale shown.
        let second = try PseudoTerminal(["reconcile", "--out", file])
        #expect(second.waitForScreen())
        #expect(second.screen.text.contains("Disagreement 2 of 9"))
        #expect(second.screen.text.contains("rationale: nobody has seen the provider's plan"))
        #expect(second.enter("= ?"))
        second.type("q\r")
        #expect(second.wait() == "exited 0")
        #expect(second.transcript.contains("Carry on later with: assay reconcile --out \(file)"))

        let settled = try Self.settled(file)
        #expect(settled.keys.sorted() == ["fin.sustain", "risk.incident"])
        let budget = try #require(settled["fin.sustain"]?["reconciled"] as? [String: Any])
        #expect(budget["chosen"] as? String == "Marie Tremblay")
        #expect(budget["rationale"] as? String == "the 2026 operating budget has no line for the portal")
        let originals = try #require(budget["originals"] as? [[String: Any]])
        #expect(originals.map { $0["by"] as? String } == ["Self-assessment", "Marie Tremblay"])
        #expect(originals.map { $0["value"] as? String } == ["largely", "partial"])
        #expect(settled["fin.sustain"]?["by"] as? String == "Jean Roy")
        // A new answer names no view.
        let incident = try #require(settled["risk.incident"]?["reconciled"] as? [String: Any])
        #expect(incident["chosen"] == nil)
        #expect(incident["rationale"] as? String == "nobody has seen the provider's plan")
        let answers = try #require(try SessionScreenTests.sessionJSON(file)["answers"] as? [String: Any])
        #expect((answers["fin.sustain"] as? [String: Any])?["value"] as? String == "partial")
        #expect((answers["risk.incident"] as? [String: Any])?["value"] as? String == "unknown")
    }

    @Test("Ctrl-C saves and exits with 130; a pasted rationale over several lines is one rationale, not choices")
    func controlCAndPaste() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        // "n " then a paste whose second line is "1": were it read as keys, it would settle fin.sustain.
        terminal.type("n ")
        terminal.paste("The DG's memo says next year.\n1")
        #expect(terminal.enter(""))
        #expect(terminal.screen.text.contains("[fin.sustain]"))
        terminal.type("\u{03}")
        #expect(terminal.wait() == "exited 130")
        #expect(terminal.transcript.contains("Carry on later with: assay reconcile --out \(file)"))
        let json = try SessionScreenTests.sessionJSON(file)
        let items = try #require((json["reconciliation"] as? [String: Any])?["items"] as? [[String: Any]])
        #expect(items.first?["rationale"] as? String == "The DG's memo says next year.\n1")
        #expect(items.allSatisfy { $0["settled"] as? Bool == false })
    }

    @Test("Scripted, the consensus keeps the agreed answers, settles the rest, and reports like any session")
    func scriptedReconcile() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        // Nine choices: the facilitator's answer every time, so the consensus is the facilitator's view.
        let result = try CLIRunner.run(Self.start(file), input: String(repeating: "2\n", count: 9))
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Every disagreement is settled."))
        let json = try SessionScreenTests.sessionJSON(file)
        #expect(json["facilitator"] as? String == "Jean Roy")
        // The 26 agreed answers (35 questions less 9 disagreements) are stamped as given by both views.
        let stamps = try #require(json["stamps"] as? [String: [String: Any]])
        #expect(stamps["hr.lead"]?["by"] as? String == "Self-assessment and Marie Tremblay (agreed)")
        #expect(
            stamps.values.filter { $0["by"] as? String == "Self-assessment and Marie Tremblay (agreed)" }.count == 26)
        #expect(stamps.values.filter { $0["by"] as? String == "Jean Roy" }.count == 9)
        // org.users was unanswered by the facilitator; taking that leaves it unanswered.
        let answers = try #require(json["answers"] as? [String: Any])
        #expect(answers["org.users"] == nil)
        // So the report scores the facilitator's 45.8 (343.55 / 7.5, under Defined's 50: Developing).
        let report = try CLIRunner.run(["report", file, "--format", "markdown"])
        #expect(report.status == 0)
        #expect(report.standardOutput.contains("**Overall: 45.8 / 100 · Developing**"))
        // Run again, there is nothing left to settle.
        let again = try CLIRunner.run(["reconcile", "--out", file], input: "")
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("Every disagreement is settled."))
    }

    @Test func anOrdinarySessionIsNotTakenForAConsensus() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/plain.session.json"
        _ = try CLIRunner.run(SessionScreenTests.start(file), input: "3\nq\n")
        let result = try CLIRunner.run(["reconcile", "--out", file], input: "")
        #expect(result.status == 1)
        #expect(result.standardError.contains("is a session, not a consensus"))
    }
}
