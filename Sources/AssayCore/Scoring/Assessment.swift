/// The scored result of one response: points per question, scores and levels per dimension and overall.
///
/// Scores are on a 0–100 scale; `nil` means there was nothing to score (every question excluded).
public struct Assessment: Sendable, Hashable, Codable {
    /// The id of the rubric the response was scored against.
    public var rubricID: String
    /// The version of that rubric.
    public var rubricVersion: String
    /// The id of the scoring model used.
    public var model: String
    /// The response's id, if it has one.
    public var responseID: String?
    /// The overall score and level.
    public var overall: Score
    /// Each dimension's score and level, in rubric order.
    public var dimensions: [DimensionScore]
    /// Each question's outcome, in asking order.
    public var questions: [QuestionOutcome]
    /// How many questions were asked and how they were answered.
    public var completeness: Completeness

    /// Creates an assessment.
    public init(
        rubricID: String,
        rubricVersion: String,
        model: String,
        responseID: String?,
        overall: Score,
        dimensions: [DimensionScore],
        questions: [QuestionOutcome],
        completeness: Completeness
    ) {
        self.rubricID = rubricID
        self.rubricVersion = rubricVersion
        self.model = model
        self.responseID = responseID
        self.overall = overall
        self.dimensions = dimensions
        self.questions = questions
        self.completeness = completeness
    }

    /// The score of the dimension with `id`.
    public func dimension(_ id: String) -> DimensionScore? {
        dimensions.first { $0.id == id }
    }

    /// The format an encoded assessment names in its `format` key; `Rubrics/schema/assessment.schema.json`
    /// describes it. A later, incompatible form will change the number; decoding refuses any other.
    public static let format = "assay-assessment/1"

    enum CodingKeys: String, CodingKey {
        case format, model, overall, dimensions, questions, completeness
        case rubricID = "rubric"
        case rubricVersion = "rubric_version"
        case responseID = "response"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try container.requireFormat(Self.format, forKey: .format)
        self.init(
            rubricID: try container.decode(String.self, forKey: .rubricID),
            rubricVersion: try container.decode(String.self, forKey: .rubricVersion),
            model: try container.decode(String.self, forKey: .model),
            responseID: try container.decodeIfPresent(String.self, forKey: .responseID),
            overall: try container.decode(Score.self, forKey: .overall),
            dimensions: try container.decode([DimensionScore].self, forKey: .dimensions),
            questions: try container.decode([QuestionOutcome].self, forKey: .questions),
            completeness: try container.decode(Completeness.self, forKey: .completeness)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(rubricID, forKey: .rubricID)
        try container.encode(rubricVersion, forKey: .rubricVersion)
        try container.encode(model, forKey: .model)
        try container.encode(responseID, forKey: .responseID)
        try container.encode(overall, forKey: .overall)
        try container.encode(dimensions, forKey: .dimensions)
        try container.encode(questions, forKey: .questions)
        try container.encode(completeness, forKey: .completeness)
    }
}

/// A score from 0 to 100 and the maturity level it reaches.
public struct Score: Sendable, Hashable, Codable {
    /// The score from 0 to 100; `nil` when nothing could be scored.
    public var value: Double?
    /// The id of the maturity level reached; `nil` when the rubric has no levels or the lowest is not reached.
    public var level: String?
    /// For models that count points (XCCDF flat and absolute), the points earned and the most that could be.
    public var raw: RawScore?

    /// Creates a score.
    public init(value: Double?, level: String? = nil, raw: RawScore? = nil) {
        self.value = value
        self.level = level
        self.raw = raw
    }

    enum CodingKeys: String, CodingKey { case value = "score", level, raw }

    /// The score with its value rounded to `places` decimal places, halves away from zero, as reports print it.
    ///
    /// `places` is taken as 0 when negative and 15 when larger; a `Double` holds no more. The level is kept: it
    /// was reached by the unrounded value.
    public func rounded(places: Int) -> Score {
        var copy = self
        guard let value else { return copy }
        var scale = 1.0
        for _ in 0..<min(max(places, 0), 15) { scale *= 10 }
        copy.value = (value * scale).rounded() / scale
        return copy
    }
}

/// Points earned out of the most that could be earned, as XCCDF's flat and absolute models report them.
public struct RawScore: Sendable, Hashable, Codable {
    /// Points earned.
    public var score: Double
    /// The most that could be earned.
    public var maximum: Double

    /// Creates a raw score.
    public init(score: Double, maximum: Double) {
        self.score = score
        self.maximum = maximum
    }
}

/// One dimension's score, level and completeness.
public struct DimensionScore: Sendable, Hashable, Codable, Identifiable {
    /// The dimension's id.
    public var id: String
    /// The score and level.
    public var score: Score
    /// Each practice area's score from 0 to 100, when the dimension has practice areas.
    public var practiceAreas: [PracticeAreaScore]
    /// How many of its questions were asked and how they were answered.
    public var completeness: Completeness

