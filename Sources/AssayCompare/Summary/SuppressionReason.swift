/// Why something was withheld, as a stable code with its parameters, so a handout can say it in its own language;
/// ``message`` says it in English, as ``ComparisonSummary/suppressions`` does.
///
/// Only the parameters a code uses are present. Groups are named by their label ("QC · 10k-50k"), scopes by id
/// (`overall` for the overall score), questions by id: the reader's names come from the rubric and the policy.
public struct SuppressionReason: Sendable, Hashable, Codable {
    /// A reason's code. A struct over a string, so codes can be added without breaking a reader's `switch`.
    public struct Code: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(from decoder: any Decoder) throws {
            rawValue = try decoder.singleValueContainer().decode(String.self)
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(rawValue)
        }
        public var description: String { rawValue }

        /// `groups` groups held back because one organisation gave more than half of each one's responses.
        public static let groupsDominated = Code(rawValue: "groups-dominated")
        /// `groups` groups of fewer than `minimum` organisations merged into "other".
        public static let groupsMerged = Code(rawValue: "groups-merged")
        /// The merged group itself has fewer than `minimum` organisations.
        public static let mergedGroupSuppressed = Code(rawValue: "merged-group-suppressed")
        /// `groups` groups of fewer than `minimum` organisations left out.
        public static let groupsSuppressed = Code(rawValue: "groups-suppressed")
        /// The smallest released group withheld too, so a suppressed one cannot be recovered from the total.
        public static let complementaryGroup = Code(rawValue: "complementary-group")
        /// Nothing released: one organisation gave more than half of all responses.
        public static let allDominated = Code(rawValue: "all-dominated")
        /// Nothing released: the set has `organisations`, fewer than `minimum`.
        public static let allTooSmall = Code(rawValue: "all-too-small")
        /// Nothing released: the set's noisy count is below `minimum`.
        public static let allTooSmallNoisy = Code(rawValue: "all-too-small-noisy")
        /// `count` rounds of `group` withheld: fewer than `minimum` organisations.
        public static let roundsTooSmall = Code(rawValue: "rounds-too-small")
        /// Round `round` withheld in one more group, so another's cannot be recovered by subtraction.
        public static let complementaryRound = Code(rawValue: "complementary-round")
        /// The levels of `scope` withheld in `group` too, so another group's cannot be recovered by subtraction.
        public static let complementaryLevels = Code(rawValue: "complementary-levels")
        /// Earlier releases alone already let a set of fewer than `minimum` be derived.
        public static let earlierReleasesExpose = Code(rawValue: "earlier-releases-expose")
        /// `group` withheld: with the cells of `releases` (or of this release when empty), the figures of
        /// `organisations` organisations (fewer than `minimum`) could be derived.
        public static let differencing = Code(rawValue: "differencing")
        /// `group` withheld: with the other cells it would give the figures of a group held back by dominance.
        public static let dominanceDifferencing = Code(rawValue: "dominance-differencing")
        /// The levels of `scope` withheld in `group`, so those withheld in `source` cannot be recovered.
        public static let dominantLevelsDifferencing = Code(rawValue: "dominant-levels-differencing")
        /// The gap share of `question` withheld in `group`, so the one withheld in `source` cannot be recovered.
        public static let dominantGapDifferencing = Code(rawValue: "dominant-gap-differencing")

        /// Every code this version writes.
        public static let all: [Code] = [
            .groupsDominated, .groupsMerged, .mergedGroupSuppressed, .groupsSuppressed, .complementaryGroup,
            .allDominated, .allTooSmall, .allTooSmallNoisy, .roundsTooSmall, .complementaryRound,
            .complementaryLevels, .earlierReleasesExpose, .differencing, .dominanceDifferencing,
            .dominantLevelsDifferencing, .dominantGapDifferencing,
        ]
    }

    /// What happened.
    public var code: Code
    /// How many groups, rounds or the like it is about.
    public var count: Int?
    /// The policy's minimum it applied.
    public var minimum: Int?
    /// How many organisations were at stake.
    public var organisations: Int?
    /// The group it was applied to, by label.
    public var group: String?
    /// The group whose figures it protects, by label.
    public var source: String?
    /// The scope, by id.
    public var scope: String?
    /// The question, by id.
    public var question: String?
    /// The round.
    public var round: String?
    /// The earlier releases that forced it.
    public var releases: [String]?
    /// The reason in English.
    public var message: String

    /// A reason.
    public init(
        _ code: Code, count: Int? = nil, minimum: Int? = nil, organisations: Int? = nil, group: String? = nil,
        source: String? = nil, scope: String? = nil, question: String? = nil, round: String? = nil,
        releases: [String]? = nil, message: String
    ) {
        self.code = code
        self.count = count
        self.minimum = minimum
        self.organisations = organisations
        self.group = group
        self.source = source
        self.scope = scope
        self.question = question
        self.round = round
        self.releases = releases
        self.message = message
    }
}

/// Why a scope's level distribution is withheld, as a stable code beside ``ScopeStatistics/levelsWithheld``'s
/// English words.
public enum LevelsWithheld: String, Sendable, Hashable, Codable, CaseIterable {
    /// Fewer than the policy's minimum have a score in the scope.
    case fewScores = "few-scores"
    /// Some organisations of the group have no score in the scope, so its figures would cover fewer than the
    /// group the ledger records.
    case partlyScored = "partly-scored"
    /// All, or all but one, organisations are at one level.
    case dominantLevel = "dominant-level"
    /// Withheld so that another group's levels cannot be recovered by subtraction.
    case complementary
    /// Not released under differential privacy.
    case differentialPrivacy = "differential-privacy"
}
