extension ScoringPlan {
    /// One response's answer codes, kept so that explanations can score "this one answer one step better" from the
    /// plan's tables: change one code, decide again what is asked, and sum, with no ``ResponseEvaluation`` or
    /// ``Assessment`` built per step.
    package struct Steps {
        let plan: ScoringPlan
        private var codes: [AnswerCode]
        private var slots: [Int32]
        private var scores: [Double?]
        private var levels: [Int?]

        /// The codes of `response`; `nil` when an answer has no code (a list of choices of more than 8 options),
        /// which explanations then score through the core.
        init?(plan: ScoringPlan, response: AssessmentResponse) {
            var codes: [AnswerCode] = []
            codes.reserveCapacity(plan.index.questions.count)
            for position in plan.index.questions.indices {
                guard let value = response.answers[plan.index.questions[position].question.id]?.value else {
                    codes.append(.missing)
                    continue
                }
                guard let code = plan.code(of: value, at: position) else { return nil }
                codes.append(code)
            }
            self.plan = plan
            self.codes = codes
            slots = [Int32](repeating: 0, count: codes.count)
            scores = [Double?](repeating: nil, count: plan.scopeCount)
            levels = [Int?](repeating: nil, count: plan.scopeCount)
        }

        /// Dimension `dimension`'s score and the overall score with the question at `position` answered `value`;
        /// `nil` when `value` has no code or is no valid answer, which the core then scores.
        mutating func scores(changing position: Int, to value: AnswerValue, dimension: Int) -> (
            dimension: Double?, overall: Double?
        )? {
            guard let code = plan.code(of: value, at: position) else { return nil }
            let kept = codes[position]
            codes[position] = code
            defer { codes[position] = kept }
            let plan = plan
            let valid = codes.withUnsafeBufferPointer { codes in
                slots.withUnsafeMutableBufferPointer { slots in
                    scores.withUnsafeMutableBufferPointer { scores in
                        levels.withUnsafeMutableBufferPointer { levels in
                            guard plan.evaluate(codes, into: slots) else { return false }
                            plan.score(slots, scores: scores, levels: levels, details: nil)
                            return true
                        }
                    }
                }
            }
            guard valid else { return nil }
            return (scores[dimension], scores[plan.scopeCount - 1])
        }
    }
}