    /// Creates a dimension score.
    public init(id: String, score: Score, practiceAreas: [PracticeAreaScore] = [], completeness: Completeness) {
        self.id = id
        self.score = score
        self.practiceAreas = practiceAreas
        self.completeness = completeness
    }

    enum CodingKeys: String, CodingKey {
        case id, score, completeness
        case practiceAreas = "practice_areas"
    }
}

/// One practice area's score from 0 to 100.
public struct PracticeAreaScore: Sendable, Hashable, Codable, Identifiable {
    /// The practice area's id.
    public var id: String
    /// The score; `nil` when none of its questions counted.
    public var score: Double?

    /// Creates a practice area score.
    public init(id: String, score: Double?) {
        self.id = id
        self.score = score
    }
}

/// What happened to a question in one response.
public enum AnswerStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// Answered with a value.
    case answered
    /// Answered "not applicable".
    case notApplicable = "not_applicable"
    /// Answered "don't know".
    case dontKnow = "dont_know"
    /// Asked, but not answered.
    case unanswered
    /// Not asked, because its condition did not hold.
    case notAsked = "not_asked"
}

/// What one question contributed to an assessment.
public struct QuestionOutcome: Sendable, Hashable, Codable, CustomReflectable {
    /// The question's id.
    public var questionID: String {
        get { storage.members.questionID }
        set { uniqueStorage().members.questionID = newValue }
    }
    /// The id of its dimension.
    public var dimensionID: String {
        get { storage.members.dimensionID }
        set { uniqueStorage().members.dimensionID = newValue }
    }
    /// The id of its practice area, if it has one.
    public var practiceAreaID: String? {
        get { storage.members.practiceAreaID }
        set { uniqueStorage().members.practiceAreaID = newValue }
    }
    /// Whether it was asked and how it was answered.
    public var status: AnswerStatus {
        get { storage.members.status }
        set { uniqueStorage().members.status = newValue }
    }
    /// The answer given, if any.
    public var value: AnswerValue?
    /// The option the answer names (the band, for numeric answers).
    public var optionID: String? {
        get { storage.members.optionID }
        set { uniqueStorage().members.optionID = newValue }
    }
    /// The number tests compare: a scale value, a number, 1/0 for yes/no, or a choice's points.
    public var comparable: Double?
    /// The points the answer earns, 0 to 1; `nil` for text and for answers without a value.
    public var earned: Double? {
        get { storage.members.earned }
        set { uniqueStorage().members.earned = newValue }
    }
    /// The points that count towards the score after the rubric's answer policies; `nil` when excluded.
    public var points: Double? {
        get { storage.members.points }
        set { uniqueStorage().members.points = newValue }
    }
    /// The question's weight.
    public var weight: Double {
        get { storage.members.weight }
        set { uniqueStorage().members.weight = newValue }
    }
    /// Whether the answer reaches the question's target; `nil` when it earns no points.
    public var meetsTarget: Bool? {
        get { storage.members.meetsTarget }
        set { uniqueStorage().members.meetsTarget = newValue }
    }
    /// Whether the question can earn points at all; free-text and routing (`scored: false`) questions cannot.
    public var isScored: Bool {
        get { storage.members.isScored }
        set { uniqueStorage().members.isScored = newValue }
    }

    /// Every member but the answer and the number it compares as, shared by copies of the outcome until one is
    /// changed (copy on write). An assessment's outcomes are made from a plan's templates, one per question and
    /// answer code: making one is one retain, freeing it one release. With the members stored in the outcome, the
    /// copy and the destroy of its eleven members went through the type's generic value operations, and were a
    /// fifth of the time of scoring a 120-question response.
    private var storage: Storage

    /// Creates an outcome.
    public init(
        questionID: String,
        dimensionID: String,
        practiceAreaID: String? = nil,
        status: AnswerStatus,
        value: AnswerValue? = nil,
        optionID: String? = nil,
        comparable: Double? = nil,
        earned: Double? = nil,
        points: Double? = nil,
        weight: Double = 1,
        meetsTarget: Bool? = nil,
        isScored: Bool = true
    ) {
        storage = Storage(
            Members(
                questionID: questionID, dimensionID: dimensionID, practiceAreaID: practiceAreaID, optionID: optionID,
                status: status, earned: earned, points: points, weight: weight, meetsTarget: meetsTarget,
                isScored: isScored))
        self.value = value
        self.comparable = comparable
    }

