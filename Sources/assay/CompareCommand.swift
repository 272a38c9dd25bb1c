import ArgumentParser
import AssayCompare
import AssayCore
import AssayJSON
import AssaySession

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract:
            "Show an organisation's scores beside its peer group's median and quartiles, and its percentile rank.",
        discussion: """
            The summary is one `assay aggregate` wrote as JSON. The organisation's peer group is found from the
            response's attributes; when that group is not released, or has too few other organisations, the
            comparison says so and uses "other" or all organisations instead.

            Example:
              assay compare response.json --against summary.json
              assay compare lac-vert.session.json --against summary.json
            """
    )

    @Argument(help: "The organisation's response file, or its session file from assay session.")
    var response: String

    @Option(help: "The summary JSON written by assay aggregate.")
    var against: String

    @Option(
        help:
            "A bundled rubric id or a rubric file; defaults to the summary's rubric, which must be bundled (a summary never names a file to read)."
    )
    var rubric: String?

    @Option(help: "text or json.")
    var format: ComparisonFormat = .text

    enum ComparisonFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        try reportingErrors {
            let summary = try readComparisonSummary(against)
            let argument = try comparisonRubric(for: summary, override: rubric)
            let scorer = try argument.scorer()
            let loaded = try AssayFile.responseOrSession(from: JSONDocument.read(response), against: scorer.index)
            for warning in loaded.warnings { printError(warning.description) }
            let assessment = try scorer.score(loaded.response)
            let comparison = PeerComparison(
                assessment: assessment,
                attributes: loaded.response.attributes,
                summary: summary.summary
            )
            switch format {
            case .text: output(comparison.text(), terminator: "")
            case .json: output(try JSONOutput.string(comparison), terminator: "")
            }
        }
    }
}
