import AssayCore
import AssayJSON
import Foundation

/// The rubrics that ship with Assay, and a worked example response for each.
///
/// The files live in the repository's top-level `Rubrics/` folder and are copied into the package's resources.
public enum BundledRubrics {
    /// The ids of the bundled rubrics, sorted.
    public static var ids: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(".json".count)) }.sorted()
    }

    /// The path of the bundled rubric with `id`, if there is one.
    public static func path(ofRubric id: String) -> String? {
        let path = folder + "/" + id + ".json"
        return FileManager.default.fileExists(atPath: path) && !id.contains("/") ? path : nil
    }

    /// The path of the worked example response for the rubric with `id`, if there is one.
    public static func path(ofExample id: String) -> String? {
        let path = folder + "/examples/" + id + ".example.json"
        return FileManager.default.fileExists(atPath: path) && !id.contains("/") ? path : nil
    }

    /// The JSON Schema of the rubric format.
    public static var schemaPath: String { folder + "/schema/rubric.schema.json" }

    /// The bundled rubric with `id`, read and validated.
    ///
    /// - Throws: ``BundledRubricError`` when there is no such rubric, or ``InputError`` if its file is broken.
    public static func rubric(id: String, registry: ScoringRegistry = .builtIn) throws -> Rubric {
        guard let path = path(ofRubric: id) else { throw BundledRubricError.unknownRubric(id, known: ids) }
        return try AssayFile.loadRubric(path, registry: registry).rubric
    }

    /// An earlier version of the bundled rubric with `id`, as it shipped, from `Rubrics/history/`; `nil` when that
    /// version is not kept. The current rubric's `changes` map its questions onto today's.
    public static func rubric(id: String, version: String) throws -> Rubric? {
        let path = folder + "/history/" + id + "-" + version + ".json"
        guard !id.contains("/"), !version.contains("/"), FileManager.default.fileExists(atPath: path) else {
            return nil
        }
        return try AssayFile.loadRubric(path).rubric
    }

    /// The worked example response for the rubric with `id`.
    public static func example(for id: String) throws -> AssessmentResponse {
        guard let path = path(ofExample: id) else { throw BundledRubricError.noExample(id) }
        return try AssayFile.loadResponse(path).response
    }

    /// Where the rubric files are: `ASSAY_RUBRICS` if set, else the resource bundle beside the executable, else the
    /// source checkout's `Rubrics/` folder. Looked up by hand because `Bundle.module` stops the process when the
    /// bundle is missing, and a missing bundle must be an error message, not a crash.
    private static var folder: String {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["ASSAY_RUBRICS"], !override.isEmpty { return override }
        let bundleName = "Assay_AssayRubrics.resources"
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent(bundleName),
            executable.deletingLastPathComponent().appendingPathComponent(bundleName),
            Bundle.main.resourceURL?.appendingPathComponent(bundleName),
        ].compactMap { $0 }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate.path) {
            return candidate.path
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().path
    }
}

/// A bundled rubric or example that does not exist.
public enum BundledRubricError: Error, Sendable, CustomStringConvertible {
    /// No bundled rubric has this id.
    case unknownRubric(String, known: [String])
    /// The rubric has no bundled example.
    case noExample(String)

    public var description: String {
        switch self {
        case .unknownRubric(let id, let known):
            "no bundled rubric \"\(id)\"; the bundled rubrics are \(known.joined(separator: ", ")) (or give a path to a rubric file)"
        case .noExample(let id):
            "the rubric \"\(id)\" has no bundled example response"
        }
    }
}
