import ArgumentParser
import AssayAgreement
import AssayCompare
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
              assay report lac-vert.session.json --against summary.json --out lac-vert.html

            With --against, the HTML radar chart also outlines the peer group's median per dimension, from a \
            summary written by assay aggregate (the group is found as assay compare finds it).
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

    @Option(parsing: .unconditional, help: "How many next steps to list.")
    var steps = 5

    @Option(help: "A summary written by assay aggregate: overlays the peer group's medians on the HTML radar chart.")
    var against: String?

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be 0 or more") }
        if against != nil && format != .html {
            throw ValidationError("--against overlays the radar chart, which only the HTML report has")
        }
    }

    func run() throws {
        try reportingErrors {
            let (file, document) = try SessionFile.read(session)
            let argument = try sessionRubric(file, in: document, override: rubric)
            let scorer = try Scorer(rubric: argument.rubric)
            try file.check(against: scorer.index, in: document)
            let report = try SessionReport(session: file, scorer: scorer)
            var text: String
            switch format {
            case .html:
                var medians: [String: Double] = [:]
                var group: String?
                if let against {
                    let summary = try readComparisonSummary(against)
                    let problems = summary.summary.problems(against: scorer.index.rubric)
                    if !problems.isEmpty { throw InputError(diagnostics: summary.document.locate(problems)) }
                    let comparison = PeerComparison(
                        assessment: try scorer.score(file.response),
                        attributes: file.attributes,
                        summary: summary.summary
                    )
                    for row in comparison.rows { medians[row.scope] = row.median }
                    group = "\(comparison.group) (\(comparison.organisations))"
                    if let note = comparison.groupNote { printError("note: \(note)") }
                }
                text = report.html(nextStepLimit: steps, peerMedians: medians, peerGroup: group)
            case .markdown: text = report.markdown(nextStepLimit: steps)
            case .json: text = try report.json()
            }
            // A session started from a self-assessment reports both columns and how far they agree.
            if let comparison = try ViewComparison(selfAssessmentOf: file, scorer: scorer) {
                let agreement = AgreementReport(
                    comparison: comparison, index: scorer.index, organisation: file.organisation,
                    language: file.language)
                text = try agreement.adding(to: text, format: AgreementReportFormat(rawValue: format.rawValue)!)
            }
            guard let out else {
                print(text, terminator: "")
                return
            }
            do throws(AtomicFile.Failure) {
                try AtomicFile.write(Array(text.utf8), to: out)
            } catch {
                let target = error.path == out ? "" : " (a link to \(error.path))"
                printError("error: cannot write \(out)\(target): \(error.reason)")
                throw ExitCode(1)
            }
            printError("wrote \(out)")
        }
    }
}
