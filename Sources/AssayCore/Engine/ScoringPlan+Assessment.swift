extension ScoringPlan {
    /// The code of `value` as an answer to the question `entry`; `nil` for an answer codes cannot carry (a list of
    /// choices) or one that is no answer to the question, which the core's slower path then reports.
    func code(of value: AnswerValue, entry: IndexedQuestion) -> AnswerCode? {
        switch value {
        case .notApplicable: return .notApplicable
        case .dontKnow: return .dontKnow
        case .flag(let flag): return flag ? .yes : .no
        default: return entry.rules.code(of: value, options: entry.options)
        }
    }

    /// The assessment of `response`, exactly as the plan's model gives it through ``ResponseEvaluation``; `nil`
    /// when the response needs the core's slower path: it has an error to report (another rubric, an unknown
    /// question, an answer the question does not take, a `submitted_at` that is no date) or an answer codes cannot
    /// carry (a list of choices). ``Scorer/score(_:)`` takes this path first.
    package func assessment(of response: AssessmentResponse) -> Assessment? {
        let rubric = index.rubric
        guard response.rubric == rubric.id else { return nil }
        if let submitted = response.attributes["submitted_at"], Timestamp(submitted) == nil { return nil }
        let questions = index.questions
        let count = questions.count
        // Each answer's value, looked up once: the assessment puts it back into its question's outcome.
        var values = [AnswerValue?](repeating: nil, count: count)
        return withUnsafeTemporaryAllocation(of: AnswerCode.self, capacity: count) { codes -> Assessment? in
            var answersSeen = 0
            for position in 0..<count {
                let entry = questions[position]
                guard let answer = response.answers[entry.question.id] else {
                    codes[position] = .missing
                    continue
                }
                answersSeen += 1
                guard let value = answer.value else {
                    codes[position] = .missing
                    continue
                }
                values[position] = value
                guard let code = code(of: value, entry: entry) else { return nil }
                codes[position] = code
            }
            // An answer to a question the rubric lacks is an error the core reports.
            guard answersSeen == response.answers.count else { return nil }
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { slots -> Assessment? in
                guard evaluate(UnsafeBufferPointer(codes), into: slots) else { return nil }
                return assessment(of: response, values: values, slots: slots)
            }
        }
    }

    /// The assessment of `response`, whose answer values are `values` (by position) and whose outcomes
    /// ``evaluate(_:into:)`` wrote into `slots`.
    private func assessment(
        of response: AssessmentResponse, values: [AnswerValue?], slots: UnsafeMutableBufferPointer<Int32>
    ) -> Assessment {
        let rubric = index.rubric
        let scopes = scopeCount
        let areaCount = rubric.dimensions.reduce(0) { $0 + max(1, $1.practiceAreas.count) }
        var scores = [Double?](repeating: nil, count: scopes)
        var levels = [Int?](repeating: nil, count: scopes)
        var areaScores = [Double?](repeating: nil, count: areaCount)
        var raw = [RawScore?](repeating: nil, count: scopes)
        scores.withUnsafeMutableBufferPointer { scores in
            levels.withUnsafeMutableBufferPointer { levels in
                areaScores.withUnsafeMutableBufferPointer { areaScores in
                    raw.withUnsafeMutableBufferPointer { raw in
                        score(
                            slots, scores: scores, levels: levels,
                            details: Details(areaScores: areaScores, raw: raw))
                    }
                }
            }
        }
        var outcomes: [QuestionOutcome] = []
        outcomes.reserveCapacity(slots.count)
        for (position, entry) in index.questions.enumerated() {
            // Valid by ``evaluate(_:into:)``: every chosen slot has an outcome.
            var outcome = templates[Int(slots[position])]!
            // The template was made from a stand-in for the answer (a band for a number, some text for text): the
            // answer itself goes back in, as the core keeps it.
            let value = values[position]
            outcome.value = value
            if outcome.status == .answered, case .number(let number)? = value, !entry.rules.codesDecideValueTests {
                outcome.comparable = number
            }
            outcomes.append(outcome)
        }
        func level(_ scope: Int) -> String? { levels[scope].map { rubric.levels[$0].id } }
        var dimensions: [DimensionScore] = []
        var area = 0
        var first = 0
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            let questionCount =
                dimension.practiceAreas.isEmpty
                ? dimension.questions.count : dimension.practiceAreas.reduce(0) { $0 + $1.questions.count }
            var practiceAreas: [PracticeAreaScore] = []
            if !dimension.practiceAreas.isEmpty, hasAreaScores {
                practiceAreas = zip(dimension.practiceAreas, areaScores[area...]).map {
                    PracticeAreaScore(id: $0.id, score: $1)
                }
            }
            area += max(1, dimension.practiceAreas.count)
            dimensions.append(
                DimensionScore(
                    id: dimension.id,
                    score: Score(value: scores[dimensionIndex], level: level(dimensionIndex), raw: raw[dimensionIndex]),
                    practiceAreas: practiceAreas,
                    completeness: ResponseEvaluation.completeness(of: outcomes[first..<(first + questionCount)])))
            first += questionCount
        }
        return Assessment(
            rubricID: rubric.id,
            rubricVersion: rubric.version,
            model: modelID,
            responseID: response.id,
            overall: Score(value: scores[scopes - 1], level: level(scopes - 1), raw: raw[scopes - 1]),
            dimensions: dimensions,
            questions: outcomes,
            completeness: ResponseEvaluation.completeness(of: outcomes))
    }
}
