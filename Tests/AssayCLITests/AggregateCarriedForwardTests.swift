import Foundation
import Testing

/// `assay aggregate` over responses given against digital-capacity 1.0.0 and 2.0.0: what the analyst is told.
@Suite("assay aggregate carries earlier versions forward")
struct AggregateCarriedForwardTests {
    static func line(_ organisation: String, version: String, round: String, _ answers: String) -> String {
        """
        {"organisation": "\(organisation)", "rubric": "digital-capacity", "rubric_version": "\(version)", \
        "attributes": {"region": "CA", "round": "\(round)"}, "answers": {\(answers)}}
        """
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-carry-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func theOutputSaysHowManyResponsesWereCarriedAndFromWhichVersion() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let year1 = (1...5).map {
            Self.line(
                "o\($0)", version: "1.0.0", round: "2025", #""tech.security": "largely", "tech.inventory": "partial""#)
        }
        let year2 = (1...5).map {
            Self.line(
                "o\($0)", version: "2.0.0", round: "2026", #""tech.access": "full", "tech.protection": "partial""#)
        }
        let input = folder + "/rounds.ndjson"
        try (year1 + year2).joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let out = folder + "/summary.json"
        let result = try CLIRunner.run([
            "aggregate", input, "--rubric", "digital-capacity", "--by", "region", "--per-organisation", "latest",
            "--out", out,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(
            result.standardOutput.contains(
                "Carried 5 responses given against 1.0.0 onto 2.0.0's questions through the rubric's changes: 5 answers moved to renamed, split or merged questions, 0 answers left out"
            ), "\(result.standardOutput)")
        // Carried answers are not a warning: nothing on standard error about the version.
        #expect(!result.standardError.contains("given against version"))
        let summary = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as? [String: Any])
        let groups = try #require(summary["groups"] as? [[String: Any]])
        let trends = try #require(groups.first?["trends"] as? [[String: Any]])
        // 2025: access 2, protection 2, inventory 1: 100 · 5/9 = 55.6, published as 56; 2026: access 3, protection
        // 1: 100 · 4/6 = 66.7, published as 67.
        #expect(trends.map { $0["mean"] as? Double } == [56, 67])
        // The release itself does not say how many responses came from which version.
        #expect(!(try String(contentsOfFile: out, encoding: .utf8)).contains("1.0.0"))
    }

    @Test func aVersionItCannotMapIsRefusedWithItsLineAndNothingIsWritten() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lines = [
            Self.line("o1", version: "2.0.0", round: "2026", #""tech.access": "full""#),
            Self.line("o2", version: "0.9.0", round: "2026", #""tech.security": "full""#),
        ]
        let input = folder + "/rounds.ndjson"
        try lines.joined(separator: "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let out = folder + "/summary.json"
        let result = try CLIRunner.run([
            "aggregate", input, "--rubric", "digital-capacity", "--by", "region", "--out", out,
        ])
        #expect(result.status == 1)
        #expect(
            result.standardError.contains(
                "\(input):2:"), "\(result.standardError)")
        #expect(
            result.standardError.contains(
                "error: the answers were given against version 0.9.0 of rubric \"digital-capacity\", and 2.0.0 maps answers from 1.0.0 only"
            ), "\(result.standardError)")
        #expect(result.standardError.contains("(at rubric_version)"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: folder + "/rounds.ledger.sqlite"))
    }
}
