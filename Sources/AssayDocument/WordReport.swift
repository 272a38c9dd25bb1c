import AssayCompare
import AssayCore
import AssayReport

/// A 1:1 report as an editable Word document: the same sections as the HTML report, the dimension scores as a
/// bar chart picture with a table of the numbers beside it.
public struct WordReport: Sendable {
    public var report: ScoreReport
    public var nextStepLimit: Int
    /// Whether to list every answer with its note and evidence (session reports do).
    public var includesAnswers: Bool
    /// The date, facilitator and peer statistics, as the HTML report takes them.
    public var details: HTMLReportDetails
    /// The paper the pages are laid out on.
    public var paper: WordDocument.Paper

    /// Creates a report document.
    public init(
        report: ScoreReport, nextStepLimit: Int = 5, includesAnswers: Bool = false,
        details: HTMLReportDetails = HTMLReportDetails(), paper: WordDocument.Paper = .a4
    ) {
        self.paper = paper
        self.report = report
        self.nextStepLimit = nextStepLimit
        self.includesAnswers = includesAnswers
        self.details = details
    }

    /// The `.docx` file.
    public func document() throws -> [UInt8] {
        let strings = ReportStrings(language: report.language)
        var document = WordDocument(language: report.language, paper: paper)
        document.paragraph([.init("\(report.rubric.title) \(report.rubric.version)", colour: "2F6FDF")])
        document.heading(report.organisation ?? report.rubric.title, level: 1)
        var facts: [String] = []
        if let date = details.date { facts.append("\(strings.label("date")) \(date)") }
        if let facilitator = details.facilitator { facts.append("\(strings.label("facilitator")) \(facilitator)") }
        for key in report.attributes.keys.sorted() { facts.append("\(key): \(report.attributes[key]!)") }
        if !facts.isEmpty { document.paragraph(facts.joined(separator: " · "), style: "Subtle") }
        document.paragraph([
            .init(strings.label("overall") + " "),
            .init("\(strings.number(report.overall.score)) / 100", bold: true),
            .init(" · " + (report.overall.levelName ?? strings["no-level"]), bold: true),
        ])
        document.paragraph(
            "\(strings.label("completeness")) \(strings.completeness(report.completeness))", style: "Subtle")

        document.heading(strings["scores-by-dimension"], level: 2)
        let hasPeers = !details.peers.isEmpty
        let description = report.dimensions.map { "\($0.title) \(strings.number($0.summary.score))" }
            .joined(separator: "; ")
        document.picture(
            Self.barChart(report: report, peers: details.peers), widthCentimetres: 15,
            description: strings["scores-by-dimension"] + ": " + description)
        if hasPeers {
            document.paragraph(
                "\(strings["you"]): ■ · \(strings["peer-band"]): □ · \(strings["peer-median"]): |"
                    + (details.peerGroup.map { " · " + $0 } ?? ""),
                style: "Subtle")
        }
        var header = [strings["dimension"], strings["score"]]
        if hasPeers { header.append(strings["peer-median-quartiles"]) }
        header.append(strings["level"])
        let rows = report.dimensions.map { dimension -> [String] in
            var row = [dimension.title, strings.number(dimension.summary.score)]
            if hasPeers {
                let peer = details.peers[dimension.id]
                var text = strings.number(peer?.median)
                if let q1 = peer?.q1, let q3 = peer?.q3 { text += " (\(strings.number(q1))–\(strings.number(q3)))" }
                row.append(text)
            }
            row.append(dimension.summary.levelName ?? strings["no-level"])
            return row
        }
        document.table(header: header, rows: rows, numeric: hasPeers ? [1, 2] : [1])

        document.heading(strings["blocks"], level: 2)
        var anyBlocker = false
        for (title, summary) in [(strings["overall"], report.overall)]
            + report.dimensions.map({ ($0.title, $0.summary) })
        {
            guard let next = summary.nextLevelName, !summary.blockers.isEmpty else { continue }
            anyBlocker = true
            document.paragraph([.init(title, bold: true), .init(" — " + strings.format("to-reach", next))])
            for blocker in summary.blockers { document.listItem([.init(blocker)]) }
        }
        if !anyBlocker { document.paragraph(strings["no-blockers"], style: "Subtle") }

        document.heading(strings["next-steps"], level: 2)
        let steps = report.nextSteps.prefix(max(0, nextStepLimit))
        if steps.contains(where: \.critical) {
            document.paragraph([
                .init(strings["critical"], bold: true, colour: "B4461B"), .init(" " + strings["critical-means"]),
            ])
        }
        for step in steps {
            var runs: [WordDocument.Run] = [.init(step.prompt, bold: true)]
            if step.critical { runs.append(.init(" " + strings["critical"], bold: true, colour: "B4461B")) }
            document.listItem(runs, numbered: true)
            document.paragraph("\(step.from ?? "—") → \(step.to) (\(strings.gain(step)))", style: "ListParagraph")
            if let recommendation = step.recommendation {
                document.paragraph([.init(recommendation, italic: true)], style: "ListParagraph")
            }
        }

        if includesAnswers {
            document.heading(strings["answers"], level: 2)
            for dimension in report.dimensions {
                let answers = report.answers.filter { $0.dimension == dimension.id }
                guard !answers.isEmpty else { continue }
                document.heading(dimension.title, level: 3)
                document.table(
                    header: [strings["question"], strings["answer"], strings["note"], strings["evidence"]],
                    rows: answers.map {
                        [
                            $0.prompt, $0.answer ?? strings["not-answered"], $0.note ?? "",
                            $0.evidence.joined(separator: "; "),
                        ]
                    })
            }
        }
        document.paragraph(
            "\(strings.label("rubric")) \(report.rubric.id) \(report.rubric.version) · \(strings.label("model")) \(report.model) · Assay",
            style: "Subtle")
        return try document.data()
    }

    /// One bar per dimension, in the table's order: the score in blue on a grey track, the peers' middle half as an
    /// outlined band and their median as a dark-orange mark.
    static func barChart(report: ScoreReport, peers: [String: PeerStatistics]) -> PNGImage {
        let width = 1200
        let rowHeight = 56
        var image = PNGImage(width: width, height: rowHeight * report.dimensions.count + 8)
        func x(_ score: Double) -> Int { 8 + Int((min(max(score, 0), 100) / 100 * Double(width - 16)).rounded()) }
        for tick in stride(from: 0.0, through: 100, by: 25) {
            image.fill(x: x(tick), y: 0, width: 2, height: image.height, colour: "#d9dee7")
        }
        for (row, dimension) in report.dimensions.enumerated() {
            let top = row * rowHeight + 14
            image.fill(x: x(0), y: top, width: x(100) - x(0), height: 28, colour: "#edf0f5")
            image.fill(x: x(0), y: top, width: x(dimension.summary.score ?? 0) - x(0), height: 28, colour: "#2f6fdf")
            let peer = peers[dimension.id]
            if let q1 = peer?.q1, let q3 = peer?.q3 {
                let left = x(q1)
                let right = x(q3)
                for edge in [top - 6, top + 31] {
                    image.fill(x: left, y: edge, width: right - left + 4, height: 4, colour: "#b4461b")
                }
                for edge in [left, right] { image.fill(x: edge, y: top - 6, width: 4, height: 41, colour: "#b4461b") }
            }
            if let median = peer?.median {
                image.fill(x: x(median) - 3, y: top - 10, width: 6, height: 48, colour: "#7a2d10")
            }
        }
        return image
    }
}
