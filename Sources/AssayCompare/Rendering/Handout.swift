import AssayCore
import Foundation

/// A workshop handout's content, resolved for one language and one reading order: what the HTML page and the
/// Word document both render.
///
/// Names come from the rubric's translations when a rubric is given, else from the summary (the rubric's default
/// language). Groups are in their attributes' natural order (see ``NaturalOrder``); beyond
/// ``manyGroups`` they are sorted by median instead, highest first, so a reader finds where a group stands.
public struct Handout: Sendable {
    /// How a handout is made.
    public struct Options: Sendable {
        /// The language of the handout's words and of the rubric's names: `en`, `fr` or `es`.
        public var language: String
        /// The rubric, for its translations and for naming the answers that count as gaps; `nil` uses the
        /// summary's names.
        public var index: RubricIndex?
        /// A group's label ("QC · 10k-50k") or its attribute values separated by commas ("QC,10k-50k"): the
        /// handout then shows that group beside all organisations only.
        public var focus: String?

        /// Creates options.
        public init(language: String = "en", index: RubricIndex? = nil, focus: String? = nil) {
            self.language = language
            self.index = index
            self.focus = focus
        }
    }

    /// One group's row in a chart or table.
    public struct Row: Sendable {
        /// The group's name as the reader sees it.
        public var label: String
        /// Organisations in the group.
        public var organisations: Int
        /// The group's statistics in this scope; `nil` when the group released none.
        public var statistics: ScopeStatistics?
        /// Whether this is the row of all organisations.
        public var isOverall: Bool
        /// Why the row's levels are withheld, in the handout's language; `nil` when they are shown.
        public var levelsWithheld: String?
    }

    /// One scope's chart: a box plot, level bars and the table of numbers.
    public struct Chart: Sendable {
        /// The scope id: a dimension's, or `overall`.
        public var scope: String
        /// The scope's name.
        public var name: String
        /// The rows, in reading order.
        public var rows: [Row]
    }

    /// A group's most common gaps.
    public struct GapList: Sendable {
        public var group: String
        /// Each gap as a sentence: the question, then "72% of those who answered were at …".
        public var items: [(prompt: String, share: String)]
    }

    /// The strings of the handout's language.
    package let strings: HandoutStrings
    /// The rubric's title.
    public let title: String
    /// The lines under the title: counts, grouping, how responses were counted.
    public let meta: [String]
    /// The level names, lowest first, then the name of "below the first level" (id `none`).
    public let levels: [NamedItem]
    /// One chart per scope, dimensions first.
    public let charts: [Chart]
    public let gaps: [GapList]
    /// Plain-language sentences for every figure withheld, with names, never ids.
    public let notShown: [String]
    /// How many figures are withheld, for the summary at the top.
    public let withheldCount: Int
    /// Whether groups were sorted by median (many groups).
    public let sortedByMedian: Bool
    /// The focused group's label, when there is one.
    public let focus: String?
    /// The disclosure policy applied.
    public let policy: DisclosurePolicy
    /// The disclosure report, when the summary has one.
    public let disclosure: DisclosureReport?
    /// The groups with rounds, and their rounds.
    public let trendGroups: [(group: String, points: [TrendPoint])]
    /// What the handout shows untranslated, because neither the policy, the rubric nor Assay has it in the
    /// handout's language: each an English phrase such as `the value "10k-50k" of population`, for a warning.
    public let untranslated: [String]

    /// Groups beyond which the handout sorts by median, adds a contents list and repeats the axis.
    public static let manyGroups = 12

