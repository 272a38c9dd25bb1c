import ArgumentParser
import AssayCore
import AssayJSON
import AssayReport
import AssayRubrics

struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "List, show and validate rubrics.",
        subcommands: [List.self, Show.self, Validate.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the bundled rubrics.",
            discussion: "Example:\n  assay rubric list"
        )

        func run() throws {
            var failed = false
            var rows = [["ID", "VERSION", "QUESTIONS", "LANGUAGES", "TITLE"]]
            for id in try BundledRubrics.ids {
                // One broken file must not hide the others: report it and carry on.
                let rubric: Rubric
                do {
                    rubric = try BundledRubrics.rubric(id: id)
                } catch {
                    printError("\(error)")
                    failed = true
                    continue
                }
                rows.append([
                    rubric.id, rubric.version, String(rubric.dimensions.flatMap(\.allQuestions).count),
                    rubric.languages.joined(separator: ","),
                    rubric.title.resolved(rubric.defaultLanguage, fallback: "en"),
                ])
            }
            let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
            for row in rows {
                var line = ""
                for column in 0..<4 {
                    line += row[column] + String(repeating: " ", count: widths[column] - row[column].count + 2)
                }
                output(line + row[4])
            }
            if failed { throw ExitCode(1) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a rubric's levels, dimensions, questions and options.",
            discussion: "Examples:\n  assay rubric show digital-capacity\n  assay rubric show data-governance --lang fr"
        )

        @Argument(help: "A bundled rubric id, or the path of a rubric file.")
        var rubric: String

        @Option(help: "The language to show, such as fr; defaults to the rubric's default language.")
        var lang: String?

        func run() throws {
            try reportingErrors {
                let argument = try RubricArgument(rubric)
                warnIfUntranslated(argument.rubric, into: lang)
                output(RubricRenderer(language: lang).text(try RubricIndex(argument.rubric)), terminator: "")
            }
        }
    }

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "validate",
            abstract: "Check rubric files against the rubric format.",
            discussion: """
                Prints each problem as file:line:column: error|warning: message (at json.path).
                Exits with 1 when any file has an error; warnings alone do not fail.

                Example:
                  assay rubric validate Rubrics/*.json
                """
        )

        @Argument(help: "Rubric files to check.")
        var files: [String]

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func run() throws {
            var failed = false
            for file in files {
                do {
                    let loaded = try AssayFile.loadRubric(file)
                    for warning in loaded.warnings { printError(warning.description) }
                    let questions = loaded.rubric.dimensions.flatMap(\.allQuestions).count
                    let note = loaded.warnings.isEmpty ? "" : ", \(loaded.warnings.count) warning(s)"
                    output("\(file): ok (\(loaded.rubric.id) \(loaded.rubric.version), \(questions) questions\(note))")
                    if strict && !loaded.warnings.isEmpty { failed = true }
                } catch {
                    printError(error.description)
                    failed = true
                }
            }
            if failed { throw ExitCode(1) }
        }
    }
}
