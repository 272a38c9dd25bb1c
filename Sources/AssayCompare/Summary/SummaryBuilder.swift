import AssayCore
import Foundation

/// Applies a ``DisclosurePolicy`` to a ``ResponseSetAggregate``: the one way raw counts become a releasable
/// ``ComparisonSummary``.
public struct SummaryBuilder: Sendable {
    /// The rubric the responses answered, indexed.
    public let index: RubricIndex
    /// The rules applied.
    public let policy: DisclosurePolicy
    /// Turns participants' names into pseudonyms; without one, no participant is listed.
    public let pseudonymiser: Pseudonymiser?

    /// A builder for `index`'s rubric under `policy`.
    public init(index: RubricIndex, policy: DisclosurePolicy = DisclosurePolicy(), pseudonymiser: Pseudonymiser? = nil)
    {
        self.index = index
        self.policy = policy
        self.pseudonymiser = pseudonymiser
    }

    /// A released peer group, or the overall total, with its counts.
    struct Cell {
        var attributes: [String: String]
        var label: String
        var kind: GroupSummary.Kind
        var accumulator: GroupAccumulator
        var trends: [(round: String, accumulator: GroupAccumulator)]?
        /// Under differential privacy, the noisy organisation count: drawn once, it both decides whether the
        /// group is released (a noisy threshold) and is the count published.
        var noisyCount: Double?

        /// How many organisations the release rules see: the noisy count under differential privacy.
        var releaseCount: Double { noisyCount ?? Double(accumulator.organisations.count) }
    }

    /// The summary of `aggregate` that the policy allows to be released.
    ///
    /// Its cells are checked against each other for differencing (see ``DifferencingCheck``), but not against any
    /// earlier release: ``release(of:earlier:pseudonym:privacy:using:)`` does that with a ``ReleaseLedger``.
    public func summary(of aggregate: ResponseSetAggregate) -> ComparisonSummary {
        var generator = SystemRandomNumberGenerator()
        return summary(of: aggregate, privacy: nil, earlier: [], pseudonym: { $0 }, using: &generator).summary
    }

    /// The summary of `aggregate` with differential privacy: noisy organisation counts and noisy means, and
    /// nothing else per scope (see ``LaplaceRelease``).
    ///
    /// - Throws: ``PrivacyBudgetError`` when the aggregate counts every response rather than each organisation's
    ///   latest, which would let one organisation contribute many times.
    public func privateSummary<G: RandomNumberGenerator>(
        of aggregate: ResponseSetAggregate,
        release: LaplaceRelease,
        using generator: inout G
    ) throws(PrivacyBudgetError) -> ComparisonSummary {
        guard aggregate.perOrganisation == .latest else {
            throw PrivacyBudgetError(
                message:
                    "differential privacy needs one response per organisation: use --per-organisation latest"
            )
        }
        return summary(of: aggregate, privacy: release, earlier: [], pseudonym: { $0 }, using: &generator).summary
    }

    /// The summary of `aggregate` protected against `earlier` releases of the same data set, with the cells it
    /// releases, for the ledger to record.
    ///
    /// - Parameters:
    ///   - earlier: the exact cells already released, from the ledger.
    ///   - pseudonym: the ledger's pseudonym of an organisation's hash, the identity the earlier cells use.
    ///   - privacy: the differential-privacy release, when this is one.
    /// - Throws: ``PrivacyBudgetError`` when `privacy` is given for an aggregate that counts every response.
    package func release<G: RandomNumberGenerator>(
        of aggregate: ResponseSetAggregate,
        earlier: [LedgerCell],
        earlierMinimum: Int = 0,
        pseudonym: @escaping (UInt64) -> UInt64,
        privacy: LaplaceRelease?,
        using generator: inout G
    ) throws(PrivacyBudgetError) -> ProtectedRelease {
        if privacy != nil && aggregate.perOrganisation != .latest {
            throw PrivacyBudgetError(
                message:
                    "differential privacy needs one response per organisation: use --per-organisation latest"
            )
        }
        return summary(
            of: aggregate, privacy: privacy, earlier: earlier, earlierMinimum: earlierMinimum, pseudonym: pseudonym,
            using: &generator)
    }

