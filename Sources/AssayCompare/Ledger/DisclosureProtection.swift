import AssayCore

/// Withholds what a release would otherwise let an analyst derive about fewer than the minimum of organisations,
/// together with the earlier releases of the same data set: the secondary suppression across linked tables.
///
/// The unit withheld is a whole cell (a group, the merged group, the overall, a trend point) when a small set
/// could be derived from counts, sums or any other statistic of the cells; and one statistic of a cell (its level
/// distribution of a scope, its share at a gap of a question) when that statistic was withheld as dominated in
/// another cell and could be derived from the cells that publish it. A candidate is chosen among the cells that
/// contain part of the exposed set, smallest first, and kept only if it really breaks the derivation; earlier
/// releases are never changed, since they are already out.
struct DisclosureProtection {
    let check: DifferencingCheck
    let earlier: [LedgerCell]
    let exact: Bool
    let pseudonym: (UInt64) -> UInt64
    let index: RubricIndex
    let policy: DisclosurePolicy

    private(set) var suppressions: [DisclosureReport.Suppression] = []
    /// The same suppressions as codes with parameters, in the same order.
    private(set) var reasons: [SuppressionReason] = []

    private mutating func record(_ reason: SuppressionReason, rule: String, forcedBy: [String]) {
        reasons.append(reason)
        suppressions.append(DisclosureReport.Suppression(text: reason.message, rule: rule, forcedBy: forcedBy))
    }
    private(set) var releasedCells: [LedgerCell] = []

    /// The names of the earlier releases checked, oldest first.
    var releasesChecked: [String] {
        var seen = Set<Int>()
        return earlier.compactMap { seen.insert($0.release).inserted ? $0.releaseName : nil }
    }

    init(
        threshold: Int, earlier: [LedgerCell], exact: Bool, pseudonym: @escaping (UInt64) -> UInt64,
        index: RubricIndex, policy: DisclosurePolicy
    ) {
        check = DifferencingCheck(threshold: threshold)
        self.earlier = earlier
        self.exact = exact
        self.pseudonym = pseudonym
        self.index = index
        self.policy = policy
    }

    /// Where a candidate cell is in the summary.
    private enum Place: Equatable {
        case overall
        case group(Int)
        /// A round of a group (`nil`: of the overall).
        case trend(group: Int?, round: String)
    }

    private struct Candidate {
        var place: Place
        var label: String
        var kind: String
        var members: [UInt64]
        /// In a self-minus-confirmed release, the confirmed views' contributions, checked as a cell of their own
        /// beside `members` (the self-assessments'): a difference is derivable wherever both sums are.
        var companion: [UInt64] = []
        var active = true

        /// The sets of contributions the cell's figures are sums over.
        var sets: [[UInt64]] { companion.isEmpty ? [members] : [members, companion] }
    }

    mutating func protect(
        overall: inout GroupSummary,
        overallCell: SummaryBuilder.Cell,
        groups: inout [GroupSummary],
        cells: [SummaryBuilder.Cell],
        dominated: [GroupAccumulator] = []
    ) {
        var candidates: [Candidate] = []
        func members(_ accumulator: GroupAccumulator, companions: Bool = false) -> [UInt64] {
            // In place: for the overall of a million organisations, one array of 8 MB rather than three.
            var members = companions ? accumulator.companions.contributions : accumulator.organisations.contributions
            members.withUnsafeMutableBufferPointer { buffer in
                for index in buffer.indices { buffer[index] = pseudonym(buffer[index]) }
                buffer.sort()
            }
            return members
        }
        func addTrends(_ summary: GroupSummary, _ cell: SummaryBuilder.Cell, group: Int?) {
            for point in summary.trends ?? [] {
                guard let round = cell.trends?.first(where: { $0.round == point.round }) else { continue }
                candidates.append(
                    Candidate(
                        place: .trend(group: group, round: point.round),
                        label: "\(summary.label), round \(point.round)", kind: "trend",
                        members: members(round.accumulator)))
            }
        }
        if !overall.scopes.isEmpty {
            candidates.append(
                Candidate(
                    place: .overall, label: overall.label, kind: "overall", members: members(overallCell.accumulator),
                    companion: members(overallCell.accumulator, companions: true)))
            addTrends(overall, overallCell, group: nil)
        }
        for (position, (summary, cell)) in zip(groups, cells).enumerated() {
            candidates.append(
                Candidate(
                    place: .group(position), label: summary.label, kind: summary.kind.rawValue,
                    members: members(cell.accumulator), companion: members(cell.accumulator, companions: true)))
            addTrends(summary, cell, group: position)
        }

        if exact {
            suppressDerivableSets(&candidates)
            for group in dominated { suppressDerivation(of: members(group), &candidates) }
            for candidate in candidates where !candidate.active {
                withhold(candidate.place, overall: &overall, groups: &groups)
            }
            protectDominated(overall: &overall, overallCell: overallCell, groups: &groups, cells: cells, candidates)
        }
        for candidate in candidates where candidate.active {
            let summary: GroupSummary
            var trendPoint: TrendPoint?
            switch candidate.place {
            case .overall: summary = overall
            case .group(let position): summary = groups[position]
            case .trend(let group, let round):
                summary = group.map { groups[$0] } ?? overall
                trendPoint = summary.trends?.first { $0.round == round }
                if trendPoint == nil { continue }
            }
            releasedCells.append(
                LedgerCell(
                    release: 0, releaseName: "", label: candidate.label, kind: candidate.kind, exact: exact,
                    organisations: candidate.members.count, members: candidate.members,
                    families: trendPoint.map(Self.families(of:)) ?? Self.families(of: summary),
                    statistics: Self.statistics(summary: summary, trend: trendPoint)))
            if !candidate.companion.isEmpty {
                var companion = releasedCells[releasedCells.count - 1]
                companion.label += " (confirmed views)"
                companion.organisations = candidate.companion.count
                companion.members = candidate.companion
                releasedCells.append(companion)
            }
        }
        // A withheld cell is left out whole: even its count would be a figure of the set it exposes.
        var withheldGroups = Set<Int>()
        for candidate in candidates where !candidate.active {
            switch candidate.place {
            case .group(let position): withheldGroups.insert(position)
            case .overall:
                overallWithheld = true
                overall.organisations = 0
                overall.responses = 0
            case .trend: break
            }
        }
        groups = groups.enumerated().filter { !withheldGroups.contains($0.offset) }.map(\.element)
    }

