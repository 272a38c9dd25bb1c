import AssayCore
import AssayRubrics
import AssaySession
import Testing

/// `assay session resume` and `assay aggregate` carry 1.0.0 answers the same way: a 1.0.0 session resumed under 2.0.0
/// holds exactly the answers that ``VersionChange/carry(_:onto:)`` gives the same answers read as a response.
@Suite struct CarryAgreementTests {
    @Test(arguments: try BundledRubrics.ids)
    func resumingAndAggregatingCarryTheSameAnswers(id: String) throws {
        let current = try BundledRubrics.rubric(id: id)
        let earlier = try #require(try BundledRubrics.rubric(id: id, version: "1.0.0"))
        let declared = try #require(current.changes.first { $0.fromVersion == "1.0.0" })
        let before = VersionMigrationTests.answered(SessionFixtures.session(rubric: earlier), try RubricIndex(earlier))
        let scorer = try Scorer(rubric: current)
        let resumed = SessionEngine(session: before, scorer: scorer, now: SessionFixtures.start).session
        let carried = declared.carry(before.answers, onto: scorer.index)
        #expect(carried.answers == resumed.answers)
        #expect(carried.unknown.isEmpty)
        // Every 2.0.0 question reached from a changed 1.0.0 one says where it came from.
        let moved = declared.questions.filter { $0.kind != .kept && $0.kind != .removed }.flatMap(\.to)
        #expect(Set(carried.sources.keys) == Set(moved))
    }
}