    private func summary<G: RandomNumberGenerator>(
        of aggregate: ResponseSetAggregate,
        privacy: LaplaceRelease?,
        earlier: [LedgerCell],
        earlierMinimum: Int = 0,
        pseudonym: @escaping (UInt64) -> UInt64,
        using generator: inout G
    ) -> ProtectedRelease {
        let rubric = index.rubric
        let language = rubric.defaultLanguage
        let minimum = policy.minimumOrganisations
        var suppressions: [SuppressionReason] = []
        let empty = GroupAccumulator(
            scopeCount: rubric.dimensions.count + 1,
            levelCount: rubric.levels.count,
            questionCount: index.questions.count
        )
        var overall = Cell(
            attributes: [:], label: "all organisations", kind: .overall, accumulator: empty, trends: nil)
        var cells: [Cell] = []
        var small: [Cell] = []
        for group in aggregate.groups {
            // The overall statistics are read from the groups' own scores (see `statistics`); only a private
            // release, whose noisy means sum the overall's scores, needs them copied into the overall.
            overall.accumulator.merge(group.accumulator, includingScores: privacy != nil)
            var cell = Cell(
                attributes: Dictionary(zip(aggregate.groupBy, group.values), uniquingKeysWith: { $1 }),
                label: group.values.joined(separator: " · "),
                kind: .group,
                accumulator: group.accumulator,
                // Trends are not released under differential privacy; not even their suppression is mentioned,
                // since that would be decided on exact counts.
                trends: privacy == nil ? aggregate.trends[group.values] : nil
            )
            if let privacy {
                cell.noisyCount = privacy.noisyCount(cell.accumulator.organisations.count, using: &generator)
            }
            if cell.releaseCount >= Double(minimum) && !isDominated(cell, aggregate.perOrganisation) {
                cells.append(cell)
            } else {
                small.append(cell)
            }
        }
        if privacy == nil {
            overall.trends = Self.mergedTrends(
                aggregate.groups.compactMap { aggregate.trends[$0.values] }, empty: empty)
        }
        if let privacy {
            overall.noisyCount = privacy.noisyCount(overall.accumulator.organisations.count, using: &generator)
        }
        let overallDominated = isDominated(overall, aggregate.perOrganisation)
        let overallReleased = overall.releaseCount >= Double(minimum) && !overallDominated
        var suppressedCells = 0
        let dominated = small.filter { $0.releaseCount >= Double(minimum) }.count
        if dominated > 0 {
            suppressions.append(
                SuppressionReason(
                    .groupsDominated, count: dominated,
                    message:
                        "\(Self.groups(dominated)) treated as too small: one organisation gave more than \(Self.dominanceShareText) of \(dominated == 1 ? "its" : "each one's") responses"
                ))
        }
        // Under differential privacy small groups are suppressed, not merged: merged, their organisations would
        // be counted a third time (group, merged group, overall) against a budget split for two.
        if !small.isEmpty {
            switch privacy == nil ? policy.smallGroups : .suppress {
            case .merge:
                var other = Cell(
                    attributes: [:], label: GroupSummary.mergedLabel, kind: .merged, accumulator: empty, trends: nil)
                for cell in small { other.accumulator.merge(cell.accumulator) }
                other.trends = Self.mergedTrends(small.compactMap(\.trends), empty: empty)
                if let privacy {
                    other.noisyCount = privacy.noisyCount(other.accumulator.organisations.count, using: &generator)
                }
                suppressions.append(
                    SuppressionReason(
                        .groupsMerged, count: small.count, minimum: minimum,
                        message:
                            "\(Self.groups(small.count)) merged into \"other\": fewer than \(minimum) organisations each"
                    ))
                if other.releaseCount >= Double(minimum) && !isDominated(other, aggregate.perOrganisation) {
                    cells.append(other)
                } else {
                    suppressedCells += 1
                    suppressions.append(
                        SuppressionReason(
                            .mergedGroupSuppressed, minimum: minimum,
                            message: "the group \"other\" suppressed: fewer than \(minimum) organisations"))
                }
            case .suppress:
                suppressedCells += small.count
                suppressions.append(
                    SuppressionReason(
                        .groupsSuppressed, count: small.count, minimum: minimum,
                        message: "\(Self.groups(small.count)) suppressed: fewer than \(minimum) organisations"))
            }
        }
        if policy.complementarySuppression && overallReleased && suppressedCells == 1,
            let smallest = cells.indices.min(by: {
                (cells[$0].releaseCount, cells[$0].label) < (cells[$1].releaseCount, cells[$1].label)
            })
        {
            cells.remove(at: smallest)
            suppressedCells += 1
            suppressions.append(
                SuppressionReason(
                    .complementaryGroup,
                    message:
                        "1 more group suppressed (the smallest released one), so the suppressed group cannot be recovered by subtracting the released groups from the total"
                ))
        }
        if overallDominated {
            cells = []
            suppressions.append(
                SuppressionReason(
                    .allDominated,
                    message:
                        "nothing released: one organisation gave more than \(Self.dominanceShareText) of all the responses"
                ))
        } else if !overallReleased {
            cells = []
            let count = overall.accumulator.organisations.count
            suppressions.append(
                privacy == nil
                    ? SuppressionReason(
                        .allTooSmall, minimum: minimum, organisations: count,
                        message:
                            "nothing released: the response set has fewer than \(minimum) organisations (\(count))")
                    : SuppressionReason(
                        .allTooSmallNoisy, minimum: minimum,
                        message: "nothing released: the response set's noisy count is below \(minimum) organisations")
            )
        }

        let statistics = Self.statistics(
            of: cells.map(\.accumulator),
            overall: aggregate.groups.map(\.accumulator),
            scopeCount: rubric.dimensions.count + 1
        )
        var overallSummary = groupSummary(
            overall, statistics: statistics.overall, released: overallReleased, suppressions: &suppressions)
        var summaries = zip(cells, statistics.cells).map {
            groupSummary($0, statistics: $1, released: true, suppressions: &suppressions)
        }
        if let privacy {
            overallSummary = noisy(overallSummary, overall, privacy, using: &generator)
            summaries = zip(summaries, cells).map { noisy($0, $1, privacy, using: &generator) }
        }
        if policy.complementarySuppression && overallReleased && privacy == nil {
            complementTrends(
                overall: overallSummary,
                groups: &summaries,
                cells: cells,
                suppressedCells: suppressedCells,
                suppressions: &suppressions
            )
            complementLevels(
                overall: &overallSummary, groups: &summaries, suppressedCells: suppressedCells,
                suppressions: &suppressions)
        }
        var protection = DisclosureProtection(
            // A programme that lowers its minimum keeps the promise it made to the organisations of its earlier
            // releases: the check across releases uses the highest minimum any of them used.
            threshold: max(minimum, earlierMinimum), earlier: earlier, exact: privacy == nil, pseudonym: pseudonym,
            index: index,
            policy: policy)
        // A group withheld because one organisation dominates it must not come back as a difference either.
        let dominatedGroups = small.filter { $0.releaseCount >= Double(minimum) }.map(\.accumulator)
        protection.protect(
            overall: &overallSummary, overallCell: overall, groups: &summaries, cells: cells,
            dominated: dominatedGroups)
        suppressions += protection.reasons
        let released = summaries.filter { $0.kind == .group && !$0.scopes.isEmpty }.count
        var result = ComparisonSummary(
            format: ComparisonSummary.currentFormat,
            rubric: RubricReference(
                id: rubric.id, version: rubric.version, title: rubric.title.resolved(language, fallback: language)),
            groupBy: aggregate.groupBy,
            perOrganisation: aggregate.perOrganisation,
            policy: policy,
            scopes: rubric.dimensions.map {
                NamedItem(id: $0.id, name: $0.title.resolved(language, fallback: language))
            }
                + [NamedItem(id: ComparisonSummary.overallScope, name: "Overall")],
            levels: rubric.levels.map { NamedItem(id: $0.id, name: $0.name.resolved(language, fallback: language)) },
            totals: Totals(
                organisations: overall.accumulator.organisations.count,
                responses: overall.accumulator.responses,
                groups: aggregate.groups.count,
                groupsReleased: released,
                linesSkipped: aggregate.skippedCount
            ),
            overall: overallSummary,
            groups: summaries,
            suppressions: suppressions.map(\.message),
            suppressionReasons: suppressions,
            // Under differential privacy the list's length would be the exact count the noise hides.
            participants: privacy == nil
                ? pseudonymiser.map { keyed in aggregate.participants.map(keyed.pseudonym(of:)).sorted() } : nil,
            differentialPrivacy: privacy.map { release in
                PrivacyNote(
                    epsilon: release.epsilon,
                    epsilonPerQuery: release.epsilonPerQuery,
                    bounds: [release.bounds.lowerBound, release.bounds.upperBound],
                    countNoiseScale: release.countScale,
                    sumNoiseScale: release.sumScale,
                    note:
                        "Organisation counts and means carry Laplace noise; medians, quartiles, level distributions, gaps and trends are not released. Which groups are released is decided on their noisy counts (a noisy threshold), and no exact count is published."
                )
            },
            disclosure: DisclosureReport(
                policy: policy,
                ledger: nil,
                releasesChecked: protection.releasesChecked,
                suppressions: protection.suppressions
            )
        )
        // Every output lists the groups so: in their attributes' declared order (or natural order), merged last.
        result.groups.sort { left, right in
            if left.kind != right.kind { return left.kind == .group }
            if left.attributes != right.attributes {
                return policy.groupPrecedes(left.attributes, right.attributes, groupBy: aggregate.groupBy)
            }
            return left.label < right.label
        }
        if protection.overallWithheld {
            result.totals.organisations = 0
            result.totals.responses = 0
        }
        if privacy != nil {
            // Every exact count would undo the noise: the totals show the overall's noisy count, and how many
            // groups there were and how many lines were skipped are not published.
            result.totals.organisations = result.overall.organisations
            result.totals.responses = result.overall.responses
            result.totals.groups = result.groups.count
            result.totals.linesSkipped = 0
        }
        return ProtectedRelease(summary: result, cells: protection.releasedCells)
    }

