import AssayCore
import AssayJSON
import Foundation

/// The rubrics that ship with Assay, and a worked example response for each.
///
/// The files live in the repository's top-level `Rubrics/` folder and are copied into the package's resources.
public enum BundledRubrics {
    /// The ids of the bundled rubrics, sorted.
    ///
    /// - Throws: ``BundledRubricError/missingResources(searched:)`` when the rubric files cannot be found, so a
    ///   service does not start with no rubrics and say nothing.
    public static var ids: [String] {
        get throws(BundledRubricError) {
            let folder = try folder()
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
                throw .missingResources(searched: [folder])
            }
            // Regular files only (through links): a named pipe called x.json would make every listing wait.
            return files.filter { name in
                var info = stat()
                return name.hasSuffix(".json") && stat(folder + "/" + name, &info) == 0
                    && info.st_mode & S_IFMT == S_IFREG
            }.map { String($0.dropLast(".json".count)) }.sorted()
        }
    }

    /// The path of the bundled rubric with `id`; `nil` when there is no such rubric.
    ///
    /// - Throws: ``BundledRubricError/missingResources(searched:)`` when the rubric files cannot be found.
    public static func path(ofRubric id: String) throws(BundledRubricError) -> String? {
        let path = try folder() + "/" + id + ".json"
        return FileManager.default.fileExists(atPath: path) && !id.contains("/") ? path : nil
    }

    /// The path of the worked example response for the rubric with `id`; `nil` when it has none.
    ///
    /// - Throws: ``BundledRubricError/missingResources(searched:)`` when the rubric files cannot be found.
    public static func path(ofExample id: String) throws(BundledRubricError) -> String? {
        let path = try folder() + "/examples/" + id + ".example.json"
        return FileManager.default.fileExists(atPath: path) && !id.contains("/") ? path : nil
    }

    /// The JSON Schema of the rubric format.
    public static var schemaPath: String {
        get throws(BundledRubricError) { try folder() + "/schema/rubric.schema.json" }
    }

    /// The bundled rubric with `id`, read and validated.
    ///
    /// - Throws: ``BundledRubricError`` when there is no such rubric, or ``InputError`` if its file is broken.
    public static func rubric(id: String, registry: ScoringRegistry = .builtIn) throws -> Rubric {
        guard let path = try path(ofRubric: id) else { throw BundledRubricError.unknownRubric(id, known: try ids) }
        return try AssayFile.loadRubric(path, registry: registry).rubric
    }

    /// An earlier version of the bundled rubric with `id`, as it shipped, from `Rubrics/history/`; `nil` when that
    /// version is not kept. The current rubric's `changes` map its questions onto today's.
    public static func rubric(id: String, version: String) throws -> Rubric? {
        let path = try folder() + "/history/" + id + "-" + version + ".json"
        guard !id.contains("/"), !version.contains("/"), FileManager.default.fileExists(atPath: path) else {
            return nil
        }
        return try AssayFile.loadRubric(path).rubric
    }

    /// The worked example response for the rubric with `id`.
    public static func example(for id: String) throws -> AssessmentResponse {
        guard let path = try path(ofExample: id) else { throw BundledRubricError.noExample(id) }
        return try AssayFile.loadResponse(path).response
    }

    /// Where the rubric files are: `ASSAY_RUBRICS` if set, else the resource bundle beside the executable (or the
    /// test bundle). Looked up by hand because `Bundle.module` stops the process when the bundle is missing, and a
    /// missing bundle must be an error message, not a crash. There is no fallback to a source checkout: a copied
    /// binary must not quietly read whatever `Rubrics/` folder its build machine had.
    private static func folder() throws(BundledRubricError) -> String {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["ASSAY_RUBRICS"], !override.isEmpty {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: override, isDirectory: &isDirectory), isDirectory.boolValue
            else { throw .missingResources(searched: [override]) }
            return override
        }
        let bundleName = "Assay_AssayRubrics.resources"
        // Tried in turn, each only if the ones before it found nothing: `Bundle.main` lists the executable's
        // folder when first asked, which was a fifth of `assay score`'s whole run (a command in /usr/local/bin sits
        // beside many files). Beside the running executable first, as the kernel names it (Linux), then as it was
        // invoked, then where Foundation's main bundle says.
        let candidates: [() -> URL?] = [
            {
                (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")).map {
                    URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent(bundleName)
                }
            },
            {
                URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
                    .deletingLastPathComponent().appendingPathComponent(bundleName)
            },
            { Bundle.main.bundleURL.appendingPathComponent(bundleName) },
            { Bundle.main.resourceURL?.appendingPathComponent(bundleName) },
        ]
        var searched: [String] = []
        for candidate in candidates {
            guard let path = candidate()?.path else { continue }
            if FileManager.default.fileExists(atPath: path) { return path }
            if !searched.contains(path) { searched.append(path) }
        }
        throw .missingResources(searched: searched)
    }
}

/// A bundled rubric or example that does not exist, or bundled rubric files that cannot be found.
public enum BundledRubricError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No bundled rubric has this id.
    case unknownRubric(String, known: [String])
    /// The rubric has no bundled example.
    case noExample(String)
    /// The rubric files are not where the executable expects them: the `Assay_AssayRubrics.resources` folder
    /// was not copied beside it, or `ASSAY_RUBRICS` names a folder that does not exist.
    case missingResources(searched: [String])

    public var description: String {
        switch self {
        case .unknownRubric(let id, let known):
            "no bundled rubric \"\(id)\"; the bundled rubrics are \(known.joined(separator: ", ")) (or give a path to a rubric file)"
        case .noExample(let id):
            "the rubric \"\(id)\" has no bundled example response"
        case .missingResources(let searched):
            "the bundled rubrics are missing: no Assay_AssayRubrics.resources folder was found (looked in "
                + searched.joined(separator: ", ")
                + "); copy that folder from the build beside the executable, or set ASSAY_RUBRICS to a rubric folder"
        }
    }
}
