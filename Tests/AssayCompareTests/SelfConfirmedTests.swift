import AssayCompare
import AssayCore
import AssayJSON
import AssaySession
import Foundation
import Testing

/// A folder of self-assessments (response files) and confirmed sessions of the hand rubric.
final class PairedFolder {
    let path: String
    let scorer: Scorer

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("assay-paired-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        scorer = try handScorer()
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// A self-assessment of `organisation` with people and tools scores (multiples of 25).
    func selfAssessment(_ organisation: String, people: Int, tools: Int, region: String = "north", file: String? = nil)
        throws
    {
        let text = """
            {"organisation": "\(organisation)", "rubric": "hand", "rubric_version": "1.0.0",
             "attributes": {"region": "\(region)"},
             "answers": {"a": "\(optionForScore[people]!)", "b": "\(optionForScore[tools]!)"}}
            """
        try text.write(toFile: path + "/" + (file ?? "\(organisation).self.json"), atomically: true, encoding: .utf8)
    }

    /// A confirmed session of `organisation`; `carrying` puts a self-assessment inside it, as `session start
    /// --from` does.
    func session(
        _ organisation: String, people: Int, tools: Int, region: String = "north",
        carrying own: (people: Int, tools: Int)? = nil, file: String? = nil
    ) throws {
        var session = SessionFile(
            rubric: scorer.index.rubric, organisation: organisation, attributes: ["region": region],
            facilitator: "Facilitator", startedAt: "2026-03-01T09:00:00Z")
        session.answers = [
            "a": Answer(.text(optionForScore[people]!)), "b": Answer(.text(optionForScore[tools]!)),
        ]
        if let own {
            session.selfAssessment = SelfAssessment(
                by: "Self-assessment", source: nil,
                answers: [
                    "a": Answer(.text(optionForScore[own.people]!)), "b": Answer(.text(optionForScore[own.tools]!)),
                ])
        }
        try JSONOutput.string(session).write(
            toFile: path + "/" + (file ?? "\(organisation).session.json"), atomically: true, encoding: .utf8)
    }

    /// A confirmed session of `organisation` whose people question was answered "not applicable", so the
    /// session has no people score.
    func sessionWithoutPeople(_ organisation: String, tools: Int, region: String = "north") throws {
        var session = SessionFile(
            rubric: scorer.index.rubric, organisation: organisation, attributes: ["region": region],
            facilitator: "Facilitator", startedAt: "2026-03-01T09:00:00Z")
        session.answers = ["a": Answer(.notApplicable), "b": Answer(.text(optionForScore[tools]!))]
        try JSONOutput.string(session).write(
            toFile: path + "/\(organisation).session.json", atomically: true, encoding: .utf8)
    }

    func aggregate() throws -> SelfConfirmedAggregate {
        try SelfConfirmedAggregator(scorer: scorer, groupBy: ["region"]).aggregate(path)
    }
}

/// Five organisations in "north" whose differences are easy to add up (self − confirmed, points):
///
/// | organisation | self people/tools | confirmed | people | tools | overall            | answers that differ |
/// |--------------|-------------------|-----------|--------|-------|--------------------|---------------------|
/// | org-1        | 75 / 75           | 50 / 50   | +25    | +25   | 75 − 50 = +25      | a, b                |
/// | org-2        | 100 / 75          | 50 / 50   | +50    | +25   | 87.5 − 50 = +37.5  | a, b                |
/// | org-3        | 50 / 50           | 50 / 50   | 0      | 0     | 0                  | none                |
/// | org-4        | 25 / 50           | 50 / 50   | −25    | 0     | 37.5 − 50 = −12.5  | a                   |
/// | org-5        | 50 / 75 (inside its session) | 50 / 50 | 0 | +25 | 62.5 − 50 = +12.5 | b                 |
func handPairs(_ folder: PairedFolder) throws {
    try folder.selfAssessment("org-1", people: 75, tools: 75)
    try folder.session("org-1", people: 50, tools: 50)
    try folder.selfAssessment("org-2", people: 100, tools: 75)
    try folder.session("org-2", people: 50, tools: 50)
    try folder.selfAssessment("org-3", people: 50, tools: 50)
    try folder.session("org-3", people: 50, tools: 50)
    try folder.selfAssessment("org-4", people: 25, tools: 50)
    try folder.session("org-4", people: 50, tools: 50)
    try folder.session("org-5", people: 50, tools: 50, carrying: (50, 75))
}

@Suite("Self-assessment against confirmed, across a programme")
struct SelfConfirmedTests {
    let onePlace = DisclosurePolicy(scoreDecimals: 1)

