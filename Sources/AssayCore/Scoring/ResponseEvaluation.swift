/// What each question's answer means under a rubric: asked or not, its status, and the points that count.
///
/// This is the first step of every scoring model, built-in or plugin: conditions are decided in asking order,
/// answers are read against their question's options, and the rubric's answer policies are applied.
public struct ResponseEvaluation: Sendable {
    /// The rubric, indexed.
    public let index: RubricIndex
    /// The response evaluated.
    public let response: AssessmentResponse
    /// One outcome per question, in asking order.
    public let outcomes: [QuestionOutcome]

    /// Evaluates `response` against the rubric in `index`.
    ///
    /// - Throws: ``DocumentError`` when the response names an unknown question, gives an answer the question does
    ///   not accept, or says "not applicable" where the rubric does not allow it.
    public init(response: AssessmentResponse, index: RubricIndex) throws(DocumentError) {
        let diagnostics = response.validate(against: index)
        if diagnostics.containsErrors { throw DocumentError(diagnostics: diagnostics) }
        self.init(validated: response, index: index)
    }

    package init(validated response: AssessmentResponse, index: RubricIndex) {
        self.index = index
        self.response = response
        let rubric = index.rubric
        let policies = rubric.policies
        var outcomes: [QuestionOutcome] = []
        outcomes.reserveCapacity(index.questions.count)
        for entry in index.questions {
            let dimension = rubric.dimensions[entry.dimensionIndex]
            let answer = response.answers[entry.question.id]?.value
            let asked = entry.question.condition.map { Self.holds($0, outcomes: outcomes, index: index) } ?? true
            outcomes.append(
                Self.outcome(
                    of: answer, entry: entry, dimensionID: dimension.id,
                    practiceAreaID: entry.practiceAreaIndex.map { dimension.practiceAreas[$0].id }, asked: asked,
                    policies: policies))
        }
        self.outcomes = outcomes
    }

    /// What `answer` (`nil`: none) to the question `entry` means, asked or not, under `policies`: the one
    /// definition every path scores by. The ``ScoringPlan`` builds its tables by calling it once per answer code;
    /// `reading` is how the answer reads against the question's options (the plan passes a numeric band's reading
    /// without a number in it).
    static func outcome(
        of answer: AnswerValue?,
        entry: IndexedQuestion,
        dimensionID: String,
        practiceAreaID: String?,
        asked: Bool,
        policies: AnswerPolicies,
        reading readingOverride: AnswerReading? = nil
    ) -> QuestionOutcome {
        let question = entry.question
        // A routing question (`scored: false`) is answered like any other, so conditions and gates can test it, but
        // earns nothing, as a text question.
        let scored = question.earnsPoints
        var outcome = QuestionOutcome(
            questionID: question.id,
            dimensionID: dimensionID,
            practiceAreaID: practiceAreaID,
            status: .unanswered,
            value: answer,
            weight: question.weight,
            isScored: scored
        )
        guard asked else {
            outcome.status = .notAsked
            return outcome
        }
        func treated(_ treatment: AnswerTreatment) -> Double? {
            guard scored else { return nil }
            switch treatment {
            case .exclude: return nil
            case .zero: return 0
            case .target: return entry.targetPoints
            }
        }
        switch answer {
        case nil:
            outcome.status = .unanswered
            outcome.points = treated(policies.unanswered)
        case .notApplicable?:
            outcome.status = .notApplicable
            outcome.points = treated(policies.notApplicable)
        case .dontKnow?:
            outcome.status = .dontKnow
            outcome.points = treated(policies.dontKnow)
        case var value?:
            // A single option id is a one-item choice list; reading it as one keeps conditions, gates and
            // explanations from telling `"a"` and `["a"]` apart.
            value = entry.normalized(value)
            outcome.value = value
            let reading = readingOverride ?? entry.read(value)
            outcome.status = .answered
            outcome.optionID = reading.option?.id
            outcome.comparable = reading.comparable
            let earned = scored ? reading.points : nil
            outcome.earned = earned
            outcome.points = earned
            if let earned {
                outcome.meetsTarget = earned >= entry.targetPoints - 1e-9
            }
        }
        return outcome
    }

    /// Why `answer` is not a valid answer to the question `entry`, as ``AssessmentResponse/validate(against:)`` says it;
    /// `nil` when it is valid.
    static func problem(with answer: AnswerValue, entry: IndexedQuestion) -> String? {
        if answer == .notApplicable && !entry.question.allowsNotApplicable {
            return "question \"\(entry.question.id)\" does not allow \"not applicable\""
        }
        return entry.read(answer).problem
    }

