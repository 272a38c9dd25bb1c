import AssayCore
import Foundation

/// What an HTML report says about a session beyond its scores.
public struct HTMLReportDetails: Sendable, Hashable {
    /// The day of the assessment, `YYYY-MM-DD`.
    public var date: String?
    /// Who ran the session.
    public var facilitator: String?
    /// The peer group's released statistics per dimension id: a column of the dimension table, an outline on
    /// the radar chart and a band on each bar.
    public var peers: [String: PeerStatistics]
    /// Which peer group the statistics come from, such as "QC · 10k-50k (12)".
    public var peerGroup: String?

    /// The peer group's median per dimension id.
    public var peerMedians: [String: Double] { peers.compactMapValues(\.median) }

    /// Creates details.
    public init(
        date: String? = nil, facilitator: String? = nil, peers: [String: PeerStatistics] = [:],
        peerGroup: String? = nil
    ) {
        self.date = date
        self.facilitator = facilitator
        self.peers = peers
        self.peerGroup = peerGroup
    }
}

/// A peer group's released statistics in one dimension; quartiles are `nil` for groups too small for them.
public struct PeerStatistics: Sendable, Hashable {
    public var q1: Double?
    public var median: Double?
    public var q3: Double?

    /// Creates statistics.
    public init(q1: Double?, median: Double?, q3: Double?) {
        self.q1 = q1
        self.median = median
        self.q3 = q3
    }
}

/// Renders a ``ScoreReport`` as one self-contained HTML page: inline CSS, an inline SVG radar chart, no scripts,
/// no fonts or images fetched, and a print style so a browser's "Save as PDF" gives a clean document.
///
/// The page is also well-formed XML (void elements self-closed, all text escaped, numeric character references
/// only), so it can be checked, transformed or embedded with XML tools.
public struct HTMLReportRenderer: Sendable {
    /// How many next steps to list.
    public var nextStepLimit: Int

    /// Creates a renderer.
    public init(nextStepLimit: Int = 5) {
        self.nextStepLimit = nextStepLimit
    }

    /// The page for `report`.
    public func render(_ report: ScoreReport, details: HTMLReportDetails = HTMLReportDetails()) -> String {
        let strings = ReportStrings(language: report.language)
        func e(_ text: String) -> String { HTMLText.escape(text) }
        let organisation = report.organisation ?? report.rubric.title
        var html: [String] = []
        html.append("<!DOCTYPE html>")
        html.append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"\(e(report.language))\">")
        html.append("<head>")
        html.append("<meta charset=\"utf-8\" />")
        html.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />")
        html.append("<title>\(e(organisation)) — \(e(report.rubric.title))</title>")
        html.append("<style>\(Self.style)</style>")
        html.append("</head>")
        html.append("<body>")

        // Heading: who, against what, when.
        html.append("<header>")
        html.append(
            "<p class=\"rubric\">\(e(report.rubric.title)) <span class=\"muted\">\(e(report.rubric.version))</span></p>"
        )
        html.append("<h1>\(e(organisation))</h1>")
        var facts: [String] = []
        if let date = details.date { facts.append("\(e(strings.label("date"))) \(e(date))") }
        if let facilitator = details.facilitator {
            facts.append("\(e(strings.label("facilitator"))) \(e(facilitator))")
        }
        for key in report.attributes.keys.sorted() { facts.append("\(e(key)): \(e(report.attributes[key]!))") }
        if !facts.isEmpty { html.append("<p class=\"facts\">\(facts.joined(separator: " · "))</p>") }
        html.append("</header>")

        // Overall score and the radar chart side by side.
        html.append("<section class=\"summary\">")
        html.append("<div class=\"overall\">")
        html.append("<p class=\"label\">\(e(strings["overall"]))</p>")
        html.append("<p class=\"big\">\(e(strings.number(report.overall.score)))<span class=\"of\"> / 100</span></p>")
        html.append("<p class=\"level\">\(e(report.overall.levelName ?? strings["no-level"]))</p>")
        html.append(
            "<p class=\"muted\">\(e(strings.label("completeness"))) \(e(strings.completeness(report.completeness)))</p>"
        )
        html.append("</div>")
        let chart = RadarChart(
            axes: report.dimensions.map {
                RadarChart.Axis(
                    title: $0.title,
                    score: $0.summary.score,
                    valueLabel: strings.number($0.summary.score),
                    peer: details.peerMedians[$0.id]
                )
            },
            caption: strings["scores-by-dimension"],
            peerLegend: details.peerMedians.isEmpty
                ? nil : [strings["peer-median"], details.peerGroup].compactMap { $0 }.joined(separator: " · "),
            ownLegend: details.peerMedians.isEmpty ? nil : strings["you"]
        )
        html.append("<figure class=\"chart\">")
        html.append(chart.svg)
        html.append("</figure>")
        html.append("</section>")

