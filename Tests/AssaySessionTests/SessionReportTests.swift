import AssayCore
import AssayReport
import AssaySession
import Foundation
import Testing

@Suite("Session reports")
struct SessionReportTests {
    /// The fixture session: Ville de Lac-Vert, run by Marie from 14:00 to 14:40 on 21 November 2026, every
    /// question answered but one, with notes and evidence.
    static func fixtureSession(language: String?) throws -> (SessionFile, Scorer) {
        let scorer = try SessionFixtures.scorer()
        var engine = SessionEngine(
            session: SessionFixtures.session(rubric: scorer.index.rubric, language: language),
            scorer: scorer,
            now: SessionFixtures.start
        )
        try engine.setNote("Director of IT, since 2023", now: SessionFixtures.at(minutes: 3))
        try engine.answer(.flag(true), now: SessionFixtures.at(minutes: 5))
        try engine.setNote("List kept by the clerk & reviewed <sometimes>", now: SessionFixtures.at(minutes: 9))
        try engine.addEvidence("open-data-list.xlsx", now: SessionFixtures.at(minutes: 9))
        try engine.answer(.text("largely"), now: SessionFixtures.at(minutes: 10))
        try engine.addEvidence(
            "https://lac-vert.example/donnees?format=csv&lang=fr", now: SessionFixtures.at(minutes: 14))
        try engine.answer(.text("website"), now: SessionFixtures.at(minutes: 15))
        try engine.answer(.number(60), now: SessionFixtures.at(minutes: 20))
        try engine.answer(.text("partial"), now: SessionFixtures.at(minutes: 25))
        try engine.answer(.choices(["email"]), now: SessionFixtures.at(minutes: 30))
        try engine.skip(now: SessionFixtures.at(minutes: 35))
        try engine.answer(.text("Publishing CSV files"), now: SessionFixtures.at(minutes: 40))
        return (engine.session, scorer)
    }

