import AssayCore

/// How a response set is read and what counts as one contribution.
public struct AggregationOptions: Sendable, Hashable {
    /// Whether several documents from one organisation are rounds of one assessment or many respondents.
    public enum PerOrganisation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Repeated assessments: only each organisation's latest response counts; earlier rounds feed the trends.
        case latest
        /// A staff survey: every response counts. Group sizes still count distinct organisations.
        case all

        public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
    }

    /// What to do with a line that is not a valid response.
    public enum ErrorHandling: String, Sendable, Hashable, Codable, CaseIterable {
        /// Stop at the first bad line and fail.
        case fail
        /// Leave the line out, and report how many were left out and why.
        case skip

        public init(from decoder: any Decoder) throws { self = try decoder.decodeCase(Self.self) }
    }

    /// The attributes that form peer groups, such as `["region", "population"]`.
    public var groupBy: [String]
    /// What counts as one contribution.
    public var perOrganisation: PerOrganisation
    /// What to do with a bad line.
    public var onError: ErrorHandling
    /// How many threads read the file; each reads its own byte range.
    public var workers: Int
    /// Whether the byte-level reader may read the lines it fully understands before jansson is asked.
    public var usesFastPath: Bool
    /// Whether the organisations' names are kept in memory, to list keyed pseudonyms of the participants.
    public var recordsParticipants: Bool

    /// Creates options; by default every response counts, a bad line stops the run, and two threads read.
    public init(
        groupBy: [String],
        perOrganisation: PerOrganisation = .all,
        onError: ErrorHandling = .fail,
        workers: Int = 2,
        usesFastPath: Bool = true,
        recordsParticipants: Bool = false
    ) {
        self.groupBy = groupBy
        self.perOrganisation = perOrganisation
        self.onError = onError
        self.workers = max(1, workers)
        self.usesFastPath = usesFastPath
        self.recordsParticipants = recordsParticipants
    }

    /// The attribute holding an assessment's round, such as `2025` or `2`: rounds are compared as numbers when
    /// both are numbers, else as text.
    public static let roundAttribute = "round"
    /// The attribute holding when a response was submitted, as ISO 8601 text: it orders responses within a round.
    public static let submittedAttribute = "submitted_at"
}