        // A bar per dimension: the chart a phone shows instead of the radar, with the peer group's middle half
        // and median on each bar when a summary was given.
        let hasPeers = !details.peers.isEmpty
        html.append("<section class=\"dimensions\">")
        html.append("<h2>\(e(strings["scores-by-dimension"]))</h2>")
        if hasPeers {
            html.append(
                "<p class=\"peer-key\"><span class=\"key-you\" aria-hidden=\"true\"></span> \(e(strings["you"])) <span class=\"key-band\" aria-hidden=\"true\"></span> \(e(strings["peer-band"])) <span class=\"key-median\" aria-hidden=\"true\"></span> \(e(strings["peer-median"]))\(details.peerGroup.map { " · " + e($0) } ?? "")</p>"
            )
        }
        html.append("<table class=\"bars\">")
        let peerHeading = hasPeers ? "<th class=\"peer-col\">\(e(strings["peer-median-quartiles"]))</th>" : ""
        html.append(
            "<thead><tr><th>\(e(strings["dimension"]))</th><th class=\"bar-cell\">\(e(strings["score"]))</th><th class=\"num\"></th>\(peerHeading)<th>\(e(strings["level"]))</th></tr></thead>"
        )
        html.append("<tbody>")
        func percent(_ value: Double) -> String { RadarChart.number(min(max(value, 0), 100)) }
        for dimension in report.dimensions {
            let score = dimension.summary.score ?? 0
            var track = "<div class=\"bar\" style=\"width: \(percent(score))%\"></div>"
            var peerCell = ""
            if hasPeers {
                let peer = details.peers[dimension.id]
                if let q1 = peer?.q1, let q3 = peer?.q3 {
                    track +=
                        "<div class=\"band\" style=\"left: \(percent(q1))%; width: \(percent(max(0, q3 - q1)))%\"></div>"
                }
                if let median = peer?.median {
                    track += "<div class=\"median\" style=\"left: \(percent(median))%\"></div>"
                }
                var text = strings.number(peer?.median)
                if let q1 = peer?.q1, let q3 = peer?.q3 {
                    text += " (\(strings.number(q1))–\(strings.number(q3)))"
                }
                peerCell =
                    "<td class=\"num peer-col\" data-label=\"\(e(strings["peer-median-quartiles"]))\">\(e(text))</td>"
            }
            html.append(
                "<tr><td>\(e(dimension.title))</td><td class=\"bar-cell\"><div class=\"track\">\(track)</div></td>"
                    + "<td class=\"num\">\(e(strings.number(dimension.summary.score)))</td>\(peerCell)"
                    + "<td data-label=\"\(e(strings["level"]))\">\(e(dimension.summary.levelName ?? strings["no-level"]))</td></tr>"
            )
        }
        html.append("</tbody>")
        html.append("</table>")
        html.append("</section>")

        // What blocks the next level.
        html.append("<section>")
        html.append("<h2>\(e(strings["blocks"]))</h2>")
        let blocked = [(strings["overall"], report.overall)] + report.dimensions.map { ($0.title, $0.summary) }
        var anyBlocker = false
        html.append("<ul class=\"blockers\">")
        for (title, summary) in blocked {
            guard let next = summary.nextLevelName, !summary.blockers.isEmpty else { continue }
            anyBlocker = true
            html.append("<li><strong>\(e(title))</strong> — \(e(strings.format("to-reach", next)))<ul>")
            for blocker in summary.blockers { html.append("<li>\(e(blocker))</li>") }
            html.append("</ul></li>")
        }
        if !anyBlocker { html.append("<li class=\"muted\">\(e(strings["no-blockers"]))</li>") }
        html.append("</ul>")
        html.append("</section>")

        // The top next steps, largest gain first.
        html.append("<section>")
        html.append("<h2>\(e(strings["next-steps"]))</h2>")
        let steps = report.nextSteps.prefix(max(0, nextStepLimit))
        if steps.contains(where: \.critical) {
            html.append(
                "<p class=\"muted\"><span class=\"critical\">\(e(strings["critical"]))</span> \(e(strings["critical-means"]))</p>"
            )
        }
        html.append("<ol class=\"steps\">")
        for step in steps {
            let gain = strings.gain(step)
            let critical = step.critical ? " <span class=\"critical\">\(e(strings["critical"]))</span>" : ""
            html.append("<li><p><strong>\(e(step.prompt))</strong>\(critical)</p>")
            html.append(
                "<p>\(e(step.from ?? "—")) → <strong>\(e(step.to))</strong> <span class=\"gain\">\(e(gain))</span></p>")
            if let recommendation = step.recommendation {
                html.append("<p class=\"recommendation\">\(e(recommendation))</p>")
            }
            html.append("</li>")
        }
        html.append("</ol>")
        html.append("</section>")