    @Test func theMeanDifferencePerDimensionAndOverallIsWorkedOutByHand() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        // One organisation with a self-assessment only, one with a confirmed session only: in no figure.
        try folder.selfAssessment("org-6", people: 100, tools: 100)
        try folder.session("org-7", people: 0, tools: 0)
        let paired = try folder.aggregate()
        #expect(paired.paired == 5)
        #expect(paired.selfOnly == 1)
        #expect(paired.confirmedOnly == 1)
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        let north = try #require(summary.groups.first { $0.label == "north" })
        #expect(north.organisations == 5)
        // people: (25 + 50 + 0 − 25 + 0) / 5 = 50 / 5 = 10
        #expect(north.scopes.first { $0.scope == "people" }?.mean == 10)
        // tools: (25 + 25 + 0 + 0 + 25) / 5 = 75 / 5 = 15
        #expect(north.scopes.first { $0.scope == "tools" }?.mean == 15)
        // overall: (25 + 37.5 + 0 − 12.5 + 12.5) / 5 = 62.5 / 5 = 12.5 (org-6's +0 or org-7's −50 would move it)
        #expect(north.scopes.first { $0.scope == "overall" }?.mean == 12.5)
        #expect(summary.overall.scopes.first { $0.scope == "overall" }?.mean == 12.5)
        // Answers that differ: 2 + 2 + 0 + 1 + 1 = 6 of the 5 × 2 = 10 compared: 60 %.
        #expect(north.differingPercent == 60)
        // Question a differs for org-1, org-2, org-4 (3 of 5), and so does b (org-1, org-2, org-5): 60 % each;
        // two organisations agree on each, so neither share singles anyone out.
        #expect(north.questions.map(\.question).sorted() == ["a", "b"])
        #expect(north.questions.allSatisfy { $0.percent == 60 })
        // The extras dimension is unanswered in both views: no difference, and it says why.
        #expect(north.scopes.first { $0.scope == "extras" }?.mean == nil)
        #expect(summary.note.contains("positive when organisations rated themselves higher"))
    }

    @Test func aGroupOfFewerThanTheMinimumIsNotReleased() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        // Four pairs in "south": below the minimum of five, merged into "other", itself too small, so withheld.
        for number in 1...4 {
            try folder.selfAssessment("south-\(number)", people: 100, tools: 100, region: "south")
            try folder.session("south-\(number)", people: 0, tools: 0, region: "south")
        }
        let paired = try folder.aggregate()
        let summary = SelfConfirmedSummary(
            summary: SummaryBuilder(index: folder.scorer.index, policy: onePlace).summary(of: paired.aggregate),
            aggregate: paired.aggregate)
        #expect(!summary.groups.contains { $0.label == "south" && !$0.scopes.isEmpty })
        #expect(summary.suppressions.contains { $0.contains("fewer than 5") })
    }

    @Test func aSecondSelfAssessmentOfOneOrganisationIsRefusedWithItsPlace() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        try folder.selfAssessment("org-3", people: 100, tools: 100, file: "org-3.again.json")
        let error = try #require(throws: InputError.self) { try folder.aggregate() }
        let diagnostic = try #require(error.errors.first)
        // "org-3.again.json" sorts before "org-3.self.json", so it is the first read and the other the second.
        #expect(diagnostic.file.hasSuffix("org-3.self.json"))
        #expect(diagnostic.message.contains("a second self-assessment of \"org-3\""))
        #expect(diagnostic.message.contains("org-3.again.json"))
        #expect(diagnostic.path == DocumentPath.root.key("organisation"))
        #expect(diagnostic.line == 1)
    }

    @Test func aSessionCarryingASelfAssessmentBesideASeparateOneIsAmbiguous() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        try folder.selfAssessment("org-5", people: 0, tools: 0)
        let error = try #require(throws: InputError.self) { try folder.aggregate() }
        #expect(error.errors.first?.message.contains("a second self-assessment of \"org-5\"") == true)
    }

    @Test func twoSpellingsOfOneNameAreOneOrganisation() throws {
        let folder = try PairedFolder()
        try handPairs(folder)
        // "Rivière" composed (U+00E8) in the self-assessment and decomposed (e + U+0300) in the session.
        try folder.selfAssessment("Rivi\u{E8}re", people: 100, tools: 100, file: "riviere.self.json")
        try folder.session("Rivie\u{300}re", people: 50, tools: 50, file: "riviere.session.json")
        let paired = try folder.aggregate()
        #expect(paired.paired == 6)
        #expect(paired.selfOnly == 0 && paired.confirmedOnly == 0)
    }
}

