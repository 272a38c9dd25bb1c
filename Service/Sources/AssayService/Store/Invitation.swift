/// One organisation's invitation to fill in one rubric: who, what, in which language, until when.
public struct Invitation: Sendable, Hashable {
    /// 32 hexadecimal digits, the id the signed link carries.
    public var id: String
    /// The organisation's name, as the facilitator typed it.
    public var organisation: String
    /// The id of the rubric to fill in.
    public var rubric: String
    /// The rubric's version when the invitation was made; the export says it.
    public var rubricVersion: String
    /// The language the form is shown in (one of the rubric's).
    public var language: String
    /// When the link stops working, in seconds since 1970.
    public var expiresAt: Int
    /// When it was made, in seconds since 1970.
    public var createdAt: Int
    /// When the organisation submitted its answers; `nil` while it may still change them.
    public var submittedAt: Int?

    /// Creates an invitation.
    public init(
        id: String,
        organisation: String,
        rubric: String,
        rubricVersion: String,
        language: String,
        expiresAt: Int,
        createdAt: Int,
        submittedAt: Int? = nil
    ) {
        self.id = id
        self.organisation = organisation
        self.rubric = rubric
        self.rubricVersion = rubricVersion
        self.language = language
        self.expiresAt = expiresAt
        self.createdAt = createdAt
        self.submittedAt = submittedAt
    }
}
