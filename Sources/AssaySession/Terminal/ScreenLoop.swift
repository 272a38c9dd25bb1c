/// The part of a console's screen that is the same for every console: the alternate screen, the line being
/// typed, drawing again on every change and every resize, and paging the region.
///
/// A console asks it for the next line sent with Return, acts on it, says what to show in the region with
/// ``show(_:)``, and asks again; everything between two lines (keys typed, a paste, a resize, Enter turning the
/// region's page) happens inside ``nextLine(size:read:write:rows:)``. The session console and the reconcile
/// console both run on it, so the two screens behave alike at every size.
///
/// Typed text is read raw through ``LineEditor``: no length limit and pasted newlines kept in the line. Enter on
/// an empty line shows the region's next page while it has one (its last row says "Enter: more"); otherwise it
/// sends the empty line, so reading a long help text to its end never acts on the prompt.
package struct ScreenLoop: Sendable {
    /// The layout at the terminal's size now.
    package private(set) var layout: ScreenLayout
    private var panel: [String]
    private var offset = 0
    private var editor = LineEditor()
    private var queued: [UInt8] = []
    private var nextByte = 0
    private var needsDrawing = true

    /// Creates the loop at `size`, with `panel` in the region of the first screen.
    package init(size: TerminalSize, language: String, usesColor: Bool = false, panel: [String] = []) {
        self.layout = ScreenLayout(size: size, language: language, usesColor: usesColor)
        self.panel = panel
    }

    /// Turns on the alternate screen (so the shell's lines come back afterwards) and bracketed paste.
    package static let enter = "\u{1B}[?1049h\u{1B}[?2004h"
    /// Turns both off again; written before a console's last words, so they stay on the terminal.
    package static let leave = "\u{1B}[?2004l\u{1B}[?1049l"

    /// Shows `text`'s lines in the region, from its first, on the next screen.
    package mutating func show(_ text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        show(lines)
    }

    /// Shows `lines` in the region, from the first, on the next screen.
    package mutating func show(_ lines: [String]) {
        panel = lines
        offset = 0
        needsDrawing = true
    }

    /// Draws what changed and waits for the next line sent with Return; `nil` when the input ends (Ctrl-D on an
    /// empty line, the terminal closed, a signal).
    ///
    /// - Parameters:
    ///   - size: the terminal's size now; asked again after every ``TerminalInput/resized``.
    ///   - read: waits for the next input.
    ///   - write: sends text to the terminal as it is.
    ///   - rows: the console's own rows at a layout.
    package mutating func nextLine(
        size: () -> TerminalSize, read: () -> TerminalInput, write: (String) -> Void,
        rows: (ScreenLayout) -> ScreenRows
    ) -> String? {
        while true {
            var typed = false
            while nextByte < queued.count {
                let byte = queued[nextByte]
                nextByte += 1
                guard let event = editor.feed(byte) else { continue }
                switch event {
                case .changed:
                    typed = true
                case .endOfInput:
                    return nil
                case .submit(let line):
                    needsDrawing = true
                    if line.allSatisfy({ $0 == " " }),
                        let page = layout.nextPage(rows(layout), panel: panel, offset: offset)
                    {
                        offset = page
                        continue
                    }
                    return line
                }
            }
            if needsDrawing {
                needsDrawing = false
                write(layout.render(rows(layout), panel: panel, offset: offset, typed: editor.text))
            } else if typed {
                write("\r\u{1B}[K" + layout.promptRow(typed: editor.text))
            }
            switch read() {
            case .ended:
                return nil
            case .resized:
                layout.size = size()
                needsDrawing = true
            case .bytes(let bytes):
                queued = bytes
                nextByte = 0
            }
        }
    }
}