    /// Compares `text` with the golden file `name`; with `ASSAY_RECORD=1` writes it instead.
    static func assertGolden(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["ASSAY_RECORD"] == "1" {
            try text.write(toFile: SessionFixtures.sourceFolder + "/" + name, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOfFile: SessionFixtures.folder + "/" + name, encoding: .utf8)
        if text != golden {
            let first = zip(
                text.split(separator: "\n", omittingEmptySubsequences: false),
                golden.split(separator: "\n", omittingEmptySubsequences: false)
            )
            .enumerated().first { $0.element.0 != $0.element.1 }
            let detail =
                first.map { "line \($0.offset + 1):\n  got:      \($0.element.0)\n  expected: \($0.element.1)" }
                ?? "lengths differ"
            Issue.record(
                "\(name) differs from the golden file (re-record with ASSAY_RECORD=1 if the change is intended)\n\(detail)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("The Markdown report matches the golden file")
    func markdownGolden() throws {
        let (session, scorer) = try Self.fixtureSession(language: nil)
        try Self.assertGolden(try SessionReport(session: session, scorer: scorer).markdown(), "report.en.md")
    }

    @Test("The HTML report matches the golden file, in English and in French", arguments: ["en", "fr"])
    func htmlGolden(language: String) throws {
        let (session, scorer) = try Self.fixtureSession(language: language)
        try Self.assertGolden(try SessionReport(session: session, scorer: scorer).html(), "report.\(language).html")
    }

    @Test("The HTML report is well-formed XML, self-contained, and has the radar chart")
    func htmlIsWellFormed() throws {
        let (session, scorer) = try Self.fixtureSession(language: "fr")
        let html = try SessionReport(session: session, scorer: scorer).html()
        let problems = XMLChecker.problems(in: html)
        #expect(problems.isEmpty, "\(problems)")
        #expect(html.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"radar\""))
        // One axis line per dimension, and the score polygon.
        #expect(html.components(separatedBy: "<line class=\"axis\"").count - 1 == 4)
        #expect(html.contains("<polygon class=\"score\""))
        #expect(html.contains("@media print"))
        // Nothing is fetched: no scripts, stylesheets, images or fonts from elsewhere.
        for forbidden in ["<script", "<link", "<img", "@import", "url("] { #expect(!html.contains(forbidden)) }
        // Text from the session is escaped.
        #expect(html.contains("List kept by the clerk &amp; reviewed &lt;sometimes&gt;"))
        #expect(html.contains("<a href=\"https://lac-vert.example/donnees?format=csv&amp;lang=fr\">"))
        // In the session's language, with what was left unanswered.
        #expect(html.contains("<h2>Restées sans réponse</h2>"))
        #expect(
            html.contains(
                "<span class=\"qid\">sk.training</span> Le personnel a-t-il été formé à la publication de données?"))
    }

    @Test("The checker catches what a browser would silently repair")
    func checkerCatchesMistakes() {
        #expect(XMLChecker.problems(in: "<p><b>x</p></b>").count == 2)
        #expect(XMLChecker.problems(in: "<br>").count == 1)
        #expect(XMLChecker.problems(in: "<p>Fish & chips</p>").count == 1)
        #expect(XMLChecker.problems(in: "<p class=x>y</p>").count == 1)
        #expect(XMLChecker.problems(in: "<!DOCTYPE html>\n<p a=\"1\">&amp;&#39;<br /></p>").isEmpty)
    }

    @Test("The radar chart puts each score on its axis")
    func radarGeometry() {
        let chart = RadarChart(
            axes: [
                .init(title: "A", score: 100, valueLabel: "100"), .init(title: "B", score: 50, valueLabel: "50"),
                .init(title: "C", score: 0, valueLabel: "0"), .init(title: "D", score: nil, valueLabel: "—"),
            ],
            caption: "Scores"
        )
        // The centre is at (150 + 160, 150 + 75) = (310, 225) and the 100 ring has radius 150. A points up:
        // 100 → (310, 225 − 150) = (310, 75); B points right: 50 → (310 + 75, 225) = (385, 225); C (0) and D (no
        // score) sit on the centre.
        #expect(chart.svg.contains("<polygon class=\"score\" points=\"310,75 385,225 310,225 310,225\" />"))
        #expect(XMLChecker.problems(in: chart.svg).isEmpty)
    }

    @Test("Long axis titles wrap at spaces")
    func labelWrapping() {
        #expect(
            RadarChart.wrap("Structures, politiques et pratiques organisationnelles", width: 22)
                == ["Structures, politiques", "et pratiques", "organisationnelles"]
        )
        #expect(RadarChart.wrap("Skills", width: 22) == ["Skills"])
    }
}

/// A small well-formedness checker: tags balance, attributes are quoted, `&` starts a reference. Enough to
/// prove the report is XHTML-compatible without an XML parser (Foundation's `XMLDocument` is not on Linux).
enum XMLChecker {
    static func problems(in text: String) -> [String] {
        var problems: [String] = []
        var stack: [String] = []
        let characters = Array(text.unicodeScalars)
        var index = 0
        func peek(_ string: String) -> Bool {
            let scalars = Array(string.unicodeScalars)
            return index + scalars.count <= characters.count
                && Array(characters[index..<index + scalars.count]) == scalars
        }
        while index < characters.count {
            let character = characters[index]
            if character == "&" {
                var end = index + 1
                while end < characters.count, end - index < 12, characters[end] != ";" { end += 1 }
                let name = String(String.UnicodeScalarView(characters[(index + 1)..<min(end, characters.count)]))
                let known = ["amp", "lt", "gt", "quot", "apos"].contains(name) || name.hasPrefix("#")
                if end >= characters.count || characters[end] != ";" || !known {
                    problems.append("bare & at \(index)")
                    index += 1
                } else {
                    index = end + 1
                }
                continue
            }
            guard character == "<" else {
                index += 1
                continue
            }
            if peek("<!--") {
                while index < characters.count, !peek("-->") { index += 1 }
                index += 3
                continue
            }
            if peek("<!DOCTYPE") {
                while index < characters.count, characters[index] != ">" { index += 1 }
                index += 1
                continue
            }
            var end = index + 1
            var quote: Unicode.Scalar?
            while end < characters.count {
                let scalar = characters[end]
                if let open = quote {
                    if scalar == open { quote = nil }
                } else if scalar == "\"" || scalar == "'" {
                    quote = scalar
                } else if scalar == ">" {
                    break
                }
                end += 1
            }
            guard end < characters.count else {
                problems.append("unclosed tag at \(index)")
                break
            }
            var tag = String(String.UnicodeScalarView(characters[(index + 1)..<end]))
            index = end + 1
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst()).trimmingCharacters(in: .whitespaces)
                if stack.last == name {
                    stack.removeLast()
                } else {
                    problems.append("</\(name)> closes <\(stack.last ?? "nothing")>")
                    if let position = stack.lastIndex(of: name) { stack.removeSubrange(position...) }
                }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            if selfClosing { tag.removeLast() }
            let name = String(tag.prefix { !$0.isWhitespace })
            // Every attribute is name="value" or name='value': with the quoted values taken out, no = may be
            // followed by anything but a quote.
            let attributes = String(tag.dropFirst(name.count))
                .replacingOccurrences(of: #""[^"]*"|'[^']*'"#, with: "\"\"", options: .regularExpression)
            let unquoted = attributes.range(of: #"=\s*[^"'\s]"#, options: .regularExpression)
            if unquoted != nil { problems.append("unquoted attribute in <\(name)>") }
            if ["br", "meta", "img", "hr", "input", "link"].contains(name.lowercased()) && !selfClosing {
                problems.append("<\(name)> is not closed")
                continue
            }
            if !selfClosing { stack.append(name) }
        }
        for name in stack { problems.append("<\(name)> is never closed") }
        return problems
    }
}
