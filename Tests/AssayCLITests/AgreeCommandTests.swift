import Foundation
import Testing

/// `assay agree` on the README's commands: the bundled self-assessment beside the bundled example.
@Suite struct AgreeCommandTests {
    static let views = [
        "Rubrics/examples/digital-capacity.self-assessment.json", "Rubrics/examples/digital-capacity.example.json",
    ]

    /// The bundled example's project.context, word for word.
    static let context =
        "Replacing the permit portal: residents apply and pay for building permits online, staff review plans; the council votes on the contract in the spring."

    @Test func textReportNamesTheViewsTheLevelCrossedTheGateAndTheTopDisagreement() throws {
        let result = try CLIRunner.run(["agree"] + Self.views + ["--names", "Self-assessment,Marie Tremblay"])
        #expect(result.status == 0)
        let text = result.standardOutput
        // 52.5 self against 45.8 for the facilitator, as `assay score` gives each (worked by hand in
        // ViewComparisonTests): 393.98 / 7.5 and 343.55 / 7.5, Defined from 50, its gates passing in the
        // self-assessment.
        #expect(text.contains("52.5 Defined"))
        #expect(text.contains("45.8 Developing"))
        #expect(text.contains("Overall: Defined in Self-assessment, Developing in Marie Tremblay"))
        // fin: 72.7 is in Managed's band but held at Defined (fin.sustain largely, not fully); 60.6 is in Defined's
        // band but held at Developing (fin.sustain partial, under largely).
        #expect(text.contains("Financial resources: Defined in Self-assessment, Developing in Marie Tremblay"))
        #expect(text.contains("The gate of Defined on fin.sustain passes in Self-assessment only"))
        // The first disagreement is fin.sustain, worth 2.4 overall (12.12 in fin · 1.5 / 7.5), as the score report's
        // top next step says.
        let worklist = try #require(text.range(of: "Disagreements"))
        #expect(text[worklist.upperBound...].contains("1. fin.sustain"))
        #expect(
            text.contains("Marie Tremblay taking Self-assessment's answer: +2.4 overall (+12.1 in Financial resources)")
        )
        // The self-assessment taking "partial" drops to 50.1: still in Defined's band, but behind its gate.
        #expect(
            text.contains(
                "Self-assessment taking Marie Tremblay's answer: −2.4 overall (−12.1 in Financial resources), overall level becomes Developing, Financial resources becomes Developing"
            ))
        // Every question, marked: org.users is answered in the self-assessment only.
        let every = try #require(text.range(of: "Every question"))
        let line = try #require(text[every.upperBound...].split(separator: "\n").first { $0.contains("org.users") })
        #expect(line.hasPrefix("  ≠ org.users"))
        #expect(line.hasSuffix("Partly in place | unanswered"))
        #expect(text.contains("  = hr.lead  "))
    }

    @Test func jsonWritesUndefinedAsNullWithItsReason() throws {
        let result = try CLIRunner.run(["agree"] + Self.views + ["--format", "json"])
        #expect(result.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let scopes = try #require(json["scopes"] as? [[String: Any]])
        let overall = try #require(scopes.first { $0["scope"] as? String == "overall" })
        let rows = try #require(overall["coefficients"] as? [[String: Any]])
        // proc.recent, the one yes/no question, is "yes" in both views: α is 0/0.
        let nominal = try #require(rows.first { $0["level"] as? String == "nominal" })
        let alpha = try #require(nominal["alpha"] as? [String: Any])
        #expect(alpha["value"] is NSNull)
        #expect(alpha["undefined"] as? String == "no_variation")
        // Without --names, a response document is named after its file.
        let views = try #require(json["views"] as? [[String: Any]])
        #expect(
            views.map { $0["name"] as? String } == ["digital-capacity.self-assessment", "digital-capacity.example"])
    }

    @Test func htmlIsOnePageWithEveryQuestion() throws {
        let result = try CLIRunner.run(["agree"] + Self.views + ["--format", "html"])
        #expect(result.status == 0)
        #expect(result.standardOutput.hasPrefix("<!DOCTYPE html>"))
        #expect(!result.standardOutput.contains("<script"))
        #expect(result.standardOutput.contains("<tr class=\"differ\"><td>fin.sustain</td>"))
    }

    @Test func oneViewOrTheWrongNumberOfNamesIsACommandLineMistake() throws {
        #expect(try CLIRunner.run(["agree", Self.views[0]]).status == 64)
        let names = try CLIRunner.run(["agree"] + Self.views + ["--names", "Only one"])
        #expect(names.status == 64)
        #expect(names.standardError.contains("--names gives 1 names for 2 views"))
    }

    @Test func aSessionFileIsAViewNamedAfterItsFacilitator() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/lac-vert.session.json"
        // project.context (a text question, first) as the example words it, hr.lead largely (3), then quit.
        _ = try CLIRunner.run(SessionScreenTests.start(file), input: Self.context + "\n3\nq\n")
        let result = try CLIRunner.run(["agree", file, Self.views[1], "--format", "json"])
        #expect(result.status == 0)
        // The session is of Ville de Lac-Vert, the example of Rivière-aux-Hérons: said, and compared anyway.
        #expect(result.standardError.contains("the views name 2 organisations"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let views = try #require(json["views"] as? [[String: Any]])
        #expect(views.first?["name"] as? String == "Marie Tremblay")
        // Only project.context and hr.lead are answered in both, and agree; the text takes no part in κ or α, so the
        // scale has one unit, largely in both, with no variation: κ and α are undefined, not 1.
        let overall = try #require((json["scopes"] as? [[String: Any]])?.first)
        let scale = try #require(
            (overall["coefficients"] as? [[String: Any]])?.first { $0["level"] as? String == "ordinal" })
        #expect((scale["alpha"] as? [String: Any])?["undefined"] as? String == "no_variation")
        #expect((scale["kappa"] as? [String: Any])?["value"] is NSNull)
    }

    @Test func aSessionOfAnEarlierRubricVersionIsComparedOnThisOne() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/old.session.json"
        _ = try CLIRunner.run(SessionScreenTests.start(file), input: Self.context + "\n3\nq\n")
        // As if saved under 0.9.0, when the rubric also had a question hr.old, since removed.
        var json = try SessionScreenTests.sessionJSON(file)
        json["rubric_version"] = "0.9.0"
        json["question_ids"] = ((json["question_ids"] as? [String]) ?? []) + ["hr.old"]
        var answers = try #require(json["answers"] as? [String: Any])
        answers["hr.old"] = "largely"
        json["answers"] = answers
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: file))
        let result = try CLIRunner.run(["agree", file, Self.views[1]])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                "was answered against digital-capacity 0.9.0; compared on 2.0.0, without the answers to hr.old"))
        #expect(result.standardOutput.contains("  = hr.lead  "))
    }
}
