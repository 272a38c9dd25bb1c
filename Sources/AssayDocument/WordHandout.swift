import AssayCompare
import AssayCore

/// A workshop handout as an editable Word document: the key, then per dimension a box-plot picture whose rows
/// follow the table of numbers under it, then the gaps and everything withheld.
public struct WordHandout: Sendable {
    public var handout: Handout
    /// The paper the pages are laid out on.
    public var paper: WordDocument.Paper

    /// The Word document of `handout`, laid out on `paper`.
    public init(_ handout: Handout, paper: WordDocument.Paper = .a4) {
        self.handout = handout
        self.paper = paper
    }

    /// The `.docx` file.
    public func document() throws -> [UInt8] {
        let strings = handout.strings
        var document = WordDocument(language: strings.language, paper: paper)
        let title =
            handout.focus.map { strings.format("title", handout.title) + " — " + strings.format("focus", $0) }
            ?? strings.format("title", handout.title)
        document.heading(title, level: 1)
        document.paragraph(handout.meta.joined(separator: " "), style: "Subtle")
        document.paragraph(
            handout.withheldCount > 0
                ? strings.format("summary-withheld", strings.integer(handout.withheldCount)) : strings["summary-none"])

        document.heading(strings["key"], level: 2)
        document.listItem([.init("▭ ", bold: true), .init(strings["key-box"])])
        document.listItem([.init("┃ ", bold: true), .init(strings["key-median"])])
        document.listItem([.init("● ", bold: true, colour: "B03A2E"), .init(strings["key-mean"])])
        document.listItem([.init(strings["key-no-quartiles"])])
        document.listItem([.init(strings["key-no-extremes"])])

        for chart in handout.charts {
            document.heading(chart.name, level: 2)
            let described = chart.rows.map { row in
                "\(row.label): \(strings["median"]) \(strings.score(row.statistics?.median))"
            }
            document.picture(
                Self.boxPlot(chart), widthCentimetres: 16,
                description: strings.format("box-plots", chart.name) + ". " + described.joined(separator: "; "))
            // Two tables, scores then levels: eleven columns do not fit a portrait page.
            let scores = [
                strings["group"], strings["organisations"], strings["q1"], strings["median"], strings["q3"],
                strings["mean"],
            ]
            document.table(
                header: scores,
                rows: chart.rows.map { row in
                    let statistics = row.statistics
                    return [row.label, strings.integer(row.organisations)]
                        + [statistics?.q1, statistics?.median, statistics?.q3, statistics?.mean].map(strings.score)
                }, numeric: Set(1..<scores.count))
            document.table(
                header: [strings["group"]] + handout.levels.map(\.name),
                rows: chart.rows.map { row in
                    guard let counts = row.statistics?.levels else {
                        return [row.label] + handout.levels.map { _ in strings["withheld"] }
                    }
                    return [row.label]
                        + handout.levels.map { level in
                            strings.integer(counts.first { $0.level == level.id }?.count ?? 0)
                        }
                }, numeric: Set(1...handout.levels.count))
        }

        document.heading(strings["gaps"], level: 2)
        for list in handout.gaps {
            document.heading(list.group, level: 3)
            for item in list.items { document.listItem([.init(item.prompt), .init(" — " + item.share, italic: true)]) }
        }
        document.heading(strings["not-shown"], level: 2)
        document.listItem([.init(strings["no-extremes"])])
        document.listItem([
            .init(
                strings.format(
                    "thresholds", strings.integer(handout.policy.minimumOrganisations),
                    strings.integer(handout.policy.minimumOrganisationsForQuartiles)))
        ])
        for sentence in handout.notShown { document.listItem([.init(sentence)]) }
        return try document.data()
    }

    /// One row per group, in the table's order: the box from the first to the third quartile, the median bar and
    /// the mean dot (a square at this size), colours as on the page.
    static func boxPlot(_ chart: Handout.Chart) -> PNGImage {
        let width = 1200
        let rowHeight = 40
        var image = PNGImage(width: width, height: rowHeight * chart.rows.count + 8)
        func x(_ score: Double) -> Int { 8 + Int((min(max(score, 0), 100) / 100 * Double(width - 16)).rounded()) }
        for tick in stride(from: 0.0, through: 100, by: 25) {
            image.fill(x: x(tick), y: 0, width: 2, height: image.height, colour: "#d5d9e0")
        }
        for (number, row) in chart.rows.enumerated() {
            let middle = number * rowHeight + rowHeight / 2 + 4
            if row.isOverall { image.fill(x: 0, y: middle - 18, width: 6, height: 36, colour: "#1d2433") }
            guard let statistics = row.statistics else { continue }
            if let q1 = statistics.q1, let q3 = statistics.q3 {
                let left = x(q1)
                let right = max(left + 2, x(q3))
                image.fill(x: left, y: middle - 12, width: right - left, height: 24, colour: HandoutPalette.box)
                image.fill(
                    x: left + 3, y: middle - 9, width: right - left - 6, height: 18, colour: HandoutPalette.boxFill)
            }
            if let median = statistics.median {
                image.fill(x: x(median) - 3, y: middle - 15, width: 6, height: 30, colour: HandoutPalette.median)
            }
            if let mean = statistics.mean {
                image.fill(x: x(mean) - 8, y: middle - 8, width: 16, height: 16, colour: "#ffffff")
                image.fill(x: x(mean) - 6, y: middle - 6, width: 12, height: 12, colour: HandoutPalette.mean)
            }
        }
        return image
    }
}
