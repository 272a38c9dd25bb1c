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
    /// Why statistics were withheld, one sentence each.
    public var suppressions: [String]
    /// Keyed pseudonyms of the organisations counted, sorted; `nil` when no key was given.
    public var participants: [String]?
    /// How differential privacy was applied, when it was; counts and means are then noisy.
    public var differentialPrivacy: PrivacyNote?

    /// The value of ``format`` this version writes.
    public static let currentFormat = "assay-comparison-summary/1"

    enum CodingKeys: String, CodingKey {
        case format, rubric, policy, scopes, levels, totals, overall, groups, suppressions, participants
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
    /// The group's attribute values by attribute name; empty for the overall and "other" groups.
    public var attributes: [String: String]
    /// How the group reads: "QC · 10k-50k", "other", "all organisations".
    public var label: String
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

    enum CodingKeys: String, CodingKey { case attributes, label, organisations, responses, scopes, gaps, trends }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(attributes, forKey: .attributes)
        try container.encode(label, forKey: .label)
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
    /// How many responses had a score in this scope.
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
    /// Why ``levels`` is withheld.
    public var levelsWithheld: String?

    enum CodingKeys: String, CodingKey {
        case scope, count, mean, median, q1, q3, levels
        case levelsWithheld = "levels_withheld"
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
