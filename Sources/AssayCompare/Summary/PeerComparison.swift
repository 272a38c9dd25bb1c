import AssayCore

/// One organisation's scores beside its peer group's released statistics.
///
/// The organisation is compared with its own group when the summary released it and it has at least
/// ``DisclosurePolicy/minimumOtherOrganisations`` other organisations (the organisation is assumed to be one of
/// the group's); otherwise with "other" when its group was merged there, otherwise with all organisations.
public struct PeerComparison: Sendable, Hashable, Codable {
    /// The group compared with, as the summary labels it.
    public var group: String
    /// Why this group rather than the organisation's own, when it is not its own.
    public var groupNote: String?
    /// Organisations in the group compared with.
    public var organisations: Int
    /// One row per scope: dimensions, then overall.
    public var rows: [Row]

    /// One scope's comparison.
    public struct Row: Sendable, Hashable, Codable {
        /// The dimension's id, or `overall`.
        public var scope: String
        /// The scope's name.
        public var name: String
        /// The organisation's own score, rounded as the summary's are.
        public var score: Double?
        /// The group's first quartile, if released.
        public var q1: Double?
        /// The group's median, if released.
        public var median: Double?
        /// The group's third quartile, if released.
        public var q3: Double?
        /// The organisation's percentile rank in the group, estimated from the released quartiles (see
        /// ``PeerComparison/percentileRank(of:q1:median:q3:)``).
        public var percentile: String?
    }

    /// Compares `assessment`, of an organisation with `attributes`, with `summary`.
    public init(assessment: Assessment, attributes: [String: String], summary: ComparisonSummary) {
        let policy = summary.policy
        let values = summary.groupBy.map { attributes[$0] }
        var chosen = summary.overall
        var note: String? = "compared with all organisations"
        if values.allSatisfy({ $0 != nil }) {
            let own = summary.groups.first { group in
                group.kind == .group && zip(summary.groupBy, values).allSatisfy { group.attributes[$0] == $1 }
            }
            let other = summary.groups.first { $0.kind == .merged }
            if let own, own.organisations - 1 >= policy.minimumOtherOrganisations {
                chosen = own
                note = nil
            } else if let own {
                note =
                    "your group has fewer than \(policy.minimumOtherOrganisations) other organisations (\(own.organisations - 1)); compared with all organisations"
            } else if let other, other.organisations - 1 >= policy.minimumOtherOrganisations {
                chosen = other
                note = "your group is too small to be shown on its own; compared with the merged group \"other\""
            } else {
                note = "your group is not released; compared with all organisations"
            }
        } else {
            note =
                "your response lacks an attribute of the peer groups (\(summary.groupBy.joined(separator: ", "))); compared with all organisations"
        }
        group = chosen.label
        groupNote = note
        organisations = chosen.organisations
        let scores = assessment.dimensions.map(\.score.value) + [assessment.overall.value]
        rows = zip(summary.scopes, scores).map { scope, score in
            let statistics = chosen.scopes.first { $0.scope == scope.id }
            let rounded = score.map(policy.rounded)
            return Row(
                scope: scope.id,
                name: scope.name,
                score: rounded,
                q1: statistics?.q1,
                median: statistics?.median,
                q3: statistics?.q3,
                percentile: rounded.flatMap {
                    Self.percentileRank(of: $0, q1: statistics?.q1, median: statistics?.median, q3: statistics?.q3)
                }
            )
        }
    }

    /// A percentile rank read off the released quartiles: linear between (Q1, 25), (median, 50) and (Q3, 75).
    ///
    /// Below Q1 or above Q3 only "under 25" or "over 75" can be said, since no minimum or maximum is ever
    /// released. Without quartiles, only "below the median", "at the median" or "above the median".
    public static func percentileRank(of score: Double, q1: Double?, median: Double?, q3: Double?) -> String? {
        guard let median else { return nil }
        guard let q1, let q3 else {
            if score == median { return "at the median" }
            return score < median ? "below the median" : "above the median"
        }
        if score < q1 { return "under 25" }
        if score > q3 { return "over 75" }
        let points: [(Double, Double)] = [(q1, 25), (median, 50), (q3, 75)]
        for (low, high) in zip(points, points.dropFirst()) where score <= high.0 {
            guard high.0 > low.0 else { return String(Int(high.1)) }
            let rank = low.1 + (score - low.0) / (high.0 - low.0) * (high.1 - low.1)
            return String(Int(rank.rounded(.toNearestOrAwayFromZero)))
        }
        return "75"
    }

    /// The comparison as a text table.
    public func text() -> String {
        var lines = ["Compared with: \(group) (\(organisations) organisations)"]
        if let groupNote { lines.append("Note: \(groupNote)") }
        lines.append("")
        let header = ["", "You", "Q1", "Median", "Q3", "Percentile"]
        var table = [header]
        for row in rows {
            table.append(
                [
                    row.name, Self.format(row.score), Self.format(row.q1), Self.format(row.median), Self.format(row.q3),
                    row.percentile ?? "–",
                ]
            )
        }
        let widths = header.indices.map { column in table.map { $0[column].count }.max() ?? 0 }
        for row in table {
            let cells = row.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column == 0 ? cell + padding : padding + cell
            }
            lines.append(cells.joined(separator: "  "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func format(_ value: Double?) -> String {
        value.map { $0.formatted() } ?? "–"
    }
}