    /// `summary` with its counts and means replaced by noisy ones, and everything else per scope dropped.
    private func noisy<G: RandomNumberGenerator>(
        _ summary: GroupSummary,
        _ cell: Cell,
        _ release: LaplaceRelease,
        using generator: inout G
    ) -> GroupSummary {
        var copy = summary
        let count = cell.noisyCount ?? release.noisyCount(cell.accumulator.organisations.count, using: &generator)
        copy.organisations = LaplaceRelease.publishedCount(count)
        copy.responses = copy.organisations
        guard !summary.scopes.isEmpty else {
            copy.trends = nil
            return copy
        }
        copy.scopes = summary.scopes.enumerated().map { scope, statistics in
            ScopeStatistics(
                scope: statistics.scope,
                count: copy.organisations,
                mean: release.noisyMean(
                    cell.accumulator.scores.scores(scope: scope), noisyCount: count, using: &generator
                )
                .map(policy.rounded),
                median: nil,
                q1: nil,
                q3: nil,
                levels: nil,
                levelsWithheld: "not released under differential privacy",
                levelsWithheldCode: .differentialPrivacy
            )
        }
        copy.gaps = []
        copy.trends = nil
        return copy
    }

    private func groupSummary(
        _ cell: Cell,
        statistics: [ScoreStatistics],
        released: Bool,
        suppressions: inout [SuppressionReason]
    ) -> GroupSummary {
        let accumulator = cell.accumulator
        let organisations = accumulator.organisations.count
        guard released else {
            return GroupSummary(
                attributes: cell.attributes,
                label: cell.label,
                kind: cell.kind,
                organisations: organisations,
                responses: accumulator.responses,
                scopes: [],
                gaps: [],
                trends: nil
            )
        }
        let rubric = index.rubric
        let language = rubric.defaultLanguage
        let scopeIDs = rubric.dimensions.map(\.id) + [ComparisonSummary.overallScope]
        var scopes: [ScopeStatistics] = []
        let levelCounts = accumulator.levelCounts
        let levelOrganisations = accumulator.levelOrganisations
        let quartiles = organisations >= policy.minimumOrganisationsForQuartiles
        for (scope, id) in scopeIDs.enumerated() {
            let scores = statistics[scope]
            // A scope's figures cover only the responses with a score in it: a dimension that one or two
            // organisations answered would publish their scores, so it needs the minimum on its own.
            guard scores.count >= policy.minimumOrganisations else {
                scopes.append(
                    ScopeStatistics(
                        scope: id, count: 0, mean: nil, median: nil, q1: nil, q3: nil, levels: nil,
                        levelsWithheld: "fewer than \(policy.minimumOrganisations) have a score here",
                        levelsWithheldCode: .fewScores))
                continue
            }
            // The ledger links releases by the organisations behind each cell, the whole group. A scope scored by
            // only some of them publishes a sum over a smaller set than the cell says, which another release (the
            // other view of the same organisations, or the same group before one answered) can be subtracted
            // from. So a scope's figures are published only when every response of the cell has a score in it.
            guard scores.count == accumulator.responses else {
                scopes.append(
                    ScopeStatistics(
                        scope: id, count: 0, mean: nil, median: nil, q1: nil, q3: nil, levels: nil,
                        levelsWithheld: "not every organisation here has a score",
                        levelsWithheldCode: .partlyScored))
                continue
            }
            let quartiles = quartiles && scores.count >= policy.minimumOrganisationsForQuartiles
            var released = ScopeStatistics(
                scope: id,
                count: scores.count,
                mean: scores.mean.map(policy.rounded),
                // A median of a small group is one member's score (or the mean of two): only from the quartiles'
                // size on.
                median: quartiles ? scores.median.map(policy.rounded) : nil,
                q1: quartiles ? scores.q1.map(policy.rounded) : nil,
                q3: quartiles ? scores.q3.map(policy.rounded) : nil,
                levels: nil,
                levelsWithheld: nil
            )
            if policy.withholdsDominantLevels && Self.isDominated(levelOrganisations[scope]) {
                released.levelsWithheld = Self.dominatedLevels
                released.levelsWithheldCode = .dominantLevel
            } else {
                let ids = rubric.levels.map(\.id) + ["none"]
                released.levels = zip(ids, levelCounts[scope]).map { LevelCount(level: $0, count: $1) }
            }
            scopes.append(released)
        }
        var candidates: [(position: Int, share: Double)] = []
        let gapCounts = accumulator.gapCounts
        let answeredCounts = accumulator.answeredCounts
        let gapOrganisations = accumulator.gapOrganisations
        let otherOrganisations = accumulator.otherOrganisations
        for position in index.questions.indices where gapCounts[position] > 0 {
            // A share is over those who answered: it needs the minimum of them.
            guard answeredCounts[position] >= policy.minimumOrganisations else { continue }
            if policy.withholdsDominantLevels
                && (gapOrganisations[position].count < 2 || otherOrganisations[position].count < 2)
            {
                continue
            }
            candidates.append((position, Double(gapCounts[position]) / Double(answeredCounts[position])))
        }
        candidates.sort { $0.share != $1.share ? $0.share > $1.share : $0.position < $1.position }
        let gaps = candidates.prefix(policy.gapLimit).map { candidate in
            let question = index.questions[candidate.position].question
            return GapShare(
                question: question.id,
                prompt: question.prompt.resolved(language, fallback: language),
                percent: Int((candidate.share * 100).rounded(.toNearestOrAwayFromZero))
            )
        }
        var trends: [TrendPoint]?
        if let rounds = cell.trends {
            var withheld = 0
            trends = []
            let overallScope = rubric.dimensions.count
            for round in rounds {
                guard round.accumulator.organisations.count >= policy.minimumOrganisations else {
                    withheld += 1
                    continue
                }
                let scores = Self.statistics(of: [round.accumulator.scores], scope: overallScope)
                trends?.append(
                    TrendPoint(
                        round: round.round,
                        organisations: round.accumulator.organisations.count,
                        mean: scores.mean.map(policy.rounded),
                        median: round.accumulator.organisations.count >= policy.minimumOrganisationsForQuartiles
                            ? scores.median.map(policy.rounded) : nil
                    )
                )
            }
            if withheld > 0 {
                suppressions.append(
                    SuppressionReason(
                        .roundsTooSmall, count: withheld, minimum: policy.minimumOrganisations, group: cell.label,
                        message:
                            "\(withheld) round\(withheld == 1 ? "" : "s") of \"\(cell.label)\" withheld: fewer than \(policy.minimumOrganisations) organisations"
                    ))
            }
        }
        return GroupSummary(
            attributes: cell.attributes,
            label: cell.label,
            kind: cell.kind,
            organisations: organisations,
            responses: accumulator.responses,
            scopes: scopes,
            gaps: gaps,
            trends: trends
        )
    }

