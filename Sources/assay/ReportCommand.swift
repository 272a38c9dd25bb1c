import ArgumentParser
import AssayCore
import AssayJSON
import AssaySession
import Foundation

/// The formats `assay report` writes.
enum SessionReportFormat: String, CaseIterable, ExpressibleByArgument {
    case html, markdown, json
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a session's report: HTML for reading and printing, Markdown for documents, JSON for machines.",
        discussion: """
            The report is in the session's language and lists every answer with its note and evidence.

            Examples:
              assay report lac-vert.session.json --format html --out lac-vert.html
              assay report lac-vert.session.json --format markdown
            """
    )

    @Argument(help: "The session file.")
    var session: String

    @Option(help: "html, markdown or json.")
    var format: SessionReportFormat = .html

    @Option(help: "The file to write; standard output when left out.")
    var out: String?

    @Option(help: "The rubric to score against, by id or path; defaults to the one the session was started with.")
    var rubric: String?

    @Option(help: "How many next steps to list.")
    var steps = 5

    func run() throws {
        try reportingErrors {
            let file = try SessionFile.load(session)
            let argument = try sessionRubric(file, override: rubric)
            let report = try SessionReport(session: file, scorer: try Scorer(rubric: argument.rubric))
            let text: String
            switch format {
            case .html: text = report.html(nextStepLimit: steps)
            case .markdown: text = report.markdown(nextStepLimit: steps)
            case .json: text = try report.json()
            }
            guard let out else {
                print(text, terminator: "")
                return
            }
            do {
                try text.write(toFile: out, atomically: true, encoding: .utf8)
            } catch {
                printError("error: cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
            printError("wrote \(out)")
        }
    }
}
