import AssayCore
import AssayReport
import Foundation

/// The self-assessment-against-confirmed summary as a workshop page in the handouts' style and languages: one
/// table of mean differences per group and scope with the share of answers that differ, the questions whose two
/// views differ most often, every figure not shown with its reason, and the disclosure rules.
///
/// Its words come from ``HandoutStrings``, so they are the handout's in every language Assay ships; the names of
/// dimensions and questions come from the rubric's translations when a rubric is given, and attribute values from
/// the policy's labels, as in the handout.
public struct SelfConfirmedPage: Sendable {
    /// The page.
    public let html: String
    /// The language its words are in: the one asked for, or English when Assay has no words in it.
    public let language: String
    /// What the page shows untranslated, as English phrases for a warning (see ``Handout/untranslated``).
    public let untranslated: [String]

    /// The page of `summary` in `language` (`en`, `fr` or `es`; another falls back to English), with the names of
    /// `index`'s rubric when given, else the summary's.
    public init(summary: SelfConfirmedSummary, language: String = "en", index: RubricIndex? = nil) {
        let strings = HandoutStrings(language: language)
        let language = strings.language
        self.language = language
        let rubric = index?.rubric
        let policy = summary.policy
        let wording = PageWording(
            strings: strings, rubric: rubric, policy: policy, groupBy: summary.groupBy,
            overallLabel: summary.overall.label)
        func missing(_ what: String) { wording.missing(what) }
        func text(_ localized: LocalizedText?) -> String? { wording.text(localized) }
        func scopeName(_ id: String) -> String {
            if id == ComparisonSummary.overallScope { return strings["overall"] }
            return text(rubric?.dimensions.first { $0.id == id }?.title)
                ?? summary.scopes.first { $0.id == id }?.name ?? id
        }
        func label(_ group: SelfConfirmedSummary.Group) -> String {
            switch group.kind {
            case .overall: strings["all"]
            case .merged: strings["other"]
            case .group: wording.label(attributes: group.attributes, written: group.label)
            }
        }
        func question(_ id: String) -> String {
            if let prompt = text(index?.question(id)?.question.prompt) { return prompt }
            if let prompt = (summary.overall.questions + summary.groups.flatMap(\.questions)).first(where: {
                $0.question == id
            })?.prompt {
                return prompt
            }
            missing("the question \"\(id)\"")
            return id
        }
        func quoted(_ items: [String]) -> String {
            let quoted = items.map { strings.format("quote", $0) }
            guard quoted.count > 1 else { return quoted.first ?? "" }
            return quoted.dropLast().joined(separator: ", ") + " " + strings["and"] + " " + quoted.last!
        }
        func e(_ text: String) -> String { HTMLText.escape(text) }
        func signed(_ value: Double) -> String {
            // Written the same on every machine, whatever its locale; then with the page language's decimal comma.
            var text = value.magnitude.formatted(
                .number.precision(.fractionLength(0...policy.scoreDecimals)).grouping(.never)
                    .locale(Locale(identifier: "en_US_POSIX")))
            if language != "en" { text = text.replacingOccurrences(of: ".", with: ",") }
            // A difference that rounds to nothing is 0, never "−0".
            if text.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) { return text }
            return (value > 0 ? "+" : value < 0 ? "\u{2212}" : "") + text
        }

