import ArgumentParser
import AssayCore
import AssayDocument
import AssayJSON
import AssayReport

// The values and the default of `score`'s options are spelled out for ArgumentParser, which parses every option
// of a command before running it: its default implementations print each value through `String(describing:)`,
// whose dynamic casts scan every protocol conformance of the statically linked program the first time, about
// 0.3 M instructions each and a twentieth of `assay score` on the bundled example.

extension WordDocument.Paper: ExpressibleByArgument {
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
    public var defaultValueDescription: String { rawValue }
}

/// The formats `assay score` writes: the library's text formats, and a Word document.
enum ScoreFormat: String, CaseIterable, ExpressibleByArgument {
    case text, markdown, json, html, docx

    static var allValueStrings: [String] { allCases.map(\.rawValue) }
    var defaultValueDescription: String { rawValue }
}

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
              assay score --rubric digital-capacity --format html --out report.html \\
                Rubrics/examples/digital-capacity.example.json
              assay score --rubric digital-capacity --format docx --out report.docx \\
                Rubrics/examples/digital-capacity.example.json
            """
    )

    @Option(help: "A bundled rubric id, or the path of a rubric file.")
    var rubric: String

    @Argument(help: "The response file, or - for standard input.")
    var answers: String

    @Option(help: "text, markdown, json, html (a page to read and print) or docx (an editable Word document).")
    var format: ScoreFormat = .text

    @Option(help: "The file to write; standard output when left out (docx needs a file).")
    var out: String?

    @Option(help: "The language of the report, such as fr; defaults to the rubric's default language.")
    var lang: String?

    /// Optional, with the default written into the help: ArgumentParser describes an `Int` default through
    /// `String(describing:)` (see above).
    @Option(parsing: .unconditional, help: "How many next steps to list. (default: \(Self.defaultStepCount))")
    var steps: Int?

    @Option(help: "The Word document's paper: a4 or letter (US Letter).")
    var paper: WordDocument.Paper = .a4

    /// How many next steps are listed when `--steps` is not given.
    static let defaultStepCount = 5

    /// How many next steps to list.
    var stepCount: Int { steps ?? Self.defaultStepCount }

    func validate() throws {
        if let steps, steps < 0 { throw ValidationError("--steps must be 0 or more") }
        if format == .docx && out == nil {
            throw ValidationError("--format docx writes a Word document: name it with --out FILE.docx")
        }
    }

    func run() throws {
        try refuseOverwriting([answers, rubricFile(rubric)], with: out)
        try reportingErrors {
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            warnIfUntranslated(argument.rubric, into: lang)
            let scorer = try argument.scorer()
            let loaded = try AssayFile.loadResponse(answers, against: scorer.index)
            for warning in loaded.warnings { printError(warning.description) }
            let explanation = try scorer.explain(loaded.response)
            let report = ScoreReport(
                explanation: explanation, index: scorer.index, response: loaded.response, language: lang)
            let bytes: [UInt8]
            if let textFormat = ReportFormat(rawValue: format.rawValue) {
                let renderer = ReportRenderer(
                    nextStepLimit: stepCount, usesColor: format == .text && out == nil && standardOutputWantsColor)
                bytes = Array(try renderer.render(report, as: textFormat).utf8)
            } else {
                bytes = try WordReport(report: report, nextStepLimit: stepCount, paper: paper).document()
            }
            try writeOutput(bytes, to: out)
        }
    }
}
