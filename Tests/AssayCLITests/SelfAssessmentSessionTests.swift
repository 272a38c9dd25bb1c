import Foundation
import Testing

/// `assay session start --from`: a session started from the bundled self-assessment of Rivière-aux-Hérons.
@Suite struct SelfAssessmentSessionTests {
    static let selfAssessment = CLIRunner.repositoryRoot
        .appendingPathComponent("Rubrics/examples/digital-capacity.self-assessment.json").path

    static func start(_ file: String) -> [String] {
        [
            "session", "start", "--rubric", "digital-capacity", "--from", selfAssessment, "--facilitator",
            "Marie Tremblay", "--file", file,
        ]
    }

    @Test("Each question shows the self-reported answer; c confirms it, anything else changes it")
    func confirmOrChange() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/riviere.session.json"
        // hr.lead: confirm "largely"; hr.skills: self says largely, the facilitator finds partial (2).
        let result = try CLIRunner.run(Self.start(file), input: "c\n2\nq\n")
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Self-assessment said: Largely in place — c confirms"))
        // The organisation comes from the self-assessment when --org is left out.
        #expect(result.standardOutput.contains("Assay session — Ville de Rivière-aux-Hérons"))
        let json = try SessionScreenTests.sessionJSON(file)
        let answers = try #require(json["answers"] as? [String: Any])
        #expect(answers["hr.lead"] as? String == "largely")
        #expect(answers["hr.skills"] as? String == "partial")
        // Only what the facilitator confirmed or gave counts: the 31 other self-reported answers are not answers.
        #expect(answers.count == 2)
        let kept = try #require(json["self_assessment"] as? [String: Any])
        #expect(kept["by"] as? String == "Self-assessment")
        #expect((kept["answers"] as? [String: Any])?.count == 33)
        #expect((json["attributes"] as? [String: String])?["region"] == "QC")
    }

    @Test("The report shows both columns and the agreement figures")
    func reportShowsBothColumns() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/riviere.session.json"
        // The facilitator confirms everything but fin.sustain (14th asked, after 6 hr, 5 tech, fin.plan and fin.tco;
        // partial = 2): 32 confirmed, then q.
        let keys = Array(repeating: "c", count: 13) + ["2"] + Array(repeating: "c", count: 19) + ["q"]
        let run = try CLIRunner.run(Self.start(file), input: keys.joined(separator: "\n") + "\n")
        #expect(run.status == 0)
        let report = try CLIRunner.run(["report", file, "--format", "markdown"])
        #expect(report.status == 0)
        let text = report.standardOutput
        #expect(text.contains("## Self-reported beside confirmed"))
        #expect(text.contains("| | Self-assessment | Marie Tremblay |"))
        // fin.sustain partial instead of largely: 1/3 of a point less on weight 2, over a weight of 5.5 in fin: 100·(2/3)/5.5 =
        // 12.1 less, 72.7 → 60.6; fin weighs 1.5 of the dimensions' 7.5, so the overall loses 12.12·1.5/7.5 = 2.42:
        // the self-assessment's 53.55 (401.6 / 7.5) becomes 51.13.
        #expect(text.contains("| Overall | 53.6 · Defined | 51.1 · Defined |"))
        #expect(text.contains("| Financial resources | 72.7 · Managed | 60.6 · Defined |"))
        #expect(text.contains("| fin.sustain | Largely in place | Partly in place | ≠ |"))
        #expect(text.contains("| hr.lead | Largely in place | Largely in place |  |"))
        // 32 of 33 agree, one disagreement: on scale questions, α is below 1.
        #expect(text.contains("| Overall · every answer (nominal) | 33 | 32 |"))
        let json = try CLIRunner.run(["report", file, "--format", "json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        let agreement = try #require(object["self_assessment"] as? [String: Any])
        #expect((agreement["worklist"] as? [[String: Any]])?.map { $0["question"] as? String } == ["fin.sustain"])
        let html = try CLIRunner.run(["report", file, "--format", "html"])
        #expect(html.standardOutput.contains("<h2>Self-reported beside confirmed</h2>"))
        #expect(html.standardOutput.hasSuffix("</html>\n") || html.standardOutput.hasSuffix("</html>"))
    }

    @Test("At an 80×24 terminal the screen shows the self-reported answer, and c confirms it")
    func screenShowsSelfReported() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/riviere.session.json"
        let terminal = try PseudoTerminal(Self.start(file))
        #expect(terminal.waitForScreen())
        #expect(terminal.screen.text.contains("Self-assessment said: Largely in place — c confirms"))
        #expect(terminal.enter("c"))
        // The next question, hr.skills, where the organisation also said largely.
        #expect(terminal.screen.text.contains("[hr.skills]"))
        #expect(terminal.screen.text.contains("Self-assessment said: Largely in place — c confirms"))
        #expect(terminal.kill() == "signaled 9")
        let answers = try #require(try SessionScreenTests.sessionJSON(file)["answers"] as? [String: Any])
        #expect(answers["hr.lead"] as? String == "largely")
    }
}