    /// Every scope's statistics of every cell, and of all `groups` together, worked out on all cores.
    ///
    /// With a million responses this is most of the summary's work. The overall statistics are read from a copy
    /// of every group's scores, one scope at a time, so the million scores per scope are never kept twice.
    private static func statistics(
        of cells: [GroupAccumulator],
        overall groups: [GroupAccumulator],
        scopeCount: Int
    ) -> (overall: [ScoreStatistics], cells: [[ScoreStatistics]]) {
        // The overall scopes first, the largest items, so the cells' chunks fill in behind them.
        let chunkSize = 32
        let chunks = (cells.count + chunkSize - 1) / chunkSize
        let overall = ConcurrentSlots<ScoreStatistics>(count: scopeCount)
        let perCell = ConcurrentSlots<[ScoreStatistics]>(count: cells.count)
        DispatchQueue.concurrentPerform(iterations: scopeCount + chunks) { item in
            if item < scopeCount {
                overall.store(statistics(of: groups.map(\.scores), scope: item), at: item)
                return
            }
            let start = (item - scopeCount) * chunkSize
            for index in start..<min(start + chunkSize, cells.count) {
                perCell.store((0..<scopeCount).map { statistics(of: [cells[index].scores], scope: $0) }, at: index)
            }
        }
        return (
            overall.all().map { $0 ?? ScoreStatistics() },
            perCell.all().map { $0 ?? Array(repeating: ScoreStatistics(), count: scopeCount) }
        )
    }

