import Foundation
import Testing

/// `assay agree` and `assay reconcile` in French: the words around the rubric's texts come from the same kind of
/// per-language tables as the session console's and the reports', and numbers are written the French way.
@Suite("Agreement and reconcile in French")
struct AgreementLanguageTests {
    static let views = AgreeCommandTests.views

    @Test func theTextReportIsInFrench() throws {
        let result = try CLIRunner.run(["agree"] + Self.views + ["--lang", "fr"])
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutput
        #expect(text.hasPrefix("Concordance de 2 points de vue — Capacité numérique 2.0.0"))
        #expect(text.contains("Point de vue 1"))
        // The README's English numbers, 52.5 Defined against 45.8 Developing, with a decimal comma.
        #expect(text.contains("52,5 Défini"))
        #expect(text.contains("45,8 En développement"))
        #expect(text.contains("Ce que changent les écarts"))
        #expect(text.contains("— un niveau franchi"))
        #expect(text.contains("Concordance (κ pour deux points de vue, α pour tout nombre)"))
        #expect(text.contains("Désaccords, celui qui déplace le plus un score en premier"))
        #expect(text.contains("non défini : toutes les réponses comparées sont identiques"))
        for english in ["What the differences change", "Disagreements", "a level crossed", "undefined", "Overall"] {
            #expect(!text.contains(english), "\(english) left in English")
        }
    }

    @Test func markdownAndHTMLAreInFrench() throws {
        let markdown = try CLIRunner.run(["agree"] + Self.views + ["--lang", "fr", "--format", "markdown"])
        #expect(markdown.status == 0)
        #expect(markdown.standardOutput.contains("## Ce que changent les écarts"))
        #expect(markdown.standardOutput.contains("| Portée | Questions | Accord | κ | α |"))
        #expect(markdown.standardOutput.contains("## Toutes les questions"))
        let html = try CLIRunner.run(["agree"] + Self.views + ["--lang", "fr", "--format", "html"])
        #expect(html.status == 0)
        #expect(html.standardOutput.contains("<html lang=\"fr\">"))
        #expect(html.standardOutput.contains("<h2>Concordance</h2>"))
        #expect(html.standardOutput.contains("<th>Portée</th><th>Questions</th><th>Accord</th>"))
        #expect(!html.standardOutput.contains("What the differences change"))
    }

    @Test func theReconcileScreenIsInFrench() throws {
        let folder = try SessionCLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/consensus.session.json"
        // One choice (the second view's answer), a wrong key, then quit.
        let result = try CLIRunner.run(
            ReconcileCLITests.start(file) + ["--lang", "fr"], input: "2\nzz\nq\n")
        #expect(result.status == 0, "\(result.standardError)")
        let screen = result.standardOutput
        #expect(screen.contains("── Désaccord 1 sur 9"))
        #expect(screen.contains("8 à régler"))
        #expect(screen.contains("1 ou 2 prend la réponse de ce point de vue"))
        #expect(screen.contains("s passer · b retour · h aide · q enregistrer et quitter"))
        #expect(screen.contains("« zz » n'est pas parmi : 1, 2, =, n, s, b, q"))
        #expect(screen.contains("Enregistré dans \(file)."))
        #expect(screen.contains("Pour reprendre plus tard : assay reconcile --out"))
        #expect(!screen.contains("take that view's answer"))
    }

    @Test func anUnknownLanguageIsRefused() throws {
        let result = try CLIRunner.run(ReconcileCLITests.start("/tmp/never.session.json") + ["--lang", "de"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("--lang must be en, fr or es"))
    }
}
