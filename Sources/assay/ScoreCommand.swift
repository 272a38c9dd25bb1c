import ArgumentParser
import AssayCore
import AssayJSON
import AssayReport

extension ReportFormat: ExpressibleByArgument {}

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a response: scores, maturity levels, what blocks the next level, and the top next steps.",
        discussion: """
            The response is a JSON document with the answers keyed by question id (see the README).
            Use - to read it from standard input.

            Examples:
              assay score --rubric digital-capacity \\
                Rubrics/examples/digital-capacity.example.json
              assay score --rubric digital-capacity --format markdown --lang fr \\
                Rubrics/examples/digital-capacity.example.json
            """
    )

    @Option(help: "A bundled rubric id, or the path of a rubric file.")
    var rubric: String

    @Argument(help: "The response file, or - for standard input.")
    var answers: String

    @Option(help: "text, markdown or json.")
    var format: ReportFormat = .text

    @Option(help: "The language of the report, such as fr; defaults to the rubric's default language.")
    var lang: String?

    @Option(parsing: .unconditional, help: "How many next steps to list.")
    var steps = 5

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be 0 or more") }
    }

    func run() throws {
        try reportingErrors {
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            warnIfUntranslated(argument.rubric, into: lang)
            let scorer = try Scorer(rubric: argument.rubric)
            let loaded = try AssayFile.loadResponse(answers, against: scorer.index)
            for warning in loaded.warnings { printError(warning.description) }
            let explanation = try scorer.explain(loaded.response)
            let report = ScoreReport(
                explanation: explanation, index: scorer.index, response: loaded.response, language: lang)
            let renderer = ReportRenderer(nextStepLimit: steps, usesColor: format == .text && standardOutputWantsColor)
            print(try renderer.render(report, as: format), terminator: "")
        }
    }
}
