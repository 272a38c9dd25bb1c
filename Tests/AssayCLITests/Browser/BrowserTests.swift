import Foundation
import Testing

/// Every HTML page `assay` writes, opened in headless Chromium as a reader opens it: on a 390-pixel phone, on a
/// 1280-pixel desktop, and printed to A4.
///
/// Skipped, saying why, when no Chromium can be found. With `ASSAY_SCREENSHOTS=FOLDER` the same pages are also
/// photographed there (`Scripts/screenshots.sh` does this for the README).
@Suite("Reports and handouts in a browser", .serialized)
struct BrowserTests {
    /// A page to check, and what it must show.
    struct Page: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var isHandout: Bool
        /// The number tables a handout must have: one per scope (digital-capacity: 6 dimensions and overall).
        var numberTables: Int
        var testDescription: String { name }
    }

    static let examples = "Rubrics/examples/"

    static let pages: [Page] = [
        Page(
            name: "report.en",
            arguments: ["score", "--rubric", "digital-capacity", examples + "digital-capacity.example.json"],
            isHandout: false, numberTables: 0),
        Page(
            name: "report.fr",
            arguments: [
                "score", "--rubric", "digital-capacity", "--lang", "fr", examples + "digital-capacity.example.json",
            ], isHandout: false, numberTables: 0),
        Page(
            name: "report.es",
            arguments: [
                "score", "--rubric", "digital-service-framework", "--lang", "es",
                examples + "digital-service-framework.example.json",
            ], isHandout: false, numberTables: 0),
        // A session's report against a summary: the peer column, the bands on the bars and the "You" legend.
        Page(name: "report-against.fr", arguments: [], isHandout: false, numberTables: 0),
        Page(
            name: "handout.en",
            arguments: aggregate(examples + "digital-capacity.responses.ndjson", by: "region,population"),
            isHandout: true, numberTables: 7),
        Page(
            name: "handout.fr",
            arguments: aggregate(examples + "digital-capacity.responses.ndjson", by: "region,population") + [
                "--lang", "fr",
            ], isHandout: true, numberTables: 7),
        Page(name: "handout-many.en", arguments: [], isHandout: true, numberTables: 7),
        Page(name: "handout-many.fr", arguments: ["--lang", "fr"], isHandout: true, numberTables: 7),
    ]

    static func aggregate(_ responses: String, by: String) -> [String] {
        ["aggregate", responses, "--rubric", "digital-capacity", "--by", by, "--no-ledger"]
    }

    /// 600 responses in 60 peer groups (15 regions × 4 population bands × 10 organisations, enough for
    /// quartiles), each a copy of one of the 48 bundled example responses under a new name: the "many groups"
    /// handout.
    static func manyGroups(in folder: String) throws -> String {
        let source = try String(
            contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(examples + "digital-capacity.responses.ndjson"),
            encoding: .utf8)
        let lines = source.split(separator: "\n")
        let bands = ["under-10k", "10k-50k", "50k-250k", "over-250k"]
        var out: [String] = []
        for number in 0..<600 {
            var object = try #require(
                try JSONSerialization.jsonObject(with: Data(lines[number % lines.count].utf8)) as? [String: Any])
            object["id"] = "many-\(number)"
            object["organisation"] = "Organisation \(number)"
            object["attributes"] = [
                "region": "R\(String(format: "%02d", number / 40))", "population": bands[number / 10 % 4],
            ]
            out.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        let path = folder + "/many.ndjson"
        try out.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The arguments of `assay report` for a session of Ville de Lac-Vert (QC · 10k-50k) against a summary of
    /// twelve organisations of its group, as in PeerOverlayTests, in French.
    static func sessionAgainstSummary(in folder: String) throws -> [String] {
        let lines = (1...12).map { number in
            """
            {"organisation": "Municipalité \(number)", "rubric": "open-data-session", "rubric_version": "1.0.0", \
            "attributes": {"region": "QC", "population": "10k-50k"}, \
            "answers": {"pub.owner": true, "pub.plan": "full", "gov.policy": "partial", "sk.training": false}}
            """
        }
        let responses = folder + "/responses.ndjson"
        try lines.joined(separator: "\n").write(toFile: responses, atomically: true, encoding: .utf8)
        let summary = folder + "/summary.json"
        let aggregate = try CLIRunner.run([
            "aggregate", responses, "--rubric", SessionCLITests.rubric, "--by", "region,population", "--out", summary,
        ])
        #expect(aggregate.status == 0, "\(aggregate.standardError)")
        let session = folder + "/lac-vert.session.json"
        let started = try CLIRunner.run(SessionCLITests.start(session), input: "q\n")
        #expect(started.status == 0, "\(started.standardError)")
        return ["report", session, "--rubric", SessionCLITests.rubric, "--against", summary, "--lang", "fr"]
    }

    /// Writes `page` with `assay` into `folder`, returning the HTML file's path.
    static func write(_ page: Page, into folder: String) throws -> String {
        let path = folder + "/\(page.name).html"
        var arguments = page.arguments
        if page.name.hasPrefix("handout-many") {
            arguments = aggregate(try manyGroups(in: folder), by: "region,population") + arguments
        }
        if page.name.hasPrefix("report-against") {
            arguments = try sessionAgainstSummary(in: folder)
        }
        if page.isHandout {
            arguments += ["--out", path]
        } else {
            arguments += ["--format", "html", "--out", path]
        }
        let result = try CLIRunner.run(arguments)
        #expect(result.status == 0, "\(result.standardError)")
        return path
    }

    static func browser() -> HeadlessBrowser? {
        switch HeadlessBrowser.locate() {
        case .success(let path):
            do { return try HeadlessBrowser(executable: path) } catch {
                Swift.print("SKIPPED browser tests: \(error)")
                return nil
            }
        case .failure(let reason):
            Swift.print("SKIPPED browser tests: \(reason)")
            return nil
        }
    }

    /// The smallest size, in CSS pixels on the screen, of any SVG text the reader can see: its font size times
    /// the drawing's scale (a viewBox shrunk to a phone shrinks its text with it); `nil` when none is visible.
    static let smallestSVGText = """
        (() => { const sizes = Array.from(document.querySelectorAll('svg text'))
          .filter(t => t.getClientRects().length > 0 && t.getBoundingClientRect().width > 0)
          .map(t => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a);
          return sizes.length ? Math.min(...sizes) : null; })()
        """

    @Test(
        "On a 390-pixel phone nothing scrolls sideways, the key and the numbers are there, and SVG text is at least 9 px",
        arguments: pages)
    func phone(page: Page) throws {
        guard let browser = Self.browser() else { return }
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.write(page, into: folder)
        try browser.open(path, width: 390, mobile: true)
        let scrollWidth = try #require(try browser.evaluate("document.scrollingElement.scrollWidth") as? Double)
        #expect(scrollWidth <= 390, "\(page.name) scrolls sideways at 390 px: \(scrollWidth) px wide")
        if let smallest = try browser.evaluate(Self.smallestSVGText) as? Double {
            #expect(smallest >= 9, "\(page.name): SVG text of \(smallest) px at 390 px")
        }
        if page.isHandout {
            #expect(try browser.evaluate("document.querySelector('.key').offsetHeight > 0") as? Bool == true)
            #expect(
                try browser.evaluate("document.querySelectorAll('table.numbers').length") as? Double
                    == Double(page.numberTables))
            // The narrow drawings are shown, the wide ones hidden, and there is some SVG text to read.
            #expect(try browser.evaluate(Self.smallestSVGText) as? Double != nil)
        } else {
            // The radar gives way to the bars; the answers are cards, their column headings hidden.
            #expect(
                try browser.evaluate("getComputedStyle(document.querySelector('.summary .chart')).display") as? String
                    == "none")
            #expect(try browser.evaluate("document.querySelector('table.bars').offsetHeight > 0") as? Bool == true)
            if page.name.hasPrefix("report-against") {
                // The peers' median marks the bars of the three dimensions that have one (publishing 100, governance
                // 33, skills 0; licensing went unanswered, so has none), and the key says which mark is whose.
                #expect(try browser.evaluate("document.querySelectorAll('.track .median').length") as? Double == 3)
                #expect(
                    try browser.evaluate("document.querySelector('.peer-key').innerText.includes('Vous')") as? Bool
                        == true)
            }
            #expect(
                try browser.evaluate("getComputedStyle(document.querySelector('.answer-table tr')).display") as? String
                    == "block")
        }
        try Self.photograph(browser, page, width: 390)
    }

    @Test("On a 1280-pixel desktop the charts are drawn wide, with text of at least 9 px", arguments: pages)
    func desktop(page: Page) throws {
        guard let browser = Self.browser() else { return }
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.write(page, into: folder)
        try browser.open(path, width: 1280, mobile: false)
        let scrollWidth = try #require(try browser.evaluate("document.scrollingElement.scrollWidth") as? Double)
        #expect(scrollWidth <= 1280)
        let smallest = try #require(try browser.evaluate(Self.smallestSVGText) as? Double)
        #expect(smallest >= 9, "\(page.name): SVG text of \(smallest) px at 1280 px")
        try Self.photograph(browser, page, width: 1280)
    }

    @Test(
        "Printed, the handout keeps its key (drawn, not a background) and the PDF holds it",
        arguments: pages.filter(\.isHandout))
    func printed(page: Page) throws {
        guard let browser = Self.browser() else { return }
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = try Self.write(page, into: folder)
        try browser.open(path, width: 1280, mobile: false)
        try browser.emulatePrint(true)
        #expect(try browser.evaluate("document.querySelector('.key').offsetHeight > 0") as? Bool == true)
        // Backgrounds are dropped by a printer unless asked; the key's swatches are SVG shapes, which print.
        let swatches = try browser.evaluate("document.querySelectorAll('.key .levels svg rect').length") as? Double
        // digital-capacity has 5 levels, plus "below the first level".
        #expect(swatches == 6)
        let pdf = try browser.printToPDF()
        let pdfPath = folder + "/\(page.name).pdf"
        try pdf.write(to: URL(fileURLWithPath: pdfPath))
        let key = page.name.hasSuffix(".fr") ? "Comment lire ce document" : "How to read this"
        if let text = PDFText.text(of: pdfPath) {
            #expect(text.contains(key), "\(page.name): the printed PDF lacks the key")
        } else {
            Swift.print("SKIPPED the PDF text check of \(page.name): no pdftotext (Debian's poppler-utils)")
        }
        if let folder = ProcessInfo.processInfo.environment["ASSAY_SCREENSHOTS"] {
            try pdf.write(to: URL(fileURLWithPath: folder + "/\(page.name).print.pdf"))
        }
    }

    static func photograph(_ browser: HeadlessBrowser, _ page: Page, width: Int) throws {
        guard let folder = ProcessInfo.processInfo.environment["ASSAY_SCREENSHOTS"] else { return }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try browser.screenshot(fullPage: true).write(to: URL(fileURLWithPath: folder + "/\(page.name).\(width).png"))
        try browser.screenshot(fullPage: false).write(
            to: URL(fileURLWithPath: folder + "/\(page.name).\(width).top.png"))
        // Half size, for the README.
        try browser.screenshot(fullPage: false, scale: 0.5).write(
            to: URL(fileURLWithPath: folder + "/\(page.name).\(width).small.png"))
    }
}

/// The text of a PDF, through poppler's `pdftotext`; `nil` when it is not installed.
enum PDFText {
    /// `layout` keeps each table row on one line, so a row's cells read in order.
    static func text(of path: String, layout: Bool = false) -> String? {
        let tool = "/usr/bin/pdftotext"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = (layout ? ["-layout"] : []) + [path, "-"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // One space for every run of spaces and line breaks, so a heading wrapped in a narrow box still reads whole.
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
