import Foundation
import Testing

@Suite("assay report --against")
struct PeerOverlayTests {
    @Test func theRadarChartOutlinesThePeerGroupsMedians() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Twelve organisations of one peer group, all answering alike, so each median is that answer's score:
        // publishing: pub.owner yes (1) + pub.plan full (1) → 100; licensing unanswered → no score;
        // governance: gov.policy partial → 1/3 → 33.3, published rounded as 33; skills: sk.training no → 0.
        let lines = (1...12).map { number in
            """
            {"organisation": "Municipalité \(number)", "rubric": "open-data-session", "rubric_version": "1.0.0", \
            "attributes": {"region": "QC", "population": "10k-50k"}, \
            "answers": {"pub.owner": true, "pub.plan": "full", "gov.policy": "partial", "sk.training": false}}
            """
        }
        let responses = folder + "/responses.ndjson"
        try lines.joined(separator: "\n").write(toFile: responses, atomically: true, encoding: .utf8)
        let summary = folder + "/summary.json"
        let aggregate = try CLIRunner.run([
            "aggregate", responses, "--rubric", SessionCLITests.rubric, "--by", "region,population", "--out", summary,
        ])
        #expect(aggregate.status == 0, "\(aggregate.standardError)")

        let session = folder + "/lac-vert.session.json"
        let started = try CLIRunner.run(SessionCLITests.start(session), input: "q\n")
        #expect(started.status == 0, "\(started.standardError)")

        let report = try CLIRunner.run([
            "report", session, "--rubric", SessionCLITests.rubric, "--against", summary, "--format", "html",
        ])
        #expect(report.status == 0, "\(report.standardError)")
        // Centre (310, 225), radius 150, axes clockwise from the top: publishing 100 → (310, 75); licensing has
        // no median → the centre; governance 33 → (310, 225 + 150·0.33) = (310, 274.5); skills 0 → the centre.
        #expect(
            report.standardOutput.contains("<polygon class=\"peer\" points=\"310,75 310,225 310,274.5 310,225\" />"))
        #expect(report.standardOutput.contains(">Peer median · QC · 10k-50k (12)</text>"))
        // The organisation's own shape has its legend entry, and the dimension table a peer column: twelve
        // organisations are enough for quartiles (10), and all answered alike, so Q1 = median = Q3.
        #expect(report.standardOutput.contains("<text class=\"legend\" x=\"38\" y=\"16\">You</text>"))
        #expect(report.standardOutput.contains("data-label=\"Peers: median (Q1–Q3)\">100 (100–100)</td>"))
        #expect(report.standardOutput.contains("data-label=\"Peers: median (Q1–Q3)\">33 (33–33)</td>"))

        let markdown = try CLIRunner.run([
            "report", session, "--rubric", SessionCLITests.rubric, "--against", summary, "--format", "markdown",
        ])
        #expect(markdown.status == 64)
        #expect(
            markdown.standardError.contains(
                "--against adds a peer column and chart, which only the HTML and Word reports have"))
    }
}
