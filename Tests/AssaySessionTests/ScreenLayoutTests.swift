import AssaySession
import Foundation
import Testing

/// The layout both terminal screens (session and reconcile) are drawn with.
@Suite("The shared screen layout")
struct ScreenLayoutTests {
    /// The rows a screen draws, from the top-left corner, without the escape sequences.
    private func rows(_ screen: String) -> [String] {
        #expect(screen.hasPrefix("\u{1B}[H\u{1B}[2J"))
        return screen.dropFirst("\u{1B}[H\u{1B}[2J".count).components(separatedBy: "\r\n")
    }

    @Test("Rows that outnumber the window: the heading, the legend and the input line stay, the middle goes")
    func tooTall() {
        let layout = ScreenLayout(size: TerminalSize(columns: 40, rows: 8), language: "en")
        let top = ["heading"] + (1...10).map { "body \($0)" }
        let drawn = rows(
            layout.render(
                ScreenRows(top: top, legend: ["  keys 1", "  keys 2"]), panel: ["said"], offset: 0, typed: "2"))
        // 8 rows: 7 above the input line, of which the legend takes 2 and the top the other 5 (heading, body 1–4);
        // no room is left for the region.
        #expect(drawn == ["heading", "body 1", "body 2", "body 3", "body 4", "  keys 1", "  keys 2", "> 2"])
    }

    @Test("Below 30×8 the screen only asks for a larger window, a character row at a time, in the screen's language")
    func tooSmall() {
        let layout = ScreenLayout(size: TerminalSize(columns: 12, rows: 4), language: "fr")
        let drawn = rows(layout.render(ScreenRows(top: ["heading"], legend: ["keys"]), panel: [], offset: 0, typed: ""))
        // 11 usable columns (one short of 12), 3 rows above the input line.
        #expect(drawn == ["Fenêtre tro", "p petite (1", "2×4)\u{00A0}: agra", "> "])
        #expect(drawn.allSatisfy { $0.count <= 11 })
    }

    @Test("Enter turns the region's page only while a next page is left")
    func paging() {
        let layout = ScreenLayout(size: TerminalSize(columns: 40, rows: 10), language: "en")
        let rows = ScreenRows(top: ["heading"], legend: ["  keys"])
        let panel = (1...20).map { "line \($0)" }
        // 10 rows less heading, legend and input line: a region of 7, pages of 6 above the "Enter: more" row.
        #expect(layout.regionRows(rows) == 7)
        #expect(layout.nextPage(rows, panel: panel, offset: 0) == 6)
        #expect(layout.nextPage(rows, panel: panel, offset: 12) == 18)
        // From row 18 the last two lines are the last page.
        #expect(layout.nextPage(rows, panel: panel, offset: 18) == nil)
        #expect(layout.nextPage(rows, panel: Array(panel.prefix(7)), offset: 0) == nil)
    }

    @Test("A key wider than the whole width is wrapped between its words, never run past the width")
    func longKey() {
        let keys = ["1 or 2 take", "= <answer> a new one (either + rationale)", "n <text> rationale"]
        let rows = TextLayout.flow(keys, width: 30)
        // "  = <answer> a new one (either" is exactly 30; "+" would make it 32, so it starts the next row, indented
        // under the key; "n <text> rationale" after it would make that row 37, so it starts a row of its own.
        #expect(
            rows == ["  1 or 2 take", "  = <answer> a new one (either", "    + rationale)", "  n <text> rationale"])
    }
}