/// The analyst's attack: one organisation's self-assessed score by subtracting the difference release from plain
/// releases of the same programme.
@Suite("Self-minus-confirmed in the release ledger")
struct SelfConfirmedLedgerTests {
    /// Six organisations in "north" self-assessed (org-6 at 100/100, overall 100); five of them were confirmed.
    func programme() throws -> (Programme, PairedFolder, selfLines: [String]) {
        let programme = try Programme()
        let folder = try PairedFolder()
        try handPairs(folder)
        try folder.selfAssessment("org-6", people: 100, tools: 100)
        let selves: [(String, Int, Int)] = [
            ("org-1", 75, 75), ("org-2", 100, 75), ("org-3", 50, 50), ("org-4", 25, 50), ("org-5", 50, 75),
            ("org-6", 100, 100),
        ]
        let lines = selves.map { handLine(organisation: $0.0, region: "north", people: $0.1, tools: $0.2) }
        return (programme, folder, lines)
    }

    func releaseDifferences(_ programme: Programme, _ folder: PairedFolder, policy: DisclosurePolicy, checks: Bool)
        throws -> SelfConfirmedSummary
    {
        let paired = try folder.aggregate()
        var request = ReleaseRequest(name: "differences")
        request.statistic = .selfMinusConfirmed
        request.checksEarlierReleases = checks
        var generator = SystemRandomNumberGenerator()
        let summary = try ReleaseLedger(path: programme.ledgerPath).release(
            paired.aggregate, builder: SummaryBuilder(index: folder.scorer.index, policy: policy), request: request,
            using: &generator, encode: { _ in [] }, write: { _ in }
        ).summary
        return SelfConfirmedSummary(summary: summary, aggregate: paired.aggregate)
    }

