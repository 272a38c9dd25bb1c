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
        let clipped = try browser.evaluate(Self.clippedSVGText) as? [Any]
        #expect(clipped?.isEmpty == true, "\(page.name): SVG text cut at the drawing's right edge: \(clipped ?? [])")
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

    /// The visible SVG texts that run past their drawing's right edge (an SVG clips them there, it cannot wrap).
    static let clippedSVGText = """
        Array.from(document.querySelectorAll('svg text'))
          .filter(t => t.getClientRects().length > 0 && t.getBoundingClientRect().width > 0)
          .filter(t => { const svg = t.ownerSVGElement; const box = t.getBBox();
            return svg.viewBox.baseVal && svg.viewBox.baseVal.width > 0 && box.x + box.width > svg.viewBox.baseVal.width + 0.5; })
          .map(t => t.textContent)
        """

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
        let clipped = try browser.evaluate(Self.clippedSVGText) as? [Any]
        #expect(clipped?.isEmpty == true, "\(page.name): SVG text cut at the drawing's right edge: \(clipped ?? [])")
        try Self.photograph(browser, page, width: 1280)
    }

    /// The words a handout's key starts and ends with, and its first table of numbers starts with, in the page's
    /// language.
    static func keyAndTable(_ page: Page) -> (key: String, keyEnd: String, table: String) {
        page.name.hasSuffix(".fr")
            ? (
                "Comment lire ce document", "sous le premier niveau",
                "Les chiffres : Ressources humaines et compétences"
            )
            : ("How to read this", "below the first level", "The numbers: Human resources and skills")
    }

    @Test(
        "Printed on A4 and on US Letter, the handout keeps its key with the first table, nothing is cut at the right edge and no page is blank",
        arguments: pages.filter(\.isHandout), HeadlessBrowser.Paper.allCases)
    func printed(page: Page, paper: HeadlessBrowser.Paper) throws {
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
        let pdf = try browser.printToPDF(paper: paper)
        let pdfPath = folder + "/\(page.name).\(paper.rawValue).pdf"
        try pdf.write(to: URL(fileURLWithPath: pdfPath))
        if let folder = ProcessInfo.processInfo.environment["ASSAY_SCREENSHOTS"] {
            try pdf.write(to: URL(fileURLWithPath: folder + "/\(page.name).print.\(paper.rawValue).pdf"))
        }
        guard let pages = PDFText.pages(of: pdfPath) else {
            Swift.print(
                "SKIPPED the PDF text checks of \(page.name) on \(paper.rawValue): no pdftotext (Debian's poppler-utils)"
            )
            return
        }
        // A4 is 595 × 842 points, Letter 612 × 792.
        let expectedWidth = paper == .a4 ? 595.0 : 612.0
        #expect(
            pages.allSatisfy { abs($0.width - expectedWidth) < 1 }, "\(page.name): not printed on \(paper.rawValue)")
        for (number, sheet) in pages.enumerated() {
            #expect(!sheet.words.isEmpty, "\(page.name) on \(paper.rawValue): page \(number + 1) is blank")
            // Chromium's default margin is 1 cm (28 points); a word running past it was cut off by the edge.
            let cut = sheet.words.filter { $0.xMax > sheet.width - 27 }
            #expect(
                cut.isEmpty,
                "\(page.name) on \(paper.rawValue), page \(number + 1): cut at the right edge: \(cut.prefix(5).map(\.text))"
            )
        }
        let (key, keyEnd, table) = Self.keyAndTable(page)
        let keyPage = pages.firstIndex { $0.text.contains(key) }
        #expect(keyPage != nil, "\(page.name): the printed PDF lacks the key")
        // The key's last entry (its first mention on the page: the tables' columns come later) is on the key's
        // page: the key is never split.
        let keyEndPage = pages.firstIndex { $0.text.contains(keyEnd) }
        #expect(keyPage == keyEndPage, "\(page.name) on \(paper.rawValue): the key is split across pages")
        // Each table of numbers ends with that column; all of them printed means no table lost its last column at
        // the right edge (text past the page box is not in the PDF at all).
        let allText = pages.map(\.text).joined(separator: " ")
        #expect(
            allText.components(separatedBy: keyEnd).count - 1 >= page.numberTables + 1,
            "\(page.name) on \(paper.rawValue): a table lost its last column")
        // With a few groups the first table of numbers is read beside the key, on its page; with many, the first
        // chart alone runs over several pages.
        if !page.name.hasPrefix("handout-many") {
            let tablePage = pages.firstIndex { $0.text.contains(table) }
            #expect(
                keyPage == tablePage,
                "\(page.name) on \(paper.rawValue): the key is on page \(keyPage.map { $0 + 1 } ?? 0), its table on page \(tablePage.map { $0 + 1 } ?? 0)"
            )
        }
    }

    /// English words that are not also French or Spanish words ("minimum", "total", "type", "note", "quartile",
    /// "on" and "no" are), so any of them in a French or Spanish handout is English that slipped through.
    static let englishWords: Set<String> = [
        "the", "and", "of", "with", "without", "withheld", "fewer", "than", "which", "that", "this", "these", "those",
        "merged", "suppressed", "released", "shown", "because", "would", "figures", "between", "subtraction",
        "level", "levels", "group", "groups", "other", "small", "read", "how", "are", "is", "not", "none", "under",
        "over", "region", "below", "above", "first", "third", "mean", "median", "overall",
        "release", "releases", "ledger", "checked", "rule", "setting", "meaning", "yes", "true", "false", "merge",
        "each", "all", "its", "their", "have", "most", "gaps", "gap", "trends", "key", "round", "rounds",
        "answered", "who", "were", "at", "be", "by", "for", "from", "to", "it", "was", "one", "two", "half", "there",
        "here", "municipality", "organisation's", "data", "what", "why", "see", "table", "numbers", "shows",
    ]

    /// A response set of the digital-service-framework rubric (the bundled rubric with Spanish): its example's
    /// answers, 5 to 7 organisations in each of 3 regions × 3 population bands.
    static func serviceFrameworkResponses(in folder: String) throws -> String {
        let example = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: CLIRunner.repositoryRoot.appendingPathComponent(
                        examples + "digital-service-framework.example.json"))) as? [String: Any])
        var lines: [String] = []
        for (number, (region, band)) in [
            ("QC", "under-10k"), ("QC", "10k-50k"), ("QC", "50k-250k"), ("ON", "under-10k"), ("ON", "10k-50k"),
            ("ON", "50k-250k"), ("NB", "under-10k"), ("NB", "10k-50k"), ("NB", "50k-250k"),
        ].enumerated() {
            for member in 0..<(5 + number % 3) {
                var response = example
                response["id"] = "\(region)-\(band)-\(member)"
                response["organisation"] = "Organisation \(region) \(band) \(member)"
                response["attributes"] = ["region": region, "population": band]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: response), as: UTF8.self))
            }
        }
        let path = folder + "/dsf.ndjson"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(
        "A French or Spanish handout of the bundled examples, with the bundled policy's labels, shows no English word",
        arguments: ["fr", "es"])
    func noEnglish(language: String) throws {
        guard let browser = Self.browser() else { return }
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // digital-capacity has no Spanish; digital-service-framework has.
        let (responses, rubric) =
            language == "fr"
            ? (Self.examples + "digital-capacity.responses.ndjson", "digital-capacity")
            : (try Self.serviceFrameworkResponses(in: folder), "digital-service-framework")
        let path = folder + "/handout.\(language).html"
        let result = try CLIRunner.run([
            "aggregate", responses, "--rubric", rubric, "--by", "region,population", "--no-ledger", "--lang", language,
            "--policy", Self.examples + "policies/digital-capacity.policy.json", "--out", path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        // Nothing shown untranslated, so nothing to warn about.
        #expect(!result.standardError.contains("warning: the handout"), "\(result.standardError)")
        try browser.open(path, width: 1280, mobile: false)
        // A rule's setting name is what a policy file says (`minimum_organisations`): code, not prose.
        let text = try #require(
            try browser.evaluate(
                """
                (() => { document.querySelectorAll('code').forEach(e => e.remove());
                  const labels = Array.from(document.querySelectorAll('[aria-label]')).map(e => e.getAttribute('aria-label'));
                  return document.body.innerText + '\\n' + labels.join('\\n'); })()
                """) as? String)
        #expect(text.count > 2_000)
        let words = text.lowercased().split { !($0.isLetter || $0 == "'") }.map(String.init)
        let english = words.filter(Self.englishWords.contains)
        #expect(english.isEmpty, "English in the \(language) handout: \(Array(Set(english)).sorted())")
        if !english.isEmpty {
            // The sentences they are in, for whoever fixes it.
            let lines = text.split(separator: "\n").filter { line in
                line.lowercased().split { !($0.isLetter || $0 == "'") }.contains {
                    Self.englishWords.contains(String($0))
                }
            }
            Swift.print(lines.prefix(20).joined(separator: "\n"))
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
    /// One printed page: its size in points and its words with where they end on the right.
    struct Sheet {
        var width: Double
        var words: [(text: String, xMax: Double)]
        /// The page's words joined by single spaces.
        var text: String { words.map(\.text).joined(separator: " ") }
    }

    /// Every page of the PDF with its words' boxes, from `pdftotext -bbox`; `nil` when it is not installed.
    static func pages(of path: String) -> [Sheet]? {
        guard let output = run(["-bbox", path, "-"]) else { return nil }
        var sheets: [Sheet] = []
        func attribute(_ name: String, in line: Substring) -> Double? {
            guard let range = line.range(of: name + "=\"") else { return nil }
            return Double(line[range.upperBound...].prefix { $0 != "\"" })
        }
        for line in output.split(separator: "\n") {
            let trimmed = line.drop { $0 == " " }
            if trimmed.hasPrefix("<page "), let width = attribute("width", in: trimmed) {
                sheets.append(Sheet(width: width, words: []))
            } else if trimmed.hasPrefix("<word "), let xMax = attribute("xMax", in: trimmed),
                let open = trimmed.firstIndex(of: ">"), let close = trimmed.range(of: "</word>")
            {
                let text = String(trimmed[trimmed.index(after: open)..<close.lowerBound])
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                    .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                sheets[sheets.count - 1].words.append((text, xMax))
            }
        }
        return sheets
    }

    private static func run(_ arguments: [String]) -> String? {
        let tool = "/usr/bin/pdftotext"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

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
