import AssayCore
import AssayJSON
import AssayReport

/// A session's report: the score report with every answer, plus when the session was held and by whom.
public struct SessionReport: Sendable {
    /// The language-resolved report, answers included.
    public let report: ScoreReport
    /// The day of the last change to the session, `YYYY-MM-DD`.
    public let date: String
    /// Who ran the session.
    public let facilitator: String?

    /// Scores `session` against `scorer`'s rubric, bringing its answers onto that rubric's version first.
    ///
    /// - Throws: `DocumentError` when the answers do not fit the rubric (only possible for a hand-edited file).
    /// `language` overrides the session's own language, when given.
    public init(session: SessionFile, scorer: Scorer, language: String? = nil) throws {
        let migrated = SessionEngine(session: session, scorer: scorer).session
        let response = migrated.response
        let explanation = try scorer.explain(response)
        self.report = ScoreReport(
            explanation: explanation,
            index: scorer.index,
            response: response,
            language: language ?? migrated.language
        )
        self.date = String(session.updatedAt.prefix(10))
        self.facilitator = session.facilitator
    }

    /// Markdown for pasting into a document: the score report with every answer, and the date and facilitator
    /// under the title.
    public func markdown(nextStepLimit: Int = 5) -> String {
        let strings = ReportStrings(language: report.language)
        var lines = ReportRenderer(nextStepLimit: nextStepLimit, includesAnswers: true).markdown(report)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var details = "\(strings.label("date")) \(date)"
        if let facilitator { details += " · \(strings.label("facilitator")) \(facilitator)" }
        // After the title and its blank line, before the rubric line.
        lines.insert(contentsOf: [details, ""], at: min(2, lines.count))
        var text = lines.joined(separator: "\n")
        let unanswered = report.answers.filter { $0.status == .unanswered }
        if !unanswered.isEmpty {
            text += "\n## \(strings["left-unanswered"])\n\n"
            for answer in unanswered {
                text += "- **\(answer.question)** \(ReportRenderer.escapeMarkdown(answer.prompt))\n"
            }
        }
        return text
    }

    /// A self-contained HTML page: no scripts, no network, printable.
    ///
    /// `peers` (by dimension id) and `peerGroup` add a peer group's medians and quartiles to the dimension
    /// table, the bars and the radar chart.
    public func html(nextStepLimit: Int = 5, peers: [String: PeerStatistics] = [:], peerGroup: String? = nil)
        -> String
    {
        HTMLReportRenderer(nextStepLimit: nextStepLimit).render(
            report,
            details: HTMLReportDetails(date: date, facilitator: facilitator, peers: peers, peerGroup: peerGroup)
        )
    }

    /// The score report as JSON, answers included.
    public func json() throws -> String {
        try ReportRenderer(includesAnswers: true).render(report, as: .json)
    }
}