    /// Whether the overall was withheld whole, its counts with it.
    private(set) var overallWithheld = false

    /// Withholds whole cells until no set of fewer than the threshold can be derived from the cells of this
    /// release and the earlier ones.
    private mutating func suppressDerivableSets(_ candidates: inout [Candidate]) {
        let earlierMembers = earlier.map(\.members)
        while true {
            let active = candidates.indices.filter { candidates[$0].active }
            guard let disclosure = check.disclosure(in: earlierMembers + active.flatMap { candidates[$0].sets })
            else { return }
            guard !active.isEmpty else {
                // The earlier releases alone expose the set: nothing this release withholds can change that.
                record(
                    SuppressionReason(
                        .earlierReleasesExpose, minimum: check.threshold, releases: releasesChecked,
                        message:
                            "earlier releases in the ledger already let a set of fewer than \(check.threshold) organisations be derived; this release adds nothing to it"
                    ), rule: "minimum_organisations", forcedBy: releasesChecked)
                return
            }
            let chosen = cellToWithhold(touching: disclosure.organisations, among: active, of: candidates) { rest in
                disclosure.isSearchLimit || check.derivesVector(within: disclosure.organisations, from: rest)
            }
            let forcedBy = involvedReleases(disclosure.organisations, candidates: candidates)
            candidates[chosen].active = false
            let against =
                forcedBy.isEmpty
                ? "the other cells of this release"
                : "the cells of \(forcedBy.map { "\"\($0)\"" }.joined(separator: ", "))"
            record(
                SuppressionReason(
                    .differencing, minimum: check.threshold, organisations: disclosure.organisations.count,
                    group: candidates[chosen].label, releases: forcedBy,
                    message:
                        "\"\(candidates[chosen].label)\" withheld: with \(against), it would let the figures of \(disclosure.organisations.count == 1 ? "one organisation" : "\(disclosure.organisations.count) organisations") (fewer than \(check.threshold)) be derived by subtraction"
                ), rule: "minimum_organisations", forcedBy: forcedBy)
        }
    }

    /// Withholds cells until `target` (a group withheld because one organisation gave most of its responses)
    /// can no longer be derived from the cells of this release and the earlier ones.
    private mutating func suppressDerivation(of target: [UInt64], _ candidates: inout [Candidate]) {
        let earlierMembers = earlier.map(\.members)
        while true {
            let active = candidates.indices.filter { candidates[$0].active }
            guard check.isDerivable(target, from: earlierMembers + active.flatMap { candidates[$0].sets }) else {
                return
            }
            guard !active.isEmpty else { return }
            let chosen = cellToWithhold(touching: target, among: active, of: candidates) { rest in
                check.isDerivable(target, from: rest)
            }
            candidates[chosen].active = false
            record(
                SuppressionReason(
                    .dominanceDifferencing, group: candidates[chosen].label,
                    message:
                        "\"\(candidates[chosen].label)\" withheld: with the other cells it would give the figures of a group withheld because one organisation gave most of its responses"
                ), rule: "dominance", forcedBy: releasesChecked)
        }
    }

    /// The cell of `active` to withhold against an exposure of `exposed`: among the cells holding part of it
    /// first, then the others, smallest first, the first without which `stillExposed` (given the earlier cells and
    /// the rest) no longer holds; the first in that order when none breaks it alone.
    private func cellToWithhold(
        touching exposed: [UInt64], among active: [Int], of candidates: [Candidate],
        stillExposed: ([[UInt64]]) -> Bool
    ) -> Int {
        let inside = Set(exposed)
        func key(_ position: Int) -> (Int, Int) {
            (
                candidates[position].sets.contains { $0.contains(where: inside.contains) } ? 0 : 1,
                candidates[position].members.count
            )
        }
        let order = active.sorted {
            key($0) != key($1) ? key($0) < key($1) : candidates[$0].label < candidates[$1].label
        }
        let earlierMembers = earlier.map(\.members)
        return order.prefix(16).first { position in
            !stillExposed(earlierMembers + active.filter { $0 != position }.flatMap { candidates[$0].sets })
        } ?? order[0]
    }

    /// The earlier releases without whose cells the set could not be derived from the rest.
    private func involvedReleases(_ set: [UInt64], candidates: [Candidate]) -> [String] {
        let current = candidates.filter(\.active).flatMap(\.sets)
        var names: [String] = []
        var seen = Set<Int>()
        for cell in earlier where seen.insert(cell.release).inserted {
            let without = earlier.filter { $0.release != cell.release }.map(\.members)
            if !check.derivesVector(within: set, from: without + current) { names.append(cell.releaseName) }
        }
        return names
    }

    private func withhold(_ place: Place, overall: inout GroupSummary, groups: inout [GroupSummary]) {
        func empty(_ summary: inout GroupSummary) {
            summary.scopes = []
            summary.gaps = []
            summary.trends = nil
        }
        switch place {
        case .overall: empty(&overall)
        case .group(let position): empty(&groups[position])
        case .trend(nil, let round): overall.trends?.removeAll { $0.round == round }
        case .trend(let group?, let round): groups[group].trends?.removeAll { $0.round == round }
        }
    }

    /// Withholds a level distribution or a gap share wherever it would let one that was withheld as dominated
    /// (all, or all but one, organisations at one level or gap) be derived from the cells that publish it.
    private mutating func protectDominated(
        overall: inout GroupSummary,
        overallCell: SummaryBuilder.Cell,
        groups: inout [GroupSummary],
        cells: [SummaryBuilder.Cell],
        _ candidates: [Candidate]
    ) {
        guard policy.withholdsDominantLevels else { return }
        let groupMembers = candidates.compactMap { candidate -> (Int, [UInt64])? in
            if case .group(let position) = candidate.place, candidate.active { return (position, candidate.members) }
            return nil
        }
        let overallMembers = candidates.first { $0.place == .overall && $0.active }?.members
        let scopeIDs = index.rubric.dimensions.map(\.id) + [ComparisonSummary.overallScope]
        for (position, members) in groupMembers {
            guard !groups[position].scopes.isEmpty else { continue }
            var families: [String] = []
            for (scope, statistics) in groups[position].scopes.enumerated()
            where statistics.levels == nil && statistics.levelsWithheld == SummaryBuilder.dominatedLevels {
                families.append("levels:\(scopeIDs[scope])")
            }
            let accumulator = cells[position].accumulator
            let gapCounts = accumulator.gapCounts
            let gapOrganisations = accumulator.gapOrganisations
            let otherOrganisations = accumulator.otherOrganisations
            for question in index.questions.indices where gapCounts[question] > 0 {
                if gapOrganisations[question].count < 2 || otherOrganisations[question].count < 2 {
                    families.append("gap:\(index.questions[question].question.id)")
                }
            }
            for family in families {
                while true {
                    var publishing: [(place: Place?, members: [UInt64])] = earlier.filter {
                        $0.families.contains(family)
                    }.map { (nil, $0.members) }
                    if let overallMembers, Self.families(of: overall).contains(family) {
                        publishing.append((.overall, overallMembers))
                    }
                    for (other, otherMembers) in groupMembers
                    where other != position && Self.families(of: groups[other]).contains(family) {
                        publishing.append((.group(other), otherMembers))
                    }
                    // Disjoint groups alone never add up to another group: a superset must publish it too.
                    guard publishing.contains(where: { $0.place == nil || $0.place == .overall }),
                        check.isDerivable(members, from: publishing.map(\.members))
                    else { break }
                    // Withhold it where that breaks the derivation: the first of this release's cells, overall
                    // first and then the smallest, without which the rest no longer add up to the group.
                    let current = publishing.indices.filter { publishing[$0].place != nil }.sorted {
                        (publishing[$0].place == .overall ? 0 : 1, publishing[$0].members.count)
                            < (publishing[$1].place == .overall ? 0 : 1, publishing[$1].members.count)
                    }
                    guard !current.isEmpty else { break }
                    let breaking = current.first { candidate in
                        let rest = publishing.indices.filter { $0 != candidate }.map { publishing[$0].members }
                        return !check.isDerivable(members, from: rest)
                    }
                    let place = publishing[breaking ?? current[0]].place!
                    withholdFamily(family, at: place, overall: &overall, groups: &groups, scopeIDs: scopeIDs)
                    let what = family.hasPrefix("levels:") ? "levels" : "the gap share"
                    let subject =
                        family.hasPrefix("levels:")
                        ? scopeName(String(family.dropFirst("levels:".count)))
                        : String(family.dropFirst("gap:".count))
                    let label = place == .overall ? overall.label : groups[indexOf(place)].label
                    let isLevels = family.hasPrefix("levels:")
                    let familyID = String(family.dropFirst(isLevels ? "levels:".count : "gap:".count))
                    record(
                        SuppressionReason(
                            isLevels ? .dominantLevelsDifferencing : .dominantGapDifferencing, group: label,
                            source: groups[position].label, scope: isLevels ? familyID : nil,
                            question: isLevels ? nil : familyID,
                            message:
                                "\(what) of \(subject) withheld in \"\(label)\", so that those withheld in \"\(groups[position].label)\" (all, or all but one, organisations alike) cannot be recovered by subtraction"
                        ), rule: "withhold_dominant_levels", forcedBy: [])
                }
            }
        }
    }

    private func indexOf(_ place: Place) -> Int {
        if case .group(let position) = place { return position }
        return 0
    }

    private func scopeName(_ id: String) -> String {
        if id == ComparisonSummary.overallScope { return "the overall score" }
        let language = index.rubric.defaultLanguage
        return index.rubric.dimensions.first { $0.id == id }.map {
            "\"\($0.title.resolved(language, fallback: language))\""
        }
            ?? id
    }

    private func withholdFamily(
        _ family: String, at place: Place, overall: inout GroupSummary, groups: inout [GroupSummary],
        scopeIDs: [String]
    ) {
        func apply(_ summary: inout GroupSummary) {
            if family.hasPrefix("levels:"), let scope = scopeIDs.firstIndex(of: String(family.dropFirst(7))),
                scope < summary.scopes.count
            {
                summary.scopes[scope].levels = nil
                summary.scopes[scope].levelsWithheld =
                    "withheld so that another group's levels cannot be recovered by subtraction"
                summary.scopes[scope].levelsWithheldCode = .complementary
            } else if family.hasPrefix("gap:") {
                let question = String(family.dropFirst(4))
                summary.gaps.removeAll { $0.question == question }
            }
        }
        switch place {
        case .overall: apply(&overall)
        case .group(let position): apply(&groups[position])
        case .trend: break
        }
    }

    /// The statistic families a group publishes.
    static func families(of summary: GroupSummary) -> Set<String> {
        guard !summary.scopes.isEmpty else { return [] }
        var families: Set<String> = ["count"]
        for scope in summary.scopes {
            if scope.mean != nil { families.insert("mean:\(scope.scope)") }
            if scope.median != nil { families.insert("median:\(scope.scope)") }
            if scope.levels != nil { families.insert("levels:\(scope.scope)") }
        }
        for gap in summary.gaps { families.insert("gap:\(gap.question)") }
        return families
    }

    static func families(of point: TrendPoint) -> Set<String> {
        var families: Set<String> = ["count"]
        if point.mean != nil { families.insert("mean:\(ComparisonSummary.overallScope)") }
        if point.median != nil { families.insert("median:\(ComparisonSummary.overallScope)") }
        return families
    }

    /// What a cell published, as compact JSON for the ledger.
    static func statistics(summary: GroupSummary, trend: TrendPoint?) -> String {
        func number(_ value: Double?) -> String { value.map { $0.isFinite ? "\($0)" : "null" } ?? "null" }
        if let trend {
            return
                "{\"organisations\":\(trend.organisations),\"mean\":\(number(trend.mean)),\"median\":\(number(trend.median))}"
        }
        let scopes = summary.scopes.map { scope in
            let levels = scope.levels.map { "[" + $0.map { String($0.count) }.joined(separator: ",") + "]" } ?? "null"
            return
                "{\"count\":\(scope.count),\"mean\":\(number(scope.mean)),\"median\":\(number(scope.median)),\"levels\":\(levels)}"
        }
        let gaps = summary.gaps.map { "[\(jsonString($0.question)),\($0.percent)]" }
        return
            "{\"organisations\":\(summary.organisations),\"scopes\":[\(scopes.joined(separator: ","))],\"gaps\":[\(gaps.joined(separator: ","))]}"
    }

    private static func jsonString(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
