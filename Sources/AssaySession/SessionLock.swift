import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An advisory lock that one session holds on its file while it has it open, so a second terminal cannot answer
/// into the same file and overwrite the first one's answers.
///
/// The lock is `flock(2)` on `<file>.lock` beside the session file: not on the session file itself, because
/// every save renames a new file over it and a lock belongs to the old one. The kernel drops the lock when the
/// process ends, however it ends, so a session killed with SIGKILL leaves no lock behind: the `.lock` file may
/// stay, but nothing holds it. The file says who holds it, for the message the second terminal shows.
public final class SessionLock {
    /// Who holds a lock, as its file says.
    public struct Holder: Sendable, Hashable {
        /// The facilitator the session names, if any.
        public var facilitator: String?
        /// The system user running the session.
        public var user: String?
        /// The machine it runs on.
        public var host: String?
        /// The process id.
        public var pid: Int32?
        /// When it took the lock, ISO 8601 in UTC.
        public var since: String?

        /// "Marie Tremblay (user marie, process 4242 on pc-12), since 2026-12-01 10:05 UTC".
        public var description: String {
            var who = facilitator ?? user ?? "another session"
            var about: [String] = []
            if let user, facilitator != nil { about.append("user \(user)") }
            if let pid { about.append("process \(pid)" + (host.map { " on \($0)" } ?? "")) }
            if !about.isEmpty { who += " (" + about.joined(separator: ", ") + ")" }
            if let since { who += ", since " + since.replacing("T", with: " ").replacing("Z", with: " UTC") }
            return who
        }
    }

    /// Why a lock was not taken.
    public enum Failure: Error, Sendable {
        /// Another process holds it.
        case held(Holder)
        /// The lock file cannot be opened (a read-only folder, say); the message says why.
        case unavailable(String)
    }

    /// The lock file's path.
    public let path: String
    private var descriptor: Int32

    /// Takes the lock on `sessionPath`, or says who holds it.
    ///
    /// - Parameters:
    ///   - facilitator: recorded in the lock file, for the message another terminal shows.
    ///   - now: when the lock is taken.
    public init(sessionPath: String, facilitator: String?, now: Date = Date()) throws(Failure) {
        let path = sessionPath + ".lock"
        self.path = path
        // A lock file removed by its holder between our open and our flock is a stale inode: try again.
        for _ in 0..<10 {
            let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .unavailable("cannot open \(path): \(String(cString: strerror(errno)))")
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.readHolder(descriptor)
                close(descriptor)
                throw .held(holder)
            }
            var opened = stat()
            var named = stat()
            if fstat(descriptor, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino,
                opened.st_dev == named.st_dev
            {
                self.descriptor = descriptor
                var host = [CChar](repeating: 0, count: 256)
                gethostname(&host, host.count - 1)
                let user = ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"]
                var text = "pid: \(getpid())\nsince: \(SessionEngine.timestamp(now))\n"
                text +=
                    "host: \(String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))\n"
                if let user { text += "user: \(user)\n" }
                if let facilitator { text += "facilitator: \(facilitator.replacing("\n", with: " "))\n" }
                ftruncate(descriptor, 0)
                let bytes = Array(text.utf8)
                _ = bytes.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                return
            }
            close(descriptor)
        }
        throw .unavailable("cannot lock \(path): it keeps being replaced")
    }

    /// Who holds the lock on `sessionPath` now; `nil` when no one does.
    public static func holder(of sessionPath: String) -> Holder? {
        let descriptor = open(sessionPath + ".lock", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // A shared lock is refused only while an exclusive one is held.
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        return readHolder(descriptor)
    }

    /// Gives the lock up and removes its file.
    public func release() {
        guard descriptor >= 0 else { return }
        // Removed before it is unlocked, so no one can lock this inode once it has no name.
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func readHolder(_ descriptor: Int32) -> Holder {
        var bytes = [UInt8](repeating: 0, count: 4096)
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        let text = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self)
        var holder = Holder()
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon]
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "pid": holder.pid = Int32(value)
            case "since": holder.since = value
            case "host": holder.host = value
            case "user": holder.user = value
            case "facilitator": holder.facilitator = value
            default: break
            }
        }
        return holder
    }
}
