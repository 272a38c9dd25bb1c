import ArgumentParser
import AssayCore
import AssayJSON
import AssayRubrics
import AssaySession
import Foundation

struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Run a 1:1 assessment session, one question at a time, saving every answer as it is given.",
        subcommands: [Start.self, Resume.self]
    )

    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            abstract: "Start a session and create its file.",
            discussion: """
                Keys at the prompt: a number or option id answers; at a question answered before the session, Enter on an empty line (or c) keeps that answer, confirming it (at the screen, Enter first turns the pages of what h or d showed); c confirms the self-reported answer (with --from); na not applicable; ? don't know; n <text> note (a second one is added after the first); e <text> evidence; d the full text of the question; b back; j <id> jump to a question or dimension; s skip for now; h help; r running score; q save and quit. Ctrl-C or the end of input also saves and quits, and every exit prints the resume command. Pasted text goes into the line and never acts as key presses.

                Every answer is saved the moment it is given. Answers can also be piped in, one per line.

                Example:
                  assay session start --rubric digital-capacity --org "Ville de Lac-Vert" \\
                    --attr region=QC --attr population=10k-50k --lang fr \\
                    --file lac-vert.session.json
                """
        )

        @Option(help: "A bundled rubric id, or the path of a rubric file.")
        var rubric: String

        @Option(help: "The organisation assessed; with --from, defaults to the one the self-assessment names.")
        var org: String?

        @Option(
            help: ArgumentHelp(
                "A response document the organisation filled in itself: each question shows its answer, to confirm with c or change.",
                valueName: "self.json"))
        var from: String?

        @Option(help: "Who gave the --from answers, as the report names them.")
        var fromName = "Self-assessment"

        @Option(
            name: .customLong("attr"),
            help: ArgumentHelp("A fact about the organisation, as key=value; repeatable.", valueName: "key=value"))
        var attributes: [String] = []

        @Option(
            help: "The language of the session and its report, such as fr; defaults to the rubric's default language.")
        var lang: String?

        @Option(help: "Who runs the session; recorded against every answer.")
        var facilitator: String?

        @Option(parsing: .unconditional, help: "How long the session is planned to last, in minutes.")
        var minutes = 90

        @Option(help: "The session file to create.")
        var file: String

        func validate() throws {
            guard SessionFile.plannedMinutesRange.contains(minutes) else {
                throw ValidationError("--minutes must be from 1 to 1440 (a day); found \(minutes)")
            }
            for attribute in attributes where !attribute.contains("=") || attribute.hasPrefix("=") {
                throw ValidationError("--attr \(attribute): write it as key=value, such as region=QC")
            }
            if org == nil && from == nil { throw ValidationError("give the organisation with --org") }
            try validateSessionFile(file, option: "--file")
        }

        func run() throws {
            try reportingErrors {
                guard !FileManager.default.fileExists(atPath: file) else {
                    let again = RubricArgument.isBundled(rubric) ? "" : " --rubric \(rubric)"
                    printError("error: \(file) already exists; continue it with: assay session resume \(file)\(again)")
                    throw ExitCode(1)
                }
                let argument = try RubricArgument(rubric)
                for warning in argument.warnings { printError(warning.description) }
                if let lang, !argument.rubric.languages.contains(lang) {
                    printError("warning: \(argument.rubric.id) has no \"\(lang)\" translation; showing its fallbacks")
                }
                let scorer = try argument.scorer()
                var selfReported: AssessmentResponse?
                if let from {
                    let loaded = try AssayFile.loadResponse(from, against: scorer.index)
                    for warning in loaded.warnings { printError(warning.description) }
                    guard loaded.response.rubric == argument.rubric.id else {
                        printError(
                            "error: \(from) answers rubric \"\(loaded.response.rubric)\", not \"\(argument.rubric.id)\""
                        )
                        throw ExitCode(1)
                    }
                    selfReported = loaded.response
                }
                guard let organisation = org ?? selfReported?.organisation else {
                    throw ValidationError("\(from ?? "the self-assessment") names no organisation; give it with --org")
                }
                var pairs: [String: String] = selfReported?.attributes ?? [:]
                for attribute in attributes {
                    let parts = attribute.split(separator: "=", maxSplits: 1).map(String.init)
                    pairs[parts[0]] = parts.count > 1 ? parts[1] : ""
                }
                let bundled = RubricArgument.isBundled(rubric)
                var session = SessionFile(
                    rubric: argument.rubric,
                    rubricPath: bundled ? nil : absolutePath(rubric),
                    organisation: organisation,
                    attributes: pairs,
                    language: lang,
                    facilitator: facilitator,
                    plannedMinutes: minutes,
                    startedAt: SessionEngine.timestamp(Date())
                )
                if let selfReported, let from {
                    session.selfAssessment = SelfAssessment(by: fromName, source: from, answers: selfReported.answers)
                }
                try runSession(session, scorer: scorer, path: file)
            }
        }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Carry on with a saved session from where it stopped.",
            discussion: """
                When the rubric has changed since the session was saved, says what changed and keeps every answer
                whose question still exists.

                Example:
                  assay session resume lac-vert.session.json
                """
        )

        @Argument(help: "The session file.")
        var file: String

        @Option(help: "The rubric to carry on with, by id or path; defaults to the one the session was started with.")
        var rubric: String?

        @Flag(help: "Show the answers saved so far and change nothing; works while another session has the file open.")
        var readOnly = false

        func run() throws {
            try reportingErrors {
                let (session, document) = try SessionFile.read(file)
                let argument = try sessionRubric(session, in: document, override: rubric)
                let scorer = try argument.scorer()
                try session.check(against: scorer.index, in: document)
                if readOnly { return try showReadOnly(file, scorer: scorer) }
                try runSession(session, scorer: scorer, path: file)
            }
        }
    }
}

