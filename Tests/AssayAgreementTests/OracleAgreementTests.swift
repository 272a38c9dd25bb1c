import AssayAgreement
import AssayCore
import AssayTesting
import Foundation
import Testing

/// The coefficients against independent implementations: the PyPI packages `krippendorff` (α) and `statsmodels`
/// (`cohens_kappa`), run by `Scripts/agreement-oracle.py` in the virtual environment `Scripts/test.sh` makes
/// (`ASSAY_AGREEMENT_PYTHON`). Without such a Python the test says it is skipped; the suite never needs the network.
@Suite struct OracleAgreementTests {
    static let python: String? = {
        let candidates = [ProcessInfo.processInfo.environment["ASSAY_AGREEMENT_PYTHON"], "/usr/bin/python3"]
        return candidates.compactMap { $0 }.first { run($0, ["-c", "import krippendorff, statsmodels"]) == 0 }
    }()

    static let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/agreement-oracle.py").path

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

    struct AlphaCase: Codable {
        var level: MeasurementLevel
        /// Raters × units, as the `krippendorff` package takes them.
        var data: [[Double?]]
    }

    struct KappaCase: Codable {
        var weighting: CohenKappa.Weighting
        var a: [Double?]
        var b: [Double?]
    }

    struct Cases: Codable {
        var alpha: [AlphaCase]
        var kappa: [KappaCase]
    }

    struct Results: Codable {
        var alpha: [Double?]
        var kappa: [Double?]
    }

    /// How many random sets of each kind; 2,000 α sets for each of the three levels, 2,000 κ pairs per weighting.
    static let setsPerKind = 2000

    /// Random reliability data: 1–5 raters (one rater included, for the undefined case), 1–15 units, 1–5
    /// distinct values (one value included, for the all-agree case), and 0–60 % missing.
    static func cases() -> Cases {
        var random = SplitMix64(state: 16)
        var alpha: [AlphaCase] = []
        for level in MeasurementLevel.allCases {
            for _ in 0..<setsPerKind {
                let raters = Int.random(in: 1...5, using: &random)
                let units = Int.random(in: 1...15, using: &random)
                let domain = domain(level, using: &random)
                let missing = Double.random(in: 0...0.6, using: &random)
                let data = (0..<raters).map { _ in
                    (0..<units).map { _ -> Double? in
                        Double.random(in: 0..<1, using: &random) < missing ? nil : domain.randomElement(using: &random)!
                    }
                }
                alpha.append(AlphaCase(level: level, data: data))
            }
        }
        var kappa: [KappaCase] = []
        for weighting in [CohenKappa.Weighting.unweighted, .quadratic] {
            for _ in 0..<setsPerKind {
                let items = Int.random(in: 1...25, using: &random)
                let domain = domain(weighting == .quadratic ? .interval : .nominal, using: &random)
                let missing = Double.random(in: 0...0.4, using: &random)
                // Half the sets have raters who mostly agree, so κ near 1 is tested as well as κ near 0.
                let agreeing = Bool.random(using: &random)
                var a: [Double?] = []
                var b: [Double?] = []
                for _ in 0..<items {
                    let first = domain.randomElement(using: &random)!
                    let second =
                        agreeing && Double.random(in: 0..<1, using: &random) < 0.7
                        ? first : domain.randomElement(using: &random)!
                    a.append(Double.random(in: 0..<1, using: &random) < missing ? nil : first)
                    b.append(Double.random(in: 0..<1, using: &random) < missing ? nil : second)
                }
                kappa.append(KappaCase(weighting: weighting, a: a, b: b))
            }
        }
        return Cases(alpha: alpha, kappa: kappa)
    }

    /// Values to draw from: small integers as a scale has, or (interval) uneven decimals.
    static func domain(_ level: MeasurementLevel, using random: inout SplitMix64) -> [Double] {
        let count = Int.random(in: 1...5, using: &random)
        switch level {
        case .nominal, .ordinal:
            return Array((0..<7).shuffled(using: &random).prefix(count)).map(Double.init)
        case .interval:
            return (0..<count).map { _ in (Double.random(in: -50...50, using: &random) * 100).rounded() / 100 }
        }
    }

    @Test(.enabled(if: python != nil, "no Python with krippendorff and statsmodels; set ASSAY_AGREEMENT_PYTHON"))
    func thousandsOfRandomSetsAgreeWithKrippendorffAndStatsmodels() throws {
        let python = try #require(Self.python)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-agreement-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cases.json")
        let output = folder.appendingPathComponent("results.json")
        let cases = Self.cases()
        try JSONEncoder().encode(cases).write(to: input)
        #expect(Self.run(python, [Self.script, input.path, output.path]) == 0)
        let oracle = try JSONDecoder().decode(Results.self, from: Data(contentsOf: output))
        try #require(oracle.alpha.count == cases.alpha.count && oracle.kappa.count == cases.kappa.count)

        var largest = 0.0
        var defined = 0
        var undefined = 0
        for (index, item) in cases.alpha.enumerated() {
            let units = (0..<(item.data.first?.count ?? 0)).map { unit in item.data.map { $0[unit] } }
            let ours = KrippendorffAlpha(level: item.level)(units: units).value
            let theirs = oracle.alpha[index]
            #expect(
                (ours == nil) == (theirs == nil), "α \(item.level) of \(item.data): \(ours as Any) vs \(theirs as Any)")
            if let ours, let theirs {
                largest = max(largest, abs(ours - theirs))
                #expect(abs(ours - theirs) < 1e-9, "α \(item.level) of \(item.data): \(ours) vs \(theirs)")
                defined += 1
            } else {
                undefined += 1
            }
        }
        for (index, item) in cases.kappa.enumerated() {
            let ours = CohenKappa(weighting: item.weighting)(item.a, item.b).value
            let theirs = oracle.kappa[index]
            #expect((ours == nil) == (theirs == nil), "κ \(item.weighting) of \(item.a), \(item.b)")
            if let ours, let theirs {
                largest = max(largest, abs(ours - theirs))
                #expect(abs(ours - theirs) < 1e-9, "κ \(item.weighting) of \(item.a), \(item.b): \(ours) vs \(theirs)")
                defined += 1
            } else {
                undefined += 1
            }
        }
        // The sets must exercise both outcomes, or the comparison proves less than it says.
        // Of the 10,000 sets about 6,500 have a value and 3,500 are undefined (one rater, one value, nothing paired).
        #expect(defined > 6000)
        #expect(undefined > 1000)
        print(
            "agreement oracle: \(cases.alpha.count + cases.kappa.count) sets, \(defined) defined, \(undefined) undefined, largest difference \(largest)"
        )
    }
}
