extension ScoringPlan {
    /// The code of `value` as an answer to the question at `position`; `nil` for an answer codes cannot carry (a
    /// list of choices of more than 8 options) or one that is no answer to the question, which the core's slower
    /// path then reports.
    ///
    /// The question's format and options are read in place, from ``coding``: copying its `IndexedQuestion`
    /// (texts, options, path) per answer cost more than the rest of the call.
    package func code(of value: AnswerValue, at position: Int) -> AnswerCode? {
        switch value {
        case .notApplicable: return .notApplicable
        case .dontKnow: return .dontKnow
        case .flag(let flag): return flag ? .yes : .no
        default:
            // Option ids compared byte for byte: an option named in another Unicode spelling is left to the core.
            // Borrowed from the plan, which keeps it: no reference counting per answer.
            return coding[position]._withUnsafeGuaranteedRef { coding in
                coding.rules.code(
                    of: value, options: coding.options,
                    optionNamed: { answerLookup.option(named: $0, ofQuestion: position) })
            }
        }
    }

    /// The assessment of `response`, exactly as the plan's model gives it through ``ResponseEvaluation``; `nil`
    /// when the response needs the core's slower path: it has an error to report (another rubric, an unknown
    /// question, an answer the question does not take, a `submitted_at` that is no date) or an answer codes cannot
    /// carry (a list of choices of more than 8 options). ``Scorer/score(_:)`` takes this path first.
    ///
    /// The rubric's questions and dimensions are read in place, through buffer pointers: copying an
    /// `IndexedQuestion` (a question with its texts, options and path) out of its array once per question took
    /// more than half the time of the whole call.
    package func assessment(of response: AssessmentResponse) -> Assessment? {
        guard response.rubric == index.rubric.id else { return nil }
        if let submitted = response.attributes["submitted_at"], Timestamp(submitted) == nil { return nil }
        let count = questionCount
        return index.questions.withUnsafeBufferPointer { questions -> Assessment? in
            // Each answer's value, looked up once: the assessment moves it into its question's outcome.
            withUnsafeTemporaryAllocation(of: AnswerValue?.self, capacity: count) { values -> Assessment? in
                values.initialize(repeating: nil)
                // Each value was moved into its outcome, or is still here after an early return. Moved out one by
                // one, in code specialized for the type: `deinitialize()` called the generic destroy per element.
                defer { for position in 0..<count { _ = (values.baseAddress! + position).move() } }
                return withUnsafeTemporaryAllocation(of: AnswerCode.self, capacity: count) { codes -> Assessment? in
                    codes.initialize(repeating: .missing)
                    for (key, answer) in response.answers {
                        // An answer to a question the rubric lacks is an error the core reports.
                        guard let position = position(ofAnswer: key) else { return nil }
                        guard let value = answer.value else { continue }
                        guard let code = code(of: value, at: position) else { return nil }
                        codes[position] = code
                        values[position] = value
                    }
                    return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { slots -> Assessment? in
                        guard evaluate(UnsafeBufferPointer(codes), into: slots) else { return nil }
                        return assessment(of: response, values: values, slots: slots, questions: questions)
                    }
                }
            }
        }
    }

    /// The position of the question an answer's key names; `nil` when it names none by exactly its bytes.
    private func position(ofAnswer key: String) -> Int? {
        answerLookup.hasQuestionTable ? answerLookup.position(ofQuestion: key) : index.position(ofQuestion: key)
    }

    /// The assessment of `response`, whose answer values are `values` (by position; moved into the outcomes) and
    /// whose outcomes ``evaluate(_:into:)`` wrote into `slots`.
    private func assessment(
        of response: AssessmentResponse, values: UnsafeMutableBufferPointer<AnswerValue?>,
        slots: UnsafeMutableBufferPointer<Int32>,
        questions: UnsafeBufferPointer<IndexedQuestion>
    ) -> Assessment {
        let scopes = scopeCount
        // On the stack: four arrays allocated and freed per call cost more than the sums.
        return withUnsafeTemporaryAllocation(of: Double?.self, capacity: scopes) { scores in
            withUnsafeTemporaryAllocation(of: Int?.self, capacity: scopes) { levels in
                withUnsafeTemporaryAllocation(of: Double?.self, capacity: areaCount) { areaScores in
                    withUnsafeTemporaryAllocation(of: RawScore?.self, capacity: scopes) { raw in
                        scores.initialize(repeating: nil)
                        levels.initialize(repeating: nil)
                        areaScores.initialize(repeating: nil)
                        raw.initialize(repeating: nil)
                        score(slots, scores: scores, levels: levels, details: Details(areaScores: areaScores, raw: raw))
                        return assessment(
                            of: response, values: values, slots: slots, questions: questions,
                            scores: (scores, levels, areaScores, raw))
                    }
                }
            }
        }
    }

