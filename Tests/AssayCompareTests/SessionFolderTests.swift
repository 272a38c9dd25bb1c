import AssayCompare
import AssayCore
import AssayJSON
import AssaySession
import Foundation
import Testing

@Suite("Folders of session files")
struct SessionFolderTests {
    /// Writes one session file per entry into a new folder.
    func folder(_ sessions: [(organisation: String, people: Int, tools: Int, updated: String)]) throws -> String {
        let scorer = try handScorer()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (number, entry) in sessions.enumerated() {
            var session = SessionFile(
                rubric: scorer.index.rubric, organisation: entry.organisation, attributes: ["region": "north"],
                startedAt: "2026-01-01T09:00:00Z"
            )
            session.answers = [
                "a": Answer(.text(optionForScore[entry.people]!), note: "Private note"),
                "b": Answer(.text(optionForScore[entry.tools]!)),
            ]
            session.updatedAt = entry.updated
            try JSONOutput.string(session).write(
                to: folder.appendingPathComponent("session-\(number).session.json"), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    @Test func theLatestSessionOfEachOrganisationCounts() throws {
        // org-0 was assessed twice: 0/0 in January, 100/100 in June. Five others score 50/50.
        var sessions = [
            (organisation: "org-0", people: 0, tools: 0, updated: "2026-01-15T10:00:00Z"),
            (organisation: "org-0", people: 100, tools: 100, updated: "2026-06-15T10:00:00Z"),
        ]
        for index in 1...5 { sessions.append(("org-\(index)", 50, 50, "2026-03-01T10:00:00Z")) }
        let path = try folder(sessions)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let scorer = try handScorer()
        let aggregate = try ResponseSetAggregator(
            scorer: scorer, options: AggregationOptions(groupBy: ["region"], perOrganisation: .latest)
        ).aggregate(path)
        let summary = SummaryBuilder(index: scorer.index).summary(of: aggregate)
        // Six organisations, one response each: org-0's June session (overall 100), five at 50.
        // Mean overall = (100 + 5·50)/6 = 58.33 → published as 58. Counting January instead would give 41.67 → 42.
        #expect(summary.overall.organisations == 6)
        #expect(summary.overall.responses == 6)
        #expect(summary.overall.scope("overall")?.mean == 58)
        // Notes never leave the organisation's own report.
        #expect(try !JSONOutput.string(summary).contains("Private note"))
    }

    @Test func aSessionWithAnAnswerTheRubricRejectsIsReportedWithItsPlace() throws {
        let path = try folder([(organisation: "org-0", people: 50, tools: 50, updated: "2026-01-15T10:00:00Z")])
        defer { try? FileManager.default.removeItem(atPath: path) }
        let file = path + "/session-0.session.json"
        let text = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
            of: "\"mid\"", with: "\"most\"")
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        let scorer = try handScorer()
        let error = try #require(throws: InputError.self) {
            try AssayFile.responseOrSession(from: JSONDocument.read(file), against: scorer.index)
        }
        let first = try #require(error.errors.first)
        #expect(first.message.hasPrefix("\"most\" is not an option of this question"))
        #expect(first.path.description == "answers.a" && first.line > 1)
    }
}
