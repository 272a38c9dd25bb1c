/// What may leave the machine: a response set's statistics per peer group after the disclosure rules.
///
/// This is `summary.json`. It holds no organisation name, note or evidence; organisations appear only as keyed
/// pseudonyms in ``participants``, when a key was given. Every statistic the policy withheld is explained in
/// ``suppressions``.
public struct ComparisonSummary: Sendable, Hashable, Codable {
    /// The format's name and version, so readers can refuse what they do not know.
    public var format: String
    /// The rubric the responses answered.
    public var rubric: RubricReference
    /// The attributes that formed the peer groups.
    public var groupBy: [String]
    /// What counted as one contribution: `latest` (repeated assessments) or `all` (every response).
    public var perOrganisation: AggregationOptions.PerOrganisation
    /// The policy applied.
    public var policy: DisclosurePolicy
    /// The scopes statistics are given for: each dimension, then `overall`.
    public var scopes: [NamedItem]
    /// The rubric's maturity levels, lowest first.
    public var levels: [NamedItem]
    /// How much was read and counted.
    public var totals: Totals
    /// All organisations together; its statistics are withheld when the whole set is below the threshold.
    public var overall: GroupSummary
    /// The released peer groups, "other" last.
    public var groups: [GroupSummary]
    /// Why statistics were withheld, one English sentence each.
    public var suppressions: [String]
    /// The same reasons, in the same order, as codes with parameters, for a reader that words them in another
    /// language; `nil` in a summary written before they existed (a handout then shows ``suppressions`` as they
    /// are).
    public var suppressionReasons: [SuppressionReason]? = nil
    /// Keyed pseudonyms of the organisations counted, sorted; `nil` when no key was given.
    public var participants: [String]?
    /// How differential privacy was applied, when it was; counts and means are then noisy.
    public var differentialPrivacy: PrivacyNote?
    /// The disclosure report: the rules applied, the earlier releases checked, and every suppression with its
    /// reason.
    public var disclosure: DisclosureReport?

    /// The value of ``format`` this version writes.
    public static let currentFormat = "assay-comparison-summary/2"
    /// The scope id of the overall score, after the dimensions'.
    public static let overallScope = "overall"

    enum CodingKeys: String, CodingKey {
        case format, rubric, policy, scopes, levels, totals, overall, groups, suppressions, participants
        case disclosure
        case suppressionReasons = "suppression_reasons"
        case differentialPrivacy = "differential_privacy"
        case groupBy = "group_by"
        case perOrganisation = "per_organisation"
    }
}

/// A rubric by id, version and title.
public struct RubricReference: Sendable, Hashable, Codable {
    /// The rubric's id.
    public var id: String
    /// Its version.
    public var version: String
    /// Its title in its default language.
    public var title: String
}

/// Something with an id and a name in the rubric's default language: a scope, a level.
public struct NamedItem: Sendable, Hashable, Codable {
    /// Its id.
    public var id: String
    /// Its name.
    public var name: String
}

/// How much of the response set was read and counted.
public struct Totals: Sendable, Hashable, Codable {
    /// Distinct organisations counted.
    public var organisations: Int
    /// Responses counted.
    public var responses: Int
    /// Peer groups found.
    public var groups: Int
    /// Peer groups released on their own (not merged, not suppressed).
    public var groupsReleased: Int
    /// Lines left out under `--on-error skip`.
    public var linesSkipped: Int

    enum CodingKeys: String, CodingKey {
        case organisations, responses, groups
        case groupsReleased = "groups_released"
        case linesSkipped = "lines_skipped"
    }
}

