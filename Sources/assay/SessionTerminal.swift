import AssaySession
import Foundation

/// The two flags the signal handlers set: 0 interrupted (SIGINT, SIGTERM, SIGHUP), 1 resized (SIGWINCH).
///
/// Behind a raw pointer, not in a Swift global `var`: the runtime checks a global variable for exclusive access,
/// so a handler that stored into one while the main thread was reading it trapped ("Simultaneous accesses … but
/// modification requires exclusive access") and the session hung instead of saving and exiting. A store through
/// a pointer is a plain store, which is all a signal handler may do to a `sig_atomic_t`.
///
/// `nonisolated(unsafe)` is sound: the pointer never changes; the handlers only store 1 into their flag, and only
/// the main thread reads them or clears the resize flag.
nonisolated(unsafe) let signalFlags: UnsafeMutablePointer<sig_atomic_t> = {
    let flags = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 2)
    flags.initialize(repeating: 0, count: 2)
    return flags
}()

/// Set by the SIGINT, SIGTERM and SIGHUP handler; read once the loop has stopped.
var interruptedBySignal: sig_atomic_t { signalFlags[0] }

/// Set by the SIGWINCH handler when the window changes size; the main thread clears it once it has redrawn.
var resizedBySignal: sig_atomic_t {
    get { signalFlags[1] }
    set { signalFlags[1] = newValue }
}

/// Makes Ctrl-C, SIGTERM and SIGHUP set ``interruptedBySignal`` and a window resize ``resizedBySignal``,
/// instead of killing the process, so the loop that reads the terminal saves and exits in its own time.
///
/// The handlers are installed without `SA_RESTART`, so a pending read returns and the loop sees the end of input.
func installSessionSignalHandlers() {
    // Initialise the flags now: a lazily initialised global must never be first touched inside a handler.
    _ = signalFlags
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in signalFlags[0] = 1 }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    var signals = sigset_t()
    sigemptyset(&signals)
    // Ctrl-\ (SIGQUIT) too: the Swift runtime's backtracer would otherwise print a crash report over the screen.
    for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
        sigaction(signalNumber, &action, nil)
        sigaddset(&signals, signalNumber)
    }
    var resize = sigaction()
    resize.__sigaction_handler.sa_handler = { _ in signalFlags[1] = 1 }
    sigemptyset(&resize.sa_mask)
    resize.sa_flags = 0
    sigaction(SIGWINCH, &resize, nil)
    sigaddset(&signals, SIGWINCH)
    // A parent may have started us with these blocked (test runners and some launchers do); a blocked Ctrl-C
    // would never reach the handler.
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
}

/// Standard input as a terminal in raw mode: no canonical line editing (so no 4,095-byte line limit and no
/// pasted newline acting as Return), no echo (the session draws what is typed), signals kept (Ctrl-C still
/// sends SIGINT). The settings before are put back by ``restore()``.
final class RawTerminal {
    private var saved = termios()
    /// Whether the settings in ``saved`` are to be put back: only once raw mode is on. A failed `init` still runs
    /// `deinit`, and putting back the zeroed `saved` hung the terminal up (speed 0) when output was not a terminal.
    private var changed = false

    /// Puts standard input in raw mode; `nil` unless standard input and output are both the terminal (with output
    /// piped elsewhere, what is typed would not be echoed where the person looks).
    init?() {
        guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0, tcgetattr(STDIN_FILENO, &saved) == 0 else {
            return nil
        }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | INLCR)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
            // No Ctrl-Z: a session suspended by accident would leave the shell in raw mode.
            cc[Int(VSUSP)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSANOW, &raw) == 0 else { return nil }
        changed = true
    }

    /// Puts the terminal back as it was.
    func restore() {
        guard changed else { return }
        changed = false
        tcsetattr(STDIN_FILENO, TCSANOW, &saved)
    }

    deinit { restore() }

    /// The window's size, from the terminal itself (`TIOCGWINSZ`); 80×24 when it does not say.
    static var size: TerminalSize {
        var window = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 {
            return TerminalSize(columns: Int(window.ws_col), rows: Int(window.ws_row))
        }
        return TerminalSize(columns: 80, rows: 24)
    }

    /// Waits for bytes, a resize or the end.
    ///
    /// The wait is a `poll` of half a second at a time, so a signal that lands just before it is seen at the
    /// next turn rather than after the next key press.
    static func read() -> TerminalInput {
        while true {
            if interruptedBySignal != 0 { return .ended }
            if resizedBySignal != 0 {
                resizedBySignal = 0
                return .resized
            }
            var ready = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let polled = poll(&ready, 1, 500)
            if polled < 0 && errno == EINTR { continue }
            if polled == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let count = chunk.withUnsafeMutableBytes { Glibc.read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 { return .bytes(Array(chunk[..<count])) }
            if count < 0 && errno == EINTR { continue }
            return .ended
        }
    }
}

/// Lines typed at a terminal that cannot draw a screen (`TERM=dumb`): raw mode and ``LineEditor``, echoing what
/// is typed itself, so a line has no length limit and a paste is one line.
struct EchoingLineReader {
    private var editor = LineEditor()
    private var shown = ""
    private var queued: [UInt8] = []

    /// The next line, or `nil` at the end of the input or after a signal.
    mutating func next(write: (String) -> Void) -> String? {
        while true {
            while !queued.isEmpty {
                let byte = queued.removeFirst()
                guard let event = editor.feed(byte) else { continue }
                switch event {
                case .changed:
                    let now = editor.text.replacing("\n", with: "↵")
                    let common = zip(shown, now).prefix { $0 == $1 }.count
                    write(String(repeating: "\u{8} \u{8}", count: shown.count - common) + String(now.dropFirst(common)))
                    shown = now
                case .submit(let line):
                    write("\n")
                    shown = ""
                    return line
                case .endOfInput:
                    return nil
                }
            }
            switch RawTerminal.read() {
            case .ended: return nil
            case .resized: continue
            case .bytes(let bytes): queued += bytes
            }
        }
    }
}
