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
