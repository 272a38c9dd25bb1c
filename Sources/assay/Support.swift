import ArgumentParser
import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation

/// Writes to standard error; a failure to (a closed or full standard error) has nowhere to be told.
func printError(_ text: String) {
    writeAll(text + "\n", to: STDERR_FILENO)
}

/// Writes all of `text` to the file `descriptor` names: the `errno` of a write that failed, or `nil`.
///
/// Not `FileHandle.write(_:)`, which stops the process when a write fails (`assay score … > /dev/full`, or with
/// standard output closed): the commands report that as an error instead.
@discardableResult
func writeAll(_ text: String, to descriptor: Int32) -> Int32? {
    var text = text
    return text.withUTF8 { AtomicFile.writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
}

/// Writes `text` to standard output, unbuffered: the commands' results go through this, not the standard library's
/// `print`, which drops a write that fails (a full disk) and leaves a cut-off output with a status of 0. A failed
/// write ends the command with an error and status 1, as `cat` would; what it wrote before was written whole.
func output(_ text: String, terminator: String = "\n") {
    if let code = writeAll(text + terminator, to: STDOUT_FILENO) {
        printOutputFailure(code)
        exit(1)
    }
}

/// Says that standard output could not be written, with the system's reason for `errno` `code`.
func printOutputFailure(_ code: Int32) {
    printError("error: cannot write to standard output: \(String(cString: strerror(code)))")
}

/// Whether standard output is a terminal that should get colour (`NO_COLOR` turns it off).
var standardOutputWantsColor: Bool {
    isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
}

/// Warns on standard error when `language` is given and the rubric is not translated into it.
func warnIfUntranslated(_ rubric: Rubric, into language: String?) {
    guard let language, !rubric.languages.contains(language) else { return }
    printError(
        "warning: \(rubric.id) is not translated into \"\(language)\"; its texts fall back to \(rubric.defaultLanguage)"
    )
}

/// A rubric named on the command line: a bundled id, or a path to a rubric file.
struct RubricArgument {
    /// The rubric as read, with what validating it found.
    let loaded: AssayFile.LoadedRubric
    var rubric: Rubric { loaded.rubric }
    var warnings: [SourceDiagnostic] { loaded.warnings }

    init(_ argument: String) throws {
        if argument.hasSuffix(".json") || argument.contains("/") || FileManager.default.fileExists(atPath: argument) {
            loaded = try AssayFile.loadRubric(argument, cache: parseCache)
        } else {
            guard let path = try BundledRubrics.path(ofRubric: argument) else {
                throw BundledRubricError.unknownRubric(argument, known: try BundledRubrics.ids)
            }
            loaded = try AssayFile.loadRubric(path, cache: parseCache)
        }
    }

    /// A scorer for the rubric, which was validated when it was read and is not validated again.
    func scorer() throws -> Scorer { try loaded.scorer() }
}

extension RubricArgument {
    /// The bundled rubric that a document (a summary, a session) names by id, located in that document when
    /// there is none: a document never names a file to read, so the id is never opened as a path.
    init(namedBy document: JSONDocument, id: String, at path: DocumentPath, hint: String) throws {
        let ids = try BundledRubrics.ids
        guard ids.contains(id), let file = try BundledRubrics.path(ofRubric: id) else {
            let (line, column) = document.position(of: path)
            throw InputError(
                .invalidValue,
                "\"\(id)\" is not a bundled rubric (\(ids.joined(separator: ", "))); \(hint)",
                file: document.file, line: line, column: column, path: path)
        }
        loaded = try AssayFile.loadRubric(file, cache: parseCache)
    }

    /// Whether a command-line rubric argument names a bundled rubric rather than a file.
    static func isBundled(_ argument: String) -> Bool {
        (try? BundledRubrics.path(ofRubric: argument)) != nil && !argument.contains("/")
            && !argument.hasSuffix(".json")
    }
}

/// The cache of parsed rubrics the command uses, where the environment says (``ParseCache/folder(in:)``).
let parseCache: ParseCache? = ParseCache.folder { getenv($0).map { String(cString: $0) } }.flatMap {
    ParseCache(runningExecutableIn: $0)
}

/// Reads a summary written by `assay aggregate` and checks it fully, printing its warnings.
func readComparisonSummary(_ path: String) throws -> ComparisonSummary.Loaded {
    let loaded = try ComparisonSummary.load(path)
    for warning in loaded.warnings { printError(warning.description) }
    return loaded
}

/// The rubric to compare with `summary`: `--rubric` when given, else the bundled rubric the summary names; an
/// error, located in the summary, when the two are not the same rubric and version or its scopes are not the
/// rubric's.
func comparisonRubric(for summary: ComparisonSummary.Loaded, override: String?) throws -> RubricArgument {
    let argument =
        try override.map(RubricArgument.init)
        ?? RubricArgument(
            namedBy: summary.document, id: summary.summary.rubric.id, at: DocumentPath.root.key("rubric").key("id"),
            hint: "pass the rubric the summary was made with, with --rubric")
    let problems = summary.summary.problems(against: argument.rubric)
    if !problems.isEmpty { throw InputError(diagnostics: summary.document.locate(problems)) }
    return argument
}

/// Runs `body`, turning Assay's errors into messages on standard error and a failing exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        printError(error.description)
        throw ExitCode(1)
    } catch let error as DocumentError {
        printError(error.description)
        throw ExitCode(1)
    } catch let error as BundledRubricError {
        printError("error: \(error)")
        throw ExitCode(1)
    } catch let error as EncodingError {
        // Only a number JSON cannot hold (NaN, infinity) gets here; inputs are bounded so that none arises.
        if case .invalidValue(let value, let context) = error {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            printError("error: the result holds \(value), which JSON cannot write (at \(path)); please report this")
        } else {
            printError("error: the result cannot be written as JSON; please report this")
        }
        throw ExitCode(1)
    }
}

