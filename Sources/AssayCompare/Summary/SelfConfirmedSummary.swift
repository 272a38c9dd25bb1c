import AssayCore
import AssayReport
import Foundation

/// A programme's view of self-assessment against confirmed assessment: per peer group, how much higher (or lower)
/// organisations rated themselves than their facilitator confirmed, overall and per dimension, and how often the
/// two views of a question differ.
///
/// Made from the ``ComparisonSummary`` of a ``SelfConfirmedAggregator`` aggregate, after every disclosure rule and
/// the ledger's check across releases: it publishes nothing that summary did not, under other names. A mean
/// difference is positive when the self-assessment was higher.
public struct SelfConfirmedSummary: Sendable, Hashable, Codable {
    /// The format of this file: `assay-self-vs-confirmed/1`.
    public var format: String
    /// The rubric both views answered.
    public var rubric: RubricReference
    /// The attributes that formed the peer groups, read from the confirmed sessions.
    public var groupBy: [String]
    /// The rules applied.
    public var policy: DisclosurePolicy
    /// The dimensions, then the overall score.
    public var scopes: [NamedItem]
    /// All paired organisations.
    public var overall: Group
    /// The peer groups released.
    public var groups: [Group]
    /// Why anything is missing.
    public var suppressions: [String]
    /// The same reasons as codes with their parameters, one per entry of ``suppressions``, so a page can say them
    /// in its reader's language; `nil` in a file that has none.
    public var suppressionReasons: [SuppressionReason]?
    /// The disclosure rules and the earlier releases checked.
    public var disclosure: DisclosureReport?
    /// How to read the figures.
    public var note: String

    /// The current ``format``.
    public static let currentFormat = "assay-self-vs-confirmed/1"

    /// One peer group, the merged small groups, or all paired organisations.
    public struct Group: Sendable, Hashable, Codable {
        /// The group's attribute values.
        public var attributes: [String: String]
        /// How reports name it.
        public var label: String
        /// A peer group, the merged small groups, or the overall.
        public var kind: GroupSummary.Kind
        /// Paired organisations counted.
        public var organisations: Int
        /// Per scope, the self-minus-confirmed statistics; empty when the group is withheld.
        public var scopes: [Difference]
        /// The percentage (0 to 100) of the questions compared in this group whose two answers differ; `nil`
        /// when withheld.
        public var differingPercent: Int?
        /// Why ``differingPercent`` is withheld; `nil` when it is published.
        public var differingWithheld: DifferingWithheld?
        /// The questions whose two views differ in the largest share of organisations.
        public var questions: [GapShare]

        enum CodingKeys: String, CodingKey {
            case attributes, label, kind, organisations, scopes, questions
            case differingPercent = "differing_percent"
            case differingWithheld = "differing_withheld"
        }
    }

    /// Why a group's share of differing answers is not published.
    public enum DifferingWithheld: String, Sendable, Hashable, Codable, CaseIterable {
        /// The group itself is withheld (see ``SelfConfirmedSummary/suppressions``).
        case groupWithheld = "group-withheld"
        /// No scored question was answered in either view.
        case noneCompared = "none-compared"
        /// Fewer than two organisations have an answer on which their views differ, or fewer than two one on
        /// which they agree: the share would say of each organisation whether its views differ.
        case dominant
    }

    /// Self-assessed minus confirmed score in one scope, in points of 0 to 100.
    public struct Difference: Sendable, Hashable, Codable {
        /// The dimension id, or `overall`.
        public var scope: String
        /// Organisations with a score in both views.
        public var count: Int
        /// The mean difference; `nil` when withheld.
        public var mean: Double?
        /// The median difference and the quartiles; `nil` below the quartiles' minimum.
        public var median: Double?
        public var q1: Double?
        public var q3: Double?
        /// Why ``mean`` is withheld: ``LevelsWithheld/fewScores`` or ``LevelsWithheld/partlyScored``; `nil` when
        /// it is published (or the whole group is withheld, which ``SelfConfirmedSummary/suppressions`` says).
        public var withheld: LevelsWithheld?
    }

    enum CodingKeys: String, CodingKey {
        case format, rubric, policy, scopes, overall, groups, suppressions, disclosure, note
        case groupBy = "group_by"
        case suppressionReasons = "suppression_reasons"
    }