    /// The handout of `summary`.
    ///
    /// - Throws: ``HandoutError`` when `options.focus` names no released group.
    public init(summary: ComparisonSummary, options: Options = Options()) throws(HandoutError) {
        let strings = HandoutStrings(language: options.language)
        self.strings = strings
        let language = strings.language
        let rubric = options.index?.rubric
        let wording = PageWording(
            strings: strings, rubric: rubric, policy: summary.policy, groupBy: summary.groupBy,
            overallLabel: summary.overall.label)
        func text(_ localized: LocalizedText?) -> String? { wording.text(localized) }
        title = text(rubric?.title) ?? summary.rubric.title
        func scopeName(_ scope: NamedItem) -> String {
            if scope.id == ComparisonSummary.overallScope { return strings["overall"] }
            return text(rubric?.dimensions.first { $0.id == scope.id }?.title) ?? scope.name
        }
        let names = Dictionary(summary.scopes.map { ($0.id, scopeName($0)) }, uniquingKeysWith: { first, _ in first })
        levels =
            summary.levels.map { level in
                NamedItem(id: level.id, name: text(rubric?.levels.first { $0.id == level.id }?.name) ?? level.name)
            } + [NamedItem(id: "none", name: strings["key-none"])]
        let policy = summary.policy
        func missing(_ what: String) { wording.missing(what) }
        func label(_ group: GroupSummary) -> String {
            switch group.kind {
            case .overall: strings["all"]
            case .merged: strings["other"]
            case .group: wording.label(attributes: group.attributes, written: group.label)
            }
        }

        var released = summary.groups.filter { !$0.scopes.isEmpty }
        if let wanted = options.focus {
            let values = wanted.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let match = released.first { group in
                group.label == wanted || label(group) == wanted
                    || (group.kind == .group && values.count == summary.groupBy.count
                        && zip(summary.groupBy, values).allSatisfy { group.attributes[$0] == $1 })
            }
            guard let match else {
                throw HandoutError(focus: wanted, groups: released.map(label))
            }
            released = [match]
            focus = label(match)
        } else {
            focus = nil
        }
        let sortsByMedian = released.count > Self.manyGroups
        sortedByMedian = sortsByMedian
        if !sortsByMedian {
            released.sort { left, right in
                // The merged group goes last; real groups in their attributes' natural order.
                if left.kind != right.kind { return left.kind == .group }
                return policy.groupPrecedes(left.attributes, right.attributes, groupBy: summary.groupBy)
            }
        }
        let overallRow = summary.overall
        func levelsWithheld(_ statistics: ScopeStatistics) -> String? {
            guard statistics.levels == nil else { return nil }
            if let code = statistics.levelsWithheldCode {
                return strings.format("levels-why-\(code.rawValue)", strings.integer(policy.minimumOrganisations))
            }
            guard let reason = statistics.levelsWithheld else { return strings["withheld"] }
            if language != "en" { missing("the reason \"\(reason)\"") }
            // "withheld so that …" would read "withheld: withheld so that …".
            return reason.hasPrefix("withheld ") ? String(reason.dropFirst("withheld ".count)) : reason
        }
        var charts: [Chart] = []
        for (position, scope) in summary.scopes.enumerated() {
            func row(_ group: GroupSummary, isOverall: Bool) -> Row {
                let statistics = group.scopes.indices.contains(position) ? group.scopes[position] : nil
                return Row(
                    label: label(group), organisations: group.organisations, statistics: statistics,
                    isOverall: isOverall, levelsWithheld: statistics.flatMap(levelsWithheld))
            }
            var rows = released.map { row($0, isOverall: false) }
            if sortsByMedian {
                // A group too small for a median is placed by its mean.
                rows.sort { left, right in
                    let a = left.statistics.flatMap { $0.median ?? $0.mean } ?? -1
                    let b = right.statistics.flatMap { $0.median ?? $0.mean } ?? -1
                    return a != b ? a > b : NaturalOrder.precedes(label: left.label, right.label)
                }
            }
            if !overallRow.scopes.isEmpty { rows.insert(row(overallRow, isOverall: true), at: 0) }
            charts.append(Chart(scope: scope.id, name: names[scope.id] ?? scope.name, rows: rows))
        }
        self.charts = charts

        func gapOptions(_ question: String) -> String {
            guard let index = options.index, let entry = index.question(question), entry.question.format.isScored
            else { return strings["gap-lowest"] }
            // The rule aggregation counts by (GapRule): the lowest points, or the two lowest with four or more.
            let points = Set(entry.options.map(\.points)).sorted()
            guard let lowest = points.first else { return strings["gap-lowest"] }
            let threshold = points.count >= 4 ? points[1] : lowest
            let labels = entry.options.filter { $0.points <= threshold + 1e-9 }.map {
                $0.label.resolved(language, fallback: index.rubric.defaultLanguage)
            }
            return labels.isEmpty ? strings["gap-lowest"] : strings.either(labels)
        }
        func prompt(_ gap: GapShare) -> String {
            text(options.index?.question(gap.question)?.question.prompt) ?? gap.prompt
        }
        gaps = ([summary.overall] + released).filter { !$0.gaps.isEmpty }.map { group in
            GapList(
                group: label(group),
                items: group.gaps.map { gap in
                    (prompt(gap), strings.format("gap", String(gap.percent), gapOptions(gap.question)))
                })
        }

        var notShown: [String] = []
        var withheld = 0
        for chart in charts {
            for row in chart.rows {
                guard let statistics = row.statistics, statistics.levels == nil else { continue }
                withheld += 1
                notShown.append(
                    strings.format(
                        "levels-in", chart.name, strings.format("quote", row.label),
                        row.levelsWithheld ?? strings["withheld"]))
            }
        }
        func question(_ id: String) -> String {
            if let prompt = text(options.index?.question(id)?.question.prompt) { return prompt }
            missing("the question \"\(id)\"")
            return id
        }
        if let reasons = summary.suppressionReasons {
            for reason in reasons {
                guard
                    let sentence = strings.sentence(
                        reason, group: wording.label(written:), scope: { names[$0] ?? $0 }, question: question)
                else {
                    missing("the reason \"\(reason.message)\"")
                    notShown.append(reason.message)
                    withheld += 1
                    continue
                }
                if !notShown.contains(sentence) { notShown.append(sentence) }
                // The per-group level sentences are already counted above.
                if reason.code != .complementaryLevels && reason.code != .dominantLevelsDifferencing { withheld += 1 }
            }
        } else {
            // A summary written before reasons had codes: its English sentences, with names for scope ids.
            for sentence in summary.suppressions {
                var plain = sentence
                for scope in summary.scopes {
                    plain = plain.replacingOccurrences(
                        of: "\"\(scope.id)\"", with: strings.format("quote", names[scope.id] ?? scope.name))
                }
                plain = plain.replacingOccurrences(of: "\"other\"", with: strings.format("quote", strings["other"]))
                if language != "en" { missing("the reason \"\(sentence)\"") }
                if !notShown.contains(plain) { notShown.append(plain) }
                if !sentence.hasPrefix("levels of ") { withheld += 1 }
            }
        }
        self.notShown = notShown
        withheldCount = withheld

        let attributeNames = summary.groupBy.map { attribute in
            let found = policy.attributeName(attribute, language: language)
            if !found.isLabelled { missing("the attribute name \"\(attribute)\"") }
            return found.text
        }
        var meta = [
            strings.format(
                "meta", strings.integer(summary.totals.organisations), strings.integer(summary.totals.responses),
                attributeNames.joined(separator: ", ")),
            summary.perOrganisation == .latest ? strings["counted-latest"] : strings["counted-all"],
            strings["scores"],
        ]
        if sortsByMedian { meta.append(strings["sorted"]) }
        self.meta = meta
        self.policy = policy
        disclosure = summary.disclosure
        trendGroups = ([summary.overall] + released).compactMap { group in
            guard let trends = group.trends, !trends.isEmpty else { return nil }
            return (label(group), trends)
        }
        if let disclosure {
            for rule in disclosure.rules where strings.rule(rule.name) == nil {
                missing("the meaning of the rule \(rule.name)")
            }
        }
        untranslated = wording.untranslated(rubricTexts: "its title, dimensions, levels or questions")
    }
}

