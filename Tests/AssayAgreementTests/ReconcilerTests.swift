import AssayAgreement
import AssayCore
import AssaySession
import Foundation
import Testing

/// The consensus session `assay reconcile` builds from the bundled self-assessment and the facilitator's view.
@Suite struct ReconcilerTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    static func reconciler() throws -> Reconciler {
        let (views, scorer) = try ViewComparisonTests.views()
        return try Reconciler(views: views, scorer: scorer, reconciler: "Jean Roy", now: now)
    }

    @Test func theConsensusStartsWithTheAgreedAnswersAndListsTheRest() throws {
        let reconciler = try Self.reconciler()
        // 35 questions less the 9 disagreements: 26 agreed answers (fin.grants "na" and the project.context text
        // among them), none of the 9 disagreements.
        #expect(reconciler.session.answers.values.filter { $0.value != nil }.count == 26)
        #expect(reconciler.session.answers["fin.grants"]?.value == .notApplicable)
        let context = try #require(try ViewComparisonTests.views().views[1].response.answers["project.context"]?.value)
        #expect(reconciler.session.answers["project.context"]?.value == context)
        #expect(reconciler.session.answers["fin.sustain"]?.value == nil)
        #expect(reconciler.items.count == 9)
        #expect(reconciler.currentItem?.question == "fin.sustain")
        #expect(reconciler.session.stamps["hr.lead"]?.by == "Self and Facilitator (agreed)")
        // Both notes on fin.sustain are kept, each with who wrote it.
        let note = try #require(reconciler.session.answers["fin.sustain"]?.note)
        #expect(note.hasPrefix("Self: The portal's subscription"))
        #expect(note.contains("\nFacilitator: The permit portal's year-two subscription"))
    }

    @Test func backAndSettleAgainKeepsBothChoicesInTheAuditTrail() throws {
        var reconciler = try Self.reconciler()
        try reconciler.take(view: 0, rationale: "first thought", now: Self.now)
        #expect(reconciler.currentItem?.question == "risk.incident")
        try reconciler.back(now: Self.now)
        try reconciler.take(view: 1, rationale: "the budget has no line", now: Self.now)
        let entries = reconciler.session.audit.filter { $0.question == "fin.sustain" && $0.reconciled != nil }
        #expect(entries.map(\.new) == [.text("largely"), .text("partial")])
        #expect(entries.map { $0.reconciled?.chosen } == ["Self", "Facilitator"])
        // The rationale grows: nothing said earlier is dropped.
        #expect(entries.last?.reconciled?.rationale == "first thought\nthe budget has no line")
        #expect(reconciler.session.answers["fin.sustain"]?.value == .text("partial"))
        #expect(reconciler.unsettled == 8)
    }

    @Test func aNewAnswerIsReadAsASessionReadsIt() throws {
        var reconciler = try Self.reconciler()
        // Option 3 of the practice scale is "largely"; neither view names it as the answer taken.
        try reconciler.answer("3", rationale: "seen the 2026 estimates", now: Self.now)
        let entry = try #require(reconciler.session.audit.last)
        #expect(entry.new == .text("largely"))
        #expect(entry.reconciled?.chosen == nil)
        #expect(entry.by == "Jean Roy")
        // Not an answer to a scale question: refused, and nothing recorded.
        #expect(throws: SessionInputError.self) { try reconciler.answer("sometimes", now: Self.now) }
        #expect(reconciler.unsettled == 8)
    }

    @Test func aSavedConsensusResumesWhereItStopped() throws {
        var reconciler = try Self.reconciler()
        try reconciler.take(view: 1, now: Self.now)
        try reconciler.addRationale("nobody has seen the plan", now: Self.now)
        let resumed = try #require(Reconciler(resuming: reconciler.session, scorer: reconciler.scorer))
        #expect(resumed.currentItem?.question == "risk.incident")
        #expect(resumed.currentItem?.rationale == "nobody has seen the plan")
        // An ordinary session is not a consensus.
        var plain = reconciler.session
        plain.reconciliation = nil
        #expect(Reconciler(resuming: plain, scorer: reconciler.scorer) == nil)
    }
}