    /// The difference summary published by `summary`, the protected release of a ``SelfConfirmedAggregate``.
    ///
    /// The share of differing questions is a sum over the same organisations as each released cell (questions
    /// differing, over questions compared), so it is read from `aggregate` for exactly the cells `summary`
    /// released: a group by its attributes, the merged group from the groups too small to stand alone, the overall
    /// from every group.
    package init(summary: ComparisonSummary, aggregate: ResponseSetAggregate) {
        func pooledPercent(_ groups: [GroupAccumulator]) -> (percent: Int?, withheld: DifferingWithheld?) {
            var differing = 0
            var compared = 0
            // Up to two organisations with a differing answer anywhere, and up to two with an agreeing one.
            var someDiffer = OrganisationPair()
            var someAgree = OrganisationPair()
            for group in groups {
                differing += group.gapCounts.reduce(0) { $0 + Int($1) }
                compared += group.answeredCounts.reduce(0) { $0 + Int($1) }
                for pair in group.gapOrganisations { someDiffer.formUnion(pair) }
                for pair in group.otherOrganisations { someAgree.formUnion(pair) }
            }
            guard compared > 0 else { return (nil, .noneCompared) }
            // As for levels: when all, or all but one, of the organisations agree on every answer (or differ on
            // every one), the share says so of each of them; 0 % would publish every member's difference as none.
            if summary.policy.withholdsDominantLevels && (someDiffer.count < 2 || someAgree.count < 2) {
                return (nil, .dominant)
            }
            return (Int((Double(differing) / Double(compared) * 100).rounded(.toNearestOrAwayFromZero)), nil)
        }
        let minimum = summary.policy.minimumOrganisations
        func group(_ released: GroupSummary) -> Group {
            let accumulators: [GroupAccumulator]
            switch released.kind {
            case .overall: accumulators = aggregate.groups.map(\.accumulator)
            case .merged:
                accumulators = aggregate.groups.map(\.accumulator).filter { $0.organisations.count < minimum }
            case .group:
                accumulators = aggregate.groups.filter {
                    Dictionary(zip(aggregate.groupBy, $0.values), uniquingKeysWith: { $1 }) == released.attributes
                }.map(\.accumulator)
            }
            let isReleased = !released.scopes.isEmpty
            let differing = isReleased ? pooledPercent(accumulators) : (nil, .groupWithheld)
            return Group(
                attributes: released.attributes,
                label: released.label,
                kind: released.kind,
                organisations: released.organisations,
                scopes: released.scopes.map {
                    Difference(
                        scope: $0.scope, count: $0.count, mean: $0.mean, median: $0.median, q1: $0.q1, q3: $0.q3,
                        withheld: $0.mean == nil ? $0.levelsWithheldCode : nil)
                },
                differingPercent: differing.percent,
                differingWithheld: differing.withheld,
                questions: released.gaps)
        }
        format = Self.currentFormat
        rubric = summary.rubric
        groupBy = summary.groupBy
        policy = summary.policy
        scopes = summary.scopes
        overall = group(summary.overall)
        groups = summary.groups.map(group)
        // The level distributions of a difference mean nothing, and are withheld as all "none": not worth a note.
        suppressions = summary.suppressions.filter { !$0.hasPrefix("levels of ") }
        suppressionReasons = summary.suppressionReasons?.filter { !$0.message.hasPrefix("levels of ") }
        disclosure = summary.disclosure
        note =
            "Each figure is the self-assessed score minus the confirmed one, in points of 0 to 100, over the organisations with both a self-assessment and a confirmed session: positive when organisations rated themselves higher than their facilitator confirmed. Organisations with one view only are in no figure."
    }
}

extension SelfConfirmedSummary {
    /// The summary as CSV, in the columns of ``ComparisonSummary/csv()``'s style: one `difference` row per group
    /// and scope, a `differing` row per group with the share of questions whose views differ, `question` rows,
    /// and `note` rows for every suppression.
    ///
    /// Columns: `kind,group,group_kind,scope,organisations,count,mean,q1,median,q3,question,percent,note`.
    public func csv() -> String {
        var rows = [
            [
                "kind", "group", "group_kind", "scope", "organisations", "count", "mean", "q1", "median", "q3",
                "question", "percent", "note",
            ]
        ]
        func number(_ value: Double?) -> String { value.map { $0.formatted() } ?? "" }
        rows.append([
            "note", "", "", "", "", "", "", "", "", "", "", "",
            "self-assessed minus confirmed; rubric \(rubric.id) \(rubric.version)",
        ])
        for group in [overall] + groups {
            for scope in group.scopes {
                rows.append([
                    "difference", group.label, group.kind.rawValue, scope.scope, String(group.organisations),
                    String(scope.count), number(scope.mean), number(scope.q1), number(scope.median), number(scope.q3),
                    "", "", "",
                ])
            }
            if let percent = group.differingPercent {
                rows.append([
                    "differing", group.label, group.kind.rawValue, "", String(group.organisations), "", "", "", "", "",
                    "", String(percent), "",
                ])
            }
            for question in group.questions {
                rows.append([
                    "question", group.label, group.kind.rawValue, "", String(group.organisations), "", "", "", "", "",
                    question.question, String(question.percent), "",
                ])
            }
        }
        for suppression in suppressions {
            rows.append(["note", "", "", "", "", "", "", "", "", "", "", "", suppression])
        }
        return rows.map { $0.map(ComparisonSummary.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }
}
