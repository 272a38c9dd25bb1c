import AssayCore
import Foundation

/// A JSON file as read: its bytes, the value jansson parsed, and the name errors should use.
///
/// Decoding maps every problem to `file:line:column` and a JSON path; the core's validation diagnostics are mapped
/// the same way with ``locate(_:)``.
public struct JSONDocument: Sendable {
    /// The largest file Assay reads as one document: 64 MiB, far above any real rubric or response.
    public static let defaultMaximumSize = 64 << 20

    /// The name messages use for the file.
    public let file: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// The parsed value.
    public let value: JSONValue

    /// Parses `bytes` with jansson.
    public init(bytes: [UInt8], file: String) throws(InputError) {
        try self.init(bytes: bytes, file: file, noun: "file")
    }

    /// Parses `bytes`, calling them `noun` in messages about the whole input ("the text is empty").
    init(bytes: [UInt8], file: String, noun: String) throws(InputError) {
        self.file = file
        self.bytes = bytes
        self.value = try Jansson.parse(bytes, file: file, noun: noun)
    }

    /// Reads and parses the file at `path`; `-` reads standard input.
    public static func read(_ path: String, maximumSize: Int = defaultMaximumSize) throws(InputError) -> JSONDocument {
        let name = path == "-" ? "<stdin>" : path
        return try JSONDocument(bytes: try readBytes(path, maximumSize: maximumSize), file: name)
    }

    /// Reads the file at `path` and takes its parse from `cache` when it holds one for exactly these bytes, else
    /// parses it (`parsed` is then `true`: the caller keeps the parse with ``ParseCache/store(_:of:at:)`` once the
    /// document has proved to be what it wants). The document, and every error, is the one
    /// ``read(_:maximumSize:)`` gives.
    package static func read(_ path: String, cache: ParseCache?) throws(InputError) -> (
        document: JSONDocument, parsed: Bool
    ) {
        guard let cache, path != "-" else { return (try read(path), true) }
        let bytes = try readBytes(path)
        if let value = cache.value(of: bytes, at: path) {
            return (JSONDocument(file: path, bytes: bytes, value: value), false)
        }
        return (try JSONDocument(bytes: bytes, file: path), true)
    }

    private init(file: String, bytes: [UInt8], value: JSONValue) {
        self.file = file
        self.bytes = bytes
        self.value = value
    }

