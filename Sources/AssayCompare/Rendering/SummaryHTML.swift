import AssayCore
import AssayReport

extension ComparisonSummary {
    /// The summary as a self-contained HTML workshop handout in English, with the summary's names.
    public func html() -> String {
        // The default options name no group to focus on, so nothing can throw.
        (try? Handout(summary: self)).map(HandoutPage.html) ?? ""
    }

    /// The summary as a self-contained HTML workshop handout: a key, a box plot per dimension, level bars and a
    /// table of every number, the most common gaps, and every suppression explained in words.
    ///
    /// - Throws: ``HandoutError`` when `options.focus` names no released group.
    public func html(options: Handout.Options) throws(HandoutError) -> String {
        HandoutPage.html(try Handout(summary: self, options: options))
    }
}

/// The colours and patterns of the handout's marks, shared by the page and the Word document.
///
/// Every level colour has a contrast of at least 3:1 with white (WCAG's rule for graphical marks) and they
/// darken steadily from the lowest level to the highest, so the order survives greyscale printing; "below the
/// first level" is hatched rather than coloured, and segments are parted by white gaps.
public enum HandoutPalette {
    /// Lowest level first; a rubric with more levels reuses the darkest.
    public static let levels = ["#5b8bd0", "#3a6fb5", "#2a5290", "#1d3766", "#0e1c36"]
    /// The hatching of "below the first level".
    public static let none = "#595959"
    /// The box's outline, the median bar, and the mean dot.
    public static let box = "#2b5d99"
    public static let boxFill = "#dbe6f4"
    public static let median = "#0e1c36"
    public static let mean = "#b03a2e"

    /// The colour of level `index` of `count` (the last index is "below the first level").
    static func level(_ index: Int) -> String { levels[min(index, levels.count - 1)] }
}

/// The handout as HTML: one page, no script, inline SVG, a print stylesheet.
///
/// Each chart is drawn twice, wide (labels beside the boxes) and narrow (labels above them), and CSS shows one:
/// a single drawing scaled to a phone would shrink its text below 9 px.
public struct HandoutPage {
    let handout: Handout

    /// The page of `handout`.
    public static func html(_ handout: Handout) -> String { HandoutPage(handout: handout).html }

    private var strings: HandoutStrings { handout.strings }
    private func e(_ text: String) -> String { HTMLText.escape(text) }

    /// Rows per box-plot drawing before the axis is drawn again.
    static let rowsPerDrawing = 25

    var html: String {
        let strings = self.strings
        var body = Self.patterns + "\n"
        let title =
            handout.focus.map { strings.format("title", handout.title) + " — " + strings.format("focus", $0) }
            ?? strings.format("title", handout.title)
        body += "<header><h1>\(e(title))</h1>\n"
        body += "<p class=\"meta\">\(handout.meta.map(e).joined(separator: " "))</p>\n"
        body +=
            "<p class=\"withheld-summary\">\(e(handout.withheldCount > 0 ? strings.format("summary-withheld", strings.integer(handout.withheldCount)) : strings["summary-none"]))</p></header>\n"
        let many = handout.sortedByMedian
        if many {
            body +=
                "<nav class=\"contents\" aria-label=\"\(e(strings["contents"]))\"><h2>\(e(strings["contents"]))</h2><ol>"
            for (position, chart) in handout.charts.enumerated() {
                body += "<li><a href=\"#scope-\(position)\">\(e(chart.name))</a></li>"
            }
            body += "<li><a href=\"#gaps\">\(e(strings["gaps"]))</a></li>"
            body += "<li><a href=\"#not-shown\">\(e(strings["not-shown"]))</a></li></ol></nav>\n"
        }
        for (position, chart) in handout.charts.enumerated() {
            body += "<section class=\"scope\" id=\"scope-\(position)\"><h2>\(e(chart.name))</h2>\n"
            if position == 0 {
                body += "<div class=\"with-key\"><div class=\"charts\">\n"
            }
            // A chart that fits a page is kept whole in print; a longer one breaks between its drawings.
            body +=
                chart.rows.count <= Self.rowsPerDrawing ? "<figure class=\"chart whole\">" : "<figure class=\"chart\">"
            let drawings = stride(from: 0, to: chart.rows.count, by: Self.rowsPerDrawing).map {
                Array(chart.rows[$0..<min($0 + Self.rowsPerDrawing, chart.rows.count)])
            }
            for rows in drawings {
                body += boxPlot(chart, rows: rows, wide: true) + boxPlot(chart, rows: rows, wide: false)
            }
            body += levelBars(chart, wide: true) + levelBars(chart, wide: false)
            body += "</figure>\n"
            if position == 0 { body += "</div>\n" + key + "</div>\n" }
            body += numberTable(chart)
            body += "</section>\n"
        }
        body += "<section id=\"gaps\"><h2>\(e(strings["gaps"]))</h2>\n"
        for list in handout.gaps {
            body += "<h3>\(e(list.group))</h3><ol class=\"gaps\">"
            for item in list.items {
                body += "<li>\(e(item.prompt)) <span class=\"share\">— \(e(item.share))</span></li>"
            }
            body += "</ol>\n"
        }
        body += "</section>\n"
        body += trends
        body += "<section id=\"not-shown\"><h2>\(e(strings["not-shown"]))</h2><ul>"
        body += "<li>\(e(strings["no-extremes"]))</li>"
        body +=
            "<li>\(e(strings.format("thresholds", strings.integer(summaryPolicy.minimumOrganisations), strings.integer(summaryPolicy.minimumOrganisationsForQuartiles))))</li>"
        for sentence in handout.notShown { body += "<li>\(e(sentence))</li>" }
        body += "</ul></section>\n"
        body += disclosure
        return """
            <!DOCTYPE html>
            <html lang="\(e(strings.language))"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\(Self.style)</style></head><body>
            \(body)</body></html>

            """
    }