    /// Whether `condition` holds, given the outcomes of the questions asked before it.
    static func holds(_ condition: Condition, outcomes: [QuestionOutcome], index: RubricIndex) -> Bool {
        switch condition {
        case .answer(let id, let test):
            guard let position = index.position(ofQuestion: id), position < outcomes.count else { return false }
            return test.matches(outcomes[position])
        case .all(let conditions):
            return conditions.allSatisfy { holds($0, outcomes: outcomes, index: index) }
        case .any(let conditions):
            return conditions.contains { holds($0, outcomes: outcomes, index: index) }
        case .not(let condition):
            return !holds(condition, outcomes: outcomes, index: index)
        }
    }

    /// The outcome of the question with `id`.
    public func outcome(_ id: String) -> QuestionOutcome? {
        index.position(ofQuestion: id).map { outcomes[$0] }
    }

    /// The outcomes of one dimension's questions, in asking order.
    public func outcomes(inDimension dimensionIndex: Int) -> ArraySlice<QuestionOutcome> {
        let questions = index.questions
        guard let first = questions.firstIndex(where: { $0.dimensionIndex == dimensionIndex }) else { return [] }
        var end = first
        while end < questions.count && questions[end].dimensionIndex == dimensionIndex { end += 1 }
        return outcomes[first..<end]
    }

    /// How many questions were asked and how they were answered, over `outcomes`.
    public static func completeness<S: Sequence>(of outcomes: S) -> Completeness where S.Element == QuestionOutcome {
        var completeness = Completeness()
        for outcome in outcomes { completeness.count(outcome.status) }
        return completeness
    }
}

extension Completeness {
    /// Counts one more question, which ended with `status`.
    mutating func count(_ status: AnswerStatus) {
        switch status {
        case .notAsked: return
        case .answered: answered += 1
        case .notApplicable: notApplicable += 1
        case .dontKnow: dontKnow += 1
        case .unanswered: unanswered += 1
        }
        askable += 1
    }
}

extension AnswerTest {
    /// Whether a question's outcome passes this test. Questions not asked or not answered pass only
    /// `answered: false`.
    public func matches(_ outcome: QuestionOutcome) -> Bool {
        let hasAnswer = outcome.status == .answered || outcome.status == .notApplicable || outcome.status == .dontKnow
        switch self {
        case .answered(let expected):
            return hasAnswer == expected
        case .equals(let expected):
            return Self.equals(expected, outcome)
        case .oneOf(let values):
            return values.contains { Self.equals($0, outcome) }
        case .atLeast(let bound):
            guard outcome.status == .answered, let value = outcome.comparable else { return false }
            return value >= bound
        case .atMost(let bound):
            guard outcome.status == .answered, let value = outcome.comparable else { return false }
            return value <= bound
        }
    }

    private static func equals(_ expected: AnswerValue, _ outcome: QuestionOutcome) -> Bool {
        switch (expected, outcome.status) {
        case (.notApplicable, let status): return status == .notApplicable
        case (.dontKnow, let status): return status == .dontKnow
        case (_, .answered): break
        default: return false
        }
        switch expected {
        case .text(let id):
            if let option = outcome.optionID { return option == id }
            if case .text(let text)? = outcome.value { return text == id }
            if case .choices(let chosen)? = outcome.value { return chosen == [id] }
            return false
        case .number(let number):
            return outcome.comparable == number
        case .flag(let flag):
            return outcome.optionID == (flag ? "yes" : "no")
        case .choices(let ids):
            if case .choices(let chosen)? = outcome.value { return Set(chosen) == Set(ids) }
            return false
        case .notApplicable, .dontKnow:
            return false
        }
    }
}

extension AssessmentResponse {
    /// Every problem with this response as answers to the rubric in `index`; empty when it is sound.
    public func validate(against index: RubricIndex) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let rubric = index.rubric
        if self.rubric != rubric.id {
            diagnostics.append(
                .error(
                    "the response is for rubric \"\(self.rubric)\", not \"\(rubric.id)\"",
                    at: DocumentPath.root.key("rubric"))
            )
        }
        if let version = rubricVersion, version != rubric.version {
            diagnostics.append(
                .warning(
                    "the answers were given against version \(version) of the rubric, and are scored against \(rubric.version)",
                    at: DocumentPath.root.key("rubric_version")
                )
            )
        }
        if let submitted = attributes["submitted_at"], Timestamp(submitted) == nil {
            diagnostics.append(
                .error(
                    "\"\(submitted)\" is not an ISO 8601 date or time; expected such as 2026-03-01 or 2026-03-01T10:00:00Z",
                    at: DocumentPath.root.key("attributes").key("submitted_at")))
        }
        let answersPath = DocumentPath.root.key("answers")
        for id in answers.keys.sorted() {
            guard let entry = index.question(id) else {
                diagnostics.append(
                    .error("\"\(id)\" is not a question of rubric \"\(rubric.id)\"", at: answersPath.key(id)))
                continue
            }
            guard let value = answers[id]?.value else { continue }
            if let problem = ResponseEvaluation.problem(with: value, entry: entry) {
                diagnostics.append(.error(problem, at: answersPath.key(id)))
            }
        }
        return diagnostics
    }
}