    /// The statistics of the scores of `scope` in `tables` joined in order, worked out on a copy so the tables
    /// stay as they are.
    private static func statistics(of tables: [ScoreTable], scope: Int) -> ScoreStatistics {
        let buffer = UnsafeMutableBufferPointer<Double>.allocate(capacity: tables.reduce(0) { $0 + $1.rowCount })
        defer { buffer.deallocate() }
        var next = 0
        for table in tables { next += table.copyScores(scope: scope, into: buffer.baseAddress! + next) }
        return ScoreStatistics(rearranging: UnsafeMutableBufferPointer(rebasing: buffer[0..<next]))
    }

    /// Where exactly one group's point of a round is withheld while the round's overall point is released,
    /// withholds one more group's point of that round, so the first cannot be recovered by subtraction.
    private func complementTrends(
        overall: GroupSummary,
        groups: inout [GroupSummary],
        cells: [Cell],
        suppressedCells: Int,
        suppressions: inout [SuppressionReason]
    ) {
        for point in overall.trends ?? [] {
            let withheld = zip(groups, cells).filter { group, cell in
                (cell.trends ?? []).contains { $0.round == point.round }
                    && !(group.trends ?? []).contains { $0.round == point.round }
            }.count
            guard withheld + suppressedCells == 1 else { continue }
            let candidates = groups.indices.filter { (groups[$0].trends ?? []).contains { $0.round == point.round } }
            guard let smallest = candidates.min(by: { groups[$0].organisations < groups[$1].organisations }) else {
                continue
            }
            groups[smallest].trends?.removeAll { $0.round == point.round }
            suppressions.append(
                SuppressionReason(
                    .complementaryRound, group: groups[smallest].label, round: point.round,
                    message:
                        "round \"\(point.round)\" withheld in 1 more group, so another group's cannot be recovered by subtraction"
                ))
        }
    }

