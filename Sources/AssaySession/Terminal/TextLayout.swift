/// Fitting text to a terminal's width without breaking words.
///
/// Widths count characters: the rubrics' scripts (Latin, with accents) take one column per character. Only an
/// ordinary space is a place to break, so a no-break space (French puts one before a colon) keeps its neighbours
/// together. A single word longer than the whole width (a long link) is the one thing cut, at the width.
package enum TextLayout {
    /// `text` in lines of at most `width` characters, broken between words; each line after the first starts
    /// with `indent`. Newlines in `text` start new lines.
    package static func wrap(_ text: String, width: Int, indent: String = "", firstIndent: String = "") -> [String] {
        let width = max(width, indent.count + 8, firstIndent.count + 8)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = lines.isEmpty ? firstIndent : indent
            var lineHasWord = false
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                if lineHasWord && line.count + 1 + word.count > width {
                    lines.append(line)
                    line = indent
                    lineHasWord = false
                }
                while line.count + (lineHasWord ? 1 : 0) + word.count > width {
                    // A word wider than a whole line: cut it where the line ends.
                    let room = width - line.count - (lineHasWord ? 1 : 0)
                    if lineHasWord || room <= 0 {
                        lines.append(line)
                        line = indent
                        lineHasWord = false
                        continue
                    }
                    line += word.prefix(room)
                    word = word.dropFirst(room)
                    lines.append(line)
                    line = indent
                }
                if word.isEmpty { continue }
                line += (lineHasWord ? " " : "") + word
                lineHasWord = true
            }
            lines.append(line)
        }
        return lines
    }

    /// `text` on one line of at most `width` characters: whole, or cut after its last whole word that fits and
    /// ended with "…".
    package static func shorten(_ text: String, width: Int) -> String {
        let flat = text.replacing("\n", with: " ")
        guard flat.count > width else { return flat }
        // Room for the ellipsis; cut at the last space in it, unless the cut already falls between words.
        var kept = flat.prefix(max(0, width - 1))
        let next = flat[kept.endIndex]
        if next != " ", let space = kept.lastIndex(of: " "), kept[..<space].contains(where: { $0 != " " }) {
            kept = kept[..<space]
        }
        while kept.last == " " { kept = kept.dropLast() }
        return kept + "…"
    }

    /// Keys such as `1-4 answer · ? don't know · …` on as few lines as fit, each key whole: a key wider than a
    /// whole line is wrapped onto lines of its own, between its words.
    package static func flow(_ items: [String], width: Int, separator: String = " · ", indent: String = "  ")
        -> [String]
    {
        var lines: [String] = []
        var line = indent
        for item in items {
            if indent.count + item.count > width {
                if line != indent { lines.append(line) }
                var wrapped = wrap(item, width: width, indent: indent + "  ", firstIndent: indent)
                line = wrapped.removeLast()
                lines += wrapped
                continue
            }
            let candidate = line == indent ? line + item : line + separator + item
            if candidate.count > width && line != indent {
                lines.append(line)
                line = indent + item
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }
}
