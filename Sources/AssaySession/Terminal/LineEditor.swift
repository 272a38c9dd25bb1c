/// The line being typed at a terminal in raw mode, fed one byte at a time.
///
/// The terminal's own line editing (canonical mode) stops a line at 4,095 bytes and turns every pasted newline
/// into a Return, so a pasted note is cut, and its later lines act as key presses. This editor has no length
/// limit, and it reads bracketed paste (`ESC [ 200 ~` … `ESC [ 201 ~`, which the session turns on): pasted text,
/// newlines included, goes into the line and is never a key press; only a Return typed after it sends the line.
///
/// Keys: Return sends the line; Backspace deletes a character; Ctrl-U clears the line; Ctrl-W deletes a word;
/// Ctrl-D on an empty line ends the input. Other escape sequences (arrow keys, function keys) are ignored.
public struct LineEditor: Sendable {
    /// What a byte did.
    public enum Event: Sendable, Hashable {
        /// The line changed and should be shown again.
        case changed
        /// Return was pressed: the line, without its Return; pasted newlines stay in it as `\n`.
        case submit(String)
        /// Ctrl-D on an empty line.
        case endOfInput
    }

    /// The text typed so far.
    public private(set) var text = ""
    /// Whether the bytes are inside a bracketed paste.
    public private(set) var isPasting = false
    private var pending: [UInt8] = []
    private var escape: [UInt8]?
    private var lastWasCarriageReturn = false

    /// Creates an empty line.
    public init() {}

    /// Feeds one byte; returns what it did, or `nil` when it did nothing visible (part of a character or of an
    /// escape sequence).
    public mutating func feed(_ byte: UInt8) -> Event? {
        if var sequence = escape {
            sequence.append(byte)
            escape = sequence
            // ESC [ params final: a final byte is 0x40–0x7E. ESC O x is three bytes (an arrow or F1–F4 in the
            // keypad's application mode); ESC followed by anything else is a two-byte sequence.
            if sequence.count == 2 && byte != UInt8(ascii: "[") && byte != UInt8(ascii: "O")
                || sequence.count == 3 && sequence[1] == UInt8(ascii: "O")
            {
                escape = nil
                return nil
            }
            guard sequence.count > 2, (0x40...0x7E).contains(byte) else { return nil }
            escape = nil
            if sequence == Array("\u{1B}[200~".utf8) {
                isPasting = true
            } else if sequence == Array("\u{1B}[201~".utf8) {
                isPasting = false
            }
            return nil
        }
        if byte == 0x1B {
            escape = [byte]
            return nil
        }
        if isPasting { return paste(byte) }
        switch byte {
        case 0x0D, 0x0A:
            // A terminal sends CR for Return; a CR LF pair is one Return.
            if byte == 0x0A && lastWasCarriageReturn {
                lastWasCarriageReturn = false
                return nil
            }
            lastWasCarriageReturn = byte == 0x0D
            let line = text
            text = ""
            pending = []
            return .submit(line)
        case 0x7F, 0x08:
            lastWasCarriageReturn = false
            guard !text.isEmpty else { return nil }
            text.removeLast()
            return .changed
        case 0x15:
            text = ""
            return .changed
        case 0x17:
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " ", last != "\n" { text.removeLast() }
            return .changed
        case 0x04:
            return text.isEmpty ? .endOfInput : nil
        case 0x09:
            return append(UInt8(ascii: " "))
        case 0..<0x20:
            return nil
        default:
            lastWasCarriageReturn = false
            return append(byte)
        }
    }

    private mutating func paste(_ byte: UInt8) -> Event? {
        switch byte {
        case 0x0D:
            lastWasCarriageReturn = true
            text.append("\n")
            return .changed
        case 0x0A:
            defer { lastWasCarriageReturn = false }
            if lastWasCarriageReturn { return nil }
            text.append("\n")
            return .changed
        case 0x09:
            lastWasCarriageReturn = false
            return append(UInt8(ascii: " "))
        case 0..<0x20:
            return nil
        default:
            lastWasCarriageReturn = false
            return append(byte)
        }
    }

    /// Adds a byte of UTF-8, showing the character once its last byte arrives.
    private mutating func append(_ byte: UInt8) -> Event? {
        pending.append(byte)
        let expected: Int
        switch pending[0] {
        case 0..<0x80: expected = 1
        case 0xC0..<0xE0: expected = 2
        case 0xE0..<0xF0: expected = 3
        case 0xF0..<0xF8: expected = 4
        default:
            pending = []
            return nil
        }
        guard pending.count >= expected else { return nil }
        text += String(decoding: pending, as: UTF8.self)
        pending = []
        return .changed
    }
}
