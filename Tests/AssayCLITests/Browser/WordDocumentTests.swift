import Foundation
import Testing

/// The Word documents `assay` writes, opened by LibreOffice (headless) and converted to PDF, as a municipality
/// without Microsoft Office would open them; their text is read back from the PDF.
///
/// Skipped, saying why, when LibreOffice or pdftotext is missing.
@Suite("Word documents in LibreOffice", .serialized)
struct WordDocumentTests {
    static let soffice = ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `docx` converted to PDF by LibreOffice and read back as text; `nil` (after saying why) when the tools are
    /// missing. With `paper`, every page of the PDF must be that size.
    static func text(of docx: String, in folder: String, paper: String? = nil) throws -> String? {
        guard let soffice else {
            print(
                "SKIPPED the Word document test: no LibreOffice (Debian's libreoffice-writer-nogui; .ci/run installs it)"
            )
            return nil
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // A profile of its own, so a LibreOffice already running for someone else is not asked instead.
        process.arguments = [
            "-env:UserInstallation=file://\(folder)/lo-profile", "--headless", "--convert-to", "pdf", "--outdir",
            folder, docx,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let pdf = folder + "/" + (URL(fileURLWithPath: docx).deletingPathExtension().lastPathComponent) + ".pdf"
        #expect(FileManager.default.fileExists(atPath: pdf), "LibreOffice made no PDF of \(docx)")
        guard let text = PDFText.text(of: pdf, layout: true), let pages = PDFText.pages(of: pdf) else {
            print("SKIPPED the Word document text check: no pdftotext (Debian's poppler-utils)")
            return nil
        }
        if let paper {
            // A4 is 595 points wide, US Letter 612.
            let width = paper == "letter" ? 612.0 : 595.0
            #expect(pages.allSatisfy { abs($0.width - width) < 1 }, "\(docx) is not on \(paper) paper")
            // LibreOffice's default right margin here is 2 cm (57 points): no word reaches the edge.
            for (number, sheet) in pages.enumerated() {
                #expect(!sheet.words.isEmpty, "\(docx) on \(paper): page \(number + 1) is blank")
                #expect(sheet.words.allSatisfy { $0.xMax <= sheet.width - 50 }, "\(docx) on \(paper): cut at the right")
            }
        }
        return text
    }

    @Test(
        "The French report as a Word document opens in LibreOffice with its scores, blockers and chart, on A4 and on Letter",
        arguments: ["a4", "letter"])
    func report(paper: String) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let docx = folder + "/rapport.docx"
        let result = try CLIRunner.run([
            "score", "--rubric", "digital-capacity", "--lang", "fr", "--format", "docx", "--out", docx,
            "--paper", paper, "Rubrics/examples/digital-capacity.example.json",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: docx))
        // A ZIP file, holding one PNG chart.
        #expect(bytes.prefix(2) == Data("PK".utf8))
        #expect(bytes.range(of: Data("word/media/chart1.png".utf8)) != nil)
        guard let text = try Self.text(of: docx, in: folder, paper: paper) else { return }
        // The overall score worked by hand in DigitalCapacityExampleTests (rubric 2.0.0): 45.806 → "45,8" in French,
        // in [20, 50): "En développement".
        #expect(text.contains("Global : 45,8 / 100 · En développement"))
        #expect(text.contains("Ressources humaines et compétences 35,9 En développement"))
        #expect(text.contains("Ce qui bloque le niveau suivant"))
        // Blockers read as the question, not its id.
        #expect(!text.contains("fin.sustain"))
        // The last of the five next steps is there: nothing lost at the end of the document.
        #expect(text.contains("commanditaire"))
    }

    @Test(
        "The handout as a Word document opens in LibreOffice with its key, numbers and withheld figures, on A4 and on Letter",
        arguments: ["a4", "letter"])
    func handout(paper: String) throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let docx = folder + "/handout.docx"
        let result = try CLIRunner.run([
            "aggregate", "Rubrics/examples/digital-capacity.responses.ndjson", "--rubric", "digital-capacity", "--by",
            "region", "--no-ledger", "--out", docx, "--paper", paper,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        guard let text = try Self.text(of: docx, in: folder, paper: paper) else { return }
        #expect(text.contains("How to read this"))
        #expect(text.contains("Human resources and skills"))
        // The 48 bundled responses: 48 organisations in all, the row of all organisations first in each table.
        #expect(text.contains("48 organisations, 48 responses, grouped by region."))
        #expect(text.contains("all organisations 48"))
        #expect(text.contains("What is not shown, and why"))
    }
}