    /// The assessment of `response` once its scopes are scored.
    private func assessment(
        of response: AssessmentResponse, values: UnsafeMutableBufferPointer<AnswerValue?>,
        slots: UnsafeMutableBufferPointer<Int32>, questions: UnsafeBufferPointer<IndexedQuestion>,
        scores scored: (
            scores: UnsafeMutableBufferPointer<Double?>, levels: UnsafeMutableBufferPointer<Int?>,
            areaScores: UnsafeMutableBufferPointer<Double?>, raw: UnsafeMutableBufferPointer<RawScore?>
        )
    ) -> Assessment {
        let (scores, levels, areaScores, raw) = scored
        let scopes = scopeCount
        let outcomes = templates.withUnsafeBufferPointer { templates in
            [QuestionOutcome](unsafeUninitializedCapacity: slots.count) { buffer, initialized in
                for position in 0..<slots.count {
                    // One copy of the template (the ids the outcome shares with it), then the answer moved in.
                    let outcome = buffer.baseAddress! + position
                    outcome.initialize(to: templates[Int(slots[position])])
                    let value = values[position].take()
                    // A number compares as itself: a numeric answer's own number, or the value of the scale option
                    // it equals (no other format has a code for a number).
                    if outcome.pointee.status == .answered, case .number(let number)? = value {
                        outcome.pointee.comparable = number
                    }
                    // An answer is kept as the core keeps it: rewritten by its format (one id as a one-item list)
                    // when it was asked and answered, as given when it was not asked.
                    if outcome.pointee.status == .answered, let given = value,
                        coding[position]._withUnsafeGuaranteedRef({ $0.normalizes })
                    {
                        outcome.pointee.value = coding[position]._withUnsafeGuaranteedRef { $0.rules.normalized(given) }
                    } else {
                        outcome.pointee.value = value
                    }
                    initialized = position + 1
                }
            }
        }
        func level(_ scope: Int) -> String? { levels[scope].map { index.rubric.levels[$0].id } }
        let dimensions = index.rubric.dimensions.withUnsafeBufferPointer { declared in
            var dimensions: [DimensionScore] = []
            dimensions.reserveCapacity(declared.count)
            var area = 0
            var first = 0
            for dimensionIndex in 0..<declared.count {
                let practiceAreas = declared[dimensionIndex].practiceAreas
                let questionCount =
                    practiceAreas.isEmpty
                    ? declared[dimensionIndex].questions.count : practiceAreas.reduce(0) { $0 + $1.questions.count }
                var areaScoreList: [PracticeAreaScore] = []
                if !practiceAreas.isEmpty, hasAreaScores {
                    areaScoreList.reserveCapacity(practiceAreas.count)
                    for (offset, practiceArea) in practiceAreas.enumerated() {
                        areaScoreList.append(PracticeAreaScore(id: practiceArea.id, score: areaScores[area + offset]))
                    }
                }
                area += max(1, practiceAreas.count)
                dimensions.append(
                    DimensionScore(
                        id: declared[dimensionIndex].id,
                        score: Score(
                            value: scores[dimensionIndex], level: level(dimensionIndex), raw: raw[dimensionIndex]),
                        practiceAreas: areaScoreList,
                        completeness: Self.completeness(of: outcomes, first..<(first + questionCount))))
                first += questionCount
            }
            return dimensions
        }
        return Assessment(
            rubricID: index.rubric.id,
            rubricVersion: index.rubric.version,
            model: modelID,
            responseID: response.id,
            overall: Score(value: scores[scopes - 1], level: level(scopes - 1), raw: raw[scopes - 1]),
            dimensions: dimensions,
            questions: outcomes,
            completeness: Self.completeness(of: outcomes, 0..<outcomes.count))
    }
}

extension ScoringPlan {
    /// The completeness of `outcomes[range]`, read in place: ``ResponseEvaluation/completeness(of:)`` iterates a
    /// sequence, which copies each outcome and its strings.
    fileprivate static func completeness(of outcomes: [QuestionOutcome], _ range: Range<Int>) -> Completeness {
        var completeness = Completeness()
        for position in range { completeness.count(outcomes[position].status) }
        return completeness
    }
}
