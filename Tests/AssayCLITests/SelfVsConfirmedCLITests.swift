import Foundation
import Testing

@Suite("assay aggregate --self-vs-confirmed")
struct SelfVsConfirmedCLITests {
    /// Five organisations of the corpus's open-data rubric, each with a self-assessment and a confirmed session.
    ///
    /// Each self-assessment differs from its session in two of the four scored questions: pub.owner (no, where
    /// the session says yes: 0 against 1 point) and pub.plan ("full", 3 of 3, against "largely", 2 of 3). The
    /// publishing dimension's three equally weighted questions: self (0 + 1 + 0.5) / 3 = 50, confirmed
    /// (1 + 2/3 + 0.5) / 3 = 72.2, difference −22.2 → −22. Licensing (lic.open 60 in both) differs by 0.
    static let folder = "Tests/HostileCorpus/cases/paired-valid"

    func run(_ out: String, ledger: String, extra: [String] = []) throws -> CLIRunner.Result {
        try CLIRunner.run(
            [
                "aggregate", Self.folder, "--rubric", "Tests/HostileCorpus/base/rubric.json", "--by", "region",
                "--self-vs-confirmed", "--out", out, "--ledger", ledger,
            ] + extra)
    }

    @Test func theCSVAndTheHandoutGiveTheMeanDifferenceAndTheShareThatDiffers() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = try run(folder + "/differences.csv", ledger: folder + "/ledger.sqlite")
        #expect(csv.status == 0, "\(csv.standardError)")
        #expect(csv.standardOutput.contains("5 organisations with a self-assessment and a confirmed session"))
        let text = try String(contentsOfFile: folder + "/differences.csv", encoding: .utf8)
        #expect(text.contains("difference,QC,group,publishing,5,5,-22,"))
        #expect(text.contains("difference,QC,group,licensing,5,5,0,"))
        // 2 of the 4 scored questions differ in each organisation: 10 of 20, 50 %.
        #expect(text.contains("differing,QC,group,,5,,,,,,,50,"))
        let html = try run(folder + "/differences.html", ledger: folder + "/ledger.sqlite")
        #expect(html.status == 0, "\(html.standardError)")
        // The second release is checked against the first, like any two releases of one ledger.
        #expect(html.standardOutput.contains("checked against 1 earlier release"))
        let page = try String(contentsOfFile: folder + "/differences.html", encoding: .utf8)
        #expect(page.contains("<td class=\"num\">−22</td>"))
        #expect(page.contains("50 %"))
        #expect(page.contains("positive when organisations rated themselves higher"))
    }

    @Test func aWordDocumentIsRefusedBeforeAnythingIsRead() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(folder + "/differences.docx", ledger: folder + "/ledger.sqlite")
        #expect(result.status == 64)
        #expect(result.standardError.contains("writes a .json, .csv or .html file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func withLangFrTheDifferencePageIsInFrenchWithTheRubricsFrenchNames() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(folder + "/ecarts.html", ledger: folder + "/ledger.sqlite", extra: ["--lang", "fr"])
        #expect(result.status == 0, "\(result.standardError)")
        let page = try String(contentsOfFile: folder + "/ecarts.html", encoding: .utf8)
        #expect(page.contains("<html lang=\"fr\">"))
        #expect(
            page.contains("<h1>Autoévaluation et évaluation confirmée : Diagnostic rapide des données ouvertes</h1>"))
        #expect(page.contains(">Publication</th>") && page.contains(">Licences</th>"))
        // The same −22 as in English (see `folder`), with the typographic minus; 50 % of the answers differ.
        #expect(page.contains("<td class=\"num\">\u{2212}22</td>"))
        #expect(page.contains("<td class=\"num\">50 %</td>"))
        #expect(page.contains("<h2>Rapport de confidentialité</h2>"))
        #expect(page.contains("pour qu’aucun ensemble de moins de 5 organisations ne puisse être retrouvé"))
        #expect(page.contains("<td>décimales des scores publiés</td>"))
        // The analyst's terminal lines stay in English, as the plain aggregate's do.
        #expect(result.standardOutput.contains("5 organisations with a self-assessment and a confirmed session"))
    }

    @Test func anUnknownLanguageIsRefusedListingTheLanguagesAndNothingIsWritten() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(folder + "/differences.html", ledger: folder + "/ledger.sqlite", extra: ["--lang", "xx"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--lang must be en, fr or es, not \"xx\""))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aLanguageForTheCSVIsRefusedAsThePlainAggregateRefusesIt() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(folder + "/differences.csv", ledger: folder + "/ledger.sqlite", extra: ["--lang", "fr"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--lang shapes the difference page: give --out a .html file"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func anOutputThatCannotBeWrittenLeavesNoLedgerBehind() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(folder + "/missing/differences.html", ledger: folder + "/ledger.sqlite")
        #expect(result.status == 1)
        #expect(result.standardError.contains("the output cannot be written there"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func aJSONSummaryIsNotWrittenIntoTheFolderItWouldBeReadFromNextTime() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let programme = folder + "/programme"
        try FileManager.default.copyItem(atPath: Self.folder, toPath: programme)
        let before = try FileManager.default.contentsOfDirectory(atPath: programme).sorted()
        let result = try CLIRunner.run([
            "aggregate", programme, "--rubric", "Tests/HostileCorpus/base/rubric.json", "--by", "region",
            "--self-vs-confirmed", "--out", programme + "/./differences.json",
        ])
        #expect(result.status == 64)
        #expect(result.standardError.contains("is inside \(programme), whose every .json file is read"))
        // Nothing written: no summary, and no ledger in the folder either.
        #expect(try FileManager.default.contentsOfDirectory(atPath: programme).sorted() == before)
    }
}