/// One peer group's released statistics.
public struct GroupSummary: Sendable, Hashable, Codable {
    /// What a group is: a peer group of its own, the merger of small groups, or every organisation.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The organisations sharing one value of each grouping attribute.
        case group
        /// The small groups pooled together; never confused with a real attribute value `other`.
        case merged
        /// All organisations.
        case overall
    }

    /// The label of the merged group.
    public static let mergedLabel = "other"

    /// How a reader sees the group's name: the merged group says what it is, so that it is never taken for a
    /// group whose attribute value is `other`.
    public var displayLabel: String { kind == .merged ? "other (small groups merged)" : label }

    /// The group's attribute values by attribute name; empty for the overall and merged groups.
    public var attributes: [String: String]
    /// How the group reads: "QC · 10k-50k", "other", "all organisations".
    public var label: String
    /// What the group is; the merged group is told apart from a group whose attribute value is `other` by this,
    /// never by its label.
    public var kind: Kind
    /// Distinct organisations in the group.
    public var organisations: Int
    /// Responses counted in the group.
    public var responses: Int
    /// The statistics of each scope; empty when the group is withheld.
    public var scopes: [ScopeStatistics]
    /// The questions most often answered at a low level, most common first.
    public var gaps: [GapShare]
    /// Per round, in `latest` mode with several rounds.
    public var trends: [TrendPoint]?

    enum CodingKeys: String, CodingKey {
        case attributes, label, kind, organisations, responses, scopes, gaps, trends
    }

    /// A group's statistics.
    public init(
        attributes: [String: String], label: String, kind: Kind, organisations: Int, responses: Int,
        scopes: [ScopeStatistics], gaps: [GapShare], trends: [TrendPoint]?
    ) {
        self.attributes = attributes
        self.label = label
        self.kind = kind
        self.organisations = organisations
        self.responses = responses
        self.scopes = scopes
        self.gaps = gaps
        self.trends = trends
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(label, forKey: .label)
        try container.encode(kind, forKey: .kind)
        try container.encode(organisations, forKey: .organisations)
        try container.encode(responses, forKey: .responses)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(gaps, forKey: .gaps)
        try container.encodeIfPresent(trends, forKey: .trends)
    }
}

/// One scope's released statistics in one group. Never a minimum or a maximum.
public struct ScopeStatistics: Sendable, Hashable, Codable {
    /// The dimension's id, or `overall`.
    public var scope: String
    /// How many responses had a score in this scope; 0 when fewer than the minimum did, and the scope's figures
    /// are then withheld (``levelsWithheld`` says so).
    public var count: Int
    /// The mean score, rounded.
    public var mean: Double?
    /// The median score (DuckDB `quantile_cont` at 0.5), rounded.
    public var median: Double?
    /// The first quartile, rounded; `nil` for groups below the quartile threshold.
    public var q1: Double?
    /// The third quartile, rounded; `nil` for groups below the quartile threshold.
    public var q3: Double?
    /// How many responses reached each level (ids of ``ComparisonSummary/levels``, plus `none` below the lowest);
    /// `nil` when withheld.
    public var levels: [LevelCount]?
    /// Why ``levels`` is withheld, in English.
    public var levelsWithheld: String?
    /// Why ``levels`` is withheld, as a code; `nil` when released, or in a summary written before codes existed.
    public var levelsWithheldCode: LevelsWithheld? = nil

    enum CodingKeys: String, CodingKey {
        case scope, count, mean, median, q1, q3, levels
        case levelsWithheld = "levels_withheld"
        case levelsWithheldCode = "levels_withheld_code"
    }
}

/// How many responses reached one level.
public struct LevelCount: Sendable, Hashable, Codable {
    /// The level's id, or `none` for below the lowest level.
    public var level: String
    /// How many responses.
    public var count: Int
}

/// A question often answered at one of its lowest options.
public struct GapShare: Sendable, Hashable, Codable {
    /// The question's id.
    public var question: String
    /// Its prompt in the rubric's default language.
    public var prompt: String
    /// The share of the responses that answered it which were at a gap, in whole percent.
    public var percent: Int
}

/// One round of repeated assessments in one group.
public struct TrendPoint: Sendable, Hashable, Codable {
    /// The round, as the responses name it.
    public var round: String
    /// Distinct organisations with a response in the round.
    public var organisations: Int
    /// The mean overall score in the round, rounded; `nil` when withheld.
    public var mean: Double?
    /// The median overall score in the round, rounded; `nil` when withheld.
    public var median: Double?
}

