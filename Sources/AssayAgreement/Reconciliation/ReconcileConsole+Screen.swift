import AssayReport
import AssaySession
import Foundation

extension ReconcileConsole {
    /// Runs the walk as a screen that fits the terminal, the session's screen, until every disagreement is
    /// settled, `q`, the end of the input or a signal.
    ///
    /// Every screen is drawn whole from the top: the heading (which disagreement, its dimension, how many are left
    /// to settle), the question, each view's answer with who gave it and its note, the rationale so far, the
    /// answers a new one can be, then a scrolled region for what the last line said (help, an error, "rationale
    /// saved"), the keys, and the line being typed. A line of any length is read whole, a paste is one line
    /// (never several choices), and every choice is saved before the next screen is drawn.
    ///
    /// - Parameters:
    ///   - size: the terminal's size now; asked again after every ``TerminalInput/resized``.
    ///   - read: waits for the next input.
    ///   - write: sends text to the terminal as it is.
    public mutating func runScreen(
        size: () -> TerminalSize, read: () -> TerminalInput, write: (String) -> Void
    ) -> Ending {
        save(write: write)
        var screen = ScreenLoop(size: size(), language: screenLanguage, usesColor: usesColor)
        write(ScreenLoop.enter)
        while reconciler.currentItem != nil {
            screen.show(message ?? "")
            message = nil
            let line = screen.nextLine(size: size, read: read, write: write, rows: { screenRows($0) })
            if line?.trimmingCharacters(in: .whitespaces) == "d" {
                message = details()
                continue
            }
            guard let line, act(on: line) else {
                write(ScreenLoop.leave)
                return finish(write: write, done: false)
            }
        }
        write(ScreenLoop.leave)
        return finish(write: write, done: true)
    }

    /// The disagreement above the region and the keys below it, fitted to `layout`'s width: the heading on one
    /// row, the question on at most four (its id always kept), one row a view and a note, every key whole.
    func screenRows(_ layout: ScreenLayout) -> ScreenRows {
        guard let shown = shown() else { return ScreenRows(top: [], legend: []) }
        let width = layout.width
        var top = [heading(shown, width: width)]
        let tag = "[\(shown.question)]"
        var prompt = TextLayout.wrap(shown.prompt + "  " + tag, width: width)
        if prompt.count > 4 {
            // Room for " …  [id]" after the fourth row's last whole word.
            let cut = TextLayout.shorten(prompt[3], width: width - tag.count - 4)
            prompt = Array(prompt.prefix(3)) + [(cut.hasSuffix("…") ? cut : cut + " …") + "  " + tag]
        }
        top += prompt.map(bold)
        for view in shown.views {
            top += answerRows(view.answer, width: width)
            if let note = view.note { top.append(dim(TextLayout.shorten(note, width: width))) }
        }
        if let settled = shown.settled { top.append(TextLayout.shorten(settled, width: width)) }
        if let rationale = shown.rationale { top.append(TextLayout.shorten(rationale, width: width)) }
        top += TextLayout.flow(shown.newAnswer, width: width).filter { $0 != "  " }
        var keys = shown.keys
        // The screen shortens what the script prints whole; d shows it whole again.
        keys[keys.count - 1].insert(words["key-details"], at: keys[keys.count - 1].count - 1)
        let legend = keys.flatMap { TextLayout.flow($0, width: width) }
        return ScreenRows(top: top, legend: legend.map(dim))
    }

    /// A view's row, "  1  Self-assessment  Largely in place (largely)": where it does not fit, the answer goes on
    /// under itself, on two rows at the most.
    private func answerRows(_ row: String, width: Int) -> [String] {
        guard row.count > width else { return [row] }
        let prefix = String(row.prefix(while: { $0 == " " || $0.isNumber }))
        let named = row.dropFirst(prefix.count)
        // The name and the two spaces after it, as the scripted screen pads them.
        guard let gap = named.firstRange(of: "  ") else { return [TextLayout.shorten(row, width: width)] }
        let start = named[gap.lowerBound...].firstIndex { $0 != " " } ?? named.endIndex
        let lead = prefix + named[..<start]
        let room = width - lead.count
        guard room >= 12 else { return [TextLayout.shorten(row, width: width)] }
        var answer = TextLayout.wrap(String(named[start...]), width: room)
        if answer.count > 2 {
            answer = [answer[0], TextLayout.shorten(answer[1...].joined(separator: " "), width: room)]
        }
        let under = String(repeating: " ", count: lead.count)
        return answer.enumerated().map { ($0 == 0 ? lead : under) + $1 }
    }

    /// The whole of what the screen shortens: the question, each view's answer and note, and the rationale.
    func details() -> String {
        guard let shown = shown() else { return "" }
        var lines = ["  " + shown.prompt + "  [\(shown.question)]"]
        for view in shown.views {
            lines.append(view.answer)
            if let note = view.note { lines.append(note) }
        }
        if let settled = shown.settled { lines.append(settled) }
        if let rationale = reconciler.currentItem?.rationale {
            lines.append("  " + words.colon(after: words["rationale"]) + " " + rationale)
        }
        return lines.joined(separator: "\n")
    }

    /// "── Disagreement 1 of 9 · Financial resources ──  9 to settle"; where that does not fit, the dimension's
    /// title shortened, then left out.
    private func heading(_ shown: ShownDisagreement, width: Int) -> String {
        let prefix = "── " + shown.heading
        let tail = "  " + shown.toSettle
        let room = width - prefix.count - " ──".count - tail.count
        guard room >= 0 else { return bold(TextLayout.shorten(prefix + " ──" + tail, width: width)) }
        var title = ""
        if let dimension = shown.dimension, room >= " · ".count + 8 {
            title = " · " + TextLayout.shorten(dimension, width: room - " · ".count)
        }
        return bold(prefix + title + " ──") + dim(tail)
    }

    private func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { usesColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
