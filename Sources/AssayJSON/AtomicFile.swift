#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes a file so that, whatever happens, it holds either its previous contents or the new ones, never half.
///
/// The bytes go to a temporary file in the same folder (`.NAME.PID.tmp`), are flushed with `fsync`, and the
/// temporary file is renamed over the file; the folder is flushed too, so the rename survives a power cut.
///
/// A symbolic link is written through: the file the link points to (following every link in turn, relative ones
/// from their own folder) is replaced, and the link stays a link. Renaming over the link itself would have turned
/// it into a regular file, so a session reached through a link stopped receiving answers.
public enum AtomicFile {
    /// A write that did not happen; the file is as it was.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// Which step failed.
        public enum Step: String, Sendable, Hashable {
            case resolve, create, write, sync, rename
        }
        /// Which step failed.
        public var step: Step
        /// The file that was being written, after following links.
        public var path: String
        /// The operating system's reason, such as "No space left on device".
        public var reason: String

        public var description: String { "\(path): \(reason)" }
    }

    /// The file a write to `path` lands in: `path` itself, or where its chain of symbolic links ends (which need
    /// not exist yet).
    public static func target(of path: String) throws(Failure) -> String {
        var current = path
        for _ in 0..<40 {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let length = readlink(current, &buffer, buffer.count - 1)
            guard length >= 0 else { return current }  // not a link (or not there): write here
            let link = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : folder(of: current) + "/" + link
        }
        throw Failure(step: .resolve, path: path, reason: "too many levels of symbolic links")
    }

    /// Whether `first` and `second` name one file (through links, by device and inode); `false` when either
    /// does not exist.
    public static func sameFile(_ first: String, _ second: String) -> Bool {
        var one = stat()
        var other = stat()
        guard stat(first, &one) == 0, stat(second, &other) == 0 else { return false }
        return one.st_dev == other.st_dev && one.st_ino == other.st_ino
    }

    /// Writes `bytes` to `path` (through any symbolic link), replacing it whole.
    ///
    /// A path that names a character device or a named pipe (`/dev/null`, `/dev/stdout`, a FIFO) is written into,
    /// as a shell's `>` would: renaming a file over it would replace the device with a regular file (as root,
    /// `/dev/null` itself). A block device is refused: writing a report over a disk is never what was meant.
    public static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        var existing = stat()
        if stat(path, &existing) == 0 {
            switch existing.st_mode & S_IFMT {
            case S_IFCHR, S_IFIFO: return try writeInto(bytes, path)
            case S_IFBLK: throw Failure(step: .create, path: path, reason: "this is a disk device, not a file")
            default: break
            }
        }
        let path = try target(of: path)
        let folder = folder(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        // Hidden and tagged with the process id, so two writers never share a temporary file and a stray one
        // left by a kill is easy to recognise.
        let temporary = (folder == "." && !path.hasPrefix("./") ? "" : folder + "/") + ".\(name).\(getpid()).tmp"
        func failure(_ step: Failure.Step) -> Failure {
            Failure(step: step, path: path, reason: String(cString: strerror(errno)))
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw failure(.create) }
        var closed = false
        defer {
            if !closed { close(descriptor) }
        }
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) {
            unlink(temporary)
            throw Failure(step: .write, path: path, reason: String(cString: strerror(code)))
        }
        guard fsync(descriptor) == 0 else {
            let error = failure(.sync)
            unlink(temporary)
            throw error
        }
        closed = true
        guard close(descriptor) == 0 else {
            let error = failure(.write)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = failure(.rename)
            unlink(temporary)
            throw error
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folderDescriptor >= 0 else { throw failure(.sync) }
        defer { close(folderDescriptor) }
        guard fsync(folderDescriptor) == 0 else { throw failure(.sync) }
    }

    /// Writes `bytes` into the device or pipe at `path`, which exists: nothing to replace, nothing to sync.
    private static func writeInto(_ bytes: [UInt8], _ path: String) throws(Failure) {
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw Failure(step: .create, path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        if let code = bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) {
            throw Failure(step: .write, path: path, reason: String(cString: strerror(code)))
        }
    }

    /// Writes all of `bytes` to the open file `descriptor`, again after a signal interrupts it: the `errno` of the
    /// write that failed, or `nil`. Unlike `FileHandle.write(_:)`, it never stops the process.
    @discardableResult
    public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32? {
        var written = 0
        while written < bytes.count {
            let result = writeBytes(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if result < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += result
        }
        return nil
    }

    /// The folder holding `path`: `.` for a bare name.
    public static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }
}

/// `write(2)`, under a name ``AtomicFile/write(_:to:)`` does not hide.
private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
