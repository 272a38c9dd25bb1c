/// The rules that decide which statistics of a comparison may be released.
///
/// The unit of privacy is the organisation: every threshold counts distinct organisations, however many responses
/// each sent. The defaults are the policy Assay recommends; each rule can be changed, within limits that keep a
/// release from exposing one organisation:
///
/// - A group's statistics are released only when it has at least ``minimumOrganisations`` (default 5, never
///   below 3).
/// - An organisation comparing itself with its own group sees the group only when it has at least
///   ``minimumOtherOrganisations`` others (default 4).
/// - Quartiles only for groups of at least ``minimumOrganisationsForQuartiles`` (default 10).
/// - Scores are rounded to ``scoreDecimals`` decimals (default 0: whole numbers).
/// - A level distribution in which all, or all but one, organisations share one level is withheld when
///   ``withholdsDominantLevels`` (default on); so is a gap that all, or all but one, organisations share or escape.
/// - Where a total and its parts are published, ``complementarySuppression`` (default on) withholds one more part
///   when exactly one is withheld, so it cannot be recovered by subtraction.
/// - Groups under the threshold are merged into a group called "other" or suppressed (``smallGroups``).
/// - No minimum or maximum is ever published, and no box plot has whiskers: that rule has no switch.
/// - Organisations are named only by keyed pseudonyms (HMAC-SHA256), and notes and evidence never leave the
///   organisation's own report: neither has a switch either.
public struct DisclosurePolicy: Sendable, Hashable, Codable {
    /// What happens to a peer group smaller than ``minimumOrganisations``.
    public enum SmallGroups: String, Sendable, Hashable, Codable, CaseIterable {
        /// Small groups are pooled into one group called "other", itself released only if large enough.
        case merge
        /// Small groups are left out.
        case suppress
    }

    /// The fewest distinct organisations a group needs for any of its statistics to be released.
    public var minimumOrganisations: Int
    /// The fewest other organisations an organisation's own group needs before it sees its position in it.
    public var minimumOtherOrganisations: Int
    /// The fewest organisations a group needs for its quartiles to be released.
    public var minimumOrganisationsForQuartiles: Int
    /// How many decimals released scores keep.
    public var scoreDecimals: Int
    /// Whether level distributions and gaps dominated by one level (all, or all but one, organisations) are
    /// withheld.
    public var withholdsDominantLevels: Bool
    /// Whether one more part is withheld when exactly one part of a published total is withheld.
    public var complementarySuppression: Bool
    /// What happens to small groups.
    public var smallGroups: SmallGroups
    /// How many of the most common gaps a group lists.
    public var gapLimit: Int
    /// How grouping attributes read in a handout and in which order their values come, by attribute name; empty
    /// by default (values as written, in their natural order). Not a disclosure rule: it travels with the policy so
    /// every summary carries how its groups are named and ordered.
    public var attributes: [String: AttributeLabels]

    /// The lowest ``minimumOrganisations`` Assay accepts.
    public static let lowestMinimumOrganisations = 3

    /// The default policy: 5 organisations, 4 others, quartiles from 10, whole numbers, merge small groups.
    public init(
        minimumOrganisations: Int = 5,
        minimumOtherOrganisations: Int = 4,
        minimumOrganisationsForQuartiles: Int = 10,
        scoreDecimals: Int = 0,
        withholdsDominantLevels: Bool = true,
        complementarySuppression: Bool = true,
        smallGroups: SmallGroups = .merge,
        gapLimit: Int = 5,
        attributes: [String: AttributeLabels] = [:]
    ) {
        self.attributes = attributes
        self.minimumOrganisations = minimumOrganisations
        self.minimumOtherOrganisations = minimumOtherOrganisations
        self.minimumOrganisationsForQuartiles = minimumOrganisationsForQuartiles
        self.scoreDecimals = scoreDecimals
        self.withholdsDominantLevels = withholdsDominantLevels
        self.complementarySuppression = complementarySuppression
        self.smallGroups = smallGroups
        self.gapLimit = gapLimit
    }

