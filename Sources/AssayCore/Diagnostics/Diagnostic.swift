/// A problem found in a rubric or a response, with where it is.
///
/// Errors make a document unusable; warnings (a missing non-default translation, a scale no question uses) are
/// reported and do not stop anything. The core only collects diagnostics: it never prints them.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    /// How serious it is.
    public var severity: Severity
    /// What is wrong and, where it helps, what was expected.
    public var message: String
    /// Where in the document it is.
    public var path: DocumentPath

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ message: String, at path: DocumentPath) {
        self.severity = severity
        self.message = message
        self.path = path
    }

    /// An error at `path`.
    public static func error(_ message: String, at path: DocumentPath) -> Diagnostic {
        Diagnostic(.error, message, at: path)
    }

    /// A warning at `path`.
    public static func warning(_ message: String, at path: DocumentPath) -> Diagnostic {
        Diagnostic(.warning, message, at: path)
    }

    public var description: String {
        "\(severity.rawValue): \(message) (at \(path))"
    }
}

extension Array where Element == Diagnostic {
    /// Whether any of these diagnostics is an error.
    public var containsErrors: Bool { contains { $0.severity == .error } }
}

/// A document that cannot be used, with every error found in it.
///
/// Thrown by the core when a rubric or response fails validation; the JSON layer adds file, line and column.
public struct DocumentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every diagnostic found, errors and warnings, in document order.
    public var diagnostics: [Diagnostic]

    /// Creates an error from its diagnostics.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String {
        diagnostics.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
    }
}
