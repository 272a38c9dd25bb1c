import Foundation
import ZIPFoundation

/// An editable Word document (Office Open XML, `.docx`) built from headings, paragraphs, tables and PNG pictures.
///
/// Only what the reports need, written by hand: `word/document.xml` with the built-in heading styles declared in
/// `word/styles.xml`, so Word's navigation pane and LibreOffice's navigator list the sections, and the pictures
/// in `word/media` with alternative text. The same content gives the same bytes.
public struct WordDocument: Sendable {
    private var body: [String] = []
    private var images: [[UInt8]] = []
    /// The document's language, such as `fr`, for spelling and hyphenation.
    public var language: String
    /// The paper its pages are laid out on.
    public var paper: Paper

    /// A sheet of paper: A4 (most of the world) or US Letter (the United States and Canada).
    public enum Paper: String, Sendable, CaseIterable {
        case a4
        case letter

        /// Width and height in twentieths of a point (twips), as `w:pgSz` takes them.
        var twips: (width: Int, height: Int) {
            switch self {
            case .a4: (11906, 16838)
            case .letter: (12240, 15840)
            }
        }
    }

    /// An empty document.
    public init(language: String = "en", paper: Paper = .a4) {
        self.language = language
        self.paper = paper
    }

    /// A heading of `level` 1 to 3.
    public mutating func heading(_ text: String, level: Int) {
        body.append(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading\(min(max(level, 1), 3))\"/><w:keepNext/></w:pPr>\(Self.run(text))</w:p>"
        )
    }

    /// A paragraph of runs, each plain, bold or italic.
    public mutating func paragraph(_ runs: [Run], style: String? = nil) {
        let properties = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        body.append("<w:p>\(properties)\(runs.map(\.xml).joined())</w:p>")
    }

    /// A paragraph of plain text.
    public mutating func paragraph(_ text: String, style: String? = nil) {
        paragraph([Run(text)], style: style)
    }

    /// A bulleted or numbered list item.
    public mutating func listItem(_ runs: [Run], numbered: Bool = false) {
        body.append(
            "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"\(numbered ? 2 : 1)\"/></w:numPr></w:pPr>\(runs.map(\.xml).joined())</w:p>"
        )
    }

    /// A table with a header row (repeated on every page) and body rows; `numeric` columns are right-aligned.
    public mutating func table(header: [String], rows: [[String]], numeric: Set<Int> = []) {
        // The first column, the names, gets two shares of the 9,638-twip text width; each other column one.
        let share = 9_638 / (header.count + 1)
        // Tables of more than five columns in 8 points, so "Organisations" fits its column unbroken.
        let size: Int? = header.count > 5 ? 16 : nil
        func cell(_ text: String, column: Int, bold: Bool) -> String {
            let alignment = numeric.contains(column) ? "<w:jc w:val=\"right\"/>" : ""
            return
                "<w:tc><w:tcPr><w:tcW w:w=\"\(column == 0 ? 2 * share : share)\" w:type=\"dxa\"/></w:tcPr><w:p><w:pPr><w:spacing w:after=\"0\"/>\(alignment)</w:pPr>\(Run(text, bold: bold, size: size).xml)</w:p></w:tc>"
        }
        var xml =
            "<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:color=\"BFBFBF\"/><w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"BFBFBF\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"BFBFBF\"/></w:tblBorders></w:tblPr>"
        xml += "<w:tblGrid>"
        xml += header.indices.map { "<w:gridCol w:w=\"\($0 == 0 ? 2 * share : share)\"/>" }.joined()
        xml += "</w:tblGrid>"
        xml += "<w:tr><w:trPr><w:tblHeader/></w:trPr>"
        xml += header.enumerated().map { cell($1, column: $0, bold: true) }.joined()
        xml += "</w:tr>"
        for row in rows {
            xml += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            xml += row.enumerated().map { cell($1, column: $0, bold: false) }.joined()
            xml += "</w:tr>"
        }
        body.append(xml + "</w:tbl>")
        body.append("<w:p/>")
    }

