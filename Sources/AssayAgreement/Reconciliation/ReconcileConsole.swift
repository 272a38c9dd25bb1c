import AssayCore
import AssayReport
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
    /// The language of the screen's words and the rubric's texts; `nil` means the rubric's default language.
    public let language: String?
    /// Whether to use ANSI bold and dim on the screen (off for `NO_COLOR` and for output that is not a terminal).
    public var usesColor = false
    private var lastSaveFailed = false
    /// What the last line said (an error, help, "rationale saved"), shown once with the next screen.
    var message: String?

    /// Creates the console.
    public init(reconciler: Reconciler, path: String, clearsScreen: Bool, language: String? = nil) {
        self.reconciler = reconciler
        self.path = path
        self.clearsScreen = clearsScreen
        self.language = language
    }

    /// The language the screen is in.
    var screenLanguage: String { language ?? reconciler.scorer.index.rubric.defaultLanguage }

    var words: AgreementStrings { AgreementStrings(language: screenLanguage) }

    /// The command that carries on later.
    public var resumeCommand: String { "assay reconcile --out \(SessionConsole.shellQuoted(path))" }

    /// Runs until every disagreement is settled, `q`, or the end of the input.
    public mutating func run(readLine: () -> String?, write: (String) -> Void) -> Ending {
        save(write: write)
        while reconciler.currentItem != nil {
            write(screen())
            message = nil
            guard let line = readLine(), act(on: line) else { return finish(write: write, done: false) }
        }
        return finish(write: write, done: true)
    }

    /// Acts on one line sent, saving what it changed; returns `false` for `q`.
    mutating func act(on line: String) -> Bool {
        let input = line.trimmingCharacters(in: .whitespaces)
        if input == "q" { return false }
        do throws(SessionInputError) {
            if try handle(input) { save(write: { _ in }) }
        } catch {
            message = "  " + describe(error)
        }
        return true
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
            guard let rest else { throw SessionInputError(.invalid(words["give-answer"])) }
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
                throw SessionInputError(.invalid(words["give-rationale"]))
            }
            try reconciler.addRationale(rest)
            message = "  " + words["rationale-saved"]
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
            message = words.format("help", String(views))
            return false
        default:
            throw SessionInputError(
                .notAnOption(input, expected: (1...views).map(String.init) + ["=", "n", "s", "b", "q"]))
        }
    }

    /// The current disagreement, as it is shown.
    public func screen() -> String {
        guard let shown = shown() else { return "" }
        var out = clearsScreen ? "\u{1B}[2J\u{1B}[H" : "\n"
        out += "── " + shown.heading + (shown.dimension.map { " · \($0)" } ?? "") + " ──  " + shown.toSettle + "\n"
        out += shown.prompt + " [\(shown.question)]\n"
        for view in shown.views {
            out += view.answer + "\n"
            if let note = view.note { out += note + "\n" }
        }
        if let settled = shown.settled { out += settled + "\n" }
        if let rationale = shown.rationale { out += rationale + "\n" }
        if !shown.newAnswer.isEmpty { out += "  " + shown.newAnswer.joined(separator: " · ") + "\n" }
        if let message { out += message + "\n" }
        for keys in shown.keys { out += "  " + keys.joined(separator: " · ") + "\n" }
        return out + "> "
    }

    /// What is shown of one disagreement, piece by piece; the scripted screen prints the pieces as they are, the
    /// terminal screen fits them to the window.
    struct ShownDisagreement {
        /// "Disagreement 1 of 9".
        var heading: String
        /// The dimension's title.
        var dimension: String?
        /// "9 to settle".
        var toSettle: String
        var prompt: String
        var question: String
        /// Each view's row ("  1  Self-assessment  Largely in place (largely)") and its note's row.
        var views: [(answer: String, note: String?)]
        /// "  settled as: …", once settled.
        var settled: String?
        /// "  rationale: …", its lines joined by " / ".
        var rationale: String?
        /// "new answer: 1 not", "2 partial", …, "na", "?"; empty for a question without options.
        var newAnswer: [String]
        /// The two rows of keys, each key on its own.
        var keys: [[String]]
    }

    func shown() -> ShownDisagreement? {
        guard let position = reconciler.current, let item = reconciler.currentItem else { return nil }
        let index = reconciler.scorer.index
        let rubric = index.rubric
        let language = screenLanguage
        let fallback = rubric.defaultLanguage
        let words = words
        let entry = index.question(item.question)
        let width = item.originals.map(\.by.count).max() ?? 0
        var newAnswer: [String] = []
        if let entry, !entry.options.isEmpty {
            newAnswer = entry.options.enumerated().map { "\($0 + 1) \($1.id)" }
            newAnswer[0] = words.colon(after: words["new-answer"]) + " " + newAnswer[0]
            newAnswer += (entry.question.allowsNotApplicable ? ["na"] : []) + ["?"]
        }
        let numbers = item.originals.count == 2 ? words["one-or-two"] : "1-\(item.originals.count)"
        return ShownDisagreement(
            heading: words.format("disagreement", String(position + 1), String(reconciler.items.count)),
            dimension: entry.map { rubric.dimensions[$0.dimensionIndex].title.resolved(language, fallback: fallback) },
            toSettle: words.format("to-settle", String(reconciler.unsettled)),
            prompt: entry?.question.prompt.resolved(language, fallback: fallback) ?? item.question,
            question: item.question,
            views: item.originals.enumerated().map { number, original in
                (
                    "  \(number + 1)  " + original.by.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
                        + describe(original.value, question: entry),
                    original.note.map {
                        "       " + words.colon(after: words["note"]) + " " + $0.replacing("\n", with: " ")
                    }
                )
            },
            settled: item.settled
                ? reconciler.session.answers[item.question]?.value.map {
                    "  " + words.colon(after: words["settled-as"]) + " \(describe($0, question: entry))"
                } : nil,
            rationale: item.rationale.map {
                "  " + words.colon(after: words["rationale"]) + " " + $0.replacing("\n", with: " / ")
            },
            newAnswer: newAnswer,
            keys: [words.format("keys-take", numbers), words["keys-other"]].map {
                $0.components(separatedBy: " · ")
            })
    }

    func describe(_ value: AnswerValue?, question: IndexedQuestion?) -> String {
        guard let value else { return words["unanswered"] }
        if let option = question?.read(value).option, case .text = value {
            let label = option.label.resolved(screenLanguage, fallback: reconciler.scorer.index.rubric.defaultLanguage)
            return label.isEmpty ? option.id : "\(label) (\(option.id))"
        }
        return value.description
    }

    mutating func save(write: (String) -> Void) {
        do throws(SessionSaveError) {
            try reconciler.session.save(to: path)
            lastSaveFailed = false
        } catch {
            lastSaveFailed = true
            message = "  " + words.format("save-failed", error.description)
        }
    }

    mutating func finish(write: (String) -> Void, done: Bool) -> Ending {
        save(write: write)
        if lastSaveFailed {
            write("\n\(message ?? "")\n")
            return .unsaved
        }
        let quoted = SessionConsole.shellQuoted(path)
        write(done ? "\n\(words["all-settled"])\n" : "\n")
        write(words.format("saved-to", path) + "\n")
        write(words.format("report-hint", quoted) + "\n")
        if !done { write(words.format("resume-hint", resumeCommand) + "\n") }
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

    func describe(_ error: SessionInputError) -> String {
        switch error.kind {
        case .notAnOption(let text, let expected):
            // A stray paste is said in a line, not echoed whole.
            words.format("not-one-of", TextLayout.shorten(text, width: 40), expected.joined(separator: ", "))
        case .notANumber(let text): words.format("not-a-number", text)
        case .notApplicableNotAllowed: words["na-not-allowed"]
        case .invalid(let reason): reason
        case .unknownTarget(let target): words.format("no-question", target)
        case .notAsked(let id): words.format("not-asked-now", id)
        case .atFirstQuestion: words["at-first"]
        case .finished: words["finished"]
        }
    }
}
