import AssayCore
import Foundation

/// What a release is, for the ledger to check and record.
package struct ReleaseRequest: Sendable {
    /// What the ledger calls it.
    package var name: String
    /// The differential-privacy release, when this is one.
    package var privacy: LaplaceRelease?
    /// The total ε of the data set, to set when none is set yet.
    package var privacyBudget: Double?
    /// Whether a pseudonym key used before may be used again.
    package var linksReleases = false
    /// Whether the release is checked against the earlier ones. Only tests switch this off, to show what the
    /// check prevents.
    package var checksEarlierReleases = true
    /// What the release's figures are of: scores, or the self-assessed score minus the confirmed one. The ledger
    /// names a cell's statistics by it, so a difference never passes for a score where statistics are matched by
    /// name; the differencing check itself compares the organisations of every cell, whatever they publish.
    package var statistic: ReleasedStatistic = .scores

    package init(name: String, privacy: LaplaceRelease? = nil, privacyBudget: Double? = nil) {
        self.name = name
        self.privacy = privacy
        self.privacyBudget = privacyBudget
    }
}

/// What the figures of a release are of.
package enum ReleasedStatistic: String, Sendable, Hashable {
    /// Scores, levels and gaps of one view per organisation: `assay aggregate`.
    case scores
    /// The self-assessed score minus the confirmed one, and the questions where the two views differ:
    /// `assay aggregate --self-vs-confirmed`.
    case selfMinusConfirmed = "self-minus-confirmed"

    /// `cell` with its statistic families named for this statistic (`self-minus-confirmed:mean:overall`); the
    /// count of organisations is a count whatever the release.
    func naming(_ cell: LedgerCell) -> LedgerCell {
        guard self != .scores else { return cell }
        var named = cell
        named.families = Set(cell.families.map { $0 == "count" ? $0 : "\(rawValue):\($0)" })
        return named
    }
}

extension ReleaseLedger {
    /// Checks, protects and records one release of `aggregate`, holding the ledger's write lock throughout.
    ///
    /// Under the lock: the pseudonym key is refused if an earlier release used it (unless linked on purpose); a
    /// private release must fit in the data set's ε budget; the summary is built and protected against every
    /// earlier release in the ledger, of any rubric; `write` puts the encoded summary in a temporary file; and the release
    /// and its cells are recorded. The commit comes last, so a release that cannot be recorded was never
    /// written in place, and the caller renames the temporary file only after this returns.
    ///
    /// - Returns: the summary, and the ε left in the budget after a private release.
    package func release<G: RandomNumberGenerator>(
        _ aggregate: ResponseSetAggregate,
        builder: SummaryBuilder,
        request: ReleaseRequest,
        using generator: inout G,
        encode: (ComparisonSummary) throws(LedgerError) -> [UInt8],
        write: ([UInt8]) throws(LedgerError) -> Void
    ) throws(LedgerError) -> (summary: ComparisonSummary, budgetLeft: Double?) {
        let rubric = builder.index.rubric
        let dataSet = rubric.id
        return try transaction { (transaction) throws(LedgerError) in
            if let pseudonymiser = builder.pseudonymiser, !request.linksReleases,
                let previous = try transaction.release(usingKey: pseudonymiser.fingerprint)
            {
                throw LedgerError(
                    path: path,
                    message:
                        "this key was already used for the release \"\(previous)\", so the two would share pseudonyms; make a new key (openssl rand -hex 32 > key), or pass --link-releases to link them on purpose"
                )
            }
            var budgetLeft: Double?
            if let privacy = request.privacy {
                guard LaplaceRelease.epsilonRange.contains(privacy.epsilon) else {
                    throw LedgerError(
                        path: path,
                        message:
                            "ε must be from \(LaplaceRelease.epsilonRange.lowerBound) to \(LaplaceRelease.epsilonRange.upperBound); got \(privacy.epsilon)"
                    )
                }
                if let total = request.privacyBudget { try transaction.setBudget(dataSet: dataSet, total: total) }
                let budget = try transaction.budget(dataSet: dataSet)
                guard let total = budget.total else {
                    throw LedgerError(
                        path: path,
                        message:
                            "no privacy budget is set for \(dataSet) in this ledger; set the total ε once with --privacy-budget"
                    )
                }
                // A tolerance for the rounding of sums such as 0.1 + 0.2, not a way to overspend.
                guard budget.spent + privacy.epsilon <= total + 1e-12 else {
                    throw LedgerError(
                        path: path,
                        message:
                            "this release needs ε = \(privacy.epsilon.formatted()), but only \(max(0, total - budget.spent).formatted()) of the budget's \(total.formatted()) for \(dataSet) is left; nothing was written"
                    )
                }
                budgetLeft = max(0, total - budget.spent - privacy.epsilon)
            }
            // Every earlier release in the ledger, whatever its rubric: a rubric copied under a new id, with the
            // same answers, gives the same contributions, so a release of it must be checked against the
            // original's. Cells of unrelated rubrics share no contribution and cannot combine with these.
            let earlier = request.checksEarlierReleases ? try transaction.earlierCells() : []
            let earlierMinimum =
                request.checksEarlierReleases
                ? try releases().map { Self.minimumOrganisations(inPolicy: $0.policy) }.max() ?? 0 : 0
            var protected: ProtectedRelease
            do throws(PrivacyBudgetError) {
                protected = try builder.release(
                    of: aggregate, earlier: earlier, earlierMinimum: earlierMinimum, pseudonym: pseudonym,
                    privacy: request.privacy,
                    using: &generator)
            } catch {
                throw LedgerError(path: path, message: error.message)
            }
            // The ledger's name, not its path: a published summary says nothing of the analyst's folders.
            protected.summary.disclosure?.ledger = (path as NSString).lastPathComponent
            let bytes = try encode(protected.summary)
            try write(bytes)
            try transaction.record(
                LedgerRelease(
                    id: 0, name: request.name, createdAt: Date().ISO8601Format(), dataSet: dataSet,
                    rubricVersion: rubric.version, groupBy: aggregate.groupBy.joined(separator: ","),
                    perOrganisation: aggregate.perOrganisation.rawValue,
                    policy: Self.json(builder.policy), epsilon: request.privacy?.epsilon,
                    keyFingerprint: builder.pseudonymiser?.fingerprint, summarySHA256: sha256Hex(bytes),
                    disclosure: protected.summary.disclosure.map(Self.json) ?? "{}",
                    cellCount: protected.cells.count),
                cells: protected.cells.map(request.statistic.naming))
            return (protected.summary, budgetLeft)
        }
    }

    private static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