/// The rubric a saved session belongs to: `override` if given, else the bundled rubric with its id.
///
/// A session's `rubric_path` is never opened: a document never names a file to read. A session started with a
/// rubric file needs that file passed again with `--rubric`.
func sessionRubric(_ session: SessionFile, in document: JSONDocument, override: String?) throws -> RubricArgument {
    if let override { return try RubricArgument(override) }
    let hint =
        session.rubricPath.map { "the session was started with the rubric file \($0); pass it again with --rubric" }
        ?? "pass the rubric the session was started with, with --rubric"
    return try RubricArgument(namedBy: document, id: session.rubric, at: DocumentPath.root.key("rubric"), hint: hint)
}

private func absolutePath(_ path: String) -> String {
    path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
}

/// Runs the session loop on standard input and output, and exits with its outcome.
///
/// Ctrl-C does not kill the process: the handler only sets a flag, and because it is installed without
/// `SA_RESTART` the pending read returns, the loop sees the end of input, saves, and the process exits with 130.
/// Answers are saved as they are given anyway, so even SIGKILL loses nothing already entered.
private func runSession(_ session: SessionFile, scorer: Scorer, path: String) throws {
    // One session answers into a file at a time: a second one would overwrite the first one's answers.
    let lock: SessionLock
    do {
        lock = try SessionLock(sessionPath: path, facilitator: session.facilitator)
    } catch {
        switch error {
        case .unavailable(let problem):
            printError("error: \(problem)")
            throw ExitCode(1)
        case .held(let holder):
            printError("error: \(path) is open in another session: \(holder.description).")
            printError("  Answers given here could overwrite the ones given there, so it is not opened for answering.")
            let command = "assay session resume \(SessionConsole.shellQuoted(path)) --read-only"
            if isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 {
                writeAll("Show its answers read-only now? [y/N] ", to: STDERR_FILENO)
                if let reply = readLine(), ["y", "yes", "o", "oui", "s", "sí", "si"].contains(reply.lowercased()) {
                    try showReadOnly(path, scorer: scorer)
                    return
                }
            }
            printError("  To look at it without changing anything: \(command)")
            throw ExitCode(1)
        }
    }
    defer { lock.release() }

    installSessionSignalHandlers()

    // A session killed in the middle of a save leaves its temporary file behind; the session file itself is whole.
    SessionFile.removeStaleTemporaryFiles(for: path)
    let engine = SessionEngine(session: session, scorer: scorer)
    var console = SessionConsole(engine: engine, path: path, usesColor: standardOutputWantsColor)
    // Unbuffered, so the prompt shows before the read, whether the output is a terminal or a pipe.
    let write: (String) -> Void = { text in writeAll(text, to: STDOUT_FILENO) }
    let ending: SessionConsole.Ending
    if let terminal = RawTerminal() {
        defer { terminal.restore() }
        if ProcessInfo.processInfo.environment["TERM"].map({ $0 != "dumb" && !$0.isEmpty }) ?? false {
            ending = console.runScreen(size: { RawTerminal.size }, read: { RawTerminal.read() }, write: write)
        } else {
            var input = EchoingLineReader()
            ending = console.run(readLine: { input.next(write: write) }, write: write)
        }
    } else {
        var input = StandardInputLines()
        ending = console.run(readLine: { input.next() }, write: write)
    }
    switch ending {
    case .saved:
        if interruptedBySignal != 0 { throw ExitCode(130) }
    case .unsaved:
        printError("error: the last changes could not be saved to \(path)")
        throw ExitCode(1)
    }
}

/// Prints the answers saved in `path` so far, as the Markdown report gives them, and changes nothing.
func showReadOnly(_ path: String, scorer: Scorer) throws {
    let session = try SessionFile.load(path)
    let report = try SessionReport(session: session, scorer: scorer)
    output("Read-only: \(path) as saved at \(session.updatedAt); nothing here is changed.\n")
    output(report.markdown(nextStepLimit: 5), terminator: "")
}

/// Lines from standard input, read with `read(2)` so that a signal ends the wait.
///
/// The standard library's `readLine` retries a read that a signal interrupted, so Ctrl-C would go unnoticed
/// until the next Return; this reader gives up instead, once the handler has set ``interruptedBySignal``.
struct StandardInputLines {
    private var buffer: [UInt8] = []
    /// How much of ``buffer`` is known to hold no newline: each byte is searched once, so a line of megabytes is
    /// read in linear time (searching the whole buffer after each read was quadratic: 47 s for a 3 MB note).
    private var searched = 0
    private var ended = false

    /// The next line without its line ending; `nil` at the end of input or after a signal.
    mutating func next() -> String? {
        while true {
            if interruptedBySignal != 0 { return nil }
            if let newline = buffer[searched...].firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                searched = 0
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer {
                    buffer.removeAll()
                    searched = 0
                }
                return String(decoding: buffer, as: UTF8.self)
            }
            searched = buffer.count
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(STDIN_FILENO, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer += chunk[..<count]
            } else if count == 0 || errno != EINTR {
                ended = true
            }
        }
    }
}

/// Refuses a session file (`option`) that could never be saved, before the first question: an empty name, a
/// folder's, or one in a folder that does not exist (through links) would lose every answer given.
func validateSessionFile(_ file: String, option: String) throws {
    guard !file.isEmpty, !file.hasSuffix("/") else {
        throw ValidationError("\(option) names no file; give the session file to write, such as x.session.json")
    }
    let folder = AtomicFile.folder(of: (try? AtomicFile.target(of: file)) ?? file)
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
        throw ValidationError("\(option) \(file): the folder \(folder) does not exist; create it first")
    }
}
