import AssayCompare
import AssayCore
import AssayJSON
import AssaySession
import Foundation
import Testing

/// The difference page in the reader's language: its words, its numbers as the language writes them, and every
/// reason a figure is not shown.
@Suite("Self-assessment against confirmed, in French and Spanish")
struct SelfConfirmedLanguageTests {
    let onePlace = DisclosurePolicy(scoreDecimals: 1)

    /// The five hand pairs of `handPairs` and org-6, self-assessed at 100/100 and confirmed with people "not
    /// applicable" and tools at 50, so that one of the six has no people difference.
    func sixPairs() throws -> (PairedFolder, SelfConfirmedSummary) {
        let folder = try PairedFolder()
        try handPairs(folder)
        try folder.selfAssessment("org-6", people: 100, tools: 100)
        try folder.sessionWithoutPeople("org-6", tools: 50)
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        return (folder, summary)
    }

    @Test func theFrenchPageSaysEverythingInFrenchWithFrenchNumbers() throws {
        let (folder, summary) = try sixPairs()
        let page = SelfConfirmedPage(summary: summary, language: "fr", index: folder.scorer.index)
        let html = page.html
        #expect(html.contains("<html lang=\"fr\">"))
        // The hand rubric has no French: its title and dimension names stay English, and the page says so.
        #expect(html.contains("<h1>Autoévaluation et évaluation confirmée : Hand-checked rubric</h1>"))
        #expect(page.untranslated.contains { $0.contains("in en, since hand has no fr translation") })
        #expect(html.contains("positif quand les organisations se sont évaluées plus haut"))
        #expect(html.contains("<caption>Écart moyen, autoévaluation moins version confirmée (points)</caption>"))
        #expect(html.contains(">Groupe</th>") && html.contains(">Score global</th>"))
        #expect(html.contains(">Réponses qui diffèrent</th>"))
        #expect(html.contains("<th scope=\"row\">toutes les organisations</th>"))
        // tools: (25 + 25 + 0 + 0 + 25 + 50) / 6 = 125 / 6 = 20.83 → 20.8, written "+20,8".
        // overall: (25 + 37.5 + 0 − 12.5 + 12.5 + 50) / 6 = 112.5 / 6 = 18.75 → 18.8 (half away from zero).
        #expect(html.contains("<td class=\"num\">+20,8</td>"))
        #expect(html.contains("<td class=\"num\">+18,8</td>"))
        // Answers that differ: 2 + 2 + 0 + 1 + 1 + 2 (org-6: "full" against "na", "full" against "mid") = 8 of 12,
        // 66.7 → 67 %.
        #expect(html.contains("<td class=\"num\">67 %</td>"))
        // people: five of the six have a difference, so it is withheld, and why is said in French; so is the
        // extras dimension, which neither view answered.
        #expect(html.contains("<td class=\"num note\">retenu</td>"))
        #expect(
            html.contains(
                "L’écart moyen en «\u{00A0}People\u{00A0}» n’est pas montré pour «\u{00A0}toutes les organisations\u{00A0}» et «\u{00A0}north\u{00A0}» : certaines organisations n’ont pas de score dans les deux versions"
            ))
        #expect(
            html.contains(
                "L’écart moyen en «\u{00A0}Extras\u{00A0}» n’est pas montré pour «\u{00A0}toutes les organisations\u{00A0}» et «\u{00A0}north\u{00A0}» : moins de 5 organisations ont un score dans les deux versions."
            ))
        #expect(html.contains("<h2>Ce qui n’est pas montré, et pourquoi</h2>"))
        #expect(html.contains("<h2>Là où les deux versions diffèrent le plus souvent</h2>"))
        // The words a reader reads (the style sheet's class names aside) have no English left.
        let body = try #require(html.components(separatedBy: "</style>").last)
        for english in [
            "Mean difference", "Answers that differ", "withheld", "What is not shown", "Self-assessment against",
        ] {
            #expect(!body.contains(english), "English left in the French page: \(english)")
        }
    }

    @Test func aGroupWithheldWholeSaysWhyInFrench() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        // Four pairs in "south": below the minimum of five, merged into "other", itself too small, so withheld.
        for number in 1...4 {
            try folder.selfAssessment("south-\(number)", people: 100, tools: 100, region: "south")
            try folder.session("south-\(number)", people: 0, tools: 0, region: "south")
        }
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        #expect(summary.suppressionReasons?.count == summary.suppressions.count)
        let html = SelfConfirmedPage(summary: summary, language: "fr", index: folder.scorer.index).html
        #expect(
            html.contains(
                "1 groupe de moins de 5 organisations est regroupé dans «\u{00A0}autres (petits groupes regroupés)\u{00A0}»."
            ), "\(html)")
        #expect(
            html.contains(
                "Le groupe «\u{00A0}autres (petits groupes regroupés)\u{00A0}» n’est pas montré : il compte moins de 5 organisations."
            ), "\(html)")
    }

    @Test func aShareThatWouldSpeakForEveryOrganisationIsWithheldWithItsReason() throws {
        let folder = try PairedFolder()
        for number in 1...6 {
            try folder.selfAssessment("org-\(number)", people: 50, tools: 75)
            try folder.session("org-\(number)", people: 50, tools: 75)
        }
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        // Every organisation's two views agree on every answer: no organisation differs anywhere.
        #expect(summary.overall.differingPercent == nil)
        #expect(summary.overall.differingWithheld == .dominant)
        let french = SelfConfirmedPage(summary: summary, language: "fr", index: folder.scorer.index).html
        #expect(
            french.contains(
                "La part des réponses qui diffèrent n’est pas montrée pour «\u{00A0}toutes les organisations\u{00A0}» et «\u{00A0}north\u{00A0}» : moins de deux organisations ont une réponse sur laquelle leurs deux versions diffèrent"
            ))
        let spanish = SelfConfirmedPage(summary: summary, language: "es", index: folder.scorer.index).html
        #expect(spanish.contains("<html lang=\"es\">"))
        #expect(
            spanish.contains("<caption>Diferencia media, autoevaluación menos versión confirmada (puntos)</caption>"))
        #expect(
            spanish.contains(
                "La proporción de respuestas que difieren no se muestra para «todas las organizaciones» y «north»: menos de dos organizaciones"
            ))
        // 0 difference everywhere is written 0, never "+0" or "−0".
        #expect(spanish.contains("<td class=\"num\">0</td>"))
        #expect(!spanish.contains("+0<") && !spanish.contains("\u{2212}0<"))
    }

    @Test func aGroupWhereNoScoredQuestionWasAnsweredSaysSo() throws {
        let folder = try PairedFolder()
        // Five pairs that answered only the unscored text question f: nothing to compare.
        for number in 1...5 {
            let text = """
                {"organisation": "org-\(number)", "rubric": "hand", "rubric_version": "1.0.0",
                 "attributes": {"region": "north"}, "answers": {"f": "words"}}
                """
            try text.write(toFile: folder.path + "/org-\(number).self.json", atomically: true, encoding: .utf8)
            try folder.session("org-\(number)", people: 50, tools: 50)
        }
        // Only the self views are empty; the sessions answer a and b. Rewrite them without answers.
        for number in 1...5 {
            let path = folder.path + "/org-\(number).session.json"
            var session = try JSONDocument.read(path).decode(SessionFile.self).value
            session.answers = [:]
            try JSONOutput.string(session).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        #expect(summary.overall.differingWithheld == .noneCompared)
        let html = SelfConfirmedPage(summary: summary, language: "en", index: folder.scorer.index).html
        #expect(
            html.contains(
                "The share of answers that differ is not shown for “all organisations” and “north”: no scored question was answered in either view."
            ))
    }

    /// The attacker's group name: a region that is markup, in a file the programme collected.
    @Test func aGroupNamedWithMarkupIsShownAsTextInEveryLanguage() throws {
        let folder = try PairedFolder()
        let region = "<img src=x onerror=alert(1)>"
        for number in 1...5 {
            try folder.selfAssessment("org-\(number)", people: 75, tools: 50, region: region)
            try folder.session("org-\(number)", people: 50, tools: 50, region: region)
        }
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        for language in ["en", "fr", "es"] {
            let html = SelfConfirmedPage(summary: summary, language: language, index: folder.scorer.index).html
            #expect(!html.contains("<img"), "\(language)")
            #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(language)")
        }
    }
}