    /// The storage, first copied if another outcome shares it.
    private mutating func uniqueStorage() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.members) }
        return storage
    }

    /// The members ``Storage`` shares.
    private struct Members {
        var questionID: String
        var dimensionID: String
        var practiceAreaID: String?
        var optionID: String?
        var status: AnswerStatus
        var earned: Double?
        var points: Double?
        var weight: Double
        var meetsTarget: Bool?
        var isScored: Bool
    }

    /// The shared members. `@unchecked Sendable` is sound: it is changed only through ``uniqueStorage()``, when
    /// the one outcome holding it is being changed, which Swift's exclusive access gives to one thread.
    private final class Storage: @unchecked Sendable {
        var members: Members

        init(_ members: Members) { self.members = members }
    }

    /// Shown as its members, the four ids among them, as before they were shared.
    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "questionID": questionID, "dimensionID": dimensionID, "practiceAreaID": practiceAreaID as Any,
                "status": status, "value": value as Any, "optionID": optionID as Any, "comparable": comparable as Any,
                "earned": earned as Any, "points": points as Any, "weight": weight, "meetsTarget": meetsTarget as Any,
                "isScored": isScored,
            ], displayStyle: .struct)
    }

    public static func == (lhs: QuestionOutcome, rhs: QuestionOutcome) -> Bool {
        lhs.questionID == rhs.questionID && lhs.dimensionID == rhs.dimensionID
            && lhs.practiceAreaID == rhs.practiceAreaID && lhs.status == rhs.status && lhs.value == rhs.value
            && lhs.optionID == rhs.optionID && lhs.comparable == rhs.comparable && lhs.earned == rhs.earned
            && lhs.points == rhs.points && lhs.weight == rhs.weight && lhs.meetsTarget == rhs.meetsTarget
            && lhs.isScored == rhs.isScored
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(questionID)
        hasher.combine(dimensionID)
        hasher.combine(practiceAreaID)
        hasher.combine(status)
        hasher.combine(value)
        hasher.combine(optionID)
        hasher.combine(comparable)
        hasher.combine(earned)
        hasher.combine(points)
        hasher.combine(weight)
        hasher.combine(meetsTarget)
        hasher.combine(isScored)
    }

    enum CodingKeys: String, CodingKey {
        case status, value, earned, points, weight
        case questionID = "question"
        case dimensionID = "dimension"
        case practiceAreaID = "practice_area"
        case optionID = "option"
        case comparable
        case meetsTarget = "meets_target"
        case isScored = "scored"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            questionID: try container.decode(String.self, forKey: .questionID),
            dimensionID: try container.decode(String.self, forKey: .dimensionID),
            practiceAreaID: try container.decodeIfPresent(String.self, forKey: .practiceAreaID),
            status: try container.decode(AnswerStatus.self, forKey: .status),
            value: try container.decodeIfPresent(AnswerValue.self, forKey: .value),
            optionID: try container.decodeIfPresent(String.self, forKey: .optionID),
            comparable: try container.decodeIfPresent(Double.self, forKey: .comparable),
            earned: try container.decodeIfPresent(Double.self, forKey: .earned),
            points: try container.decodeIfPresent(Double.self, forKey: .points),
            weight: try container.decode(Double.self, forKey: .weight),
            meetsTarget: try container.decodeIfPresent(Bool.self, forKey: .meetsTarget),
            isScored: try container.decode(Bool.self, forKey: .isScored))
    }

    /// Encodes the outcome with the keys, in the order, of the members it had when they were all stored.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(questionID, forKey: .questionID)
        try container.encode(dimensionID, forKey: .dimensionID)
        try container.encodeIfPresent(practiceAreaID, forKey: .practiceAreaID)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(value, forKey: .value)
        try container.encodeIfPresent(optionID, forKey: .optionID)
        try container.encodeIfPresent(comparable, forKey: .comparable)
        try container.encodeIfPresent(earned, forKey: .earned)
        try container.encodeIfPresent(points, forKey: .points)
        try container.encode(weight, forKey: .weight)
        try container.encodeIfPresent(meetsTarget, forKey: .meetsTarget)
        try container.encode(isScored, forKey: .isScored)
    }
}

/// How many questions were asked, and how they were answered.
public struct Completeness: Sendable, Hashable, Codable {
    /// Questions whose conditions held, so they were to be asked.
    public var askable = 0
    /// Questions answered with a value.
    public var answered = 0
    /// Questions answered "not applicable".
    public var notApplicable = 0
    /// Questions answered "don't know".
    public var dontKnow = 0
    /// Questions asked and not answered.
    public var unanswered = 0

    /// Creates an empty count.
    public init() {}

    /// The share of askable questions that have any answer ("not applicable" and "don't know" included), 0 to 1.
    public var fraction: Double {
        askable == 0 ? 1 : Double(askable - unanswered) / Double(askable)
    }

    enum CodingKeys: String, CodingKey {
        case askable, answered, unanswered
        case notApplicable = "not_applicable"
        case dontKnow = "dont_know"
    }
}
