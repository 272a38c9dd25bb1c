import AssayCore
import AssaySession
import Foundation

/// The walk through the disagreements, on any line-based input and output: a terminal, or a script.
///
/// Keys, as in a session where they mean the same: `1`…`N` take that view's answer (text after the number is
/// the rationale: `2 the budget line is voted`); `= ANSWER` gives a new answer, read as a session reads one (an
/// option's number or id, `na`, `?`); `n TEXT` adds to the rationale; `s` skip for now; `b` back; `h` help;
/// `q` save and quit. Every change is saved at once, so Ctrl-C or a kill loses nothing already entered.
public struct ReconcileConsole: Sendable {
    /// How the walk ended.
    public enum Ending: Sendable, Hashable {
        /// Everything entered is saved.
        case saved
        /// The last save failed; the answers since are only in memory.
        case unsaved
    }

    /// The reconciliation.
    public private(set) var reconciler: Reconciler
    /// Where it is saved.
    public let path: String
    /// Whether each disagreement is drawn on a cleared screen (a terminal) or printed after the last (a script).
    public let clearsScreen: Bool
    private var lastSaveFailed = false
    private var message: String?

    /// Creates the console.
    public init(reconciler: Reconciler, path: String, clearsScreen: Bool) {
        self.reconciler = reconciler
        self.path = path
        self.clearsScreen = clearsScreen
    }

    /// The command that carries on later.
    public var resumeCommand: String { "assay reconcile --out \(SessionConsole.shellQuoted(path))" }

    /// Runs until every disagreement is settled, `q`, or the end of the input.
    public mutating func run(readLine: () -> String?, write: (String) -> Void) -> Ending {
        save(write: write)
        while reconciler.currentItem != nil {
            write(screen())
            message = nil
            guard let line = readLine() else { return finish(write: write, done: false) }
            let input = line.trimmingCharacters(in: .whitespaces)
            if input == "q" { return finish(write: write, done: false) }
            do throws(SessionInputError) {
                if try handle(input) { save(write: write) }
            } catch {
                message = "  " + Self.describe(error)
            }
        }
        return finish(write: write, done: true)
    }

    /// Acts on one line; returns whether anything changed.
    private mutating func handle(_ input: String) throws(SessionInputError) -> Bool {
        let views = reconciler.names.count
        let (head, rest) = Self.split(input)
        if let number = Int(head), (1...views).contains(number) {
            try reconciler.take(view: number - 1, rationale: rest)
            return true
        }
        switch head {
        case "=":
            guard let rest else { throw SessionInputError(.invalid("give the new answer after =, such as = 3")) }
            do {
                try reconciler.answer(rest)
            } catch {
                // "= 2 the provider showed nothing": the answer, then the rationale.
                let (answer, rationale) = Self.split(rest)
                guard rationale != nil, (try? reconciler.answer(answer, rationale: rationale)) != nil else {
                    throw error
                }
            }
            return true
        case "n":
            guard let rest else {
                throw SessionInputError(.invalid("give the rationale after n, such as n the 2026 budget has the line"))
            }
            try reconciler.addRationale(rest)
            message = "  rationale saved"
            return true
        case "s":
            try reconciler.skip()
            return true
        case "b":
            try reconciler.back()
            return true
        case "?", "na":
            try reconciler.answer(head, rationale: rest)
            return true
        case "h", "":
            message = Self.help(views: views)
            return false
        default:
            throw SessionInputError(
                .notAnOption(input, expected: (1...views).map(String.init) + ["=", "n", "s", "b", "q"]))
        }
    }

