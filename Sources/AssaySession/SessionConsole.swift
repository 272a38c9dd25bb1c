import AssayCore
import AssayReport
import Foundation

/// The line-oriented session loop: shows one question at a time, reads what the facilitator types, and saves
/// the session after every change.
///
/// It reads and writes through closures, so the same loop runs at a terminal, from a pipe or a script, and in
/// tests. Keys: a number or option id answers; `na` not applicable; `?` don't know; `n <text>` note;
/// `e <text>` evidence; `b` back; `j <id>` jump to a question or dimension; `s` skip for now; `h` help;
/// `r` running score; `q` save and quit. The end of input saves and quits too.
public struct SessionConsole {
    /// How a run ended.
    public enum Ending: Sendable, Hashable {
        /// `q`, or the end of input, with everything saved.
        case saved
        /// The last save failed and the facilitator quit anyway (or input ended); what was typed since the last
        /// successful save is lost.
        case unsaved(SessionSaveError)
    }

    /// The session being run.
    public private(set) var engine: SessionEngine
    /// Where the session is saved.
    public let path: String
    /// Whether to use ANSI bold and dim (off for `NO_COLOR` and for output that is not a terminal).
    public var usesColor: Bool
    /// Saves a session to a path; ``SessionFile/save(to:)`` unless a test replaces it.
    public var save: (SessionFile, String) throws(SessionSaveError) -> Void = {
        session, path throws(SessionSaveError) in
        try session.save(to: path)
    }
    /// The clock; tests fix it.
    public var now: () -> Date = { Date() }
    private let strings: SessionStrings
    private var lastSaveError: SessionSaveError?

    /// Creates a loop over `engine`, saving to `path`.
    public init(engine: SessionEngine, path: String, usesColor: Bool = false) {
        self.engine = engine
        self.path = path
        self.usesColor = usesColor
        self.strings = SessionStrings(language: engine.language)
    }

    /// Runs the loop until `q` or the end of input.
    ///
    /// - Parameters:
    ///   - readLine: the next line typed, without its newline; `nil` at the end of input.
    ///   - write: shows text; the loop adds the newlines it wants.
    public mutating func run(readLine: () -> String?, write: (String) -> Void) -> Ending {
        write(introduction())
        persist(write, quiet: true)
        var quitRequested = false
        while true {
            write(screen())
            write("> ")
            guard let line = readLine() else {
                write("\n")
                return finish(write)
            }
            let input = line.trimmingCharacters(in: .whitespaces)
            if input == "q" {
                if quitRequested, let error = lastSaveError { return .unsaved(error) }
                quitRequested = true
                if persist(write, quiet: true) {
                    write(
                        strings.format("quit-saved", path) + "\n"
                            + strings.format(
                                "report-hint", path + (engine.session.rubricPath.map { " --rubric \($0)" } ?? ""))
                            + "\n")
                    return .saved
                }
                write(strings["quit-failed"] + "\n")
                continue
            }
            quitRequested = false
            handle(input, write)
        }
    }

    private mutating func finish(_ write: (String) -> Void) -> Ending {
        if persist(write, quiet: true) {
            write(strings.format("quit-saved", path) + "\n")
            return .saved
        }
        return .unsaved(lastSaveError!)
    }

    /// Saves, says so unless `quiet`, and reports a failure without stopping; returns whether it saved.
    @discardableResult
    private mutating func persist(_ write: (String) -> Void, quiet: Bool = false, what: String? = nil) -> Bool {
        engine.touch(now: now())
        do {
            try save(engine.session, path)
            lastSaveError = nil
            if !quiet { write(dim("  " + strings["saved"] + (what.map { " · " + $0 } ?? "")) + "\n") }
            return true
        } catch {
            lastSaveError = error
            write("error: \(error.description)\n  \(strings["save-failed"])\n")
            return false
        }
    }

