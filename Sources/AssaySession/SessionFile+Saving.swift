import AssayCore
import AssayJSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A session that could not be written to disk.
///
/// The answers are still in memory when this is thrown; the session loop reports it and carries on, and the
/// next answer tries again.
public struct SessionSaveError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, in a form code can test.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: String { case encoding, create, write, sync, rename }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// The session could not be turned into JSON.
        public static let encoding = Code(.encoding)
        /// The temporary file could not be created next to the session file (read-only folder, no such folder).
        public static let create = Code(.create)
        /// Writing the temporary file failed (disk full, quota).
        public static let write = Code(.write)
        /// Flushing the file or its folder to disk failed.
        public static let sync = Code(.sync)
        /// Moving the temporary file over the session file failed.
        public static let rename = Code(.rename)

        public var description: String { kind.rawValue }
    }

    /// What went wrong.
    public var code: Code
    /// The session file that was being saved.
    public var path: String
    /// The operating system's reason, such as "No space left on device".
    public var reason: String

    /// Creates an error.
    public init(_ code: Code, path: String, reason: String) {
        self.code = code
        self.path = path
        self.reason = reason
    }

    public var description: String {
        "\(path): cannot save the session (\(code)): \(reason)"
    }
}

extension SessionFile {
    /// Writes the session to `path` so that, whatever happens, the file holds either the previous save or this one.
    ///
    /// The JSON goes to a temporary file in the same folder, is flushed to disk with `fsync`, and is renamed over
    /// `path`; the folder is then flushed too, so the rename itself survives a power cut. A process killed at
    /// any moment leaves at worst a stray temporary file, never a half-written session.
    ///
    /// - Throws: ``SessionSaveError`` when any step fails; `path` is then left as it was.
    public func save(to path: String) throws(SessionSaveError) {
        let text: String
        do {
            text = try JSONOutput.string(self) + "\n"
        } catch {
            throw SessionSaveError(.encoding, path: path, reason: "\(error)")
        }
        try Self.writeAtomically(Array(text.utf8), to: path)
    }

    /// Reads a session file.
    ///
    /// - Throws: `InputError` with the file, line and column of the problem.
    public static func load(_ path: String) throws(InputError) -> SessionFile {
        try read(path).session
    }

    /// Reads a session file and keeps its document, to locate later checks against the rubric.
    ///
    /// - Throws: `InputError` with the file, line and column of the problem.
    public static func read(_ path: String) throws(InputError) -> (session: SessionFile, document: JSONDocument) {
        let document = try JSONDocument.read(path)
        return (try document.decode(SessionFile.self).value, document)
    }

    /// Checks the session's answers against the rubric in `index`, located in `document`, the file it was read
    /// from: a session of another rubric is an error, and so, when the session is of this very version, is an
    /// answer to no question of it, an option the question lacks, or "not applicable" where it is not allowed.
    ///
    /// Such answers cannot come from a session Assay wrote; quietly treating them as unanswered would report a
    /// hand-edited or damaged file as if it were sound. A session of another version is migrated instead (see
    /// ``SessionEngine``).
    public func check(against index: RubricIndex, in document: JSONDocument) throws(InputError) {
        if rubric != index.rubric.id {
            throw InputError(
                diagnostics: document.locate([
                    .error(
                        "the session is for rubric \"\(rubric)\", not \"\(index.rubric.id)\"",
                        at: DocumentPath.root.key("rubric"))
                ]))
        }
        guard rubricVersion == index.rubric.version else { return }
        _ = try AssayFile.checked(response, from: document, unknownKeys: [], against: index)
    }

    /// Removes temporary files that killed sessions left next to `path`; returns their paths.
    ///
    /// A temporary file is stale when the process named in it (`.NAME.PID.tmp`) is no longer running, so a
    /// session saving the same file at this moment keeps its own.
    @discardableResult
    public static func removeStaleTemporaryFiles(for path: String) -> [String] {
        let path = (try? AtomicFile.target(of: path)) ?? path
        let folder = Self.folder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let prefix = ".\(name)."
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var removed: [String] = []
        while let entry = readdir(directory) {
            let file = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard file.hasPrefix(prefix), file.hasSuffix(".tmp"),
                let pid = pid_t(file.dropFirst(prefix.count).dropLast(".tmp".count))
            else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            let stale = folder + "/" + file
            if unlink(stale) == 0 { removed.append(stale) }
        }
        return removed
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(SessionSaveError) {
        do {
            try AtomicFile.write(bytes, to: path)
        } catch {
            let code: SessionSaveError.Code =
                switch error.step {
                case .resolve, .create: .create
                case .write: .write
                case .sync: .sync
                case .rename: .rename
                }
            throw SessionSaveError(code, path: path, reason: error.reason)
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}