    private var summaryPolicy: DisclosurePolicy { handout.policy }

    /// The key: what the box, the bar and the dot mean, and the level colours, drawn as SVG so it prints.
    private var key: String {
        var key =
            "<aside class=\"key\" aria-labelledby=\"key-title\"><h3 id=\"key-title\">\(e(strings["key"]))</h3><ul>"
        key +=
            "<li><svg width=\"44\" height=\"20\" viewBox=\"0 0 44 20\" aria-hidden=\"true\"><rect x=\"2\" y=\"3\" width=\"40\" height=\"14\" fill=\"\(HandoutPalette.boxFill)\" stroke=\"\(HandoutPalette.box)\" stroke-width=\"1.5\"/></svg> \(e(strings["key-box"]))</li>"
        key +=
            "<li><svg width=\"44\" height=\"20\" viewBox=\"0 0 44 20\" aria-hidden=\"true\"><line x1=\"22\" y1=\"1\" x2=\"22\" y2=\"19\" stroke=\"\(HandoutPalette.median)\" stroke-width=\"3\"/></svg> \(e(strings["key-median"]))</li>"
        key +=
            "<li><svg width=\"44\" height=\"20\" viewBox=\"0 0 44 20\" aria-hidden=\"true\"><circle cx=\"22\" cy=\"10\" r=\"5\" fill=\"\(HandoutPalette.mean)\" stroke=\"#fff\" stroke-width=\"1.5\"/></svg> \(e(strings["key-mean"]))</li>"
        key += "<li class=\"plain\">\(e(strings["key-no-quartiles"]))</li>"
        key += "<li class=\"plain\">\(e(strings["key-no-extremes"]))</li></ul>"
        key += "<p>\(e(strings["key-levels"]))</p><ul class=\"levels\">"
        for (index, level) in handout.levels.enumerated() {
            key +=
                "<li><svg width=\"28\" height=\"16\" viewBox=\"0 0 28 16\" aria-hidden=\"true\">\(segment(index, x: 1, y: 1, width: 26, height: 14))</svg> \(e(level.name))</li>"
        }
        return key + "</ul></aside>\n"
    }

    /// The hatch pattern of "below the first level", once for the page, in a drawing that is never hidden: a
    /// pattern inside a drawing hidden by `display: none` paints nothing anywhere.
    private static let patterns =
        "<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\" focusable=\"false\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#fff\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"\(HandoutPalette.none)\" stroke-width=\"2.5\"/></pattern></defs></svg>"

    /// One level's mark: a filled rectangle, hatched for "below the first level" (the last level index).
    private func segment(_ index: Int, x: Int, y: Int, width: Int, height: Int) -> String {
        let isNone = index == handout.levels.count - 1
        let fill = isNone ? "url(#hatch)" : HandoutPalette.level(index)
        let outline = isNone ? " stroke=\"\(HandoutPalette.none)\"" : ""
        return "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"\(fill)\"\(outline)/>"
    }

