import AssayCore
import AssayReport
import Foundation

/// What a terminal gave the screen.
public enum TerminalInput: Sendable, Hashable {
    /// Bytes typed or pasted.
    case bytes([UInt8])
    /// The window changed size; the screen is drawn again at the new size.
    case resized
    /// The input ended (the terminal closed) or a signal (Ctrl-C, a hang-up) asked the session to stop.
    case ended
}

/// A terminal's size in character cells.
public struct TerminalSize: Sendable, Hashable {
    /// Columns, such as 80.
    public var columns: Int
    /// Rows, such as 24.
    public var rows: Int

    /// Creates a size.
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

extension SessionConsole {
    /// Runs the session as a screen that fits the terminal, until `q`, the end of the input or a signal.
    ///
    /// Every screen is drawn whole from the top: the heading, the question, its options (one row each, a long
    /// descriptor shortened; `d` shows it whole), the current answer, then a scrolled region for what the last
    /// key said (help, the running score, a note, an error), then the key legend and the line being typed. The
    /// question stays in view whatever the region holds; Enter on an empty line shows the region's next page
    /// while it has one (its last row says "Enter: more"), and otherwise does what it does in ``run(readLine:write:)``:
    /// at a question answered before the session it keeps that answer, as the legend says. Paging comes first so
    /// that reading a long help text to its end never confirms an answer; `c` keeps the answer at once.
    /// The screen runs on the terminal's alternate screen with bracketed paste on, and leaves both before the
    /// last words, so the resume command stays on the terminal after the session ends.
    ///
    /// - Parameters:
    ///   - size: the terminal's size now; asked again after every ``TerminalInput/resized``.
    ///   - read: waits for the next input.
    ///   - write: sends text to the terminal as it is.
    public mutating func runScreen(
        size: () -> TerminalSize, read: () -> TerminalInput, write: (String) -> Void
    ) -> Ending {
        var panel: [String] = introduction().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while panel.last == "" { panel.removeLast() }
        // The heading already says the organisation and the rubric; only a change of rubric is worth the region.
        panel.removeFirst(min(2, panel.count))
        persist({ panel.append($0) }, quiet: true)
        var editor = LineEditor()
        var offset = 0
        var quitRequested = false
        write("\u{1B}[?1049h\u{1B}[?2004h")
        func leave() { write("\u{1B}[?2004l\u{1B}[?1049l") }
        var current = size()
        write(render(current, panel: panel, offset: offset, typed: editor.text))
        while true {
            switch read() {
            case .ended:
                leave()
                return finish(write)
            case .resized:
                current = size()
                write(render(current, panel: panel, offset: offset, typed: editor.text))
            case .bytes(let bytes):
                var typed = false
                var redraw = false
                for byte in bytes {
                    guard let event = editor.feed(byte) else { continue }
                    switch event {
                    case .changed:
                        typed = true
                    case .endOfInput:
                        leave()
                        return finish(write)
                    case .submit(let line):
                        redraw = true
                        let input = line.trimmingCharacters(in: .whitespaces)
                        if input == "q" {
                            if quitRequested, let error = lastSaveError {
                                leave()
                                write(strings["quit-failed"] + "\n")
                                return .unsaved(error)
                            }
                            quitRequested = true
                            var said: [String] = []
                            if persist({ said.append($0) }, quiet: true) {
                                leave()
                                write(farewell(report: true))
                                return .saved
                            }
                            panel = Self.lines(said.joined()) + [strings["quit-failed"]]
                            offset = 0
                            continue
                        }
                        quitRequested = false
                        let rows = panelRows(current)
                        let regionCount = region(current, panel: panel).count
                        if input.isEmpty && regionCount > rows && offset + max(1, rows - 1) < regionCount {
                            // Enter on an empty line turns the region's page.
                            offset += max(1, rows - 1)
                            continue
                        }
                        var said = ""
                        handle(input, { said += $0 })
                        panel = Self.lines(said)
                        offset = 0
                    }
                }
                if redraw {
                    write(render(current, panel: panel, offset: offset, typed: editor.text))
                } else if typed {
                    write("\r\u{1B}[K" + promptRow(current, typed: editor.text))
                }
            }
        }
    }

    private static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// The usable width: one column short of the terminal's, so that no row ever ends in the last column, where
    /// a terminal would wrap it on its own.
    private func width(_ size: TerminalSize) -> Int { max(20, size.columns - 1) }

