import AssayCore
import AssayJSON

extension SessionFile {
    /// Whether a parsed document is a session file rather than a response document: only sessions carry a start
    /// time and an audit trail.
    public static func isSession(_ value: JSONValue) -> Bool {
        guard case .object(let object) = value else { return false }
        return object["started_at"] != nil && object["audit"] != nil
    }
}

extension AssayFile {
    /// Reads a response document or a session file, and checks its answers against `index` when given.
    ///
    /// A session file gives its organisation, attributes and answers, and its last update as the `submitted_at`
    /// attribute (unless it has one), so the latest of several sessions with one organisation is the one that
    /// counts. The answers sit at the same paths in both formats, so problems are located the same way.
    public static func responseOrSession(from document: JSONDocument, against index: RubricIndex? = nil)
        throws(InputError) -> LoadedResponse
    {
        guard SessionFile.isSession(document.value) else { return try response(from: document, against: index) }
        let (session, unknownKeys) = try document.decode(SessionFile.self)
        var response = session.response
        if response.attributes["submitted_at"] == nil { response.attributes["submitted_at"] = session.updatedAt }
        return try checked(response, from: document, unknownKeys: unknownKeys, against: index)
    }
}

/// A response or session read for comparison with today's questions: its answers carried forward from the version
/// they were given against when that differs from the rubric's.
public struct CarriedResponse: Sendable {
    /// The response, with its answers on the rubric's questions and its version the rubric's.
    public var loaded: AssayFile.LoadedResponse
    /// The version the answers were given against, when they were carried from another; `nil` when they were
    /// given against the rubric's version (or name none).
    public var fromVersion: String?
    /// What the carrying did, when it was done.
    public var carried: CarriedAnswers?
}

extension AssayFile {
    /// Reads a response document or a session file to compare with others against `index`'s rubric: answers
    /// given against an earlier version are carried onto this version's questions through the mapping the rubric
    /// declares from that version (``VersionChange/carry(_:onto:)``, as `assay session resume` carries a
    /// session), then checked like any other.
    ///
    /// - Throws: ``InputError`` for every problem ``responseOrSession(from:against:)`` finds, and, located at
    ///   `rubric_version`, for answers given against a version the rubric declares no mapping from: their
    ///   questions cannot be put beside today's. A problem with a carried answer is located at the answer the
    ///   document holds, and says which question it was carried to.
    public static func responseOrSession(from document: JSONDocument, carryingForwardTo index: RubricIndex)
        throws(InputError) -> CarriedResponse
    {
        let rubric = index.rubric
        var response: AssessmentResponse
        var unknownKeys: [SourceDiagnostic]
        if SessionFile.isSession(document.value) {
            let (session, keys) = try document.decode(SessionFile.self)
            response = session.response
            if response.attributes["submitted_at"] == nil { response.attributes["submitted_at"] = session.updatedAt }
            unknownKeys = keys
        } else {
            (response, unknownKeys) = try document.decode(AssessmentResponse.self)
        }
        guard let version = response.rubricVersion, version != rubric.version, response.rubric == rubric.id else {
            let loaded = try checked(response, from: document, unknownKeys: unknownKeys, against: index)
            return CarriedResponse(loaded: loaded, fromVersion: nil, carried: nil)
        }
        let versionPath = DocumentPath.root.key("rubric_version")
        guard let change = rubric.changes.first(where: { $0.fromVersion == version }) else {
            let declared = rubric.changes.map(\.fromVersion)
            let maps =
                declared.isEmpty
                ? "declares no earlier version's mapping"
                : "maps answers from \(declared.joined(separator: ", ")) only"
            throw InputError(
                diagnostics: document.locate([
                    .error(
                        "the answers were given against version \(version) of rubric \"\(rubric.id)\", and \(rubric.version) \(maps) (its \"changes\"), so they cannot be compared with \(rubric.version)'s questions; score them against version \(version), or declare in the rubric how \(version)'s questions became \(rubric.version)'s",
                        at: versionPath)
                ]) + unknownKeys)
        }
        let carried = change.carry(response.answers, onto: index)
        response.answers = carried.answers
        response.rubricVersion = rubric.version
        let answersPath = DocumentPath.root.key("answers")
        var diagnostics: [Diagnostic] = response.validate(against: index).map { diagnostic in
            // A problem with a carried answer belongs where the document holds it, under its earlier id.
            guard diagnostic.path.components.count == 2, diagnostic.path.components[0] == .key("answers"),
                case .key(let id) = diagnostic.path.components[1], let sources = carried.sources[id],
                let source = sources.first
            else { return diagnostic }
            var moved = diagnostic
            moved.path = answersPath.key(source)
            moved.message +=
                " (the answer to \(version)'s \"\(sources.joined(separator: "\", \""))\", carried to \(rubric.version)'s \"\(id)\")"
            return moved
        }
        for id in carried.unknown {
            diagnostics.append(
                .warning(
                    "the answer to \"\(id)\" is left out: rubric \"\(rubric.id)\" \(rubric.version) has no such question, and its mapping from \(version) does not name it",
                    at: answersPath.key(id)))
        }
        let located = document.locate(diagnostics) + unknownKeys
        if located.contains(where: { $0.severity == .error }) { throw InputError(diagnostics: sorted(located)) }
        return CarriedResponse(
            loaded: LoadedResponse(response: response, warnings: sorted(located)), fromVersion: version,
            carried: carried)
    }
}
