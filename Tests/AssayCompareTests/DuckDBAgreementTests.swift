import AssayCompare
import AssayCore
import AssayJSON
import Foundation
import Testing

/// Assay's numbers against DuckDB's `quantile_cont` on a generated set, when a Python with duckdb is at hand:
/// `ASSAY_DUCKDB_PYTHON=/path/to/python` (the benchmark script makes one in /tmp/assay-duckdb-venv), or a
/// `python3` that imports duckdb. Without one the test is skipped: the suite never needs the network.
@Suite struct DuckDBAgreementTests {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["ASSAY_DUCKDB_PYTHON"], "/usr/bin/python3"].compactMap {
            $0
        }
        return candidates.first { run($0, ["-c", "import duckdb"]) == 0 }
    }()

    static let compareFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Benchmarks/compare")

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test(.enabled(if: python != nil, "no Python with duckdb; set ASSAY_DUCKDB_PYTHON"))
    func generatedSetAgreesWithDuckDB() throws {
        let python = try #require(Self.python)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-duckdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let responses = folder.appendingPathComponent("responses.ndjson").path
        let rubricPath = folder.appendingPathComponent("rubric.json").path
        let csv = folder.appendingPathComponent("duckdb.csv").path
        #expect(
            Self.run(
                python,
                [
                    Self.compareFolder.appendingPathComponent("generate.py").path, "--responses", "20000",
                    "--regions", "10", "--organisations-per-group", "12", "--out", responses, "--rubric-out",
                    rubricPath,
                ]) == 0
        )
        #expect(
            Self.run(
                python, [Self.compareFolder.appendingPathComponent("duckdb_query.py").path, responses, rubricPath, csv])
                == 0)

        let rubric = try JSONDocument.read(rubricPath).decode(Rubric.self).value
        let scorer = try Scorer(rubric: rubric)
        let aggregate = try ResponseSetAggregator(
            scorer: scorer, options: AggregationOptions(groupBy: ["region", "population"])
        )
        .aggregate(responses)
        let policy = DisclosurePolicy(minimumOrganisationsForQuartiles: 5, scoreDecimals: 6)
        let summary = SummaryBuilder(index: scorer.index, policy: policy).summary(of: aggregate)

        let rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = try #require(rows.first)
        var checked = 0
        for row in rows.dropFirst() {
            let value = { (column: String) in Double(row[header.firstIndex(of: column)!])! }
            let group = try #require(
                summary.groups.first { $0.attributes == ["region": row[0], "population": row[1]] })
            #expect(Double(group.organisations) == value("organisations"))
            #expect(Double(group.responses) == value("responses"))
            for scope in group.scopes {
                for (statistic, ours) in [
                    ("mean", scope.mean), ("q1", scope.q1), ("median", scope.median), ("q3", scope.q3),
                ] {
                    // Assay rounds to 6 decimals here; DuckDB sums in another order.
                    #expect(
                        abs((ours ?? .nan) - value("\(scope.scope)_\(statistic)")) < 2e-6,
                        "\(group.label) \(scope.scope) \(statistic)")
                    checked += 1
                }
            }
        }
        // 10 regions × 5 bands × 9 scopes × 4 statistics; 400 responses a group, so both the groups' and the
        // overall's quartiles go through bucket selection, and the two workers each read half the file.
        #expect(checked == 1_800)
    }
}