    /// Where exactly one part of a released level distribution is missing, withholds one more, per scope.
    private func complementLevels(
        overall: inout GroupSummary,
        groups: inout [GroupSummary],
        suppressedCells: Int,
        suppressions: inout [SuppressionReason]
    ) {
        for scope in overall.scopes.indices where overall.scopes[scope].levels != nil {
            let withheld = groups.filter { $0.scopes[scope].levels == nil }.count
            guard withheld + suppressedCells == 1 else { continue }
            let candidates = groups.indices.filter { groups[$0].scopes[scope].levels != nil }
            guard let smallest = candidates.min(by: { groups[$0].organisations < groups[$1].organisations }) else {
                continue
            }
            groups[smallest].scopes[scope].levels = nil
            groups[smallest].scopes[scope].levelsWithheld =
                "withheld so that another group's levels cannot be recovered by subtraction"
            groups[smallest].scopes[scope].levelsWithheldCode = .complementary
            let id = overall.scopes[scope].scope
            let name =
                id == ComparisonSummary.overallScope
                ? "the overall score"
                : index.rubric.dimensions.first { $0.id == id }.map {
                    "\"\($0.title.resolved(index.rubric.defaultLanguage, fallback: index.rubric.defaultLanguage))\""
                } ?? id
            suppressions.append(
                SuppressionReason(
                    .complementaryLevels, group: groups[smallest].label, scope: id,
                    message:
                        "levels of \(name) withheld in \"\(groups[smallest].label)\" too, so that another group's cannot be recovered by subtraction"
                ))
        }
    }

