import AssayCore
import AssayJSON
import AssaySession
import Foundation

/// The rubrics and sessions the session tests share.
enum SessionFixtures {
    /// The folder of fixtures and golden files as the tests see it (copied into the test bundle).
    static var folder: String {
        Bundle.module.url(forResource: "Golden", withExtension: nil)!.path
    }

    /// The same folder in the source tree, where `ASSAY_RECORD=1` writes golden files.
    static var sourceFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path
    }

    /// Version 1.0.0 of the fixture rubric: 4 dimensions, 8 questions; `pub.portal` is asked only when
    /// `pub.plan` is at least "partial" (value 1).
    static func scorer(version: String = "1.0.0") throws -> Scorer {
        let name = version == "1.0.0" ? "session-rubric.json" : "session-rubric-\(version.dropLast(2)).json"
        return try Scorer(rubric: AssayFile.loadRubric(folder + "/" + name).rubric)
    }

    /// A fixed moment, so stamps and the audit trail are the same on every run.
    static let start = Date(timeIntervalSince1970: 1_795_269_600)  // 2026-11-21T14:00:00Z

    /// `minutes` after ``start``.
    static func at(minutes: Double) -> Date { start.addingTimeInterval(minutes * 60) }

    /// A new session for Ville de Lac-Vert, run by Marie.
    static func session(rubric: Rubric, language: String? = nil, plannedMinutes: Int = 90) -> SessionFile {
        SessionFile(
            rubric: rubric,
            organisation: "Ville de Lac-Vert",
            attributes: ["region": "QC", "population": "10k-50k"],
            language: language,
            facilitator: "Marie",
            plannedMinutes: plannedMinutes,
            startedAt: SessionEngine.timestamp(start)
        )
    }

    /// A folder of its own under the system's temporary folder, for one test.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "assay-session-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}
