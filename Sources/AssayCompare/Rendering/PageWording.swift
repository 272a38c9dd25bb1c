import AssayCore
import Foundation

/// The words a workshop page takes from outside Assay's own: the rubric's translations and the disclosure
/// policy's labels, in the page's language, with a record of what had to be shown untranslated. The handout and the
/// self-assessment-against-confirmed page both build their names through one.
///
/// A class, used by one page's builder for as long as it builds: it collects what is untranslated as names are
/// asked for.
final class PageWording {
    /// Assay's own words, in the page's language.
    let strings: HandoutStrings
    /// The language the page is in.
    var language: String { strings.language }
    private let rubric: Rubric?
    private let policy: DisclosurePolicy
    /// The attributes groups are formed by, in order.
    private let groupBy: [String]
    /// The label the aggregation gives the group of every organisation.
    private let overallLabel: String
    private var untranslated: [String] = []
    /// Rubric texts shown in another language than the page's, counted once each for the warning.
    private var rubricFallbacks: Set<String> = []

    init(strings: HandoutStrings, rubric: Rubric?, policy: DisclosurePolicy, groupBy: [String], overallLabel: String) {
        self.strings = strings
        self.rubric = rubric
        self.policy = policy
        self.groupBy = groupBy
        self.overallLabel = overallLabel
    }

    /// Records that `what` (an English phrase: `the question "hr.1"`) is shown untranslated.
    func missing(_ what: String) {
        if !untranslated.contains(what) { untranslated.append(what) }
    }

    /// A rubric text in the page's language; `nil` without a rubric.
    func text(_ localized: LocalizedText?) -> String? {
        guard let localized, let rubric else { return nil }
        let resolved = localized.resolved(language, fallback: rubric.defaultLanguage)
        if localized.translations[language] == nil { rubricFallbacks.insert(resolved) }
        return resolved
    }

    /// An attribute value as the policy labels it in the page's language.
    func valueLabel(_ value: String, of attribute: String) -> String {
        let found = policy.valueLabel(value, of: attribute, language: language)
        if !found.isLabelled { missing("the value \"\(value)\" of \(attribute)") }
        return found.text
    }

    /// A group's label as the aggregation wrote it ("QC · 10k-50k", "other"), in the reader's words.
    func label(written: String) -> String {
        if written == GroupSummary.mergedLabel { return strings["other"] }
        if written == overallLabel { return strings["all"] }
        let parts = written.components(separatedBy: " · ")
        guard parts.count == groupBy.count else { return written }
        return zip(groupBy, parts).map { valueLabel($1, of: $0) }.joined(separator: " · ")
    }

    /// A group of organisations's label from its attributes, or from its written label when it has none.
    func label(attributes: [String: String], written: String) -> String {
        attributes.isEmpty
            ? label(written: written)
            : groupBy.map { valueLabel(attributes[$0] ?? "", of: $0) }.joined(separator: " · ")
    }

    /// Everything recorded as untranslated, and then how many of the rubric's texts (`rubricTexts`, such as "its
    /// title, dimensions or questions") are in the rubric's own language.
    func untranslated(rubricTexts: String) -> [String] {
        guard let rubric, !rubricFallbacks.isEmpty else { return untranslated }
        return untranslated + [
            "\(rubricFallbacks.count) of the rubric's texts (\(rubricTexts)) in \(rubric.defaultLanguage), since \(rubric.id) has no \(language) translation of them"
        ]
    }
}