    /// Why this policy would expose organisations; empty when it is acceptable.
    public func problems() -> [String] {
        var problems: [String] = []
        if minimumOrganisations < Self.lowestMinimumOrganisations {
            problems.append(
                "minimum_organisations is \(minimumOrganisations); it may not be below \(Self.lowestMinimumOrganisations)"
            )
        }
        if minimumOtherOrganisations < Self.lowestMinimumOrganisations - 1 {
            problems.append(
                "minimum_other_organisations is \(minimumOtherOrganisations); it may not be below \(Self.lowestMinimumOrganisations - 1)"
            )
        }
        if minimumOrganisationsForQuartiles < minimumOrganisations {
            problems.append("minimum_organisations_for_quartiles may not be below minimum_organisations")
        }
        if !(0...6).contains(scoreDecimals) {
            problems.append("score_decimals is \(scoreDecimals); it must be from 0 to 6")
        }
        if gapLimit < 0 { problems.append("gap_limit may not be negative") }
        return problems
    }

    /// `value` rounded to ``scoreDecimals`` decimals.
    public func rounded(_ value: Double) -> Double {
        // Clamped as `problems()` bounds it, so a policy that skipped validation can neither trap nor hang here.
        var scale = 1.0
        for _ in 0..<min(max(scoreDecimals, 0), 6) { scale *= 10 }
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    enum CodingKeys: String, CodingKey {
        case minimumOrganisations = "minimum_organisations"
        case minimumOtherOrganisations = "minimum_other_organisations"
        case minimumOrganisationsForQuartiles = "minimum_organisations_for_quartiles"
        case scoreDecimals = "score_decimals"
        case withholdsDominantLevels = "withhold_dominant_levels"
        case complementarySuppression = "complementary_suppression"
        case smallGroups = "small_groups"
        case gapLimit = "gap_limit"
        case attributes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minimumOrganisations, forKey: .minimumOrganisations)
        try container.encode(minimumOtherOrganisations, forKey: .minimumOtherOrganisations)
        try container.encode(minimumOrganisationsForQuartiles, forKey: .minimumOrganisationsForQuartiles)
        try container.encode(scoreDecimals, forKey: .scoreDecimals)
        try container.encode(withholdsDominantLevels, forKey: .withholdsDominantLevels)
        try container.encode(complementarySuppression, forKey: .complementarySuppression)
        try container.encode(smallGroups, forKey: .smallGroups)
        try container.encode(gapLimit, forKey: .gapLimit)
        // Left out when empty, so a summary without labels reads as it did before they existed.
        if !attributes.isEmpty { try container.encode(attributes, forKey: .attributes) }
    }

    public init(from decoder: any Decoder) throws {
        let defaults = DisclosurePolicy()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        minimumOrganisations =
            try container.decodeIfPresent(Int.self, forKey: .minimumOrganisations) ?? defaults.minimumOrganisations
        minimumOtherOrganisations =
            try container.decodeIfPresent(Int.self, forKey: .minimumOtherOrganisations)
            ?? defaults.minimumOtherOrganisations
        minimumOrganisationsForQuartiles =
            try container.decodeIfPresent(Int.self, forKey: .minimumOrganisationsForQuartiles)
            ?? defaults.minimumOrganisationsForQuartiles
        scoreDecimals = try container.decodeIfPresent(Int.self, forKey: .scoreDecimals) ?? defaults.scoreDecimals
        withholdsDominantLevels =
            try container.decodeIfPresent(Bool.self, forKey: .withholdsDominantLevels)
            ?? defaults.withholdsDominantLevels
        complementarySuppression =
            try container.decodeIfPresent(Bool.self, forKey: .complementarySuppression)
            ?? defaults.complementarySuppression
        smallGroups = try container.decodeIfPresent(SmallGroups.self, forKey: .smallGroups) ?? defaults.smallGroups
        gapLimit = try container.decodeIfPresent(Int.self, forKey: .gapLimit) ?? defaults.gapLimit
        attributes = try container.decodeIfPresent([String: AttributeLabels].self, forKey: .attributes) ?? [:]
    }
}