/// How differential privacy was applied to a release: the ε spent and the scale of the noise added.
public struct PrivacyNote: Sendable, Hashable, Codable {
    /// The release's total ε.
    public var epsilon: Double
    /// The ε of each single count or sum.
    public var epsilonPerQuery: Double
    /// The bounds scores were clamped to.
    public var bounds: [Double]
    /// The Laplace scale of the noise on organisation counts.
    public var countNoiseScale: Double
    /// The Laplace scale of the noise on each scope's sum of scores.
    public var sumNoiseScale: Double
    /// What was and was not released, in words.
    public var note: String

    enum CodingKeys: String, CodingKey {
        case epsilon, bounds, note
        case epsilonPerQuery = "epsilon_per_query"
        case countNoiseScale = "count_noise_scale"
        case sumNoiseScale = "sum_noise_scale"
    }
}

/// What a release publishes about its own disclosure control, as a statistics office would expect: the rules and
/// their parameters, the earlier releases it was checked against, and every suppression with its reason.
public struct DisclosureReport: Sendable, Hashable, Codable {
    /// The rules, by name, with their parameters.
    public var rules: [Rule]
    /// The ledger the release was checked against and recorded in; `nil` with `--no-ledger`.
    public var ledger: String?
    /// The earlier releases of the same data set it was checked against.
    public var releasesChecked: [String]
    /// The suppressions the check for differencing made, each with its reason.
    public var suppressions: [Suppression]

    /// One rule and its setting.
    public struct Rule: Sendable, Hashable, Codable {
        /// The rule's setting name, as in the policy file.
        public var name: String
        /// Its value, as text.
        public var value: String
        /// What it does, in words.
        public var meaning: String
    }

    /// One statistic withheld so that no small set can be recovered by differencing.
    public struct Suppression: Sendable, Hashable, Codable {
        /// What was withheld and why, in words.
        public var text: String
        /// The rule that forced it.
        public var rule: String
        /// The earlier releases whose cells, with this one's, would have exposed the set; empty when this release
        /// alone would have.
        public var forcedBy: [String]

        enum CodingKeys: String, CodingKey {
            case text, rule
            case forcedBy = "forced_by"
        }
    }

    /// A report of `policy` with these suppressions.
    init(policy: DisclosurePolicy, ledger: String?, releasesChecked: [String], suppressions: [Suppression]) {
        rules = [
            Rule(
                name: "minimum_organisations", value: String(policy.minimumOrganisations),
                meaning:
                    "no statistic of fewer organisations, whether released or derivable by adding and subtracting the cells of this and every earlier release in the ledger"
            ),
            Rule(
                name: "minimum_organisations_for_quartiles", value: String(policy.minimumOrganisationsForQuartiles),
                meaning: "medians and quartiles only for groups of at least this many organisations"),
            Rule(
                name: "minimum_other_organisations", value: String(policy.minimumOtherOrganisations),
                meaning: "an organisation sees its own group only with at least this many others"),
            Rule(name: "score_decimals", value: String(policy.scoreDecimals), meaning: "decimals of published scores"),
            Rule(
                name: "withhold_dominant_levels", value: String(policy.withholdsDominantLevels),
                meaning: "a level distribution or gap shared by all, or all but one, organisations is withheld"),
            Rule(
                name: "complementary_suppression", value: String(policy.complementarySuppression),
                meaning: "one more part is withheld when exactly one part of a published total is"),
            Rule(
                name: "small_groups", value: policy.smallGroups.rawValue,
                meaning: "groups below the minimum are merged into one group marked merged, or suppressed"),
            Rule(name: "gap_limit", value: String(policy.gapLimit), meaning: "most common gaps listed per group"),
        ]
        self.ledger = ledger
        self.releasesChecked = releasesChecked
        self.suppressions = suppressions
    }

    enum CodingKeys: String, CodingKey {
        case rules, ledger, suppressions
        case releasesChecked = "releases_checked"
    }
}

/// A summary and the cells it releases, for the ledger.
package struct ProtectedRelease: Sendable {
    package var summary: ComparisonSummary
    /// Each released cell, its members as ledger pseudonyms; `release` and `releaseName` are filled in when
    /// recorded.
    package var cells: [LedgerCell]
}