/// The file a `--rubric` argument reads, for ``refuseOverwriting(_:with:option:)``: `nil` for a bundled rubric's id,
/// which names no file of the user's (an output called `digital-capacity` beside it is fine).
func rubricFile(_ argument: String?) -> String? {
    argument.flatMap { RubricArgument.isBundled($0) ? nil : $0 }
}

/// Refuses an output file (`option`, such as `--out`) that is one of the files the command reads: the write would
/// replace the response, rubric, session or ledger being read with the report.
func refuseOverwriting(_ inputs: [String?], with output: String?, option: String = "--out") throws {
    guard let output else { return }
    /// The path as written to: absolute, through links, `.` and `..` resolved; for a file that does not exist yet.
    func normalized(_ path: String) -> String {
        let target = (try? AtomicFile.target(of: path)) ?? path
        let absolute = target.hasPrefix("/") ? target : FileManager.default.currentDirectoryPath + "/" + target
        return (absolute as NSString).standardizingPath
    }
    for case let input? in inputs
    where input != "-" && (AtomicFile.sameFile(input, output) || normalized(input) == normalized(output)) {
        printError("error: \(option) \(output) is the file \(input) that this command reads; name another file")
        throw ExitCode(1)
    }
}

/// Writes `bytes` to `out` (atomically, through a link) and says so on standard error, or prints them when `out`
/// is `nil`.
func writeOutput(_ bytes: [UInt8], to out: String?) throws {
    guard let out else {
        if let code = bytes.withUnsafeBytes({ AtomicFile.writeAll($0, to: STDOUT_FILENO) }) {
            printOutputFailure(code)
            throw ExitCode(1)
        }
        return
    }
    do throws(AtomicFile.Failure) {
        try AtomicFile.write(bytes, to: out)
    } catch {
        let target = error.path == out ? "" : " (a link to \(error.path))"
        printError("error: cannot write \(out)\(target): \(error.reason)")
        throw ExitCode(1)
    }
    printError("wrote \(out)")
}
