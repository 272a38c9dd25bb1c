import AssayCore

/// Reads rubric and response files, checks them against the format, and reports problems with their place.
public enum AssayFile {
    /// A rubric read from a file, with the warnings found in it.
    public struct LoadedRubric: Sendable {
        /// The rubric. Changing it (even to an equal value) drops the validation done while reading it.
        public var rubric: Rubric {
            didSet { diagnostics = nil }
        }
        /// Problems that did not stop it from being used.
        public var warnings: [SourceDiagnostic]
        /// What validating ``rubric`` found while reading it, unlocated; `nil` once ``rubric`` is changed. Not a
        /// comparison with the rubric read: `String` equality takes two Unicode spellings as one, and the validator
        /// checks some fields byte by byte.
        private var diagnostics: [Diagnostic]?
        /// The models it was validated against.
        private let registry: ScoringRegistry

        init(rubric: Rubric, warnings: [SourceDiagnostic], diagnostics: [Diagnostic], registry: ScoringRegistry) {
            self.rubric = rubric
            self.warnings = warnings
            self.diagnostics = diagnostics
            self.registry = registry
        }

        /// A scorer for ``rubric``, with the models of the registry it was loaded with. The rubric was validated
        /// when it was read, and is validated again only if it has been changed since.
        public func scorer() throws(DocumentError) -> Scorer {
            if let diagnostics { return try Scorer(rubric: rubric, validated: diagnostics, registry: registry) }
            return try Scorer(rubric: rubric, registry: registry)
        }
    }

    /// Reads, decodes and validates the rubric at `path`.
    ///
    /// - Throws: ``InputError`` with every error found, located, and any warnings.
    public static func loadRubric(_ path: String, registry: ScoringRegistry = .builtIn) throws(InputError)
        -> LoadedRubric
    {
        try rubric(from: JSONDocument.read(path), registry: registry)
    }

    /// Reads, decodes and validates the rubric at `path`, its parse taken from `cache` when it holds one for the
    /// file's bytes (``ParseCache``), and left there when it had to be parsed and proved to be a rubric: the rubric,
    /// warnings and errors are those of ``loadRubric(_:registry:)``.
    package static func loadRubric(_ path: String, registry: ScoringRegistry = .builtIn, cache: ParseCache?)
        throws(InputError) -> LoadedRubric
    {
        let (document, parsed) = try JSONDocument.read(path, cache: cache)
        let loaded = try rubric(from: document, registry: registry)
        if parsed { cache?.store(document.value, of: document.bytes, at: path) }
        return loaded
    }

    /// Decodes and validates a rubric from a parsed document.
    public static func rubric(from document: JSONDocument, registry: ScoringRegistry = .builtIn) throws(InputError)
        -> LoadedRubric
    {
        let (rubric, unknownKeys) = try document.decode(Rubric.self)
        let validation = rubric.validate(using: registry)
        let diagnostics = document.locate(validation) + unknownKeys
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw InputError(diagnostics: sorted(diagnostics))
        }
        return LoadedRubric(
            rubric: rubric, warnings: sorted(diagnostics), diagnostics: validation, registry: registry)
    }

    /// A response read from a file, with the warnings found in it.
    public struct LoadedResponse: Sendable {
        /// The response.
        public var response: AssessmentResponse
        /// Problems that did not stop it from being scored.
        public var warnings: [SourceDiagnostic]

        /// A response with its warnings, for formats that read responses their own way.
        package init(response: AssessmentResponse, warnings: [SourceDiagnostic]) {
            self.response = response
            self.warnings = warnings
        }
    }

    /// Reads and decodes the response at `path`, and checks its answers against `index` when given.
    public static func loadResponse(_ path: String, against index: RubricIndex? = nil) throws(InputError)
        -> LoadedResponse
    {
        try response(from: JSONDocument.read(path), against: index)
    }

    /// Decodes a response from a parsed document, and checks its answers against `index` when given.
    public static func response(from document: JSONDocument, against index: RubricIndex? = nil) throws(InputError)
        -> LoadedResponse
    {
        let (response, unknownKeys) = try document.decode(AssessmentResponse.self)
        return try checked(response, from: document, unknownKeys: unknownKeys, against: index)
    }

    /// A response decoded from `document`, checked against `index` when given: throws every error found, located,
    /// or returns the response with its warnings (`unknownKeys` among them).
    ///
    /// For formats that carry a response inside a larger document, such as session files.
    public static func checked(
        _ response: AssessmentResponse,
        from document: JSONDocument,
        unknownKeys: [SourceDiagnostic],
        against index: RubricIndex?
    ) throws(InputError) -> LoadedResponse {
        var diagnostics = unknownKeys
        if let index { diagnostics += document.locate(response.validate(against: index)) }
        if diagnostics.contains(where: { $0.severity == .error }) {
            throw InputError(diagnostics: sorted(diagnostics))
        }
        return LoadedResponse(response: response, warnings: sorted(diagnostics))
    }

    /// Errors first, then warnings, each in file order.
    package static func sorted(_ diagnostics: [SourceDiagnostic]) -> [SourceDiagnostic] {
        diagnostics.enumerated().sorted { lhs, rhs in
            let left = lhs.element
            let right = rhs.element
            if left.severity != right.severity { return left.severity > right.severity }
            if left.line != right.line { return left.line < right.line }
            if left.column != right.column { return left.column < right.column }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
