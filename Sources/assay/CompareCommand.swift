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

    @Option(help: "A bundled rubric id or a rubric file; defaults to the summary's rubric, which must be bundled.")
    var rubric: String?

    @Option(help: "text or json.")
    var format: ComparisonFormat = .text

    enum ComparisonFormat: String, ExpressibleByArgument {
        case text, json
    }

    func run() throws {
        try reportingErrors {
            let summary = try readComparisonSummary(against)
            let argument = try RubricArgument(rubric ?? summary.rubric.id)
            let scorer = try Scorer(rubric: argument.rubric)
            if scorer.index.rubric.id != summary.rubric.id || scorer.index.rubric.version != summary.rubric.version {
                printError(
                    "warning: the summary is for \(summary.rubric.id) \(summary.rubric.version), the rubric is \(scorer.index.rubric.id) \(scorer.index.rubric.version)"
                )
            }
            let loaded = try AssayFile.responseOrSession(from: JSONDocument.read(response), against: scorer.index)
            for warning in loaded.warnings { printError(warning.description) }
            let assessment = try scorer.score(loaded.response)
            let comparison = PeerComparison(
                assessment: assessment,
                attributes: loaded.response.attributes,
                summary: summary
            )
            switch format {
            case .text: print(comparison.text(), terminator: "")
            case .json: print(try JSONOutput.string(comparison), terminator: "")
            }
        }
    }
}

/// Reads a summary written by `assay aggregate`, printing its warnings; exits with 1 when it is not one.
func readComparisonSummary(_ path: String) throws -> ComparisonSummary {
    let (summary, warnings) = try JSONDocument.read(path).decode(ComparisonSummary.self)
    for warning in warnings { printError(warning.description) }
    guard summary.format == ComparisonSummary.currentFormat else {
        printError("\(path): error: this is not an Assay comparison summary (\(summary.format))")
        throw ExitCode(1)
    }
    return summary
}
