import AssayCore
import AssayReport

extension ComparisonSummary {
    /// The summary as a self-contained HTML workshop handout: a box plot per dimension, level bars, the most
    /// common gaps, and every suppression explained.
    ///
    /// Box plots have no whiskers: whisker ends would be a minimum and a maximum, which are never released. A box
    /// spans Q1 to Q3, the bar inside is the median and the dot the mean; groups without quartiles show the median
    /// and mean alone. No script, no external file: it prints and opens offline.
    public func html() -> String {
        var body = ""
        body += "<h1>\(HTMLText.escape(rubric.title)): peer comparison</h1>\n"
        body += "<p class=\"meta\">\(totals.organisations) organisations, \(totals.responses) responses, "
        body += "grouped by \(HTMLText.escape(groupBy.joined(separator: ", "))). Counted per organisation: "
        body += perOrganisation == .latest ? "latest response of each organisation." : "every response."
        body += " Scores are 0–100, rounded.</p>\n"
        let released = [overall] + groups
        for (position, scope) in scopes.enumerated() {
            body += "<section><h2>\(HTMLText.escape(scope.name))</h2>\n"
            body += boxPlot(scopeIndex: position, groups: released.filter { !$0.scopes.isEmpty })
            body += levelBars(scopeIndex: position, groups: released.filter { !$0.scopes.isEmpty })
            body += "</section>\n"
        }
        body += "<section><h2>Most common gaps</h2>\n"
        for group in released where !group.gaps.isEmpty {
            body += "<h3>\(HTMLText.escape(group.displayLabel))</h3><ol>"
            for gap in group.gaps {
                body +=
                    "<li>\(HTMLText.escape(gap.prompt)) <span class=\"meta\">(\(HTMLText.escape(gap.question))): \(gap.percent)%</span></li>"
            }
            body += "</ol>\n"
        }
        body += "</section>\n"
        let trendGroups = released.filter { !($0.trends ?? []).isEmpty }
        if !trendGroups.isEmpty {
            body += "<section><h2>Trends across rounds (overall score)</h2><table><tr><th>Group</th><th>Round</th>"
            body += "<th>Organisations</th><th>Mean</th><th>Median</th></tr>\n"
            for group in trendGroups {
                for point in group.trends ?? [] {
                    body +=
                        "<tr><td>\(HTMLText.escape(group.displayLabel))</td><td>\(HTMLText.escape(point.round))</td><td>\(point.organisations)</td>"
                    body +=
                        "<td>\(PeerComparison.format(point.mean))</td><td>\(PeerComparison.format(point.median))</td></tr>\n"
                }
            }
            body += "</table></section>\n"
        }
        body += "<section><h2>What is not shown, and why</h2><ul>"
        body += "<li>No minimum or maximum is shown; box plots have no whiskers.</li>"
        body +=
            "<li>Groups need \(policy.minimumOrganisations) organisations; quartiles need \(policy.minimumOrganisationsForQuartiles).</li>"
        for suppression in suppressions { body += "<li>\(HTMLText.escape(suppression))</li>" }
        body += "</ul></section>\n"
        if let disclosure {
            body += "<section><h2>Disclosure report</h2>\n"
            if let ledger = disclosure.ledger {
                let checked = disclosure.releasesChecked
                body +=
                    "<p>Checked against \(checked.count) earlier \(checked.count == 1 ? "release" : "releases") recorded in the ledger \(HTMLText.escape(ledger))\(checked.isEmpty ? "" : ": " + checked.map(HTMLText.escape).joined(separator: ", ")), so that no set of fewer than \(policy.minimumOrganisations) organisations can be derived by subtracting one release from another.</p>\n"
            } else {
                body +=
                    "<p>Not recorded in a release ledger: checked within this release only, not against earlier ones.</p>\n"
            }
            body += "<table><tr><th>Rule</th><th>Setting</th><th>Meaning</th></tr>\n"
            for rule in disclosure.rules {
                body +=
                    "<tr><td>\(HTMLText.escape(rule.name))</td><td>\(HTMLText.escape(rule.value))</td><td>\(HTMLText.escape(rule.meaning))</td></tr>\n"
            }
            body += "</table></section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>\(HTMLText.escape(rubric.title)): peer comparison</title>
            <style>
            body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#222}
            .meta{color:#666;font-size:.9em} svg{display:block;margin:.5rem 0}
            table{border-collapse:collapse} td,th{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
            </style></head><body>
            \(body)</body></html>

            """
    }

    private func boxPlot(scopeIndex: Int, groups: [GroupSummary]) -> String {
        let rowHeight = 26
        let labelWidth = 220
        let plotWidth = 500
        let height = rowHeight * groups.count + 30
        func x(_ score: Double) -> Int { labelWidth + Int((score / 100 * Double(plotWidth)).rounded()) }
        var svg =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + plotWidth + 20)\" height=\"\(height)\" role=\"img\" aria-label=\"Box plots of \(HTMLText.escape(scopes[scopeIndex].name)) by group\">\n"
        for tick in stride(from: 0, through: 100, by: 25) {
            svg +=
                "<line x1=\"\(x(Double(tick)))\" y1=\"0\" x2=\"\(x(Double(tick)))\" y2=\"\(height - 20)\" stroke=\"#eee\"/>"
            svg +=
                "<text x=\"\(x(Double(tick)))\" y=\"\(height - 5)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#666\">\(tick)</text>\n"
        }
        for (row, group) in groups.enumerated() {
            let statistics = group.scopes[scopeIndex]
            let middle = row * rowHeight + rowHeight / 2
            svg +=
                "<text x=\"0\" y=\"\(middle + 4)\" font-size=\"12\">\(HTMLText.escape(group.displayLabel)) (\(group.organisations))</text>"
            if let q1 = statistics.q1, let q3 = statistics.q3 {
                svg +=
                    "<rect x=\"\(x(q1))\" y=\"\(middle - 8)\" width=\"\(max(1, x(q3) - x(q1)))\" height=\"16\" fill=\"#cfe0f5\" stroke=\"#3b6ea5\"/>"
            }
            if let median = statistics.median {
                svg +=
                    "<line x1=\"\(x(median))\" y1=\"\(middle - 9)\" x2=\"\(x(median))\" y2=\"\(middle + 9)\" stroke=\"#1d3f66\" stroke-width=\"3\"/>"
            }
            if let mean = statistics.mean {
                svg += "<circle cx=\"\(x(mean))\" cy=\"\(middle)\" r=\"3\" fill=\"#c0392b\"/>"
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    private func levelBars(scopeIndex: Int, groups: [GroupSummary]) -> String {
        let colours = ["#d7e4f2", "#a9c6e6", "#6f9fd3", "#3b6ea5", "#1d3f66", "#10243b"]
        let labelWidth = 220
        let plotWidth = 500
        let rowHeight = 22
        let legend = levels.enumerated().map { index, level in
            "<span style=\"display:inline-block;width:.8em;height:.8em;background:\(colours[index % colours.count])\"></span> \(HTMLText.escape(level.name))"
        }.joined(separator: " &nbsp; ")
        var svg = "<p class=\"meta\">Maturity levels: \(legend)</p>\n"
        svg +=
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + plotWidth + 20)\" height=\"\(rowHeight * groups.count)\" role=\"img\" aria-label=\"Maturity level distribution of \(HTMLText.escape(scopes[scopeIndex].name))\">\n"
        for (row, group) in groups.enumerated() {
            let statistics = group.scopes[scopeIndex]
            let top = row * rowHeight
            svg += "<text x=\"0\" y=\"\(top + 15)\" font-size=\"12\">\(HTMLText.escape(group.displayLabel))</text>"
            guard let counts = statistics.levels else {
                svg +=
                    "<text x=\"\(labelWidth)\" y=\"\(top + 15)\" font-size=\"11\" fill=\"#666\">withheld: \(HTMLText.escape(statistics.levelsWithheld ?? ""))</text>\n"
                continue
            }
            let total = max(1, counts.reduce(0) { $0 + $1.count })
            var offset = 0.0
            for (index, count) in counts.enumerated() where count.count > 0 {
                let width = Double(count.count) / Double(total) * Double(plotWidth)
                let colour = index < levels.count ? colours[index % colours.count] : "#eeeeee"
                svg +=
                    "<rect x=\"\(labelWidth + Int(offset.rounded()))\" y=\"\(top + 3)\" width=\"\(Int(width.rounded()))\" height=\"16\" fill=\"\(colour)\"><title>\(HTMLText.escape(count.level)): \(count.count)</title></rect>"
                offset += width
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }
}