    private mutating func handle(_ input: String, _ write: (String) -> Void) {
        let (command, argument) = Self.split(input)
        // Said after "saved", so the facilitator sees which question the change went to before the screen moves on.
        let entry = engine.currentQuestion
        do throws(SessionInputError) {
            switch command {
            case "":
                return
            case "h":
                write(help() + "\n")
                return
            case "r":
                write(score() + "\n")
                return
            case "na":
                try engine.answer(.notApplicable, now: now())
            case "?":
                try engine.answer(.dontKnow, now: now())
            case "n", "e":
                guard !argument.isEmpty else {
                    let example = command == "n" ? "…" : "https://…"
                    write(strings.format("needs-text", command, example) + "\n")
                    return
                }
                if command == "n" {
                    try engine.setNote(argument, now: now())
                } else {
                    try engine.addEvidence(argument, now: now())
                }
            case "b":
                try engine.back(now: now())
            case "s":
                try engine.skip(now: now())
            case "j":
                guard !argument.isEmpty else {
                    let example = engine.index.rubric.dimensions.first?.id ?? ""
                    write(strings.format("needs-target", example) + "\n")
                    return
                }
                try engine.jump(to: argument, now: now())
            default:
                try engine.answer(try engine.interpret(input), now: now())
            }
        } catch {
            write("  " + message(for: error) + "\n")
            return
        }
        var what: String?
        if let entry {
            let id = entry.question.id
            switch command {
            case "n": what = "\(id): \(strings["note"])"
            case "e": what = "\(id): \(strings["evidence"])"
            case "b", "s", "j": what = nil
            default: what = engine.session.answers[id]?.value.map { "\(id): \(describe($0, entry))" }
            }
        }
        persist(write, what: what)
    }

    /// Splits a line into its key and the text after it: `n Council approved` → ("n", "Council approved").
    static func split(_ input: String) -> (String, String) {
        let keys: Set<String> = ["h", "r", "na", "?", "n", "e", "b", "s", "j"]
        guard let space = input.firstIndex(of: " ") else {
            return keys.contains(input) ? (input, "") : ("answer", input)
        }
        let key = String(input[..<space])
        // Only notes, evidence and jumps take text; "s 3" or "b x" are answers to a text question.
        guard key == "n" || key == "e" || key == "j" else { return ("answer", input) }
        return (key, input[space...].trimmingCharacters(in: .whitespaces))
    }

    private func message(for error: SessionInputError) -> String {
        switch error.kind {
        case .notAnOption(let text, let expected):
            let choices =
                engine.currentQuestion.map { question -> String in
                    if case .yesNo = question.question.format { return "1 / 2, yes / no" }
                    return "1–\(question.options.count) "
                        + strings.format("option-ids", expected.joined(separator: ", "))
                } ?? ""
            return strings.format("not-an-option", text, choices)
        case .notANumber(let text): return strings.format("not-a-number", text)
        case .notApplicableNotAllowed: return strings["na-not-allowed"]
        case .invalid(let problem): return problem
        case .unknownTarget(let target): return strings.format("unknown-target", target)
        case .notAsked(let target): return strings.format("not-asked", target)
        case .atFirstQuestion: return strings["at-first"]
        case .finished: return strings["no-question"]
        }
    }

    // MARK: What is shown

    private func text(_ localized: LocalizedText?) -> String? {
        localized.map { $0.resolved(engine.language, fallback: engine.index.rubric.defaultLanguage) }
    }