    /// The question part of the screen: heading, pace warning, prompt, options and current answer.
    func questionRows(_ size: TerminalSize) -> [String] {
        let width = width(size)
        let progress = engine.progress
        var rows: [String] = []
        guard let entry = engine.currentQuestion, let number = progress.number else {
            rows.append(TextLayout.shorten(strings["session"] + " — " + engine.session.organisation, width: width))
            rows.append(dim(TextLayout.shorten(timeText(), width: width)))
            rows += TextLayout.wrap(finishedText(), width: width).map { $0 }
            return rows
        }
        // "── 3 of 33 · Human resources and skills ──  4 min spent · 86 min left"; where that does not fit, the
        // minutes left alone, and only then a shortened title.
        let prefix = "── " + strings.format("progress", String(number), String(progress.total), "")
        let title = progress.dimensionTitle ?? ""
        if let tail = ["  " + timeText(), "  " + timeText(short: true)].first(where: {
            prefix.count + title.count + 3 + $0.count <= width
        }) {
            rows.append(bold(prefix + title + " ──") + dim(tail))
        } else {
            let tail = "  " + timeText(short: true)
            let shortened = TextLayout.shorten(title, width: max(8, width - prefix.count - 3 - tail.count))
            rows.append(bold(prefix + shortened + " ──") + dim(tail))
        }
        if let behind = behindText() { rows += TextLayout.wrap(behind, width: width, indent: "  ").prefix(2) }
        let question = entry.question
        var prompt = TextLayout.wrap((text(question.prompt) ?? question.id) + "  [\(question.id)]", width: width)
        if prompt.count > 4 {
            prompt = Array(prompt.prefix(4))
            // The whole prompt is one key away, with `d`.
            let cut = TextLayout.shorten(prompt[3], width: width - 2)
            prompt[3] = cut.hasSuffix("…") ? cut : cut + " …"
        }
        rows += prompt.map(bold)
        rows += answerRows(entry, bandLimit: 6, shorten: { TextLayout.shorten($0, width: width) })
        if let answer = engine.session.answers[question.id] {
            var parts: [String] = []
            if let value = answer.value {
                // An answer given before the session is shown to be confirmed (typed again) or changed, until the
                // facilitator has done so; once confirmed it is the session's answer like any other.
                let awaits = engine.current.map(engine.awaitsConfirmation) ?? false
                let label = awaits ? "answered-before" : "current-answer"
                parts.append("\(strings.label(label)) \(describe(value, entry))")
            }
            if !answer.evidence.isEmpty {
                parts.append("\(strings.label("evidence")) \(answer.evidence.joined(separator: "; "))")
            }
            // The note last, as the part most often shortened; d shows it whole.
            if let note = answer.note { parts.append("\(strings.label("note")) \(note)") }
            if !parts.isEmpty {
                rows.append(dim(TextLayout.shorten("  (" + parts.joined(separator: " · ") + ")", width: width)))
            }
        }
        if let reported = selfReportedText(entry) { rows.append(TextLayout.shorten(reported, width: width)) }
        return rows
    }

    /// The key legend, in as few rows as the width allows, every key whole.
    func legendRows(_ size: TerminalSize) -> [String] {
        var keys: [String] = []
        if let entry = engine.currentQuestion {
            let answerKey = answerKey(entry)
            if let keep = keepKey() { keys.append(keep) }
            keys.append(strings.format("key-answer", answerKey))
            if entry.question.allowsNotApplicable { keys.append(strings["key-na"]) }
            keys += ["key-dont-know", "key-note", "key-evidence", "key-details"].map { strings[$0] }
        }
        keys += ["key-back", "key-jump", "key-skip", "key-help", "key-score", "key-quit"].map { strings[$0] }
        return TextLayout.flow(keys, width: width(size)).map(dim)
    }

    /// How many rows the scrolled region has at `size`.
    func panelRows(_ size: TerminalSize) -> Int {
        max(0, size.rows - questionRows(size).count - legendRows(size).count - 1)
    }

    /// The line being typed: `> ` and as much of its end as fits, pasted newlines shown as ↵.
    func promptRow(_ size: TerminalSize, typed: String) -> String {
        let room = width(size) - 2
        let shown = typed.replacing("\n", with: "↵")
        return "> " + (shown.count > room ? "…" + String(shown.suffix(room - 1)) : shown)
    }

    /// What the last key said, wrapped to the width; continuation lines are indented under their first.
    func region(_ size: TerminalSize, panel: [String]) -> [String] {
        var region: [String] = []
        for line in panel {
            let indent = String(line.prefix { $0 == " " })
            region += TextLayout.wrap(
                String(line.dropFirst(indent.count)), width: width(size), indent: indent + "  ", firstIndent: indent)
        }
        return region
    }

    /// The whole screen at `size`, from the top-left corner.
    func render(_ size: TerminalSize, panel: [String], offset: Int, typed: String) -> String {
        let width = width(size)
        let question = questionRows(size)
        let legend = legendRows(size)
        let room = max(0, size.rows - question.count - legend.count - 1)
        let region = region(size, panel: panel)
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
            shown.append(dim(TextLayout.shorten("  — " + more + " —", width: width)))
        } else {
            shown = []
        }
        shown += Array(repeating: "", count: max(0, room - shown.count))
        let rows = question + shown + legend
        return "\u{1B}[H\u{1B}[2J" + rows.joined(separator: "\r\n") + "\r\n" + promptRow(size, typed: typed)
    }
}
