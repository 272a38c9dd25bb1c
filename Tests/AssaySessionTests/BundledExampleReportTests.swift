import AssayCore
import AssayReport
import AssayRubrics
import AssaySession
import Testing

/// The reports of a session holding the bundled digital-capacity example: what a facilitator hands over.
@Suite("Reports of the bundled example")
struct BundledExampleReportTests {
    static func session(language: String?) throws -> (SessionFile, Scorer) {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let example = try BundledRubrics.example(for: "digital-capacity")
        var session = SessionFile(
            rubric: rubric, organisation: try #require(example.organisation), attributes: example.attributes,
            language: language, facilitator: "Marie Tremblay", startedAt: "2026-11-21T14:00:00Z"
        )
        session.answers = example.answers
        session.updatedAt = "2026-11-21T15:25:00Z"
        return (session, try Scorer(rubric: rubric))
    }

    @Test("The Markdown and HTML reports of the bundled example match their golden files", arguments: ["en", "fr"])
    func golden(language: String) throws {
        let (session, scorer) = try Self.session(language: language)
        let report = try SessionReport(session: session, scorer: scorer)
        // The overall score worked by hand in DigitalCapacityExampleTests: 45.806, developing.
        #expect(report.report.overall.level == "developing")
        try SessionReportTests.assertGolden(report.markdown(), "example.digital-capacity.\(language).md")
        try SessionReportTests.assertGolden(report.html(), "example.digital-capacity.\(language).html")
        let html = report.html()
        #expect(XMLChecker.problems(in: html).isEmpty)
        #expect(html.contains("<polygon class=\"score\""))
    }
}
