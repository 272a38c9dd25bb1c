import AssaySession
import Testing

@Suite("Line editing at a terminal in raw mode")
struct LineEditorTests {
    /// Feeds `bytes` and returns every line sent, in order.
    private func lines(_ text: String, into editor: inout LineEditor) -> [String] {
        var sent: [String] = []
        for byte in text.utf8 {
            if case .submit(let line) = editor.feed(byte) { sent.append(line) }
        }
        return sent
    }

    @Test("A line longer than the terminal's own 4,095-byte limit arrives whole")
    func noLengthLimit() {
        var editor = LineEditor()
        let note = "n " + String(repeating: "é", count: 5_000)
        // 2 + 10,000 bytes of UTF-8.
        #expect(lines(note + "\r", into: &editor) == [note])
    }

    @Test("Pasted newlines stay in the line: only a Return typed after the paste sends it")
    func bracketedPaste() {
        var editor = LineEditor()
        let sent = lines("n \u{1B}[200~first\r2\r\nb\nq\u{1B}[201~", into: &editor)
        #expect(sent.isEmpty)
        #expect(editor.text == "n first\n2\nb\nq")
        #expect(lines("\r", into: &editor) == ["n first\n2\nb\nq"])
    }

    @Test("Backspace removes a whole accented character, Ctrl-U the line, arrow keys nothing")
    func editing() {
        var editor = LineEditor()
        #expect(lines("réé\u{7F}\u{1B}[D\u{1B}[A", into: &editor).isEmpty)
        #expect(editor.text == "ré")
        #expect(lines("\u{15}oui\r", into: &editor) == ["oui"])
    }

    @Test("Arrow and function keys in the keypad's application mode (ESC O x) type nothing")
    func applicationModeKeys() {
        var editor = LineEditor()
        // ESC O A is up, ESC O P is F1: were the third byte typed, the line would be "AP2".
        #expect(lines("\u{1B}OA\u{1B}OP2\r", into: &editor) == ["2"])
    }

    @Test("Ctrl-D ends the input on an empty line only; CR LF is one Return")
    func endOfInput() {
        var editor = LineEditor()
        #expect(lines("2\r\n", into: &editor) == ["2"])
        #expect(editor.feed(UInt8(ascii: "x")) == .changed)
        #expect(editor.feed(0x04) == nil)
        #expect(editor.feed(0x7F) == .changed)
        #expect(editor.feed(0x04) == .endOfInput)
    }
}
