import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `assay` run in a real pseudo-terminal of a given size, typed at as a person types, and read back as the
/// screen a person would see.
///
/// The terminal is made here with `posix_openpt`, and `assay` is started with `posix_spawn` in a session of its
/// own, so the terminal is its controlling terminal: Ctrl-C sends SIGINT, a resize sends SIGWINCH, and `isatty`
/// is true on all three standard streams. No external tool is involved. What `assay` writes is played onto a
/// ``TerminalScreen`` of the same size.
final class PseudoTerminal {
    /// The process's id.
    let pid: pid_t
    /// The screen as the terminal shows it now.
    private(set) var screen: TerminalScreen
    /// Everything written to the terminal, escape sequences included.
    private(set) var output: [UInt8] = []
    private let master: Int32
    private var exitStatus: Int32?

    /// Starts `assay arguments` on a `columns`×`rows` terminal, with `NO_COLOR` and a `TERM` that draws screens;
    /// with `standardOutput`, its output goes to that file instead, as `assay … > file` typed at a terminal.
    init(
        _ arguments: [String], columns: Int = 80, rows: Int = 24, term: String = "xterm-256color",
        standardOutput: String? = nil
    ) throws {
        // posix_openpt, unlockpt and ptsname are not visible to Swift on Linux; these are what they do there:
        // open the multiplexer, unlock the new terminal (TIOCSPTLCK) and ask its number (TIOCGPTN). The two
        // request numbers are Linux's, the same on x86_64 and arm64.
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard master >= 0, ioctl(master, UInt(0x4004_5431), &unlock) == 0,
            ioctl(master, UInt(0x8004_5430), &number) == 0
        else { throw Failure("no pseudo-terminal") }
        let name = "/dev/pts/\(number)"
        self.master = master
        self.screen = TerminalScreen(columns: columns, rows: rows)
        Self.setSize(master, columns: columns, rows: rows)

        let assay = CLIRunner.productsFolder.appendingPathComponent("assay").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid(), without O_NOCTTY: the terminal becomes the new session's controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, name, O_RDWR, 0)
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 2)
        posix_spawn_file_actions_addclose(&actions, master)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // POSIX_SPAWN_SETSID (glibc 2.26), SETSIGMASK and SETSIGDEF: a session of its own, no signal blocked, the
        // usual signal actions, whatever the test runner set.
        posix_spawnattr_setflags(&attributes, Int16(0x80 | 0x08 | 0x04))
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        var environment = CLIRunner.environment
        environment["TERM"] = term
        let argv = ([assay] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, assay, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure("posix_spawn failed: \(spawned)") }
        self.pid = pid
    }

    deinit {
        if exitStatus == nil {
            Glibc.kill(pid, SIGKILL)
            _ = wait()
        }
        close(master)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private static func setSize(_ master: Int32, columns: Int, rows: Int) {
        var size = winsize(ws_row: UInt16(rows), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
    }

    /// Types `text` as it is: each byte reaches `assay` as a key press would.
    func type(_ text: String) {
        var bytes = Array(text.utf8)
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written <= 0 {
                if errno == EINTR || errno == EAGAIN {
                    _ = readAvailable(waiting: 10)
                    continue
                }
                return
            }
            bytes.removeFirst(written)
            // A terminal's input queue is small: let assay read what it has before typing more.
            if !bytes.isEmpty { _ = readAvailable(waiting: 10) }
        }
    }

    /// Pastes `text` as a terminal does with bracketed paste on: wrapped in `ESC [ 200 ~` … `ESC [ 201 ~`, its
    /// newlines as carriage returns.
    func paste(_ text: String) {
        type("\u{1B}[200~" + text.replacing("\n", with: "\r") + "\u{1B}[201~")
    }

    /// Types `line` and presses Return, then waits until the next screen is drawn.
    @discardableResult
    func enter(_ line: String) -> Bool {
        let before = output.count
        type(line + "\r")
        return waitForScreen(after: before)
    }

    /// Changes the window's size, as dragging its corner does; the kernel sends SIGWINCH.
    @discardableResult
    func resize(columns: Int, rows: Int) -> Bool {
        let before = output.count
        screen.resize(columns: columns, rows: rows)
        Self.setSize(master, columns: columns, rows: rows)
        return waitForScreen(after: before)
    }

    /// Waits until a whole screen has been drawn since `offset` in the output and the prompt is waiting for
    /// keys; returns false when none came within 30 seconds (a hang, not a slow machine).
    @discardableResult
    func waitForScreen(after offset: Int = 0) -> Bool {
        waitFor { output, _ in
            guard output.count > offset else { return false }
            let tail = output[offset...]
            guard let clear = Self.lastRange(of: Array("\u{1B}[2J".utf8), in: tail) else { return false }
            let drawn = output[clear...]
            return drawn.contains(UInt8(ascii: ">")) && Self.endsWithPrompt(drawn)
        }
    }

    /// Waits until `condition` holds of the output and the screen; false after 30 seconds without.
    @discardableResult
    func waitFor(_ condition: ([UInt8], TerminalScreen) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(30)
        while !condition(output, screen) {
            if Date() > deadline { return false }
            if !readAvailable(waiting: 200) && exitStatus != nil { return condition(output, screen) }
        }
        return true
    }

    /// Waits until the screen shows `text`.
    @discardableResult
    func waitFor(text: String) -> Bool {
        waitFor { _, screen in screen.text.contains(text) }
    }

    /// The terminal's settings now, as the program left them.
    var settings: termios {
        var settings = termios()
        tcgetattr(master, &settings)
        return settings
    }

    /// Everything written since the start, as text, with escape sequences left in.
    var transcript: String { String(decoding: output, as: UTF8.self) }

    /// Sends SIGKILL and waits for the process.
    func kill() -> String {
        Glibc.kill(pid, SIGKILL)
        return wait()
    }

    /// Waits for `assay` to exit (draining what it writes meanwhile): "exited 0", "exited 130", "signaled 9".
    func wait() -> String {
        if let exitStatus { return Self.describe(exitStatus) }
        let deadline = Date().addingTimeInterval(30)
        var status: Int32 = 0
        while true {
            if let exitStatus {
                status = exitStatus
                break
            }
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if Date() > deadline {
                Glibc.kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                exitStatus = status
                return "hung, " + Self.describe(status)
            }
            _ = readAvailable(waiting: 50)
        }
        while readAvailable(waiting: 0) {}
        exitStatus = status
        return Self.describe(status)
    }

    private static func describe(_ status: Int32) -> String {
        let signal = status & 0x7F
        return signal != 0 ? "signaled \(signal)" : "exited \((status >> 8) & 0xFF)"
    }

    /// Reads what is waiting, up to `milliseconds` for the first byte; returns whether anything came.
    private func readAvailable(waiting milliseconds: Int32) -> Bool {
        var ready = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&ready, 1, milliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
        guard count > 0 else {
            if exitStatus == nil {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { exitStatus = status }
            }
            return false
        }
        output += chunk[..<count]
        screen.play(chunk[..<count])
        return true
    }

    private static func endsWithPrompt(_ bytes: ArraySlice<UInt8>) -> Bool {
        // The last row starts with "> " and the screen ends there (the cursor sits after what was typed).
        guard let lastLine = bytes.lastIndex(of: UInt8(ascii: "\n")) else { return false }
        return bytes[(lastLine + 1)...].starts(with: Array("> ".utf8))
    }

    private static func lastRange(of needle: [UInt8], in haystack: ArraySlice<UInt8>) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        var index = haystack.endIndex - needle.count
        while index >= haystack.startIndex {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index -= 1
        }
        return nil
    }
}

