import AssayCore

/// Reading responses that arrive as text rather than files: a request body, a form's saved answers, a message.
extension AssayFile {
    /// Decodes the response in `json`, and checks its answers against `index` when given.
    ///
    /// Messages name `source` ("request body:3:14: error: …") and call the input "the text", not "the file".
    ///
    /// - Parameters:
    ///   - json: UTF-8 JSON text.
    ///   - source: What to call the input in messages, such as `request body`.
    ///   - index: The rubric to check the answers against; `nil` to decode only.
    ///   - maximumSize: The most bytes accepted; larger input is refused before it is parsed.
    /// - Throws: ``InputError`` with every error found, each with line, column and JSON path.
    public static func response(
        json: [UInt8],
        source: String,
        against index: RubricIndex? = nil,
        maximumSize: Int = JSONDocument.defaultMaximumSize
    ) throws(InputError) -> LoadedResponse {
        guard json.count <= maximumSize else {
            throw InputError(
                .fileTooLarge, "the text is \(json.count) bytes, more than the \(maximumSize) accepted", file: source)
        }
        return try response(from: JSONDocument(bytes: json, file: source, noun: "text"), against: index)
    }

    /// Decodes the response in `json` (UTF-8 text), and checks its answers against `index` when given; as the
    /// `[UInt8]` form does.
    public static func response(
        json: String,
        source: String,
        against index: RubricIndex? = nil,
        maximumSize: Int = JSONDocument.defaultMaximumSize
    ) throws(InputError) -> LoadedResponse {
        try response(json: Array(json.utf8), source: source, against: index, maximumSize: maximumSize)
    }
}

extension Scorer {
    /// Reads the response in `json`, checks it against this scorer's rubric, and explains it: the answers are
    /// checked once, and every error is located in the text.
    ///
    /// ```swift
    /// let (explanation, warnings) = try scorer.explain(json: body, source: "request body")
    /// ```
    ///
    /// - Throws: ``InputError`` with every error found, each with line, column and JSON path.
    public func explain(
        json: [UInt8], source: String, maximumSize: Int = JSONDocument.defaultMaximumSize
    ) throws(InputError) -> (explanation: Explanation, warnings: [SourceDiagnostic]) {
        let loaded = try AssayFile.response(json: json, source: source, against: index, maximumSize: maximumSize)
        return (explain(validated: loaded.response), loaded.warnings)
    }
}
