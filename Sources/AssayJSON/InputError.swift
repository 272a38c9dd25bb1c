import AssayCore

/// A problem in an input file, with where it is: file, line, column and JSON path.
///
/// Renders as `file:line:column: error: message (at json.path)`, the form editors and CI logs link to.
public struct SourceDiagnostic: Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem it is; codes can grow without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String, Sendable, Hashable {
            case unreadableFile = "unreadable-file"
            case fileTooLarge = "file-too-large"
            case emptyFile = "empty-file"
            case invalidEncoding = "invalid-encoding"
            case invalidJSON = "invalid-json"
            case wrongType = "wrong-type"
            case missingKey = "missing-key"
            case unknownKey = "unknown-key"
            case invalidValue = "invalid-value"
            case invalidDocument = "invalid-document"
        }
        private let kind: Kind

        /// The file could not be opened or read.
        public static let unreadableFile = Code(kind: .unreadableFile)
        /// The file is larger than Assay reads.
        public static let fileTooLarge = Code(kind: .fileTooLarge)
        /// The file is empty.
        public static let emptyFile = Code(kind: .emptyFile)
        /// The file is not UTF-8 text.
        public static let invalidEncoding = Code(kind: .invalidEncoding)
        /// The text is not valid JSON.
        public static let invalidJSON = Code(kind: .invalidJSON)
        /// A value has the wrong JSON type.
        public static let wrongType = Code(kind: .wrongType)
        /// A required key is missing.
        public static let missingKey = Code(kind: .missingKey)
        /// A key the format does not know, usually a typo.
        public static let unknownKey = Code(kind: .unknownKey)
        /// A value of the right type that the format does not accept.
        public static let invalidValue = Code(kind: .invalidValue)
        /// The document is well-formed but breaks a rule of the format (duplicate ids, band gaps, …).
        public static let invalidDocument = Code(kind: .invalidDocument)

        public var description: String { kind.rawValue }

        /// The code whose ``description`` is `name`, such as `invalid-value`; `nil` for a name Assay does not use.
        public init?(named name: String) {
            guard let kind = Kind(rawValue: name) else { return nil }
            self.init(kind: kind)
        }

        private init(kind: Kind) { self.kind = kind }
    }

    /// Whether this stops the file from being used.
    public var severity: Diagnostic.Severity
    /// What kind of problem it is.
    public var code: Code
    /// What is wrong and what was expected.
    public var message: String
    /// The file's path as given, or `<stdin>`.
    public var file: String
    /// The 1-based line; 0 when the problem is the whole file.
    public var line: Int
    /// The 1-based column, in characters; 0 when the problem is the whole file.
    public var column: Int
    /// Where in the document, such as `dimensions[2].questions[0].weight`.
    public var path: DocumentPath

    /// Creates a diagnostic.
    public init(
        _ severity: Diagnostic.Severity,
        code: Code,
        message: String,
        file: String,
        line: Int,
        column: Int,
        path: DocumentPath
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }

    public var description: String {
        let location = line > 0 ? "\(file):\(line):\(column)" : file
        let at = path.components.isEmpty ? "" : " (at \(path))"
        return "\(location): \(severity.rawValue): \(message)\(at)"
    }
}

/// An input file that cannot be used, with every error found in it and any warnings.
///
/// In JSON: `{"diagnostics": [...]}`, errors first.
public struct InputError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Every problem found, errors first in document order, then warnings.
    public var diagnostics: [SourceDiagnostic]

    /// Creates an error from its diagnostics.
    public init(diagnostics: [SourceDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// An error with one diagnostic.
    public init(
        _ code: SourceDiagnostic.Code,
        _ message: String,
        file: String,
        line: Int = 0,
        column: Int = 0,
        path: DocumentPath = .root
    ) {
        self.diagnostics = [
            SourceDiagnostic(.error, code: code, message: message, file: file, line: line, column: column, path: path)
        ]
    }

    /// The errors alone.
    public var errors: [SourceDiagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        diagnostics.map(\.description).joined(separator: "\n")
    }
}
