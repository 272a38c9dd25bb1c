import AssayCore
import AssayReport
import Foundation

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
        var screen = ScreenLoop(size: size(), language: engine.language, usesColor: usesColor, panel: panel)
        var quitRequested = false
        write(ScreenLoop.enter)
        while let line = screen.nextLine(size: size, read: read, write: write, rows: { screenRows($0) }) {
            let input = line.trimmingCharacters(in: .whitespaces)
            if input == "q" {
                if quitRequested, let error = lastSaveError {
                    write(ScreenLoop.leave)
                    write(strings["quit-failed"] + "\n")
                    return .unsaved(error)
                }
                quitRequested = true
                var said = ""
                if persist({ said += $0 }, quiet: true) {
                    write(ScreenLoop.leave)
                    write(farewell(report: true))
                    return .saved
                }
                screen.show(said + strings["quit-failed"])
                continue
            }
            quitRequested = false
            var said = ""
            handle(input, { said += $0 })
            screen.show(said)
        }
        write(ScreenLoop.leave)
        return finish(write)
    }

    /// The question above the region and the legend below it, at `layout`'s size.
    func screenRows(_ layout: ScreenLayout) -> ScreenRows {
        ScreenRows(top: questionRows(layout.size), legend: legendRows(layout.size))
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
}
