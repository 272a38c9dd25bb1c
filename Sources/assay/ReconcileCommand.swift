import ArgumentParser
import AssayAgreement
import AssayCore
import AssayJSON
import AssaySession
import Foundation

struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Settle the disagreements between views of one organisation into one consensus session.",
        discussion: """
            Walks through the questions the views answer differently, the one that moves the score most first. \
            Keys: 1, 2, … take that view's answer (text after the number is the rationale); = <answer> gives a new \
            answer (an option's number or id); na and ? as in a session; n <text> adds to the rationale; s skip; \
            b back; h help; q save and quit. At a terminal, d shows the question, the notes and the rationale whole.

            The consensus file is a session file: it starts with every answer the views agree on, and each choice \
            is saved the moment it is made, so Ctrl-C or a kill loses nothing. Its audit trail keeps, for each \
            settled question, every view's original answer, who gave it, whose answer was taken and why. \
            Run the same command again, or assay reconcile --out FILE, to carry on; assay report FILE writes its \
            report. Choices can also be piped in, one per line.

            Example:
              assay reconcile Rubrics/examples/digital-capacity.self-assessment.json \\
                Rubrics/examples/digital-capacity.example.json --names "Self-assessment,Marie Tremblay" \\
                --by "Marie Tremblay" --out riviere.consensus.session.json
            """
    )

    @Argument(help: "Two or more session files or response documents of one organisation; not needed to carry on.")
    var views: [String] = []

    @Option(help: "The consensus session file to write, or to carry on with when it exists.")
    var out: String

    @Option(help: "The rubric, by id or path; defaults to the bundled rubric the first view (or the consensus) names.")
    var rubric: String?

    @Option(
        help:
            "The views' names, comma-separated, in order; defaults to each session's facilitator, else the file's name."
    )
    var names: String?

    @Option(help: "Who reconciles; recorded against every choice.")
    var by: String?

    @Option(help: "The screen's language: en, fr or es, with the rubric's translations. Default: the rubric's.")
    var lang: String?

    func validate() throws {
        if let lang, !["en", "fr", "es"].contains(lang.split(separator: "-").first.map(String.init) ?? lang) {
            throw ValidationError("--lang must be en, fr or es")
        }
        try validateSessionFile(out, option: "--out")
    }

    func run() throws {
        try refuseOverwriting(views + [rubricFile(rubric)], with: out)
        try reportingErrors {
            let reconciler: Reconciler
            if FileManager.default.fileExists(atPath: out) {
                let (session, document) = try SessionFile.read(out)
                let argument = try sessionRubric(session, in: document, override: rubric)
                let scorer = try argument.scorer()
                try session.check(against: scorer.index, in: document)
                guard let resumed = Reconciler(resuming: session, scorer: scorer) else {
                    printError(
                        "error: \(out) is a session, not a consensus that assay reconcile wrote; choose another --out")
                    throw ExitCode(1)
                }
                if !views.isEmpty {
                    printError(
                        "note: carrying on with \(out); its disagreements were taken from the views when it was started"
                    )
                }
                reconciler = resumed
            } else {
                guard views.count >= 2 else {
                    throw ValidationError("give at least two views to reconcile (\(out) does not exist yet)")
                }
                if let names, names.split(separator: ",", omittingEmptySubsequences: false).count != views.count {
                    throw ValidationError(
                        "--names gives \(names.split(separator: ",", omittingEmptySubsequences: false).count) names for \(views.count) views"
                    )
                }
                let loaded = try loadViews(views, names: names, rubric: rubric)
                reconciler = try Reconciler(views: loaded.views, scorer: loaded.scorer, reconciler: by)
            }
            try runReconcile(reconciler, path: out, language: lang)
        }
    }
}

/// Runs the walk through the disagreements on standard input and output, and exits with its outcome.
private func runReconcile(_ reconciler: Reconciler, path: String, language: String?) throws {
    let lock: SessionLock
    do {
        lock = try SessionLock(sessionPath: path, facilitator: reconciler.session.facilitator)
    } catch {
        switch error {
        case .unavailable(let problem): printError("error: \(problem)")
        case .held(let holder):
            printError("error: \(path) is open in another reconcile or session: \(holder.description).")
        }
        throw ExitCode(1)
    }
    defer { lock.release() }
    installSessionSignalHandlers()
    SessionFile.removeStaleTemporaryFiles(for: path)

    let write: (String) -> Void = { text in writeAll(text, to: STDOUT_FILENO) }
    let ending: ReconcileConsole.Ending
    if let terminal = RawTerminal() {
        defer { terminal.restore() }
        if ProcessInfo.processInfo.environment["TERM"].map({ $0 != "dumb" && !$0.isEmpty }) ?? false {
            var console = ReconcileConsole(reconciler: reconciler, path: path, clearsScreen: true, language: language)
            console.usesColor = standardOutputWantsColor
            ending = console.runScreen(size: { RawTerminal.size }, read: { RawTerminal.read() }, write: write)
        } else {
            var console = ReconcileConsole(reconciler: reconciler, path: path, clearsScreen: false, language: language)
            var input = EchoingLineReader()
            // Bracketed paste: a pasted rationale, newlines and all, is one line of text, never several choices.
            write("\u{1B}[?2004h")
            defer { write("\u{1B}[?2004l") }
            ending = console.run(readLine: { input.next(write: write) }, write: write)
        }
    } else {
        var console = ReconcileConsole(reconciler: reconciler, path: path, clearsScreen: false, language: language)
        var input = StandardInputLines()
        ending = console.run(readLine: { input.next() }, write: write)
    }
    switch ending {
    case .saved:
        if interruptedBySignal != 0 { throw ExitCode(130) }
    case .unsaved:
        printError("error: the last choices could not be saved to \(path)")
        throw ExitCode(1)
    }
}