    /// A picture `widthCentimetres` wide, its height in proportion, described by `description` for screen
    /// readers and for Word's alternative text.
    public mutating func picture(_ image: PNGImage, widthCentimetres: Double, description: String) {
        images.append(image.png)
        let number = images.count
        let cx = Int(widthCentimetres * 360_000)
        let cy = Int(Double(cx) * Double(image.height) / Double(image.width))
        let alt = Self.escape(description)
        body.append(
            """
            <w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="\(cx)" cy="\(cy)"/>\
            <wp:docPr id="\(number)" name="Chart \(number)" descr="\(alt)"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>\
            <a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>\
            <pic:nvPicPr><pic:cNvPr id="\(number)" name="chart\(number).png" descr="\(alt)"/><pic:cNvPicPr/></pic:nvPicPr>\
            <pic:blipFill><a:blip r:embed="rIdImage\(number)"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
            <pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="\(cx)" cy="\(cy)"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>\
            </pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>
            """
        )
    }

    /// A run of text.
    public struct Run: Sendable {
        public var text: String
        public var bold: Bool
        public var italic: Bool
        /// A colour such as `595959`, or `nil` for the text colour.
        public var colour: String?
        /// The size in half-points (16 is 8 pt), or `nil` for the document's.
        public var size: Int?

        public init(
            _ text: String, bold: Bool = false, italic: Bool = false, colour: String? = nil, size: Int? = nil
        ) {
            self.text = text
            self.bold = bold
            self.italic = italic
            self.colour = colour
            self.size = size
        }

        var xml: String {
            var properties = ""
            if bold { properties += "<w:b/>" }
            if italic { properties += "<w:i/>" }
            if let colour { properties += "<w:color w:val=\"\(colour)\"/>" }
            if let size { properties += "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>" }
            return WordDocument.run(text, properties: properties)
        }
    }

    static func run(_ text: String, properties: String = "") -> String {
        let rPr = properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>"
        return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    /// `text` safe in XML element text and attribute values; characters XML 1.0 forbids are dropped.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "\t", "\n", "\r": escaped.unicodeScalars.append(" ")
            default:
                if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }

    /// The `.docx` file.
    public func data() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(contentTypes.utf8)),
            ("_rels/.rels", Array(Self.packageRelationships.utf8)),
            ("word/document.xml", Array(documentXML.utf8)),
            ("word/_rels/document.xml.rels", Array(documentRelationships.utf8)),
            ("word/styles.xml", Array(styles.utf8)),
            ("word/numbering.xml", Array(Self.numbering.utf8)),
        ]
        for (index, image) in images.enumerated() { parts.append(("word/media/chart\(index + 1).png", image)) }
        // A fixed date, so the same report is the same file.
        let date = Date(timeIntervalSince1970: 1_767_225_600)
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return Array(data)
    }

    private var documentXML: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>
        \(body.joined(separator: "\n"))
        <w:sectPr><w:pgSz w:w="\(paper.twips.width)" w:h="\(paper.twips.height)"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>
        </w:body></w:document>
        """
    }

    private var contentTypes: String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Default Extension="png" ContentType="image/png"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>\
        </Types>
        """
    }

    private static let packageRelationships = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        </Relationships>
        """

    private var documentRelationships: String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            <Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
            """
        for index in images.indices {
            xml +=
                "<Relationship Id=\"rIdImage\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/chart\(index + 1).png\"/>"
        }
        return xml + "</Relationships>"
    }

    private var styles: String {
        let lang = Self.escape(language)
        func heading(_ level: Int, size: Int) -> String {
            """
            <w:style w:type="paragraph" w:styleId="Heading\(level)"><w:name w:val="heading \(level)"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
            <w:pPr><w:keepNext/><w:spacing w:before="\(level == 1 ? 240 : 200)" w:after="80"/><w:outlineLvl w:val="\(level - 1)"/></w:pPr>\
            <w:rPr><w:b/><w:color w:val="1D3766"/><w:sz w:val="\(size)"/></w:rPr></w:style>
            """
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
            <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:cs="Calibri"/><w:sz w:val="21"/><w:lang w:val="\(lang)"/></w:rPr></w:rPrDefault>\
            <w:pPrDefault><w:pPr><w:spacing w:after="100" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
            <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
            \(heading(1, size: 36))\(heading(2, size: 28))\(heading(3, size: 24))\
            <w:style w:type="paragraph" w:styleId="Subtle"><w:name w:val="Subtle"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="4A5262"/></w:rPr></w:style>\
            <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720"/></w:pPr></w:style>\
            <w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
            </w:styles>
            """
    }

    private static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
        </w:numbering>
        """
}