    /// The dominance rule of `--per-organisation all`, an (n, k) rule with n = 1: a group in which one
    /// organisation gave more than this share of the responses is released only as part of a larger group, since
    /// that organisation alone would set its medians and levels.
    static let dominanceShare = 0.5
    static let dominanceShareText = "half"

    /// Whether one organisation gave more than ``dominanceShare`` of `cell`'s responses (in `all` mode only:
    /// in `latest` mode each organisation gives one).
    private func isDominated(_ cell: Cell, _ mode: AggregationOptions.PerOrganisation) -> Bool {
        guard mode == .all, cell.accumulator.responses > 0 else { return false }
        return Double(cell.accumulator.organisations.largestContribution)
            > Self.dominanceShare * Double(cell.accumulator.responses)
    }

    /// Why a level distribution dominated by one level is withheld.
    static let dominatedLevels = "all, or all but one, organisations are at one level"

    /// Whether all, or all but one, organisations are at one level: for some level, fewer than two organisations
    /// are anywhere else.
    static func isDominated(_ levels: [OrganisationPair]) -> Bool {
        for level in levels.indices {
            var elsewhere = OrganisationPair()
            for other in levels.indices where other != level { elsewhere.formUnion(levels[other]) }
            if elsewhere.count < 2 { return true }
        }
        return false
    }

    private static func mergedTrends(
        _ trends: [[(round: String, accumulator: GroupAccumulator)]],
        empty: GroupAccumulator
    ) -> [(round: String, accumulator: GroupAccumulator)]? {
        guard !trends.isEmpty else { return nil }
        var byRound: [String: GroupAccumulator] = [:]
        for rounds in trends {
            for round in rounds { byRound[round.round, default: empty].merge(round.accumulator) }
        }
        return byRound.sorted { RoundOrder.roundPrecedes($0.key, $1.key) }.map { ($0.key, $0.value) }
    }

    private static func groups(_ count: Int) -> String {
        count == 1 ? "1 group" : "\(count) groups"
    }
}