        // Every answer, by dimension, with its note and evidence.
        html.append("<section class=\"answers\">")
        html.append("<h2>\(e(strings["answers"]))</h2>")
        for dimension in report.dimensions {
            let answers = report.answers.filter { $0.dimension == dimension.id }
            guard !answers.isEmpty else { continue }
            html.append("<h3>\(e(dimension.title))</h3>")
            html.append("<table class=\"answer-table\">")
            html.append(
                "<thead><tr><th>\(e(strings["question"]))</th><th>\(e(strings["answer"]))</th><th>\(e(strings["note"]))</th><th>\(e(strings["evidence"]))</th></tr></thead>"
            )
            html.append("<tbody>")
            for answer in answers {
                let status = answer.status == .unanswered ? " class=\"unanswered\"" : ""
                let evidence = answer.evidence.map(Self.evidence).joined(separator: "<br />")
                html.append(
                    "<tr\(status)><td class=\"prompt\"><span class=\"qid\">\(e(answer.question))</span> \(e(answer.prompt))</td>"
                        + "<td data-label=\"\(e(strings["answer"]))\">\(e(answer.answer ?? strings["not-answered"]))</td>"
                        + (answer.note == nil
                            ? "<td class=\"empty\"></td>"
                            : "<td data-label=\"\(e(strings["note"]))\">\(e(answer.note!))</td>")
                        + (answer.evidence.isEmpty
                            ? "<td class=\"empty\"></td>"
                            : "<td data-label=\"\(e(strings["evidence"]))\">\(evidence)</td>")
                        + "</tr>"
                )
            }
            html.append("</tbody>")
            html.append("</table>")
        }
        html.append("</section>")

        // What is still open.
        html.append("<section>")
        html.append("<h2>\(e(strings["left-unanswered"]))</h2>")
        let unanswered = report.answers.filter { $0.status == .unanswered }
        if unanswered.isEmpty {
            html.append("<p class=\"muted\">\(e(strings["none"]))</p>")
        } else {
            html.append("<ul class=\"open\">")
            for answer in unanswered {
                html.append("<li><span class=\"qid\">\(e(answer.question))</span> \(e(answer.prompt))</li>")
            }
            html.append("</ul>")
        }
        html.append("</section>")

