import ArgumentParser
import AssayAgreement
import AssayCompare
import AssayCore
import AssayDocument
import AssayJSON
import AssayReport
import AssaySession
import Foundation

/// The formats `assay report` writes.
enum SessionReportFormat: String, CaseIterable, ExpressibleByArgument {
    case html, markdown, json, docx
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
              assay report lac-vert.session.json --lang fr --format docx --out lac-vert.docx

            With --against, the report adds the peer group's median and quartiles per dimension (a column of the \
            dimension table, a band on each bar, an outline on the radar chart), from a summary written by assay \
            aggregate (the group is found as assay compare finds it).
            """
    )

    @Argument(help: "The session file.")
    var session: String

    @Option(help: "html, markdown, json or docx (an editable Word document, with --out).")
    var format: SessionReportFormat = .html

    @Option(help: "The file to write; standard output when left out.")
    var out: String?

    @Option(help: "The rubric to score against, by id or path; defaults to the one the session was started with.")
    var rubric: String?

    @Option(parsing: .unconditional, help: "How many next steps to list.")
    var steps = 5

    @Option(help: "The Word document's paper: a4 or letter (US Letter).")
    var paper: WordDocument.Paper = .a4

    @Option(
        help:
            "A summary written by assay aggregate: adds the peer group's median and quartiles to the HTML and Word reports."
    )
    var against: String?

    @Option(help: "The report's language, such as fr; defaults to the session's.")
    var lang: String?

    func validate() throws {
        if steps < 0 { throw ValidationError("--steps must be 0 or more") }
        if against != nil && format != .html && format != .docx {
            throw ValidationError("--against adds a peer column and chart, which only the HTML and Word reports have")
        }
        if format == .docx && out == nil {
            throw ValidationError("--format docx writes a Word document: name it with --out FILE.docx")
        }
    }

    func run() throws {
        try refuseOverwriting([session, rubricFile(rubric), against], with: out)
        try reportingErrors {
            let (file, document) = try SessionFile.read(session)
            let argument = try sessionRubric(file, in: document, override: rubric)
            let scorer = try argument.scorer()
            try file.check(against: scorer.index, in: document)
            if let lang { warnIfUntranslated(argument.rubric, into: lang) }
            let report = try SessionReport(session: file, scorer: scorer, language: lang)
            var bytes: [UInt8]
            switch format {
            case .html, .docx:
                var peers: [String: PeerStatistics] = [:]
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
                    for row in comparison.rows {
                        peers[row.scope] = PeerStatistics(q1: row.q1, median: row.median, q3: row.q3)
                    }
                    group = "\(comparison.group) (\(comparison.organisations))"
                    if let note = comparison.groupNote { printError("note: \(note)") }
                }
                if format == .html {
                    bytes = Array(report.html(nextStepLimit: steps, peers: peers, peerGroup: group).utf8)
                } else {
                    bytes = try WordReport(
                        report: report.report, nextStepLimit: steps, includesAnswers: true,
                        details: HTMLReportDetails(
                            date: report.date, facilitator: report.facilitator, peers: peers, peerGroup: group),
                        paper: paper
                    ).document()
                }
            case .markdown: bytes = Array(report.markdown(nextStepLimit: steps).utf8)
            case .json: bytes = Array(try report.json().utf8)
            }
            // A session started from a self-assessment reports both columns and how far they agree (in the text
            // formats; the Word document is the report alone).
            if format != .docx, let comparison = try ViewComparison(selfAssessmentOf: file, scorer: scorer) {
                let agreement = AgreementReport(
                    comparison: comparison, index: scorer.index, organisation: file.organisation,
                    language: lang ?? file.language)
                let text = try agreement.adding(
                    to: String(decoding: bytes, as: UTF8.self),
                    format: AgreementReportFormat(rawValue: format.rawValue)!)
                bytes = Array(text.utf8)
            }
            try writeOutput(bytes, to: out)
        }
    }
}