    private func introduction() -> String {
        let rubric = engine.index.rubric
        var lines = [
            bold("\(strings["session"]) — \(engine.session.organisation)") + " · \(text(rubric.title) ?? rubric.id) "
                + rubric.version,
            dim("\(strings.label("file")) \(path)"),
        ]
        if let change = engine.rubricChange {
            lines.append(strings.format("rubric-changed", change.fromVersion, change.toVersion))
            if !change.added.isEmpty {
                lines.append("  " + strings.format("added", change.added.joined(separator: ", ")))
            }
            if !change.removed.isEmpty {
                lines.append("  " + strings.format("removed", change.removed.joined(separator: ", ")))
            }
            if !change.droppedAnswers.isEmpty {
                lines.append("  " + strings.format("dropped", change.droppedAnswers.joined(separator: ", ")))
            }
            for invalidated in change.invalidatedAnswers {
                lines.append("  " + strings.format("invalidated", invalidated.question, invalidated.problem))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whole minutes in `seconds`, within 0 to a billion: converting a Double that large (a hand-edited
    /// `elapsed_seconds` of 1e300) to `Int` stops the process.
    static func minutes(_ seconds: Double, roundingUp: Bool = false) -> Int {
        guard seconds.isFinite else { return 0 }
        let minutes = seconds / 60
        return Int(Swift.min(Swift.max(roundingUp ? minutes.rounded(.up) : minutes, 0), 1e9))
    }

    private func screen() -> String {
        var lines: [String] = [""]
        let progress = engine.progress
        let pace = engine.pace(now: now())
        let time = strings.format(
            "time",
            String(Self.minutes(pace.elapsed)),
            String(engine.session.plannedMinutes)
        )
        guard let entry = engine.currentQuestion, let number = progress.number else {
            lines.append(dim(time))
            lines.append(strings.format("finished", String(progress.answered), String(progress.total)))
            return lines.joined(separator: "\n") + "\n"
        }
        let heading = strings.format("progress", String(number), String(progress.total), progress.dimensionTitle ?? "")
        lines.append(bold("── \(heading) ──") + "  " + dim(time))
        if pace.isBehind, let needed = pace.remainingNeeded {
            let left = max(0, pace.planned - pace.elapsed)
            lines.append(
                strings.format(
                    "behind",
                    String(progress.total - progress.answered),
                    String(Self.minutes(needed, roundingUp: true)),
                    String(Self.minutes(left))
                )
            )
        }
        let question = entry.question
        lines.append(bold(text(question.prompt) ?? question.id) + dim("  [\(question.id)]"))
        switch question.format {
        case .numeric(let unit, let bands):
            let unitText = text(unit).map { " (\($0))" } ?? ""
            lines.append("  " + strings["a-number"] + unitText)
            for band in bands {
                // Bands include their minimum and stop before their maximum: [min, max).
                let range = "\(band.min.map { $0.formatted() } ?? "…")–\(band.max.map { "<" + $0.formatted() } ?? "…")"
                let label = text(band.label).map { "  " + $0 } ?? ""
                lines.append(dim("     " + range + label))
            }
        case .text:
            lines.append("  " + strings["free-text"])
        default:
            let width = entry.options.map(\.id.count).max() ?? 0
            for (number, option) in entry.options.enumerated() {
                var line = "  \(number + 1)  " + option.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                line += text(option.label) ?? ""
                if let descriptor = text(option.descriptor), !descriptor.isEmpty { line += " — " + descriptor }
                lines.append(line)
            }
        }
        if let answer = engine.session.answers[question.id] {
            var parts: [String] = []
            if let value = answer.value { parts.append("\(strings.label("current-answer")) \(describe(value, entry))") }
            if let note = answer.note { parts.append("\(strings.label("note")) \(note)") }
            if !answer.evidence.isEmpty {
                parts.append("\(strings.label("evidence")) \(answer.evidence.joined(separator: "; "))")
            }
            if !parts.isEmpty { lines.append(dim("  (" + parts.joined(separator: " · ") + ")")) }
        }
        lines.append(dim(legend(entry)))
        return lines.joined(separator: "\n") + "\n"
    }

    private func describe(_ value: AnswerValue, _ entry: IndexedQuestion) -> String {
        switch value {
        case .notApplicable: return ReportStrings(language: engine.language)["not-applicable"]
        case .dontKnow: return ReportStrings(language: engine.language)["dont-know"]
        case .choices(let ids):
            return ids.map { id in entry.options.first { $0.id == id }.flatMap { text($0.label) } ?? id }
                .joined(separator: ", ")
        default:
            if case .numeric = entry.question.format { return value.description }
            return entry.read(value).option.flatMap { text($0.label) } ?? value.description
        }
    }

    private func legend(_ entry: IndexedQuestion) -> String {
        let answerKey: String
        switch entry.question.format {
        case .numeric, .text: answerKey = "…"
        default: answerKey = entry.options.isEmpty ? "…" : "1-\(entry.options.count)"
        }
        var keys = [strings.format("key-answer", answerKey)]
        if entry.question.allowsNotApplicable { keys.append(strings["key-na"]) }
        keys += [
            "key-dont-know", "key-note", "key-evidence", "key-back", "key-jump", "key-skip", "key-help", "key-score",
            "key-quit",
        ]
        .map { strings[$0] }
        return "  " + keys.joined(separator: " · ")
    }

    private func help() -> String {
        guard let question = engine.currentQuestion?.question else { return "  " + strings["no-question"] }
        var lines: [String] = []
        if let help = text(question.help), !help.isEmpty { lines.append("  " + help) }
        if let evidence = text(question.evidencePrompt), !evidence.isEmpty {
            lines.append("  \(strings.label("look-for")) \(evidence)")
        }
        if lines.isEmpty { lines.append("  " + strings["no-help"]) }
        return lines.joined(separator: "\n")
    }

    private func score() -> String {
        guard let assessment = engine.runningScore else { return "  " + strings["no-score"] }
        let rubric = engine.index.rubric
        let numbers = ReportStrings(language: engine.language)
        func line(_ title: String, _ score: Score) -> String {
            let value = numbers.number(score.value)
            let level = score.level.flatMap { id in rubric.levels.first { $0.id == id } }.flatMap { text($0.name) }
            return "\(numbers.colon(after: title)) \(value) / 100" + (level.map { " · \($0)" } ?? "")
        }
        var lines = ["  " + bold(line(strings["score-so-far"], assessment.overall))]
        for (dimension, score) in zip(rubric.dimensions, assessment.dimensions) {
            lines.append("    " + line(text(dimension.title) ?? dimension.id, score.score))
        }
        return lines.joined(separator: "\n")
    }

    private func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    private func dim(_ text: String) -> String { usesColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
