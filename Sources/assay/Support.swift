import ArgumentParser
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation

/// Writes to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
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
    let rubric: Rubric
    let warnings: [SourceDiagnostic]

    init(_ argument: String) throws {
        if argument.hasSuffix(".json") || argument.contains("/") || FileManager.default.fileExists(atPath: argument) {
            let loaded = try AssayFile.loadRubric(argument)
            self.rubric = loaded.rubric
            self.warnings = loaded.warnings
        } else {
            guard let path = BundledRubrics.path(ofRubric: argument) else {
                throw BundledRubricError.unknownRubric(argument, known: BundledRubrics.ids)
            }
            let loaded = try AssayFile.loadRubric(path)
            self.rubric = loaded.rubric
            self.warnings = loaded.warnings
        }
    }
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
    }
}