    /// Reads and parses the file at `path`, which must be a regular file (through links): for the files of a
    /// folder, where a named pipe would wait for a writer for ever and a device would be read to the size limit. A
    /// pipe named on the command line goes through ``read(_:maximumSize:)``, as a shell user means it to.
    public static func readFileInFolder(_ path: String) throws(InputError) -> JSONDocument {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            throw InputError(
                .unreadableFile, "this is not a regular file; a folder of responses holds files", file: path)
        }
        return try read(path)
    }

    /// The bytes of the file at `path` (`-` for standard input), refusing files over `maximumSize` (a negative
    /// size is taken as 0).
    public static func readBytes(_ path: String, maximumSize: Int = defaultMaximumSize) throws(InputError) -> [UInt8] {
        // One byte past the limit is read to tell a file at the limit from a larger one: `Int.max` cannot be.
        let maximumSize = min(max(0, maximumSize), Int.max - 1)
        let name = path == "-" ? "<stdin>" : path
        let unreadable = InputError(.unreadableFile, "the file cannot be read", file: name)
        let tooLarge = InputError(
            .fileTooLarge,
            "the file is larger than \(maximumSize >> 20) MiB; a rubric or response is far smaller, so this is not one",
            file: name
        )
        if path == "-" {
            var data = Data()
            while true {
                // The throwing read: `readData(ofLength:)` stops the process when standard input is closed.
                let chunk: Data?
                do { chunk = try FileHandle.standardInput.read(upToCount: 1 << 16) } catch { throw unreadable }
                guard let chunk, !chunk.isEmpty else { break }
                data.append(chunk)
                if data.count > maximumSize { throw tooLarge }
            }
            return [UInt8](data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.unreadableFile, "no such file", file: name)
        }
        if isDirectory.boolValue {
            throw InputError(.unreadableFile, "this is a folder; expected a JSON file", file: name)
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(.unreadableFile, "the file cannot be opened; check its permissions", file: name)
        }
        defer { try? handle.close() }
        // The size of the file opened, not of whatever the path names by now, and without FileManager's dictionary
        // of every attribute: what is left from where the handle starts (`/dev/fd/N` may share a position already
        // moved), to which it then goes back. A file that cannot seek (a named pipe) is read up to the limit.
        if let start = try? handle.offset(), let end = try? handle.seekToEnd() {
            if end > start && end - start > UInt64(maximumSize) { throw tooLarge }
            do { try handle.seek(toOffset: start) } catch { throw unreadable }
        }
        let read: Data?
        do {
            read = try handle.read(upToCount: maximumSize + 1)
        } catch {
            throw unreadable
        }
        // Foundation reads an empty file as no data at all; it is an empty file, not an unreadable one.
        let data = read ?? Data()
        if data.count > maximumSize { throw tooLarge }
        return [UInt8](data)
    }

    /// Decodes `type`, reporting keys nothing read as warnings.
    ///
    /// - Throws: ``InputError`` with the first decoding problem, located.
    public func decode<T: Decodable>(_ type: T.Type) throws(InputError) -> (value: T, warnings: [SourceDiagnostic]) {
        do {
            let (decoded, unused) = try JSONValueDecoder.decode(type, from: value)
            // Indexing the text's lines costs a pass over it: only for a document with something to locate.
            guard !unused.isEmpty else { return (decoded, []) }
            var locator = SourceLocator(bytes: bytes)
            let warnings = unused.map { path in
                located(
                    .warning,
                    code: .unknownKey,
                    message: "unknown key \"\(path.lastKey ?? "")\"; it is ignored (is it misspelt?)",
                    path: path,
                    locator: &locator
                )
            }
            return (decoded, warnings)
        } catch let error as DecodingError {
            throw InputError(diagnostics: [diagnostic(for: error)])
        } catch {
            throw InputError(.invalidValue, "\(error)", file: file)
        }
    }

    /// The core's diagnostics with this file's line and column added.
    ///
    /// One pass over the text serves every diagnostic, so locating many costs about as much as reading the file.
    public func locate(_ diagnostics: [Diagnostic]) -> [SourceDiagnostic] {
        guard !diagnostics.isEmpty else { return [] }
        var locator = SourceLocator(bytes: bytes)
        return diagnostics.map {
            located($0.severity, code: .invalidDocument, message: $0.message, path: $0.path, locator: &locator)
        }
    }

    /// The line and column of `path` in this document.
    package func position(of path: DocumentPath) -> (line: Int, column: Int) {
        var locator = SourceLocator(bytes: bytes)
        return locator.locate(path)
    }

    func located(_ severity: Diagnostic.Severity, code: SourceDiagnostic.Code, message: String, path: DocumentPath)
        -> SourceDiagnostic
    {
        var locator = SourceLocator(bytes: bytes)
        return located(severity, code: code, message: message, path: path, locator: &locator)
    }

    func located(
        _ severity: Diagnostic.Severity,
        code: SourceDiagnostic.Code,
        message: String,
        path: DocumentPath,
        locator: inout SourceLocator
    ) -> SourceDiagnostic {
        let (line, column) = locator.locate(path)
        return SourceDiagnostic(
            severity, code: code, message: message, file: file, line: line, column: column, path: path)
    }

    /// Swift's own message for a string no case of an enum has ("Cannot initialize SmallGroups from invalid
    /// String value drop"), in the words of the file's reader; other messages as they are.
    static func inUsersWords(_ message: String) -> String {
        let marker = " from invalid String value "
        guard message.hasPrefix("Cannot initialize "), let range = message.range(of: marker) else { return message }
        return "\"\(message[range.upperBound...])\" is not one of the values accepted here"
    }

    private func diagnostic(for error: DecodingError) -> SourceDiagnostic {
        switch error {
        case .typeMismatch(_, let context):
            return located(
                .error, code: .wrongType, message: context.debugDescription,
                path: documentPath(context.codingPath))
        case .valueNotFound(_, let context):
            return located(
                .error, code: .wrongType, message: context.debugDescription,
                path: documentPath(context.codingPath))
        case .keyNotFound(let key, let context):
            let message =
                context.debugDescription.hasPrefix("missing") || context.debugDescription.contains("needs")
                ? context.debugDescription : "missing required key \"\(key.stringValue)\""
            return located(
                .error, code: .missingKey, message: message, path: documentPath(context.codingPath))
        case .dataCorrupted(let context):
            return located(
                .error, code: .invalidValue, message: Self.inUsersWords(context.debugDescription),
                path: documentPath(context.codingPath))
        @unknown default:
            return located(.error, code: .invalidValue, message: "\(error)", path: .root)
        }
    }
}

extension DocumentPath {
    /// The last object key of the path, if it ends in one.
    var lastKey: String? {
        if case .key(let key)? = components.last { return key }
        return nil
    }
}

/// Writes `Encodable` values as JSON text through jansson.
public enum JSONOutput {
    /// `value` as JSON text, indented when `pretty`.
    public static func string<T: Encodable>(_ value: T, pretty: Bool = true) throws -> String {
        Jansson.serialize(try JSONValueEncoder.encode(value), pretty: pretty)
    }

    /// `value` as a ``JSONValue`` tree, for callers that assemble documents.
    public static func value<T: Encodable>(_ value: T) throws -> JSONValue {
        try JSONValueEncoder.encode(value)
    }
}