        html.append(
            "<footer>\(e(strings.label("rubric"))) \(e(report.rubric.id)) \(e(report.rubric.version)) · \(e(strings.label("model"))) \(e(report.model)) · Assay</footer>"
        )
        html.append("</body>")
        html.append("</html>")
        return html.joined(separator: "\n") + "\n"
    }

    /// An evidence item: a link when it is a web address, the document's name otherwise.
    static func evidence(_ item: String) -> String {
        let escaped = HTMLText.escape(item)
        if item.hasPrefix("https://") || item.hasPrefix("http://") {
            return "<a href=\"\(escaped)\">\(escaped)</a>"
        }
        return escaped
    }

    /// System fonts only, so nothing is fetched; the print rules drop the background and keep rows together.
    static let style = """

        :root { --ink: #1d2433; --muted: #5b6578; --line: #d9dee7; --accent: #2f6fdf; --accent-soft: rgba(47, 111, 223, 0.18); --warn: #b4461b; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 3rem; color: var(--ink); background: #f6f7fb; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header h1 { margin: 0.1rem 0 0.3rem; font-size: 2rem; }
        .rubric { margin: 0; color: var(--accent); font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8rem; }
        .facts, .muted { color: var(--muted); }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 1.2rem 1.5rem; margin: 1.2rem 0; }
        h2 { margin: 0 0 0.8rem; font-size: 1.15rem; }
        h3 { margin: 1.2rem 0 0.4rem; font-size: 1rem; color: var(--muted); }
        .summary { display: flex; flex-wrap: wrap; align-items: center; gap: 1.5rem; }
        .overall { flex: 0 1 15rem; }
        .overall p { margin: 0.2rem 0; }
        .overall .label { text-transform: uppercase; letter-spacing: 0.04em; font-size: 0.8rem; color: var(--muted); }
        .big { font-size: 3.2rem; font-weight: 700; line-height: 1.1; }
        .big .of { font-size: 1.2rem; font-weight: 400; color: var(--muted); }
        .level { font-size: 1.3rem; font-weight: 600; color: var(--accent); }
        .chart { flex: 1 1 30rem; margin: 0; }
        svg.radar { width: 100%; height: auto; overflow: visible; font-size: 13px; }
        .ring { fill: none; stroke: var(--line); }
        .axis { stroke: var(--line); }
        .ring-label { fill: var(--muted); font-size: 10px; }
        .score { fill: var(--accent-soft); stroke: var(--accent); stroke-width: 2; }
        .dot { fill: var(--accent); }
        .peer { fill: none; stroke: var(--warn); stroke-width: 2; stroke-dasharray: 6 4; }
        .legend { fill: var(--muted); font-size: 12px; }
        .axis-label { fill: var(--ink); font-weight: 600; }
        .axis-score { fill: var(--accent); }
        table { width: 100%; border-collapse: collapse; }
        th, td { text-align: left; vertical-align: top; padding: 0.4rem 0.5rem; border-bottom: 1px solid var(--line); }
        th { font-size: 0.8rem; color: var(--muted); font-weight: 600; }
        .bar-cell { width: 40%; }
        .track { position: relative; background: #edf0f5; border-radius: 4px; height: 0.8rem; margin-top: 0.3rem; }
        .bar { background: var(--accent); border-radius: 4px; height: 100%; }
        .track .band { position: absolute; top: -0.2rem; bottom: -0.2rem; border: 2px solid var(--warn); border-radius: 3px; }
        .track .median { position: absolute; top: -0.35rem; bottom: -0.35rem; width: 3px; margin-left: -1px; background: var(--warn); }
        .peer-key { color: var(--muted); font-size: 0.85rem; }
        .peer-key span { display: inline-block; vertical-align: middle; margin-left: 0.6rem; }
        .key-you { width: 1.4rem; height: 0.7rem; background: var(--accent); border-radius: 3px; }
        .key-band { width: 1.4rem; height: 0.9rem; border: 2px solid var(--warn); border-radius: 3px; }
        .key-median { width: 3px; height: 1rem; background: var(--warn); }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .bars td:last-child { white-space: nowrap; }
        .steps li { margin-bottom: 0.6rem; }
        .steps p { margin: 0.1rem 0; }
        .gain { color: var(--muted); }
        .recommendation { font-style: italic; }
        .critical { color: var(--warn); font-weight: 600; font-size: 0.8rem; text-transform: uppercase; }
        .qid { color: var(--muted); font-size: 0.8rem; font-family: ui-monospace, Menlo, Consolas, monospace; }
        .answer-table { table-layout: fixed; }
        .answer-table th:nth-child(1) { width: 42%; }
        .answer-table th:nth-child(2) { width: 18%; }
        .answer-table th:nth-child(3) { width: 25%; }
        .answer-table th:nth-child(4) { width: 15%; }
        .unanswered td { color: var(--muted); }
        a { color: var(--accent); overflow-wrap: anywhere; }
        footer { color: var(--muted); font-size: 0.8rem; text-align: center; }
        @media (max-width: 600px) {
          body { padding: 1rem 0.75rem 2rem; }
          section { padding: 0.9rem 0.9rem; }
          .summary .chart { display: none; }
          .bars, .bars tbody { display: block; }
          .bars thead { display: none; }
          .bars tr { display: grid; grid-template-columns: minmax(0, 1fr) auto; column-gap: 0.6rem; padding: 0.45rem 0; border-bottom: 1px solid var(--line); }
          .bars td { border: none; padding: 0.1rem 0; }
          .bars td:first-child { grid-column: 1 / -1; font-weight: 600; }
          .bars td.bar-cell { width: auto; }
          .bars td.peer-col, .bars td:last-child { grid-column: 1 / -1; text-align: left; color: var(--muted); white-space: normal; }
          .bars td[data-label]::before { content: attr(data-label) " · "; font-size: 0.8rem; }
          .answer-table, .answer-table tbody, .answer-table tr, .answer-table td { display: block; width: auto; }
          .answer-table thead { display: none; }
          .answer-table tr { border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.7rem; margin: 0 0 0.7rem; }
          .answer-table td { border: none; padding: 0.15rem 0; overflow-wrap: anywhere; }
          .answer-table td.empty { display: none; }
          .answer-table td.prompt { font-weight: 600; }
          .answer-table td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: 0.8rem; font-weight: 600; }
        }
        @media print {
          body { background: #fff; max-width: none; padding: 0; font-size: 11pt; }
          section { border: none; border-radius: 0; padding: 0.4rem 0; margin: 0.6rem 0; break-inside: avoid-page; }
          section.answers { break-inside: auto; }
          tr { break-inside: avoid; }
          .bar, .score, .dot, .peer, .band, .median, .key-you, .key-band, .key-median { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          a { color: inherit; text-decoration: none; }
        }

        """
}