    /// The current disagreement, as it is shown.
    public func screen() -> String {
        guard let position = reconciler.current, let item = reconciler.currentItem else { return "" }
        let index = reconciler.scorer.index
        let rubric = index.rubric
        let language = rubric.defaultLanguage
        let entry = index.question(item.question)
        let dimension = entry.map { rubric.dimensions[$0.dimensionIndex].title.resolved(language, fallback: language) }
        var out = clearsScreen ? "\u{1B}[2J\u{1B}[H" : "\n"
        out +=
            "── Disagreement \(position + 1) of \(reconciler.items.count)"
            + (dimension.map { " · \($0)" } ?? "") + " ──  \(reconciler.unsettled) to settle\n"
        out +=
            (entry?.question.prompt.resolved(language, fallback: language) ?? item.question) + " [\(item.question)]\n"
        let width = item.originals.map(\.by.count).max() ?? 0
        for (number, original) in item.originals.enumerated() {
            out +=
                "  \(number + 1)  " + original.by.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                + describe(original.value, question: entry) + "\n"
            if let note = original.note { out += "       note: " + note.replacing("\n", with: " ") + "\n" }
        }
        if item.settled, let value = reconciler.session.answers[item.question]?.value {
            out += "  settled as: \(describe(value, question: entry))\n"
        }
        if let rationale = item.rationale { out += "  rationale: " + rationale.replacing("\n", with: " / ") + "\n" }
        if let entry, !entry.options.isEmpty {
            out +=
                "  new answer: " + entry.options.enumerated().map { "\($0 + 1) \($1.id)" }.joined(separator: " · ")
                + (entry.question.allowsNotApplicable ? " · na" : "") + " · ?\n"
        }
        if let message { out += message + "\n" }
        let numbers = item.originals.count == 2 ? "1 or 2" : "1-\(item.originals.count)"
        out += "  \(numbers) take that view's answer · = <answer> a new one (either + rationale) · n <text> rationale\n"
        out += "  s skip · b back · h help · q save & quit\n> "
        return out
    }

    private func describe(_ value: AnswerValue?, question: IndexedQuestion?) -> String {
        guard let value else { return "unanswered" }
        let language = reconciler.scorer.index.rubric.defaultLanguage
        if let option = question?.read(value).option, case .text = value {
            let label = option.label.resolved(language, fallback: language)
            return label.isEmpty ? option.id : "\(label) (\(option.id))"
        }
        return value.description
    }

    private mutating func save(write: (String) -> Void) {
        do throws(SessionSaveError) {
            try reconciler.session.save(to: path)
            lastSaveFailed = false
        } catch {
            lastSaveFailed = true
            message = "  \(error.description); the choices are kept in memory and the next one tries again"
        }
    }

    private mutating func finish(write: (String) -> Void, done: Bool) -> Ending {
        save(write: write)
        if lastSaveFailed {
            write("\n\(message ?? "")\n")
            return .unsaved
        }
        let quoted = SessionConsole.shellQuoted(path)
        write(done ? "\nEvery disagreement is settled.\n" : "\n")
        write("Saved to \(path).\n")
        write("Report: assay report \(quoted) --format html --out report.html\n")
        if !done { write("Carry on later with: \(resumeCommand)\n") }
        return .saved
    }

    private static func split(_ input: String) -> (String, String?) {
        if input.hasPrefix("=") {
            let rest = input.dropFirst().trimmingCharacters(in: .whitespaces)
            return ("=", rest.isEmpty ? nil : rest)
        }
        guard let space = input.firstIndex(of: " ") else { return (input, nil) }
        let rest = input[space...].trimmingCharacters(in: .whitespaces)
        return (String(input[..<space]), rest.isEmpty ? nil : rest)
    }

    static func help(views: Int) -> String {
        """
          1-\(views)       take that view's answer; text after the number is the rationale (2 the line is voted)
          = ANSWER  a new answer: an option's number or id, na, ? (don't know), a number or text
          na, ?     a new answer of "not applicable" or "don't know", as in a session
          n TEXT    add to the rationale of this disagreement (saved at once)
          s         skip for now; b back to the one before; q save and quit (Ctrl-C too)
        """
    }

    static func describe(_ error: SessionInputError) -> String {
        switch error.kind {
        case .notAnOption(let text, let expected): "\"\(text)\" is not one of: \(expected.joined(separator: ", "))"
        case .notANumber(let text): "\"\(text)\" is not a number"
        case .notApplicableNotAllowed: "this question does not allow \"not applicable\""
        case .invalid(let reason): reason
        case .unknownTarget(let target): "no question \(target)"
        case .notAsked(let id): "\(id) is not asked with the answers settled so far"
        case .atFirstQuestion: "this is the first disagreement"
        case .finished: "every disagreement is settled"
        }
    }
}
