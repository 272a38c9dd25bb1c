import AssayCore
import Testing

/// The format additions of Rubrics 2.0: minutes, questions asked before the session, routing questions and the
/// mapping from earlier versions.
@Suite("Rubric format 2.0")
struct RubricTwoFormatTests {
    func diagnostics(_ change: (inout Rubric) -> Void) -> [String] {
        var rubric = Fixtures.rubric()
        change(&rubric)
        return rubric.validate().map { "\($0.severity == .error ? "error" : "warning") \($0.path): \($0.message)" }
    }

    @Test func minutesMustBePositiveAndAtMostASession() {
        #expect(diagnostics { $0.dimensions[0].questions[1].minutes = 2.5 }.isEmpty)
        #expect(
            diagnostics { $0.dimensions[0].questions[1].minutes = 0 } == [
                "error dimensions[0].questions[1].minutes: \"minutes\" must be more than 0 and at most 90; found 0"
            ])
        #expect(diagnostics { $0.dimensions[0].questions[1].minutes = 120 }.count == 1)
    }

    @Test func aRoutingQuestionEarnsNothingButStillDecidesWhatIsAsked() throws {
        // a.owner yes/no (w1), a.1 scale (w2), a.2 asked when a.1 is at least partial. With a.1 a routing question,
        // dimension a is a.owner and a.2 alone: yes (1) and a.2 largely (2/3) → 100·(1 + 2/3)/2 = 83.333.
        var rubric = Fixtures.rubric()
        rubric.dimensions[0].questions[1].isScored = false
        #expect(rubric.validate().isEmpty)
        let scorer = try Scorer(rubric: rubric)
        let response = Fixtures.response([
            "a.owner": .flag(true), "a.1": .text("full"), "a.2": .text("largely"),
        ])
        let assessment = try scorer.score(response)
        #expect(approximately(assessment.dimension("a")?.score.value, 100 * (1 + 2.0 / 3) / 2))
        let routing = try #require(assessment.questions.first { $0.questionID == "a.1" })
        #expect(routing.status == .answered && routing.points == nil && !routing.isScored)
        // "none" closes a.2, and the routing answer still counts for nothing: a.owner alone, 100.
        let closed = try scorer.score(Fixtures.response(["a.owner": .flag(true), "a.1": .text("none")]))
        #expect(approximately(closed.dimension("a")?.score.value, 100))
        #expect(closed.questions.first { $0.questionID == "a.2" }?.status == .notAsked)
    }

    @Test func criticalOrLevelOnARoutingQuestionIsAWarning() {
        let found = diagnostics {
            $0.dimensions[0].questions[0].isScored = false
            $0.dimensions[0].questions[0].level = "initial"
        }
        #expect(found.count == 2 && found.allSatisfy { $0.hasPrefix("warning dimensions[0].questions[0].") })
    }

    @Test func aQuestionAskedBeforeCannotWaitOnTheSession() {
        let found = diagnostics { $0.dimensions[0].questions[2].asked = .before }
        #expect(
            found == [
                "warning dimensions[0].questions[2].condition: this question is asked before the session, but its condition depends on \"a.1\", which is asked in it"
            ])
        #expect(
            diagnostics {
                $0.dimensions[0].questions[1].asked = .before
                $0.dimensions[0].questions[2].asked = .before
            }.isEmpty)
    }

    @Test func theTimeBudgetSeparatesTheSessionFromBefore() throws {
        var rubric = Fixtures.rubric()
        rubric.dimensions[0].questions[0].minutes = 1.5
        rubric.dimensions[0].questions[1].minutes = 3
        rubric.dimensions[0].questions[2].minutes = 2.5
        rubric.dimensions[0].questions[2].asked = .before
        rubric.dimensions[0].questions[1].asked = .before
        let budget = TimeBudget(try RubricIndex(rubric))
        // In session a.owner 1.5 and the three b questions without an estimate; before a.1 3 + a.2 2.5 = 5.5.
        #expect(budget.sessionMinutes == 1.5 && budget.sessionQuestions == 4)
        #expect(budget.beforeMinutes == 5.5 && budget.beforeQuestions == 2)
        #expect(budget.unestimated == 3)
    }

    @Test func mappingsAreCheckedForShapeAndTargets() {
        func mapped(_ mappings: [QuestionMapping], from version: String = "0.9.0") -> [String] {
            diagnostics { $0.changes = [VersionChange(fromVersion: version, questions: mappings)] }
        }
        #expect(
            mapped([
                QuestionMapping(.renamed, from: ["old.owner"], to: ["a.owner"]),
                QuestionMapping(.split, from: ["old.x"], to: ["b.1", "b.2"]),
                QuestionMapping(.merged, from: ["old.y", "old.z"], to: ["b.3"]),
                QuestionMapping(.removed, from: ["old.gone"], to: []),
            ]).isEmpty)
        #expect(
            mapped([QuestionMapping(.split, from: ["old.x"], to: ["b.1"])]) == [
                "error changes[0].questions[0]: a \"split\" change maps one earlier question to two or more; found 1 to 1"
            ])
        #expect(
            mapped([QuestionMapping(.renamed, from: ["old.x"], to: ["nope"])]) == [
                "error changes[0].questions[0].to[0]: \"nope\" is not a question of this version of the rubric"
            ])
        #expect(
            mapped([
                QuestionMapping(.removed, from: ["old.x"], to: []),
                QuestionMapping(.renamed, from: ["old.x"], to: ["b.1"]),
            ]).count == 1)
        #expect(mapped([QuestionMapping(.kept, from: ["b.1"], to: ["b.2"])]).count == 1)
        #expect(
            mapped([], from: "1.0.0") == [
                "error changes[0].from_version: a rubric cannot map its own version onto itself"
            ])
    }
}
