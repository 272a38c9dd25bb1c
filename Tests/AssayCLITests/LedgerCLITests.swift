import Foundation
import Testing

/// The release ledger as an analyst meets it: the README's own sequence of releases, in a folder of its own.
@Suite("assay aggregate and assay ledger")
struct LedgerCLITests {
    /// A copy of the bundled response set in a new folder, so the ledger beside it starts empty.
    final class Workspace {
        let folder: String
        let responses: String
        let joined: String

        init() throws {
            folder =
                FileManager.default.temporaryDirectory.appendingPathComponent("assay-ledger-cli-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let root = CLIRunner.repositoryRoot.appendingPathComponent("Rubrics/examples")
            let bundled = try String(
                contentsOf: root.appendingPathComponent("digital-capacity.responses.ndjson"), encoding: .utf8)
            responses = folder + "/responses.ndjson"
            try bundled.write(toFile: responses, atomically: true, encoding: .utf8)
            // The README's worked example joins the programme: one more QC municipality, on one line.
            let example = try JSONSerialization.jsonObject(
                with: Data(contentsOf: root.appendingPathComponent("digital-capacity.example.json")))
            let line = String(decoding: try JSONSerialization.data(withJSONObject: example), as: UTF8.self)
            joined = folder + "/joined.ndjson"
            try (bundled.hasSuffix("\n") ? bundled : bundled + "\n").appending(line + "\n")
                .write(toFile: joined, atomically: true, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        var ledger: String { folder + "/programme.ledger.sqlite" }

        func aggregate(_ responses: String, out: String, _ more: [String] = []) throws -> CLIRunner.Result {
            try CLIRunner.run(
                ["aggregate", responses, "--rubric", "digital-capacity", "--by", "region", "--out", folder + "/" + out]
                    + more)
        }
    }

    @Test func aMunicipalityThatJoinsCannotBeSubtractedFromTheReleaseBefore() throws {
        let workspace = try Workspace()
        let ledger = ["--ledger", workspace.ledger]
        let first = try workspace.aggregate(workspace.responses, out: "before.json", ledger)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("checked against 0 earlier releases"))
        let second = try workspace.aggregate(workspace.joined, out: "after.json", ledger)
        #expect(second.status == 0, "\(second.standardError)")
        // QC (20 → 21) and all organisations (48 → 49) would each differ from the first release by the newcomer.
        #expect(second.standardOutput.contains("\"QC\" withheld: with the cells of"))
        #expect(second.standardOutput.contains("\"all organisations\" withheld"))
        let after =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: workspace.folder + "/after.json"))) as! [String: Any]
        let labels = (after["groups"] as! [[String: Any]]).map { $0["label"] as! String }
        #expect(labels == ["NB", "ON"])
        let disclosure = after["disclosure"] as! [String: Any]
        #expect((disclosure["releases_checked"] as! [String]).count == 1)

        let list = try CLIRunner.run(["ledger", "list", "--ledger", workspace.ledger])
        #expect(list.status == 0)
        #expect(list.standardOutput.split(separator: "\n").count == 2)
        #expect(list.standardOutput.contains("before.json") && list.standardOutput.contains("after.json"))
        let show = try CLIRunner.run(["ledger", "show", "2", "--ledger", workspace.ledger])
        #expect(show.standardOutput.contains("NB [group]: 12 organisations"))
        #expect(!show.standardOutput.contains("Rivière"), "the ledger shows no organisation's name")
        let verify = try CLIRunner.run(["ledger", "verify", "--ledger", workspace.ledger])
        #expect(verify.status == 0, "\(verify.standardError)")
        #expect(verify.standardOutput.contains("2 releases; no problem found"))
    }

    @Test func theLedgerDefaultsToOneBesideTheResponseSet() throws {
        let workspace = try Workspace()
        let result = try workspace.aggregate(workspace.responses, out: "summary.json")
        #expect(result.status == 0, "\(result.standardError)")
        #expect(FileManager.default.fileExists(atPath: workspace.folder + "/responses.ledger.sqlite"))
        let scratch = try workspace.aggregate(workspace.responses, out: "scratch.json", ["--no-ledger"])
        #expect(scratch.status == 0)
        #expect(scratch.standardError.contains("can be subtracted from one another"))
    }

    @Test func aRefusedReleaseWritesNothing() throws {
        let workspace = try Workspace()
        let key = workspace.folder + "/release.key"
        // 64 hex digits, as `openssl rand -hex 32` writes.
        try ((0..<32).map { String(format: "%02x", ($0 * 37 + 11) % 256) }.joined() + "\n")
            .write(toFile: key, atomically: true, encoding: .utf8)
        let ledger = ["--ledger", workspace.ledger, "--key-file", key]
        #expect(try workspace.aggregate(workspace.responses, out: "first.json", ledger).status == 0)
        let reused = try workspace.aggregate(workspace.responses, out: "second.json", ledger)
        #expect(reused.status == 1)
        #expect(reused.standardError.contains("this key was already used for the release"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/second.json"))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: workspace.folder).allSatisfy { !$0.contains(".tmp-") })

        let typed = workspace.folder + "/typed.key"
        try "programme2026!!!programme2026!!!".write(toFile: typed, atomically: true, encoding: .utf8)
        let refused = try workspace.aggregate(workspace.responses, out: "typed.json", ["--key-file", typed])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("printable text"))
    }

    @Test func aPrivateReleasePrintsNoExactCountAndTheBudgetHolds() throws {
        let workspace = try Workspace()
        let common = ["--ledger", workspace.ledger, "--per-organisation", "latest", "--epsilon", "0.6"]
        let first = try workspace.aggregate(
            workspace.responses, out: "public.json", common + ["--privacy-budget", "1"])
        #expect(first.status == 0, "\(first.standardError)")
        // Neither the lines read nor the exact organisations (48) are printed; the count shown is the noisy one.
        #expect(!first.standardOutput.contains("Read 48"), "an exact count is printed: \(first.standardOutput)")
        #expect(!first.standardOutput.contains("48 organisations counted"))
        #expect(first.standardOutput.contains("organisations after noise"))
        #expect(first.standardOutput.contains("Budget left: 0.4"))
        let second = try workspace.aggregate(workspace.responses, out: "public-2.json", common)
        #expect(second.status == 1)
        #expect(second.standardError.contains("only 0.4 of the budget's 1"))
        #expect(!FileManager.default.fileExists(atPath: workspace.folder + "/public-2.json"))
        // A negative ε is a usage error, spent nowhere.
        let negative = try workspace.aggregate(
            workspace.responses, out: "negative.json", ["--ledger", workspace.ledger, "--epsilon", "-100"])
        #expect(negative.status == 64)
    }
}