    /// The confirmed sessions alone (no self-assessment in the folder): the plain release of confirmed scores.
    func confirmedAggregate(_ folder: PairedFolder) throws -> ResponseSetAggregate {
        let sessions = try PairedFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path)
        where name.hasSuffix(".session.json") {
            try FileManager.default.copyItem(atPath: folder.path + "/" + name, toPath: sessions.path + "/" + name)
        }
        return try ResponseSetAggregator(
            scorer: folder.scorer, options: AggregationOptions(groupBy: ["region"], perOrganisation: .latest)
        ).aggregate(sessions.path)
    }

    @Test func withoutTheCheckTheReleasesGiveOneOrganisationsSelfScore() throws {
        // Six decimals, so each mean times its count is the sum behind it.
        let policy = DisclosurePolicy(scoreDecimals: 6)
        let (programme, folder, lines) = try programme()
        let selves = try #require(try programme.release(lines, by: ["region"], policy: policy, checksEarlier: false))
        let differences = try releaseDifferences(programme, folder, policy: policy, checks: false)
        let confirmed = try #require(
            try programme.release(try confirmedAggregate(folder), policy: policy, checksEarlier: false))
        let selfMean = try #require(selves.overall.scope("overall")?.mean)
        let differenceMean = try #require(differences.overall.scopes.first { $0.scope == "overall" }?.mean)
        let confirmedMean = try #require(confirmed.overall.scope("overall")?.mean)
        // The six self-assessed overall scores: 75, 87.5, 50, 37.5, 62.5 and 100, sum 412.5, mean 68.75.
        // Σ self over six − Σ (self − confirmed) over five − Σ confirmed over five is org-6's self score:
        // 6 · 68.75 − 5 · 12.5 − 5 · 50 = 412.5 − 62.5 − 250 = 100.
        #expect(selfMean == 68.75)
        let derived = 6 * selfMean - 5 * differenceMean - 5 * confirmedMean
        #expect(abs(derived - 100) < 1e-9)
    }

    @Test func theLedgerWithholdsTheDifferenceThatWouldExposeOneOrganisation() throws {
        let policy = DisclosurePolicy(scoreDecimals: 6)
        let (programme, folder, lines) = try programme()
        #expect(try programme.release(lines, by: ["region"], policy: policy) != nil)
        let differences = try releaseDifferences(programme, folder, policy: policy, checks: true)
        // Five paired organisations against the six of the self-assessment release: {1..6} − {1..5} is org-6.
        #expect(differences.overall.scopes.isEmpty)
        #expect(!differences.groups.contains { !$0.scopes.isEmpty })
        #expect(differences.overall.differingPercent == nil)
        #expect(differences.disclosure?.releasesChecked == ["release 1"])
        // The check names a small set it can derive; which one it finds first depends on the ledger's random
        // pseudonyms ({org-6}, or org-6 with one other), so the test asks only that it is small and forced by
        // the earlier release.
        #expect(
            differences.suppressions.contains {
                $0.contains("with the cells of \"release 1\"") && $0.contains("be derived by subtraction")
            }, "\(differences.suppressions)")
        // The independent auditor finds nothing derivable across every cell the ledger recorded.
        #expect(try programme.leak() == nil)
    }

    /// The attack that found this (three releases, all of which passed): six self-assessments; the differences
    /// over the six pairs, org-6's session having no people score; the six confirmed sessions. People's sums
    /// covered 6, 5 and 5 organisations while the ledger saw the same six in every cell, so
    /// 6 · P − 5 · (D + C) was org-6's self-assessed people score. A scope is now published only where every
    /// organisation of the cell has a score in it.
    @Test func aDimensionOneOrganisationLeftUnscoredIsNotPublishedForTheRest() throws {
        let policy = DisclosurePolicy(scoreDecimals: 6)
        let programme = try Programme()
        let folder = try PairedFolder()
        try handPairs(folder)
        try folder.selfAssessment("org-6", people: 100, tools: 100)
        try folder.sessionWithoutPeople("org-6", tools: 50)
        let selves: [(String, Int, Int)] = [
            ("org-1", 75, 75), ("org-2", 100, 75), ("org-3", 50, 50), ("org-4", 25, 50), ("org-5", 50, 75),
            ("org-6", 100, 100),
        ]
        let lines = selves.map { handLine(organisation: $0.0, region: "north", people: $0.1, tools: $0.2) }
        let plain = try #require(try programme.release(lines, by: ["region"], policy: policy))
        // All six scored people in their self-assessments: (75 + 100 + 50 + 25 + 50 + 100) / 6 = 66.666667.
        #expect(plain.overall.scope("people")?.mean == 66.666667)
        let differences = try releaseDifferences(programme, folder, policy: policy, checks: true)
        let differencePeople = try #require(differences.overall.scopes.first { $0.scope == "people" })
        let differenceTools = try #require(differences.overall.scopes.first { $0.scope == "tools" })
        // Five of the six pairs have a people difference: withheld. All six have tools: published, the mean of
        // 75−50, 75−50, 50−50, 50−50, 75−50 (org-5 carries its own) and 100−50: 125 / 6 = 20.833333.
        #expect(differencePeople.count == 0 && differencePeople.mean == nil)
        #expect(differenceTools.count == 6 && differenceTools.mean == 20.833333)
        let confirmed = try #require(try programme.release(try confirmedAggregate(folder), policy: policy))
        let confirmedPeople = try #require(confirmed.overall.scope("people"))
        #expect(confirmedPeople.count == 0 && confirmedPeople.mean == nil)
        #expect(confirmedPeople.levelsWithheldCode == .partlyScored)
        // Every session scored tools at 50.
        #expect(confirmed.overall.scope("tools")?.mean == 50)
        // The independent auditor finds nothing derivable across every cell the ledger recorded.
        #expect(try programme.leak() == nil)
    }

    /// When every organisation's two views agree on every answer, a 0 % share of differing answers says of each
    /// of them that its difference is none (an attack found it published): withheld as a dominated level is.
    @Test func aShareOfDifferingAnswersThatSpeaksForEveryOrganisationIsWithheld() throws {
        let folder = try PairedFolder()
        for number in 1...6 {
            try folder.selfAssessment("org-\(number)", people: 50, tools: 75)
            try folder.session("org-\(number)", people: 50, tools: 75)
        }
        let differences = try releaseDifferences(try Programme(), folder, policy: DisclosurePolicy(), checks: true)
        #expect(differences.overall.scopes.first { $0.scope == "overall" }?.mean == 0)
        #expect(differences.overall.differingPercent == nil)
        // One organisation differing on one answer is still all but one agreeing everywhere: withheld too.
        try folder.session("org-6", people: 75, tools: 75)
        let oneDiffers = try releaseDifferences(try Programme(), folder, policy: DisclosurePolicy(), checks: true)
        #expect(oneDiffers.overall.differingPercent == nil)
        // Five organisations differing on one answer each (the sixth agreeing everywhere), of 12 answers
        // compared: 5 / 12 = 41.7, published as 42 %. (Fewer than five differing is withheld by the ledger's check
        // within the release: the orgs whose two views are the same contribute alike to both, so the two views'
        // cells differ by the ones that differ.)
        for number in 2...5 { try folder.session("org-\(number)", people: 75, tools: 75) }
        let fiveDiffer = try releaseDifferences(try Programme(), folder, policy: DisclosurePolicy(), checks: true)
        #expect(fiveDiffer.overall.differingPercent == 42, "\(fiveDiffer.suppressions)")
    }

    /// A rubric copied under a new id, with the responses rewritten to it, is the same data (an attack found the
    /// ledger checked releases of one rubric id only): the second release is checked against the first.
    @Test func aRubricCopiedUnderANewIdIsCheckedAgainstTheOriginal() throws {
        let programme = try Programme()
        let six = (1...6).map { handLine(organisation: "org-\($0)", region: "north", people: 25 * ($0 % 4), tools: 50) }
        #expect(try programme.release(six, by: ["region"]) != nil)
        let copy = handRubricJSON.replacingOccurrences(of: #""id": "hand""#, with: #""id": "hand-copy""#)
        programme.scorer = try Scorer(
            rubric: try JSONDocument(bytes: Array(copy.utf8), file: "copy.json").decode(Rubric.self).value)
        let five = six.dropLast().map {
            $0.replacingOccurrences(of: #""rubric": "hand""#, with: #""rubric": "hand-copy""#)
        }
        let second = try #require(try programme.release(Array(five), by: ["region"]))
        // {org-1…6} − {org-1…5} is org-6: the group and the overall are withheld, forced by the first release.
        #expect(second.overall.scopes.isEmpty)
        #expect(second.disclosure?.releasesChecked == ["release 1"])
        #expect(second.suppressions.contains { $0.contains("with the cells of \"release 1\"") })
    }

    @Test func aPlainReleaseAfterTheDifferenceReleaseIsCheckedAgainstIt() throws {
        let policy = DisclosurePolicy(scoreDecimals: 6)
        let (programme, folder, lines) = try programme()
        let differences = try releaseDifferences(programme, folder, policy: policy, checks: true)
        // First, alone: five paired organisations, released.
        #expect(differences.overall.scopes.first { $0.scope == "overall" }?.mean == 12.5)
        let selves = try #require(try programme.release(lines, by: ["region"], policy: policy))
        #expect(selves.overall.scopes.isEmpty)
        #expect(selves.disclosure?.releasesChecked == ["differences"])
        #expect(try programme.leak() == nil)
    }

    @Test func theLedgerNamesTheDifferenceStatisticsApart() throws {
        let (programme, folder, _) = try programme()
        _ = try releaseDifferences(programme, folder, policy: DisclosurePolicy(), checks: true)
        let cells = try ReleaseLedger(path: programme.ledgerPath).transaction {
            (transaction) throws(LedgerError) in try transaction.earlierCells()
        }
        let families = cells.flatMap(\.families)
        #expect(families.contains("self-minus-confirmed:mean:overall"))
        #expect(!families.contains("mean:overall"))
        #expect(families.contains("count"))
    }
}
