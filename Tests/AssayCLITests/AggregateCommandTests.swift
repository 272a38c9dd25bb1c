import Foundation
import Testing

@Suite("assay aggregate")
struct AggregateCommandTests {
    static let responses = "Rubrics/examples/digital-capacity.responses.ndjson"

    @Test func theSameResponseSetGivesTheSameBytesWhateverTheNumberOfThreads() throws {
        // Over 1 MiB, so the file is split between the threads: the bundled set 40 times over, each copy's
        // organisations renamed so that they count as others.
        let lines = try String(
            contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(Self.responses), encoding: .utf8
        )
        .split(separator: "\n")
        var text = ""
        for copy in 0..<40 {
            for line in lines {
                text +=
                    line.replacingOccurrences(of: #""organisation": ""#, with: #""organisation": "\#(copy) "#) + "\n"
            }
        }
        #expect(text.utf8.count > 1 << 20)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-threads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("responses.ndjson").path
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        var outputs: [String] = []
        for threads in ["1", "2", "3", "2"] {
            let out = folder.appendingPathComponent("summary-\(outputs.count).json").path
            let result = try CLIRunner.run([
                "aggregate", input, "--rubric", "digital-capacity", "--by", "region,population", "--out", out,
                "--threads", threads,
                // A ledger per run, so that each is a first release and none is checked against the others.
                "--ledger", try Self.folder(in: folder, named: "run-\(outputs.count)") + "/programme.ledger.sqlite",
            ])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("1920 responses from 1920 organisations"))
            outputs.append(try String(contentsOfFile: out, encoding: .utf8))
        }
        #expect(Set(outputs).count == 1, "the summaries differ between thread counts or runs")
    }

    static func folder(in parent: URL, named name: String) throws -> String {
        let path = parent.appendingPathComponent(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: ["0", "-1", "257"])
    func aThreadCountOutsideOneTo256IsAUsageError(threads: String) throws {
        let result = try CLIRunner.run([
            "aggregate", Self.responses, "--rubric", "digital-capacity", "--by", "region", "--out", "/tmp/unused.json",
            "--threads=\(threads)",
        ])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--threads must be from 1 to 256"))
    }

    @Test func aBandTheDeclaredOrderDoesNotListIsRefusedAtItsPlaceInThePolicyAndNothingIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-order-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // The bundled set has under-10k, 10k-50k and 50k-250k: this order forgets 10k-50k.
        let policy = folder.appendingPathComponent("policy.json").path
        try """
        {
          "attributes": {
            "population": {"order": ["under-10k", "50k-250k", "over-250k"]}
          }
        }
        """.write(toFile: policy, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("handout.html").path
        let ledger = folder.appendingPathComponent("programme.ledger.sqlite").path
        let result = try CLIRunner.run([
            "aggregate", Self.responses, "--rubric", "digital-capacity", "--by", "region,population", "--out", out,
            "--policy", policy, "--ledger", ledger,
        ])
        #expect(result.status == 1)
        // Line 3 holds the order, at attributes.population.order.
        #expect(result.standardError.contains("policy.json:3:"), "\(result.standardError)")
        #expect(result.standardError.contains("\"10k-50k\""))
        #expect(result.standardError.contains("attributes.population.order"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect(!FileManager.default.fileExists(atPath: ledger))

        // With the band in its place the same command writes the handout, groups in that order.
        try """
        {"attributes": {"population": {"order": ["under-10k", "10k-50k", "50k-250k", "over-250k"]}}}
        """.write(toFile: policy, atomically: true, encoding: .utf8)
        let json = folder.appendingPathComponent("summary.json").path
        let written = try CLIRunner.run([
            "aggregate", Self.responses, "--rubric", "digital-capacity", "--by", "population", "--out", json,
            "--policy", policy, "--no-ledger",
        ])
        #expect(written.status == 0, "\(written.standardError)")
        let summary = try String(contentsOfFile: json, encoding: .utf8)
        let positions = ["\"label\": \"under-10k\"", "\"label\": \"10k-50k\"", "\"label\": \"50k-250k\""].map {
            summary.range(of: $0)?.lowerBound
        }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    }
}
