import AssayCore
import AssayReport
import Foundation

/// The line-oriented session loop: shows one question at a time, reads what the facilitator types, and saves
/// the session after every change.
///
/// It reads and writes through closures, so the same loop runs at a terminal, from a pipe or a script, and in
/// tests. Keys: a number or option id answers; `na` not applicable; `?` don't know; `n <text>` note;
/// `e <text>` evidence; `b` back; `j <id>` jump to a question or dimension; `s` skip for now; `h` help;
/// `r` running score; `q` save and quit. The end of input saves and quits too. At a question answered before the
/// session, Enter on an empty line (or `c`) keeps that answer, confirming it; `c` confirms a self-reported answer.
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
    let strings: SessionStrings
    var lastSaveError: SessionSaveError?

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
                    write(farewell(report: true))
                    return .saved
                }
                write(strings["quit-failed"] + "\n")
                continue
            }
            quitRequested = false
            handle(input, write)
        }
    }

    mutating func finish(_ write: (String) -> Void) -> Ending {
        if persist(write, quiet: true) {
            write(farewell(report: false))
            return .saved
        }
        return .unsaved(lastSaveError!)
    }

    /// What every way out says: where the answers are, and the command that carries on from here.
    func farewell(report: Bool) -> String {
        var lines = [strings.format("quit-saved", path)]
        // A session started with a rubric file names no file to read, so the commands carry it again.
        let rubric = engine.session.rubricPath.map { " --rubric " + Self.shellQuoted($0) } ?? ""
        if report { lines.append(strings.format("report-hint", Self.shellQuoted(path) + rubric)) }
        lines.append(strings.format("resume-hint", Self.shellQuoted(path) + rubric))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `path` as a shell reads it back: quoted only when it holds a character the shell would act on.
    package static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || $0.properties.numericType != nil || "/._-+,:@%=".unicodeScalars.contains($0))
        }
        return plain && !path.isEmpty ? path : "'" + path.replacing("'", with: "'\\''") + "'"
    }

    /// Saves, says so unless `quiet`, and reports a failure without stopping; returns whether it saved.
    @discardableResult
    mutating func persist(_ write: (String) -> Void, quiet: Bool = false, what: String? = nil) -> Bool {
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

    mutating func handle(_ input: String, _ write: (String) -> Void) {
        let (command, argument) = Self.split(input)
        // Said after "saved", so the facilitator sees which question the change went to before the screen moves on.
        let entry = engine.currentQuestion
        var hadNote = false
        do throws(SessionInputError) {
            switch command {
            case "" where engine.answerGivenBefore != nil:
                // Enter keeps an answer given before the session: confirming it is the common case, and the screen
                // says so in the legend. (At a terminal, Enter turns the region's page first while it has one.)
                try engine.keepAnswerGivenBefore(now: now())
            case "":
                write("  " + strings.format("empty-enter", answerKeys()) + "\n")
                return
            case "pasted":
                write("  " + strings["pasted"] + "\n")
                return
            case "d":
                write(details() + "\n")
                return
            case "h":
                write(help() + "\n")
                return
            case "r":
                write(score() + "\n")
                return
            case "c" where engine.selfReported?.value != nil:
                // The self-reported line says "c confirms": it is what c does wherever that line shows an answer.
                try engine.confirmSelfReported(now: now())
            case "c" where engine.answerGivenBefore != nil:
                try engine.keepAnswerGivenBefore(now: now())
            case "c" where engine.session.selfAssessment != nil:
                try engine.confirmSelfReported(now: now())
            case "c":
                try engine.answer(try engine.interpret(input), now: now())
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
                    hadNote = engine.currentQuestion.flatMap { engine.session.answers[$0.question.id]?.note } != nil
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
            case "n": what = "\(strings.colon(after: id)) \(strings[hadNote ? "note-added" : "note"])"
            case "e": what = "\(strings.colon(after: id)) \(strings["evidence"])"
            case "b", "s", "j": what = nil
            default:
                what = engine.session.answers[id]?.value.map { "\(strings.colon(after: id)) \(describe($0, entry))" }
            }
        }
        persist(write, what: what)
    }

    /// Splits a line into its key and the text after it: `n Council approved` → ("n", "Council approved").
    static func split(_ input: String) -> (String, String) {
        let keys: Set<String> = ["h", "r", "na", "?", "n", "e", "b", "s", "j", "d", "c"]
        if input.isEmpty { return ("", "") }
        guard let space = input.firstIndex(where: { $0 == " " || $0 == "\n" }) else {
            return keys.contains(input) ? (input, "") : ("answer", input)
        }
        let key = String(input[..<space])
        // Only notes, evidence and jumps take text; "s 3" or "b x" are answers to a text question. Lines pasted at a
        // terminal come as one line with newlines in it: outside a note or evidence they are never key presses.
        guard key == "n" || key == "e" || key == "j" else {
            return input.contains("\n") ? ("pasted", input) : ("answer", input)
        }
        return (key, input[space...].trimmingCharacters(in: .whitespaces))
    }

    func message(for error: SessionInputError) -> String {
        switch error.kind {
        case .notAnOption(let text, _):
            let choices =
                engine.currentQuestion.map { question -> String in
                    if case .yesOrNo = question.rules.entry { return "1 / 2, " + yesNoWords }
                    return "1–\(question.options.count) "
                        + strings.format("option-ids", optionKeys(question).joined(separator: ", "))
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

    func text(_ localized: LocalizedText?) -> String? {
        localized.map { $0.resolved(engine.language, fallback: engine.index.rubric.defaultLanguage) }
    }

    func introduction() -> String {
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
            if !change.carriedAnswers.isEmpty {
                let moves = change.carriedAnswers.map { "\($0.from.joined(separator: " + ")) → \($0.to)" }
                lines.append("  " + strings.format("carried", moves.joined(separator: ", ")))
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

    func screen() -> String {
        var lines: [String] = [""]
        let progress = engine.progress
        let time = timeText()
        guard let entry = engine.currentQuestion, let number = progress.number else {
            lines.append(dim(time))
            lines.append(finishedText())
            return lines.joined(separator: "\n") + "\n"
        }
        let heading = strings.format("progress", String(number), String(progress.total), progress.dimensionTitle ?? "")
        lines.append(bold("── \(heading) ──") + "  " + dim(time))
        if let behind = behindText() { lines.append(behind) }
        let question = entry.question
        lines.append(bold(text(question.prompt) ?? question.id) + dim("  [\(question.id)]"))
        lines += answerRows(entry, bandLimit: .max, shorten: { $0 })
        if let answer = engine.session.answers[question.id] {
            var parts: [String] = []
            if let value = answer.value {
                // An answer given before the session is shown to be confirmed (typed again) or changed, until the
                // facilitator has done so; once confirmed it is the session's answer like any other.
                let awaits = engine.current.map(engine.awaitsConfirmation) ?? false
                let label = awaits ? "answered-before" : "current-answer"
                parts.append("\(strings.label(label)) \(describe(value, entry))")
            }
            if let note = answer.note { parts.append("\(strings.label("note")) \(note)") }
            if !answer.evidence.isEmpty {
                parts.append("\(strings.label("evidence")) \(answer.evidence.joined(separator: "; "))")
            }
            if !parts.isEmpty { lines.append(dim("  (" + parts.joined(separator: " · ") + ")")) }
        }
        if let reported = selfReportedText(entry) { lines.append(reported) }
        lines.append(dim(legend(entry)))
        return lines.joined(separator: "\n") + "\n"
    }

    /// "12 min spent · 78 min left": minutes spent round down, minutes left round up, so a session with time
    /// left never says 0.
    func timeText(short: Bool = false) -> String {
        let pace = engine.pace(now: now())
        let spent = String(Self.minutes(pace.elapsed))
        let left = pace.planned - pace.elapsed
        if left >= 0 {
            let minutes = String(Self.minutes(left, roundingUp: true))
            return short ? strings.format("time-left", minutes) : strings.format("time", spent, minutes)
        }
        let over = String(Self.minutes(-left, roundingUp: true))
        return short ? strings.format("time-left-over", over) : strings.format("time-over", spent, over)
    }

    /// The pace warning, when the questions left will not fit in the time left.
    func behindText() -> String? {
        let pace = engine.pace(now: now())
        guard pace.isBehind, let needed = pace.remainingNeeded else { return nil }
        let progress = engine.progress
        let left = max(0, pace.planned - pace.elapsed)
        return strings.format(
            "behind",
            String(progress.total - progress.answered),
            String(Self.minutes(needed, roundingUp: true)),
            String(Self.minutes(left, roundingUp: true))
        )
    }

    /// Said once every question asked has an answer, with the completeness the reports give.
    func finishedText() -> String {
        let completeness =
            engine.runningScore.map { ReportStrings(language: engine.language).completeness($0.completeness) } ?? ""
        return strings.format("finished", completeness)
    }

    /// Whether the options show their ids: yes in the rubric's own language, where the ids are words of it; not
    /// where the rubric translates the labels, which then are what is shown and what can be typed.
    func showsOptionIDs(_ entry: IndexedQuestion) -> Bool {
        let rubric = engine.index.rubric
        if engine.language == rubric.defaultLanguage { return true }
        return !entry.options.allSatisfy { $0.label.translations[engine.language] != nil }
    }

    /// What may be typed for the options: their ids, or their labels where the rubric translates them.
    func optionKeys(_ entry: IndexedQuestion) -> [String] {
        showsOptionIDs(entry) ? entry.options.map(\.id) : entry.options.map { text($0.label) ?? $0.id }
    }

    var yesNoWords: String { strings["yes-no"] }

    /// What answers the current question: "1–4", "1 / 2, yes / no", "a number" or "free text".
    func answerKeys() -> String {
        guard let entry = engine.currentQuestion else { return "b, j <id>, r, q" }
        switch entry.rules.entry {
        case .number: return strings["a-number"]
        case .freeText: return strings["free-text"]
        case .yesOrNo: return "1 / 2, " + yesNoWords
        case .choosing, .choosingSeveral:
            return entry.options.isEmpty ? strings["free-text"] : "1–\(entry.options.count)"
        }
    }

    /// What the legend says answers the question: "1-4", or "…" for a number or text.
    func answerKey(_ entry: IndexedQuestion) -> String {
        entry.rules.entry.namesOptions && !entry.options.isEmpty ? "1-\(entry.options.count)" : "…"
    }

    /// How the question is answered, below its prompt: the numbered options, or a number's bands (at most
    /// `bandLimit` of them), or "free text"; each row passed through `shorten`.
    func answerRows(_ entry: IndexedQuestion, bandLimit: Int, shorten: (String) -> String) -> [String] {
        switch entry.rules.entry {
        case .number(let unit, let bands):
            var rows = ["  " + strings["a-number"] + (text(unit).map { " (\($0))" } ?? "")]
            for band in bands.prefix(bandLimit) {
                // Bands include their minimum and stop before their maximum: [min, max).
                let range = "\(band.min.map { $0.formatted() } ?? "…")–\(band.max.map { "<" + $0.formatted() } ?? "…")"
                rows.append(dim(shorten("     " + range + (text(band.label).map { "  " + $0 } ?? ""))))
            }
            return rows
        case .freeText:
            return ["  " + strings["free-text"]]
        case .choosing, .yesOrNo, .choosingSeveral:
            let width = showsOptionIDs(entry) ? (entry.options.map(\.id.count).max() ?? 0) + 2 : 0
            return entry.options.enumerated().map { number, option in
                var line = "  \(number + 1)  " + option.id.padding(toLength: width, withPad: " ", startingAt: 0)
                line += label(option, entry)
                if let descriptor = text(option.descriptor), !descriptor.isEmpty { line += " — " + descriptor }
                return shorten(line)
            }
        }
    }

    /// An option's label in the session's language.
    func label(_ option: ResolvedOption, _ entry: IndexedQuestion) -> String {
        entry.rules.label(of: option, language: engine.language, fallback: engine.index.rubric.defaultLanguage)
    }

    /// The whole of what the screen shortens: the prompt, every option's descriptor, the note and the evidence.
    func details() -> String {
        guard let entry = engine.currentQuestion else { return "  " + strings["no-question"] }
        let question = entry.question
        var lines = ["  " + (text(question.prompt) ?? question.id) + "  [\(question.id)]"]
        for (number, option) in entry.options.enumerated() {
            var line = "  \(number + 1)  " + (text(option.label) ?? option.id)
            if let descriptor = text(option.descriptor), !descriptor.isEmpty { line += " — " + descriptor }
            lines.append(line)
        }
        if let answer = engine.session.answers[question.id] {
            if let note = answer.note { lines.append("  \(strings.label("note")) \(note)") }
            if !answer.evidence.isEmpty {
                lines.append("  \(strings.label("evidence")) \(answer.evidence.joined(separator: "; "))")
            }
        }
        return lines.joined(separator: "\n")
    }

    func describe(_ value: AnswerValue, _ entry: IndexedQuestion) -> String {
        switch value {
        case .notApplicable: return ReportStrings(language: engine.language)["not-applicable"]
        case .dontKnow: return ReportStrings(language: engine.language)["dont-know"]
        default:
            return entry.rules.describe(value, options: entry.options, label: { label($0, entry) }) ?? value.description
        }
    }

    /// "self-reported: Largely in place · note: … — c confirms", when the session has a self-assessment.
    func selfReportedText(_ entry: IndexedQuestion) -> String? {
        guard let assessment = engine.session.selfAssessment else { return nil }
        guard let answer = assessment.answers[entry.question.id], let value = answer.value else {
            return "  " + strings.format("self-reported-none", assessment.by)
        }
        var text = "  " + strings.format("self-reported", assessment.by, describe(value, entry))
        if let note = answer.note { text += " · \(strings.label("note")) \(note)" }
        return text + " — " + strings["key-confirm"]
    }

    func legend(_ entry: IndexedQuestion) -> String {
        let answerKey = answerKey(entry)
        var keys = [strings.format("key-answer", answerKey)]
        if let keep = keepKey() { keys.insert(keep, at: 0) }
        if entry.question.allowsNotApplicable { keys.append(strings["key-na"]) }
        keys += [
            "key-dont-know", "key-note", "key-evidence", "key-back", "key-jump", "key-skip", "key-help", "key-score",
            "key-quit",
        ]
        .map { strings[$0] }
        return "  " + keys.joined(separator: " · ")
    }

    /// "Enter or c keeps it" at a question whose answer given before the session Enter would keep; just "Enter
    /// keeps it" where `c` confirms another, self-reported, answer.
    func keepKey() -> String? {
        guard let kept = engine.answerGivenBefore else { return nil }
        let confirmed = engine.selfReported?.value
        return strings[confirmed == nil || confirmed == kept ? "key-keep" : "key-keep-enter"]
    }

    func help() -> String {
        guard let question = engine.currentQuestion?.question else { return "  " + strings["no-question"] }
        var lines: [String] = []
        if let help = text(question.help), !help.isEmpty { lines.append("  " + help) }
        if let evidence = text(question.evidencePrompt), !evidence.isEmpty {
            lines.append("  \(strings.label("look-for")) \(evidence)")
        }
        if lines.isEmpty { lines.append("  " + strings["no-help"]) }
        return lines.joined(separator: "\n")
    }

    func score() -> String {
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

    func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    func dim(_ text: String) -> String { usesColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
}