/// A `--focus` that names no released group.
public struct HandoutError: Error, Sendable, CustomStringConvertible {
    /// What was asked for.
    public var focus: String
    /// The groups that could be chosen.
    public var groups: [String]

    public var description: String {
        "--focus \"\(focus)\" names no released group; the groups are: "
            + groups.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}

/// The natural order of attribute values such as population bands: by the number they start from ("under-10k"
/// before "10k-50k" before "50k-250k" before "over-250k"), with `k` and `m` read as thousands and millions;
/// values without a number after those with one, in Swift's string order.
public enum NaturalOrder {
    /// Whether `a` comes before `b`.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        switch (key(a), key(b)) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a < b
        }
    }

    /// Whether the group label `a` ("QC · under-10k") comes before `b`, part by part.
    public static func precedes(label a: String, _ b: String) -> Bool {
        let left = a.components(separatedBy: " · ")
        let right = b.components(separatedBy: " · ")
        for (x, y) in zip(left, right) where x != y { return precedes(x, y) }
        return left.count < right.count
    }

    /// The band's position on the number line: its first number, less a little for "under", more for "over".
    static func key(_ value: String) -> Double? {
        let lowered = value.lowercased()
        var characters = Substring(lowered)
        while let first = characters.first, !first.isNumber { characters = characters.dropFirst() }
        let digits = characters.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty, var number = Double(digits) else { return nil }
        switch characters.dropFirst(digits.count).first {
        case "k": number *= 1_000
        case "m": number *= 1_000_000
        default: break
        }
        if lowered.hasPrefix("under") || lowered.hasPrefix("<") || lowered.hasPrefix("less") { number -= 0.5 }
        if lowered.hasPrefix("over") || lowered.hasPrefix(">") || lowered.hasPrefix("more") { number += 0.5 }
        return number
    }
}