    /// A box plot of `rows`: wide puts each label left of its box, narrow puts it above.
    private func boxPlot(_ chart: Handout.Chart, rows: [Handout.Row], wide: Bool) -> String {
        let labelWidth = wide ? 230 : 0
        let plotWidth = wide ? 500 : 330
        let left = wide ? labelWidth : 14
        let rowHeight = wide ? 28 : 44
        let axisHeight = 22
        let width = wide ? labelWidth + plotWidth + 20 : 360
        let height = rowHeight * rows.count + 2 * axisHeight
        func x(_ score: Double) -> Int { left + Int((score / 100 * Double(plotWidth)).rounded()) }
        var svg =
            "<svg class=\"\(wide ? "wide" : "narrow")\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(e(strings.format("box-plots", chart.name)))\">\n"
        for tick in stride(from: 0, through: 100, by: 25) {
            let tx = x(Double(tick))
            svg +=
                "<line x1=\"\(tx)\" y1=\"\(axisHeight)\" x2=\"\(tx)\" y2=\"\(height - axisHeight)\" stroke=\"#d5d9e0\"/>"
            // The axis above and below, so a long chart is read without scrolling back.
            svg += "<text x=\"\(tx)\" y=\"15\" class=\"tick\" text-anchor=\"middle\">\(tick)</text>"
            svg += "<text x=\"\(tx)\" y=\"\(height - 6)\" class=\"tick\" text-anchor=\"middle\">\(tick)</text>\n"
        }
        for (number, row) in rows.enumerated() {
            let top = axisHeight + number * rowHeight
            let middle = wide ? top + rowHeight / 2 : top + 29
            let labelY = wide ? middle + 5 : top + 14
            // Narrow rows are parted by a rule, so each mark is read with the label above it.
            if !wide && number > 0 {
                svg += "<line x1=\"0\" y1=\"\(top)\" x2=\"\(width)\" y2=\"\(top)\" stroke=\"#e3e6eb\"/>"
            }
            let weight = row.isOverall ? " font-weight=\"700\"" : ""
            svg +=
                "<text x=\"\(wide ? 0 : left)\" y=\"\(labelY)\" class=\"label\"\(weight)>\(e(row.label)) (\(strings.integer(row.organisations)))</text>"
            guard let statistics = row.statistics else { continue }
            if let q1 = statistics.q1, let q3 = statistics.q3 {
                svg +=
                    "<rect x=\"\(x(q1))\" y=\"\(middle - 8)\" width=\"\(max(1, x(q3) - x(q1)))\" height=\"16\" fill=\"\(HandoutPalette.boxFill)\" stroke=\"\(HandoutPalette.box)\" stroke-width=\"1.5\"/>"
            }
            if let median = statistics.median {
                svg +=
                    "<line x1=\"\(x(median))\" y1=\"\(middle - 10)\" x2=\"\(x(median))\" y2=\"\(middle + 10)\" stroke=\"\(HandoutPalette.median)\" stroke-width=\"3\"/>"
            }
            // Drawn last with a white ring, so a mean on the median bar stays visible.
            if let mean = statistics.mean {
                svg +=
                    "<circle cx=\"\(x(mean))\" cy=\"\(middle)\" r=\"4.5\" fill=\"\(HandoutPalette.mean)\" stroke=\"#fff\" stroke-width=\"1.5\"/>"
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    /// A stacked bar per group of how many organisations reached each level.
    private func levelBars(_ chart: Handout.Chart, wide: Bool) -> String {
        let labelWidth = wide ? 230 : 0
        let plotWidth = wide ? 500 : 330
        let left = wide ? labelWidth : 14
        let rowHeight = wide ? 24 : 38
        let width = wide ? labelWidth + plotWidth + 20 : 360
        let rows = chart.rows.filter { $0.statistics != nil }
        var svg =
            "<svg class=\"\(wide ? "wide" : "narrow")\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(rowHeight * rows.count + 4)\" role=\"img\" aria-label=\"\(e(strings.format("level-bars", chart.name)))\">\n"
        for (number, row) in rows.enumerated() {
            let top = number * rowHeight + 2
            let barTop = wide ? top + 3 : top + 18
            let weight = row.isOverall ? " font-weight=\"700\"" : ""
            svg +=
                "<text x=\"\(wide ? 0 : left)\" y=\"\(wide ? top + 16 : top + 13)\" class=\"label\"\(weight)>\(e(row.label))</text>"
            guard let counts = row.statistics?.levels else {
                // The reason is in the table below and in "What is not shown": in the drawing, whose text cannot
                // wrap, a long one (French runs to 90 characters) would be cut at its right edge.
                svg +=
                    "<text x=\"\(left)\" y=\"\(wide ? top + 16 : barTop + 12)\" class=\"note\">\(e(strings["levels-withheld-short"]))</text>\n"
                continue
            }
            let total = max(1, counts.reduce(0) { $0 + $1.count })
            var offset = 0.0
            for count in counts where count.count > 0 {
                let index = handout.levels.firstIndex { $0.id == count.level } ?? handout.levels.count - 1
                let share = Double(count.count) / Double(total) * Double(plotWidth)
                let x = left + Int(offset.rounded())
                // A white gap parts the segments, so neighbouring levels never run together in greyscale.
                let segmentWidth = max(1, Int((offset + share).rounded()) - Int(offset.rounded()) - 2)
                svg += segment(index, x: x, y: barTop, width: segmentWidth, height: 16)
                offset += share
            }
            svg += "\n"
        }
        return svg + "</svg>\n"
    }

    private func withheldReason(_ row: Handout.Row) -> String { row.levelsWithheld ?? strings["withheld"] }

    /// Every number the charts draw, for reading exactly and for screen readers.
    private func numberTable(_ chart: Handout.Chart) -> String {
        var table =
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(e(strings.format("numbers", chart.name)))\"><table class=\"numbers\"><caption>\(e(strings.format("numbers", chart.name)))</caption><thead><tr>"
        table +=
            "<th scope=\"col\">\(e(strings["group"]))</th><th scope=\"col\" class=\"num\">\(e(strings["organisations"]))</th>"
        for key in ["q1", "median", "q3", "mean"] {
            table += "<th scope=\"col\" class=\"num\">\(e(strings[key]))</th>"
        }
        for level in handout.levels { table += "<th scope=\"col\" class=\"num\">\(e(level.name))</th>" }
        table += "</tr></thead><tbody>\n"
        for row in chart.rows {
            let statistics = row.statistics
            table +=
                "<tr><th scope=\"row\">\(e(row.label))</th><td class=\"num\">\(strings.integer(row.organisations))</td>"
            for value in [statistics?.q1, statistics?.median, statistics?.q3, statistics?.mean] {
                table += "<td class=\"num\">\(e(strings.score(value)))</td>"
            }
            if let counts = statistics?.levels {
                for level in handout.levels {
                    let count = counts.first { $0.level == level.id }?.count ?? 0
                    table += "<td class=\"num\">\(strings.integer(count))</td>"
                }
            } else {
                table +=
                    "<td colspan=\"\(handout.levels.count)\" class=\"note\">\(e(strings.format("levels-withheld", withheldReason(row))))</td>"
            }
            table += "</tr>\n"
        }
        return table + "</tbody></table></div>\n"
    }

    private var trends: String {
        let groups = handout.trendGroups
        guard !groups.isEmpty else { return "" }
        var html = "<section><h2>\(e(strings["trends"]))</h2><div class=\"table-scroll\"><table><thead><tr>"
        html +=
            "<th>\(e(strings["group"]))</th><th>\(e(strings["round"]))</th><th class=\"num\">\(e(strings["organisations"]))</th>"
        html +=
            "<th class=\"num\">\(e(strings["mean"]))</th><th class=\"num\">\(e(strings["median"]))</th></tr></thead><tbody>\n"
        for (label, points) in groups {
            for point in points {
                html +=
                    "<tr><td>\(e(label))</td><td>\(e(point.round))</td><td class=\"num\">\(strings.integer(point.organisations))</td>"
                html +=
                    "<td class=\"num\">\(e(strings.score(point.mean)))</td><td class=\"num\">\(e(strings.score(point.median)))</td></tr>\n"
            }
        }
        return html + "</tbody></table></div></section>\n"
    }

    private var disclosure: String {
        handout.disclosure.map { Self.disclosureSection($0, policy: handout.policy, strings: strings) } ?? ""
    }

    /// The disclosure report as a section: the ledger's check, then the rules with their settings and meanings,
    /// in `strings`' language; the self-assessment page shows the same.
    static func disclosureSection(_ disclosure: DisclosureReport, policy: DisclosurePolicy, strings: HandoutStrings)
        -> String
    {
        func e(_ text: String) -> String { HTMLText.escape(text) }
        var html = "<section><h2>\(e(strings["disclosure"]))</h2>\n"
        if let ledger = disclosure.ledger {
            let checked = disclosure.releasesChecked
            let sentence = strings.format(
                checked.count == 1 ? "ledger-checked-one" : "ledger-checked", strings.integer(checked.count), ledger,
                checked.isEmpty
                    ? "" : (strings.language == "fr" ? "\u{00A0}: " : ": ") + checked.joined(separator: ", "),
                strings.integer(policy.minimumOrganisations))
            html += "<p>\(e(sentence))</p>\n"
        } else {
            html += "<p>\(e(strings["ledger-none"]))</p>\n"
        }
        html +=
            "<div class=\"table-scroll\"><table><thead><tr><th>\(e(strings["rule"]))</th><th>\(e(strings["setting"]))</th><th>\(e(strings["meaning"]))</th></tr></thead><tbody>\n"
        for rule in disclosure.rules {
            // The setting's name is what a policy file says, so it stays as written, marked as code.
            html +=
                "<tr><td><code>\(e(rule.name))</code></td><td>\(e(strings.setting(rule.value)))</td><td>\(e(strings.rule(rule.name) ?? rule.meaning))</td></tr>\n"
        }
        return html + "</tbody></table></div></section>\n"
    }

    static let style = """

        *{box-sizing:border-box}
        body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;max-width:62rem;margin:1.5rem auto;padding:0 1rem;color:#1d2433}
        h1{font-size:1.6rem;margin:.2rem 0} h2{font-size:1.2rem;margin:1.6rem 0 .4rem;break-after:avoid} h3{font-size:1rem;break-after:avoid}
        .meta,.note{color:#4a5262} .withheld-summary{border-left:4px solid #2b5d99;padding:.3rem .7rem;background:#f1f5fb}
        svg{display:block;width:100%;height:auto;margin:.3rem 0} svg .label{font-size:13px;fill:#1d2433} svg .tick{font-size:12px;fill:#4a5262} svg .note{font-size:12px;fill:#4a5262}
        svg.wide{max-width:750px} svg.narrow{display:none} svg.defs{position:absolute;width:0;height:0}
        .with-key{display:grid;grid-template-columns:minmax(0,1fr) 16rem;gap:1rem;align-items:start}
        .key{border:1px solid #c3cad6;border-radius:6px;padding:.5rem .8rem;font-size:.9rem;break-inside:avoid}
        .key h3{margin:.1rem 0 .4rem} .key ul{list-style:none;padding:0;margin:0} .key li{display:flex;gap:.5rem;align-items:center;margin:.25rem 0}
        .key li.plain{display:block;color:#4a5262} .key svg{width:auto;flex:none;margin:0} .key p{margin:.5rem 0 .2rem}
        figure{margin:0} .table-scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem} caption{text-align:left;font-weight:600;padding:.2rem 0}
        .numbers th[scope=col]{min-width:4.5em} td,th{padding:.2rem .5rem;border-bottom:1px solid #d5d9e0;text-align:left;vertical-align:top} .num{text-align:right;font-variant-numeric:tabular-nums}
        .gaps .share{color:#4a5262} .contents ol{columns:2}
        @media (max-width:600px){
          body{padding:0 .75rem;margin:.75rem auto} svg.wide{display:none} svg.narrow{display:block}
          .with-key{grid-template-columns:1fr} .contents ol{columns:1}
        }
        @media print{
          body{max-width:none;margin:0;padding:0;font-size:10.5pt}
          svg.wide{display:block!important;max-width:100%} svg.narrow{display:none!important}
          section.scope h2{break-after:avoid} figure.whole,svg,.key,tr{break-inside:avoid}
          .withheld-summary{background:none} .table-scroll{overflow:visible}
          a{color:inherit;text-decoration:none}
        }

        """
}
