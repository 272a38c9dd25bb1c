import AssayCore
import AssayJSON

/// A response set counted by peer group, before any disclosure rule is applied.
///
/// This holds raw values and must never be written out as is: ``ComparisonSummary`` is what may leave the
/// machine, built from this by a ``DisclosurePolicy``.
public struct ResponseSetAggregate: Sendable {
    /// The attributes that formed the groups.
    public let groupBy: [String]
    /// What counted as one contribution.
    public let perOrganisation: AggregationOptions.PerOrganisation
    /// Each group's attribute values (in ``groupBy`` order) and what was counted in it, sorted by values.
    package var groups: [(values: [String], accumulator: GroupAccumulator)]
    /// In `latest` mode with more than one round: per group values, each round's counts, rounds in order.
    package var trends: [[String]: [(round: String, accumulator: GroupAccumulator)]]
    /// The names of the organisations counted, when ``AggregationOptions/recordsParticipants``; only ever written
    /// out as keyed pseudonyms.
    package var participants: Set<String> = []
    /// Lines (or files) read, blank lines included.
    public internal(set) var linesRead = 0
    /// Responses counted after `--per-organisation` was applied.
    public internal(set) var responsesCounted = 0
    /// Responses read by the byte-level fast path rather than jansson.
    public internal(set) var fastPathResponses = 0
    /// Lines left out under `--on-error skip`.
    public internal(set) var skippedCount = 0
    /// The first problems found (at most ``problemLimit``), with their line numbers.
    public internal(set) var problems: [SourceDiagnostic] = []
    /// How many warnings (unknown keys, another rubric version) the lines had.
    public internal(set) var warningCount = 0
    /// The first warnings (at most ``problemLimit``).
    public internal(set) var warnings: [SourceDiagnostic] = []

    /// How many distinct organisations were counted, exactly: for the analyst's own messages, never for a release.
    package var organisationCount: Int {
        var all = OrganisationSet()
        for group in groups { all.formUnion(group.accumulator.organisations) }
        return all.count
    }

    /// The responses read whose answers were given against an earlier version of the rubric and carried onto
    /// its questions, per version, in version order; empty when every response answered the rubric's version.
    ///
    /// For the analyst's own messages: how many responses came from which version is not released.
    public internal(set) var carriedForward: [CarriedVersion] = []

    /// How many problems and warnings are kept to show; the counts are always complete.
    public static let problemLimit = 20
}

/// The responses of one earlier rubric version whose answers were carried onto the rubric's questions.
public struct CarriedVersion: Sendable, Hashable {
    /// The version the answers were given against.
    public let fromVersion: String
    /// Responses (lines or files) read with answers given against it, counted or not by `--per-organisation`.
    public internal(set) var responses = 0
    /// Answers that reached a question of another id, or were split onto several: renamed, split or merged.
    public internal(set) var answersMoved = 0
    /// Answers left out: to questions the mapping removes, or that neither the rubric nor its mapping names.
    public internal(set) var answersLeftOut = 0

    init(fromVersion: String) { self.fromVersion = fromVersion }

    mutating func add(_ carried: CarriedAnswers) {
        responses += 1
        answersMoved += Set(carried.sources.values.flatMap { $0 }).count
        answersLeftOut += carried.removed.count + carried.unknown.count
    }

    mutating func merge(_ other: CarriedVersion) {
        responses += other.responses
        answersMoved += other.answersMoved
        answersLeftOut += other.answersLeftOut
    }
}
