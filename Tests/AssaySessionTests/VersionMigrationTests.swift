import AssayCore
import AssayRubrics
import AssaySession
import Testing

/// A session given against 1.0.0 of a bundled rubric resumes under 2.0.0 with every answer its mapping carries.
@Suite struct VersionMigrationTests {
    /// Answers every question of `index` that has options with its second-highest option ("largely" on the practice
    /// scale, "no" for yes/no), and text questions with a sentence, each with a note.
    static func answered(_ session: SessionFile, _ index: RubricIndex) -> SessionFile {
        var session = session
        for entry in index.questions {
            let value: AnswerValue
            switch entry.question.format {
            case .text: value = .text("The permit portal")
            case .yesNo: value = .flag(false)
            default: value = .text(entry.options[max(0, entry.options.count - 2)].id)
            }
            session.answers[entry.question.id] = Answer(value, note: "said by the clerk")
        }
        return session
    }

    @Test(arguments: try BundledRubrics.ids)
    func resumesUnderTwoKeepingEveryMappedAnswer(id: String) throws {
        let current = try BundledRubrics.rubric(id: id)
        #expect(current.version == "2.0.0")
        let earlier = try #require(try BundledRubrics.rubric(id: id, version: "1.0.0"))
        let declared = try #require(current.changes.first { $0.fromVersion == "1.0.0" })
        let oldIndex = try RubricIndex(earlier)
        let oldIDs = oldIndex.questions.map(\.question.id)
        // The mapping names every 1.0.0 question, so none is carried or dropped by accident of its id.
        #expect(Set(declared.questions.flatMap(\.from)) == Set(oldIDs))

        let before = Self.answered(
            SessionFixtures.session(rubric: earlier), oldIndex)
        let engine = SessionEngine(session: before, scorer: try Scorer(rubric: current), now: SessionFixtures.start)
        let after = engine.session
        #expect(after.rubricVersion == "2.0.0")
        let currentIDs = Set(engine.index.questions.map(\.question.id))
        for oldID in oldIDs {
            let destination = declared.destination(of: oldID, currentIDs: currentIDs)
            for newID in destination.to {
                // Kept, renamed and split questions take the old answer, note included.
                #expect(after.answers[newID]?.value == before.answers[oldID]?.value, "\(oldID) → \(newID)")
                #expect(after.answers[newID]?.note == "said by the clerk", "\(oldID) → \(newID)")
            }
            if destination.to.isEmpty { #expect(after.answers[oldID] == nil) }
        }
        // Nothing the mapping carries was cleared as no longer valid.
        #expect(engine.rubricChange?.invalidatedAnswers.isEmpty ?? true)
        #expect(engine.rubricChange?.droppedAnswers.isEmpty ?? true)
    }

    /// digital-capacity 2.0.0 splits tech.security into tech.access and tech.protection: a facilitator resuming a
    /// 1.0.0 session hears that both took its answer, to confirm.
    @Test func theSplitIsReportedForConfirmation() throws {
        let earlier = try #require(try BundledRubrics.rubric(id: "digital-capacity", version: "1.0.0"))
        var session = SessionFixtures.session(rubric: earlier)
        session.answers["tech.security"] = Answer(.text("partial"))
        session.answers["hr.lead"] = Answer(.text("full"))
        let engine = SessionEngine(
            session: session, scorer: try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity")),
            now: SessionFixtures.start)
        let change = try #require(engine.rubricChange)
        #expect(change.carriedAnswers.map(\.to) == ["tech.access", "tech.protection"])
        #expect(change.carriedAnswers.allSatisfy { $0.from == ["tech.security"] && $0.kind == .split })
        #expect(change.removed.isEmpty)
        #expect(change.added.contains("project.context"))
        #expect(engine.session.answers["tech.access"]?.value == .text("partial"))
        #expect(engine.session.answers["tech.security"] == nil)
        #expect(engine.session.answers["hr.lead"]?.value == .text("full"))
        // The audit trail says where the carried answers came from.
        let carried = engine.session.audit.filter { $0.question == "tech.protection" }
        #expect(carried.count == 1 && carried.first?.by == "assay (rubric 1.0.0 → 2.0.0)")
    }

    /// Merged questions carry the lowest answer: the merged practice holds only as far as every part does.
    @Test func mergedQuestionsCarryTheLowestAnswer() throws {
        let scale = Scale(
            id: "s",
            options: ["none", "partial", "largely", "full"].enumerated().map {
                ScaleOption(id: $0.element, value: Double($0.offset), label: ["en": $0.element])
            })
        func rubric(_ version: String, _ ids: [String], changes: [VersionChange] = []) -> Rubric {
            Rubric(
                id: "r", version: version, title: ["en": "R"], scales: [scale],
                dimensions: [
                    RubricDimension(
                        id: "d", title: ["en": "D"],
                        questions: ids.map { Question(id: $0, prompt: ["en": $0], format: .scale(.named("s"))) })
                ], changes: changes)
        }
        let old = rubric("1.0.0", ["a", "b", "c"])
        let new = rubric(
            "2.0.0", ["ab", "c"],
            changes: [
                VersionChange(
                    fromVersion: "1.0.0", questions: [QuestionMapping(.merged, from: ["a", "b"], to: ["ab"])])
            ])
        var session = SessionFixtures.session(rubric: old)
        session.answers["a"] = Answer(.text("full"))
        session.answers["b"] = Answer(.text("partial"))
        session.answers["c"] = Answer(.text("largely"))
        let engine = SessionEngine(session: session, scorer: try Scorer(rubric: new), now: SessionFixtures.start)
        #expect(engine.session.answers["ab"]?.value == .text("partial"))
        #expect(engine.session.answers["c"]?.value == .text("largely"))
        #expect(engine.rubricChange?.removed == [])
    }
}
