import AssayReport

/// What a console puts on its screen around the scrolled region: its own rows at the top (a heading, the thing
/// being asked) and its key legend at the bottom, above the line being typed.
package struct ScreenRows: Sendable, Hashable {
    /// The rows from the top-left corner down: the heading first.
    package var top: [String]
    /// The key legend, every row already fitted to the width.
    package var legend: [String]

    /// Creates the rows.
    package init(top: [String], legend: [String]) {
        self.top = top
        self.legend = legend
    }
}

/// Where a console's rows go on a terminal of one size, drawn whole from the top-left corner.
///
/// From the top: the console's own rows, a scrolled region for what the last key said (help, an error, a
/// note), the key legend, and the line being typed. Every row is at most ``width`` characters, one short of the
/// terminal's columns, so that none ends in the last column, where a terminal would wrap it on its own and
/// scroll the heading away. Rows never outnumber the terminal's: when the console's rows and the legend do not
/// fit, the region goes first, then the console's last rows, so the heading and the prompt stay in view.
/// Below ``minimum`` the screen says only that the window is too small, and the keys still work.
package struct ScreenLayout: Sendable, Hashable {
    /// The smallest window the screen is drawn in; below it the screen asks for a larger one.
    package static let minimum = TerminalSize(columns: 30, rows: 8)

    /// The terminal's size.
    package var size: TerminalSize
    /// Whether to use ANSI dim for the region's page line.
    package var usesColor: Bool
    /// The language of the screen's own words ("Enter: more", "Window too small").
    package var language: String

    /// Creates the layout of a screen at `size` whose own words are in `language`.
    package init(size: TerminalSize, language: String, usesColor: Bool = false) {
        self.size = size
        self.usesColor = usesColor
        self.language = language
    }

    private var strings: SessionStrings { SessionStrings(language: language) }

    /// Whether the window is at least ``minimum``.
    package var fits: Bool { size.columns >= Self.minimum.columns && size.rows >= Self.minimum.rows }

    /// The usable width: one column short of the terminal's.
    package var width: Int { max(0, size.columns - 1) }

    /// What `panel` (the lines the last key said) takes in the region: each line wrapped to the width, its
    /// continuation lines indented under its first.
    package func region(_ panel: [String]) -> [String] {
        var region: [String] = []
        for line in panel {
            let indent = String(line.prefix { $0 == " " })
            region += TextLayout.wrap(
                String(line.dropFirst(indent.count)), width: width, indent: indent + "  ", firstIndent: indent)
        }
        return region
    }

    /// How many rows the region has between `rows.top` and `rows.legend`.
    package func regionRows(_ rows: ScreenRows) -> Int { max(0, size.rows - rows.top.count - rows.legend.count - 1) }

    /// How far Enter on an empty line turns the region, from row `offset`: `nil` when the region's last page
    /// is shown already (or the region fits whole), and Enter should do what it does at the prompt.
    package func nextPage(_ rows: ScreenRows, panel: [String], offset: Int) -> Int? {
        let room = regionRows(rows)
        let count = region(panel).count
        let page = max(1, room - 1)
        return fits && count > room && offset + page < count ? offset + page : nil
    }

    /// The line being typed: `> ` and as much of its end as fits, pasted newlines shown as ↵.
    package func promptRow(typed: String) -> String {
        let room = width - 2
        guard room > 1 else { return String("> ".prefix(width)) }
        let shown = typed.replacing("\n", with: "↵")
        return "> " + (shown.count > room ? "…" + String(shown.suffix(room - 1)) : shown)
    }

    /// The whole screen, from the top-left corner: `rows` around `panel` shown from its row `offset`, and the
    /// line being typed.
    package func render(_ rows: ScreenRows, panel: [String], offset: Int, typed: String) -> String {
        var lines = fits ? fitted(rows, panel: panel, offset: offset) : tooSmall()
        lines = Array(lines.prefix(max(0, size.rows - 1)))
        return "\u{1B}[H\u{1B}[2J" + lines.map { $0 + "\r\n" }.joined() + promptRow(typed: typed)
    }

    private func fitted(_ rows: ScreenRows, panel: [String], offset: Int) -> [String] {
        var top = rows.top
        var legend = rows.legend
        let above = size.rows - 1
        if top.count + legend.count > above {
            // The heading, then the legend (what the keys are), then as much of the rest as there is room for.
            legend = Array(legend.prefix(max(0, above - 1)))
            top = Array(top.prefix(max(1, above - legend.count)))
        }
        let room = max(0, above - top.count - legend.count)
        let region = region(panel)
        var shown: [String]
        if region.count <= room {
            shown = region
        } else if room > 0 {
            let page = max(1, room - 1)
            let start = min(offset, max(0, region.count - page))
            shown = Array(region[start..<min(region.count, start + page)])
            // The last page no longer says "Enter: more": there, Enter does what it does at the prompt.
            let isLast = start + shown.count >= region.count
            let more = strings.format(
                isLast ? "more-last" : "more", String(start + 1), String(start + shown.count), String(region.count))
            let line = TextLayout.shorten("  — " + more + " —", width: width)
            shown.append(usesColor ? "\u{1B}[2m\(line)\u{1B}[0m" : line)
        } else {
            shown = []
        }
        shown += Array(repeating: "", count: max(0, room - shown.count))
        return top + shown + legend
    }

    /// What a window below ``minimum`` shows: that it is too small, cut to its width a character at a time
    /// (no word fits a window that narrow).
    private func tooSmall() -> [String] {
        let notice = strings.format(
            "too-small", String(size.columns), String(size.rows), String(Self.minimum.columns),
            String(Self.minimum.rows))
        guard width > 0 else { return [] }
        var lines: [String] = []
        var rest = Substring(notice)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(width)).trimmingSpaces())
            rest = rest.dropFirst(width).drop { $0 == " " }
        }
        return lines
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.last == " " { text = text.dropLast() }
        return String(text)
    }
}