        let groups = [summary.overall] + summary.groups
        let title = strings.format("sc-title", text(rubric?.title) ?? summary.rubric.title)
        var body = "<h1>\(e(title))</h1>\n<p class=\"meta\">\(e(strings["sc-note"]))</p>\n"
        body +=
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"\(e(strings["sc-table"]))\"><table class=\"numbers\"><caption>\(e(strings["sc-caption"]))</caption><thead><tr><th scope=\"col\">\(e(strings["group"]))</th><th scope=\"col\" class=\"num\">\(e(strings["organisations"]))</th>"
        for scope in summary.scopes { body += "<th scope=\"col\" class=\"num\">\(e(scopeName(scope.id)))</th>" }
        body += "<th scope=\"col\" class=\"num\">\(e(strings["sc-differing"]))</th></tr></thead><tbody>\n"
        for group in groups {
            body +=
                "<tr><th scope=\"row\">\(e(label(group)))</th><td class=\"num\">\(strings.integer(group.organisations))</td>"
            if group.scopes.isEmpty {
                body += "<td colspan=\"\(summary.scopes.count + 1)\" class=\"note\">\(e(strings["withheld"]))</td>"
            } else {
                for scope in summary.scopes {
                    if let mean = group.scopes.first(where: { $0.scope == scope.id })?.mean {
                        body += "<td class=\"num\">\(e(signed(mean)))</td>"
                    } else {
                        body += "<td class=\"num note\">\(e(strings["withheld"]))</td>"
                    }
                }
                body +=
                    group.differingPercent.map { "<td class=\"num\">\($0) %</td>" }
                    ?? "<td class=\"num note\">\(e(strings["withheld"]))</td>"
            }
            body += "</tr>\n"
        }
        body += "</tbody></table></div>\n"
        if !summary.overall.questions.isEmpty {
            body += "<section class=\"gaps\"><h2>\(e(strings["sc-questions"]))</h2><ol>"
            for share in summary.overall.questions {
                body +=
                    "<li>\(e(question(share.question))) <span class=\"share\">— \(e(strings.format("sc-question-share", String(share.percent))))</span></li>"
            }
            body += "</ol></section>\n"
        }

        var notShown: [String] = []
        if let reasons = summary.suppressionReasons {
            for reason in reasons {
                guard
                    let sentence = strings.sentence(
                        reason, group: wording.label(written:), scope: scopeName, question: question)
                else {
                    // A code this version does not know, from a newer file: its English words.
                    if language != "en" { missing("the reason \"\(reason.message)\"") }
                    notShown.append(reason.message)
                    continue
                }
                if !notShown.contains(sentence) { notShown.append(sentence) }
            }
        } else {
            if language != "en" && !summary.suppressions.isEmpty { missing("the reasons of the summary file") }
            notShown += summary.suppressions
        }
        // A mean withheld in a released group, one sentence per scope and reason, naming its groups.
        for scope in summary.scopes {
            for code in [LevelsWithheld.fewScores, .partlyScored] {
                let withheld = groups.filter { group in
                    group.scopes.contains { $0.scope == scope.id && $0.mean == nil && $0.withheld == code }
                }
                guard !withheld.isEmpty else { continue }
                notShown.append(
                    strings.format(
                        "sc-mean-withheld", strings.format("quote", scopeName(scope.id)),
                        quoted(withheld.map(label)),
                        strings.format("sc-mean-why-\(code.rawValue)", strings.integer(policy.minimumOrganisations))))
            }
        }
        for code in [SelfConfirmedSummary.DifferingWithheld.dominant, .noneCompared] {
            let withheld = groups.filter { $0.differingWithheld == code }
            guard !withheld.isEmpty else { continue }
            notShown.append(strings.format("sc-differing-withheld-\(code.rawValue)", quoted(withheld.map(label))))
        }
        if !notShown.isEmpty {
            body += "<section id=\"not-shown\"><h2>\(e(strings["not-shown"]))</h2><ul>"
            for sentence in notShown { body += "<li>\(e(sentence))</li>" }
            body += "</ul></section>\n"
        }
        if let disclosure = summary.disclosure {
            body += HandoutPage.disclosureSection(disclosure, policy: policy, strings: strings)
            for rule in disclosure.rules where strings.rule(rule.name) == nil {
                missing("the meaning of the rule \(rule.name)")
            }
        }
        untranslated = wording.untranslated(rubricTexts: "its title, dimensions or questions")
        html = """
            <!DOCTYPE html>
            <html lang="\(language)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(title))</title>
            <style>\(HandoutPage.style)</style></head><body>
            \(body)</body></html>

            """
    }
}

extension SelfConfirmedSummary {
    /// The summary as a workshop page in English with the summary's names; see ``SelfConfirmedPage`` for the
    /// other languages and the rubric's translations.
    public func html() -> String { SelfConfirmedPage(summary: self).html }
}