/// The character cells of a terminal, played from what a program writes: enough of a VT100 for `assay`'s
/// screens (cursor home, clear, clear to end of line, carriage return, line feed, backspace, the alternate
/// screen) with automatic wrapping at the last column, which it records, since a row the terminal wrapped is
/// a line that did not fit.
struct TerminalScreen {
    private(set) var columns: Int
    private(set) var rows: Int
    private var cells: [[Character]]
    /// Rows that began because the row above ran past the last column.
    private(set) var wrappedRows: Set<Int> = []
    /// Whether any line ever ran past the last column since the last clear.
    private(set) var hasWrapped = false
    private var row = 0
    private var column = 0
    private var escape: [UInt8]?
    private var pending: [UInt8] = []

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        self.cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// The rows as text, trailing spaces dropped.
    var lines: [String] {
        cells.map { row in
            var line = String(row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The rows joined by newlines.
    var text: String { lines.joined(separator: "\n") }

    mutating func resize(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        clear()
    }

    private mutating func clear() {
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
        wrappedRows = []
        hasWrapped = false
        row = 0
        column = 0
    }

    mutating func play<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for byte in bytes { play(byte) }
    }

    private mutating func play(_ byte: UInt8) {
        if var sequence = escape {
            sequence.append(byte)
            escape = sequence
            if sequence.count == 2 && byte != UInt8(ascii: "[") {
                escape = nil
                return
            }
            guard sequence.count > 2, (0x40...0x7E).contains(byte) else { return }
            escape = nil
            perform(String(decoding: sequence.dropFirst(2), as: UTF8.self))
            return
        }
        switch byte {
        case 0x1B: escape = [byte]
        case 0x0D: column = 0
        case 0x0A: lineFeed()
        case 0x08: column = max(0, column - 1)
        case 0..<0x20: break
        default:
            pending.append(byte)
            let expected = byte < 0x80 ? 1 : (pending[0] >= 0xF0 ? 4 : pending[0] >= 0xE0 ? 3 : 2)
            guard pending.count >= expected || pending[0] < 0x80 else { return }
            let character = String(decoding: pending, as: UTF8.self).first ?? "?"
            pending = []
            put(character)
        }
    }

    private mutating func put(_ character: Character) {
        if column >= columns {
            // Automatic wrap: the line did not fit.
            column = 0
            lineFeed()
            wrappedRows.insert(row)
            hasWrapped = true
        }
        cells[row][column] = character
        column += 1
    }

    private mutating func lineFeed() {
        if row == rows - 1 {
            cells.removeFirst()
            cells.append(Array(repeating: " ", count: columns))
            wrappedRows = Set(wrappedRows.compactMap { $0 > 0 ? $0 - 1 : nil })
        } else {
            row += 1
        }
    }

    private mutating func perform(_ sequence: String) {
        guard let final = sequence.last else { return }
        let parameters = sequence.dropLast()
        switch final {
        case "H":
            let numbers = parameters.split(separator: ";").map { Int($0) ?? 1 }
            row = min(rows - 1, max(0, (numbers.first ?? 1) - 1))
            column = min(columns - 1, max(0, (numbers.count > 1 ? numbers[1] : 1) - 1))
        case "J":
            if parameters == "2" { clear() }
        case "K":
            for index in column..<columns { cells[row][index] = " " }
        case "h", "l":
            if parameters == "?1049" { clear() }
        default:
            break
        }
    }
}
