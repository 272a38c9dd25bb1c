import AssayCore

/// In JSON: `{"severity": "error", "code": "invalid-value", "message": "…", "file": "request body", "line": 3,
/// "column": 14, "path": ["answers", "hr.lead"]}`, so a service can return located errors to its client.
extension SourceDiagnostic: Codable {
    enum CodingKeys: String, CodingKey { case severity, code, message, file, line, column, path }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let codeName = try container.decode(String.self, forKey: .code)
        guard let code = Code(named: codeName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .code, in: container, debugDescription: "unknown diagnostic code \"\(codeName)\"")
        }
        self.init(
            try container.decode(Diagnostic.Severity.self, forKey: .severity),
            code: code,
            message: try container.decode(String.self, forKey: .message),
            file: try container.decode(String.self, forKey: .file),
            line: try container.decode(Int.self, forKey: .line),
            column: try container.decode(Int.self, forKey: .column),
            path: try container.decode(DocumentPath.self, forKey: .path)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(severity, forKey: .severity)
        try container.encode(code.description, forKey: .code)
        try container.encode(message, forKey: .message)
        try container.encode(file, forKey: .file)
        try container.encode(line, forKey: .line)
        try container.encode(column, forKey: .column)
        try container.encode(path, forKey: .path)
    }
}
