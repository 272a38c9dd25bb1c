import AssayCompare
import AssayCore
import AssayJSON
import AssayTesting
import Foundation
import Testing

/// One NDJSON line of the hand rubric with any attributes.
func attributedLine(
    _ organisation: String, _ attributes: [String: String], people: Int = 50, tools: Int = 50, round: String? = nil,
    a: String? = nil
) -> String {
    var attributes = attributes
    if let round { attributes["round"] = round }
    let text = attributes.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
    return """
        {"organisation": "\(organisation)", "rubric": "hand", "rubric_version": "1.0.0", "attributes": {\(text)}, \
        "answers": {"a": "\(a ?? optionForScore[people]!)", "b": "\(optionForScore[tools]!)"}}
        """
}

/// A programme's ledger in a temporary folder, and the releases it makes through the same path as `assay aggregate`.
final class Programme {
    let folder: String
    let ledgerPath: String
    /// The rubric releases are scored with; a test may change it between releases, as an analyst may.
    var scorer: Scorer
    var releases = 0

    /// A programme on `scorer`'s rubric: the hand rubric unless given.
    init(scorer: Scorer? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-ledger-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        ledgerPath = folder + "/programme.ledger.sqlite"
        self.scorer = try scorer ?? handScorer()
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    func aggregate(
        _ lines: [String], by groupBy: [String], mode: AggregationOptions.PerOrganisation,
        onError: AggregationOptions.ErrorHandling = .fail
    ) throws -> ResponseSetAggregate {
        let file = try TemporaryFile(lines: lines)
        return try ResponseSetAggregator(
            scorer: scorer,
            options: AggregationOptions(
                groupBy: groupBy, perOrganisation: mode, onError: onError, recordsParticipants: true)
        ).aggregate(file.path)
    }

    /// Releases `lines` grouped by `groupBy`, recorded in the ledger; `nil` when the ledger refused it.
    @discardableResult
    func release(
        _ lines: [String], by groupBy: [String], mode: AggregationOptions.PerOrganisation = .latest,
        policy: DisclosurePolicy = DisclosurePolicy(), key: [UInt8]? = nil, linking: Bool = false,
        epsilon: Double? = nil, budget: Double? = nil, checksEarlier: Bool = true
    ) throws -> ComparisonSummary? {
        let aggregate = try aggregate(lines, by: groupBy, mode: mode)
        return try release(
            aggregate, policy: policy, key: key, linking: linking, epsilon: epsilon, budget: budget,
            checksEarlier: checksEarlier)
    }

    func release(
        _ aggregate: ResponseSetAggregate, policy: DisclosurePolicy = DisclosurePolicy(), key: [UInt8]? = nil,
        linking: Bool = false, epsilon: Double? = nil, budget: Double? = nil, checksEarlier: Bool = true
    ) throws -> ComparisonSummary? {
        releases += 1
        let builder = SummaryBuilder(
            index: scorer.index, policy: policy, pseudonymiser: try key.map { try Pseudonymiser(key: $0) })
        var request = ReleaseRequest(
            name: "release \(releases)",
            privacy: epsilon.map { LaplaceRelease(epsilon: $0, scopeCount: scorer.index.rubric.dimensions.count + 1) },
            privacyBudget: budget)
        request.linksReleases = linking
        request.checksEarlierReleases = checksEarlier
        var generator = SystemRandomNumberGenerator()
        do {
            return try ReleaseLedger(path: ledgerPath).release(
                aggregate, builder: builder, request: request, using: &generator,
                encode: { (summary) throws(LedgerError) in
                    guard let text = try? JSONOutput.string(summary) else {
                        throw LedgerError(path: "", message: "encode")
                    }
                    return Array(text.utf8)
                },
                write: { _ in }
            ).summary
        } catch {
            lastRefusal = error.message
            return nil
        }
    }

    var lastRefusal: String?

    /// What the independent auditor finds across every release recorded.
    func leak(threshold: Int = 5) throws -> [UInt64]? {
        try ReleaseAuditor(threshold: threshold).leak(inLedger: ledgerPath, dataSet: scorer.index.rubric.id)
    }
}

@Suite struct ReleaseAuditorTests {
    @Test func findsASubtractionAndNoLeakInTheMarginsOfATwoByTwoTable() {
        // {1..6} minus {1..5} is organisation 6 alone.
        #expect(ReleaseAuditor(threshold: 5).leak(in: [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5]]) == [6])
        // A released cell of four is itself a set of fewer than five.
        #expect(ReleaseAuditor(threshold: 5).leak(in: [[1, 2, 3, 4]]) == [1, 2, 3, 4])
        // The margins of a 2×2 table {1,2 | 3,4} × {1,3 | 2,4}: rank 3 of 4, so no single cell (organisation) is
        // derivable, only the margins themselves, of 2.
        let margins: [[UInt64]] = [[1, 2], [3, 4], [1, 3], [2, 4]]
        #expect(ReleaseAuditor(threshold: 2).leak(in: margins) == nil)
        // Add the cell {1, 2, 3}: then {1,2} + {1,3} − {1,2,3} = {1}, the first the search meets.
        #expect(ReleaseAuditor(threshold: 2).leak(in: margins + [[1, 2, 3]]) == [1])
        // A set of two from three cells: {1,2,3,4} − {3,4} = {1,2}, fewer than 3.
        #expect(ReleaseAuditor(threshold: 3).leak(in: [[1, 2, 3, 4], [3, 4, 5, 6], [3, 4]]) == [1, 2])
    }

    @Test func theProductionCheckAgreesOnTheSameCells() {
        let check = DifferencingCheck(threshold: 5)
        #expect(check.disclosure(in: [[1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5]])?.organisations == [6])
        // A published cell of four is itself small.
        #expect(check.disclosure(in: [[1, 2, 3, 4, 5], [1, 2, 3, 4]])?.organisations == [1, 2, 3, 4])
        #expect(DifferencingCheck(threshold: 2).disclosure(in: [[1, 2], [3, 4], [1, 3], [2, 4]]) == nil)
        #expect(DifferencingCheck(threshold: 3).disclosure(in: [[1, 2, 3, 4], [3, 4, 5, 6], [3, 4]]) != nil)
    }
}

@Suite struct DifferencingCheckTests {
    /// Random families of cells over up to 12 organisations, some shaped as one release (a whole and disjoint
    /// parts, the shortcut), some not: the production check finds a small set exactly when the auditor does.
    @Test func agreesWithTheAuditorOnRandomCells() {
        var random = SplitMix64(state: 42)
        for round in 0..<3_000 {
            let size = Int.random(in: 3...12, using: &random)
            let threshold = Int.random(in: 2...4, using: &random)
            var cells: [[UInt64]] = []
            if round % 2 == 0 {
                // A partition of a subset, plus the whole.
                var part: [UInt64] = []
                for organisation in 1...UInt64(size) {
                    if Int.random(in: 0..<4, using: &random) == 0 { continue }
                    part.append(organisation)
                    if Bool.random(using: &random) {
                        cells.append(part)
                        part = []
                    }
                }
                if !part.isEmpty { cells.append(part) }
                cells.append(Array(1...UInt64(size)))
            } else {
                for _ in 0..<Int.random(in: 1...6, using: &random) {
                    let cell = (1...UInt64(size)).filter { _ in Bool.random(using: &random) }
                    if !cell.isEmpty { cells.append(cell) }
                }
            }
            let expected = ReleaseAuditor(threshold: threshold).leak(in: cells) != nil
            let found = DifferencingCheck(threshold: threshold).disclosure(in: cells)
            #expect((found != nil) == expected, "cells \(cells), threshold \(threshold)")
            if let found {
                // What it reports is small and holds a derivable vector.
                #expect(found.organisations.count < threshold)
                #expect(ReleaseAuditor(threshold: threshold + 1).leak(in: cells) != nil)
            }
            if (found != nil) != expected { return }
        }
    }
}

@Suite struct CrossReleaseTests {
    static let north = (1...10).map { "north-\($0)" }

    /// The README's own sequence: the same release before and after one municipality joins.
    static func joining() -> (before: [String], after: [String]) {
        let before =
            (1...6).map { attributedLine("n\($0)", ["region": "north"], people: 25 * ($0 % 5)) }
            + (1...6).map { attributedLine("s\($0)", ["region": "south"], people: 25 * (($0 + 2) % 5)) }
        return (before, before + [attributedLine("newcomer", ["region": "north"], people: 100, tools: 100)])
    }

    @Test func theAuditorFindsTheNewcomerWhenProtectionIsOffAndNothingWhenItIsOn() throws {
        let (before, after) = Self.joining()
        let unprotected = try Programme()
        try unprotected.release(before, by: ["region"])
        try unprotected.release(after, by: ["region"], checksEarlier: false)
        // north (7) − north (6), or all (13) − all (12): the newcomer alone.
        #expect(try unprotected.leak()?.count == 1)

        let protected = try Programme()
        try protected.release(before, by: ["region"])
        let second = try #require(try protected.release(after, by: ["region"]))
        #expect(try protected.leak() == nil)
        // north and the overall changed by one organisation: both are withheld, south is unchanged and released.
        #expect(second.groups.map(\.label) == ["south"])
        #expect(second.overall.scopes.isEmpty)
        let reasons = try #require(second.disclosure?.suppressions)
        #expect(reasons.count == 2)
        #expect(reasons.allSatisfy { $0.forcedBy == ["release 1"] })
    }

    @Test func aCoarseTableMinusAFinerOneLeavesNoSmallRemainder() throws {
        // north: 5 at p, 5 at q, 1 at s; south: 6 at p, 4 at s. The two small groups at s make a merged group of
        // five, so release 2 alone exposes nothing; but with release 1, north (11) − north·p − north·q = ns1.
        let lines =
            (1...5).map { attributedLine("np\($0)", ["region": "north", "population": "p"]) }
            + (1...5).map { attributedLine("nq\($0)", ["region": "north", "population": "q"]) }
            + [attributedLine("ns1", ["region": "north", "population": "s"], people: 100)]
            + (1...6).map { attributedLine("sp\($0)", ["region": "south", "population": "p"]) }
            + (1...4).map { attributedLine("ss\($0)", ["region": "south", "population": "s"]) }
        let programme = try Programme()
        try programme.release(lines, by: ["region"])
        let fine = try #require(try programme.release(lines, by: ["region", "population"]))
        #expect(try programme.leak() == nil)
        // The same two releases without the check across releases: the auditor finds a remainder (ns1, or
        // south's four at s: south (10) − south·p (6)).
        let unchecked = try Programme()
        try unchecked.release(lines, by: ["region"])
        try unchecked.release(lines, by: ["region", "population"], checksEarlier: false)
        let found = try #require(try unchecked.leak())
        #expect(found.count == 1 || found.count == 4)
        #expect(fine.disclosure?.suppressions.contains { $0.forcedBy == ["release 1"] } == true)
    }

    @Test func oneLeavingAndOneJoiningCannotBeTakenApart() throws {
        // Same counts in both releases; the difference is the leaver's figures minus the joiner's, and each
        // organisation's level counts are 0 or 1, so a ±1 names both.
        let stay = (1...8).map { attributedLine("o\($0)", ["region": "x"], people: 50) }
        let first = stay + [attributedLine("leaver", ["region": "x"], people: 0)]
        let second = stay + [attributedLine("joiner", ["region": "x"], people: 100)]
        let programme = try Programme()
        try programme.release(first, by: ["region"])
        let later = try #require(try programme.release(second, by: ["region"]))
        #expect(try programme.leak() == nil)
        #expect(later.group("x") == nil || later.group("x")!.scopes.isEmpty)
    }

    @Test func oneOrganisationsChangeBetweenRoundsCannotBeSubtracted() throws {
        // Latest mode: everyone in round 1, only "target" again in round 2. The overall (target's round 2, the
        // rest's round 1) minus the round-1 point is target's change of score.
        var lines = (1...9).map { attributedLine("o\($0)", ["region": "x"], people: 50, round: "1") }
        lines.append(attributedLine("target", ["region": "x"], people: 0, round: "1"))
        lines.append(attributedLine("target", ["region": "x"], people: 100, round: "2"))
        let programme = try Programme()
        try programme.release(lines, by: ["region"])
        #expect(try programme.leak() == nil)
        // That release alone withholds it (the overall minus the round-1 point). Counting every response and then
        // the latest of each, on one file where target sent two in one round: the difference is target's first.
        var twice = (1...9).map { attributedLine("o\($0)", ["region": "x"], people: 50) }
        twice.append(attributedLine("target", ["region": "x", "submitted_at": "2026-01-01T09:00:00Z"], people: 0))
        twice.append(attributedLine("target", ["region": "x", "submitted_at": "2026-02-01T09:00:00Z"], people: 100))
        let both = try Programme()
        try both.release(twice, by: ["region"], mode: .all)
        try both.release(twice, by: ["region"], mode: .latest)
        #expect(try both.leak() == nil)
        let unchecked = try Programme()
        try unchecked.release(twice, by: ["region"], mode: .all)
        try unchecked.release(twice, by: ["region"], mode: .latest, checksEarlier: false)
        #expect(try unchecked.leak() != nil)
    }

    @Test func loweringTheMinimumDoesNotUndoThePromiseOfEarlierReleases() throws {
        // Release 1 under the default minimum of 5: A (5), B (6). Release 2 under a minimum of 3, with C (3)
        // joining: C alone is a set of three, and all (14) − A − B from release 1 gives it too.
        let first =
            (1...5).map { attributedLine("a\($0)", ["region": "A"]) }
            + (1...6).map { attributedLine("b\($0)", ["region": "B"]) }
        let second = first + (1...3).map { attributedLine("c\($0)", ["region": "C"], people: 0) }
        let programme = try Programme()
        try programme.release(first, by: ["region"])
        let lowered = try #require(
            try programme.release(
                second, by: ["region"], policy: DisclosurePolicy(minimumOrganisations: 3, minimumOtherOrganisations: 2))
        )
        #expect(try programme.leak(threshold: 5) == nil)
        #expect(lowered.group("C")?.scopes.isEmpty ?? true)
        // In a ledger of its own, the same release publishes C: the lower minimum applies to new programmes.
        let fresh = try Programme()
        let alone = try #require(
            try fresh.release(
                second, by: ["region"], policy: DisclosurePolicy(minimumOrganisations: 3, minimumOtherOrganisations: 2))
        )
        #expect(alone.group("C")?.organisations == 3)
    }

    @Test func aComplementPublishedEarlierDoesNotUndoThisRelease() throws {
        // Release 1: A (5), B (6). Release 2: C (2 organisations) joins and is suppressed; the old rule withheld
        // the smallest released group, A, but A was already out: all − B − A(release 1) = C.
        let first =
            (1...5).map { attributedLine("a\($0)", ["region": "A"]) }
            + (1...6).map { attributedLine("b\($0)", ["region": "B"]) }
        let second = first + (1...2).map { attributedLine("c\($0)", ["region": "C"], people: 0) }
        let policy = DisclosurePolicy(smallGroups: .suppress)
        let programme = try Programme()
        try programme.release(first, by: ["region"], policy: policy)
        try programme.release(second, by: ["region"], policy: policy)
        #expect(try programme.leak() == nil)
    }

    @Test func aNewcomersRoundCannotBeSubtractedFromTheLatestPoint() throws {
        // Group north: five organisations in rounds 1 and 2, a sixth only in round 2; south: six in both.
        var lines: [String] = []
        for round in ["1", "2"] {
            lines += (1...5).map { attributedLine("n\($0)", ["region": "north"], round: round) }
            lines += (1...6).map { attributedLine("s\($0)", ["region": "south"], round: round) }
        }
        lines.append(attributedLine("newcomer", ["region": "north"], people: 100, round: "2"))
        let programme = try Programme()
        let summary = try #require(try programme.release(lines, by: ["region"], mode: .latest))
        // north (6) − north's round 1 (5) = the newcomer; so would all − all's round 1.
        #expect(try programme.leak() == nil)
        #expect(!summary.suppressions.isEmpty)
    }

    @Test func aGapWithheldAsDominatedCannotBeRecoveredFromTheOverallList() throws {
        // x: all five at "none" on a (dominated, withheld); y: two of five at "none". The overall list minus
        // y's would give x's share.
        let lines =
            (1...5).map { attributedLine("x\($0)", ["region": "x"], a: "none") }
            + (1...3).map { attributedLine("y\($0)", ["region": "y"], a: "full") }
            + (4...5).map { attributedLine("y\($0)", ["region": "y"], a: "none") }
        let programme = try Programme()
        let summary = try #require(try programme.release(lines, by: ["region"]))
        let x = try #require(summary.group("x"))
        let y = try #require(summary.group("y"))
        #expect(!x.gaps.contains { $0.question == "a" })
        let listed = [summary.overall, y].filter { $0.gaps.contains { $0.question == "a" } }
        #expect(listed.count < 2, "both the overall and y list question a, so x's share is their difference")
    }

    @Test func oneOrganisationWithMostRespondentsDoesNotSetAGroupsFigures() throws {
        // all mode: one organisation sends 10 of a group's 14 responses.
        let lines =
            (1...10).map { _ in attributedLine("big", ["region": "x"], people: 100) }
            + (1...4).map { attributedLine("x\($0)", ["region": "x"], people: 0) }
            + (1...6).map { attributedLine("y\($0)", ["region": "y"]) }
        let programme = try Programme()
        let summary = try #require(try programme.release(lines, by: ["region"], mode: .all))
        #expect(summary.group("x") == nil)
        #expect(summary.suppressions.contains { $0.contains("more than half") })
    }

    @Test func aGroupWithheldAsDominatedStaysWithheldInAnotherGrouping() throws {
        // Staff survey: in region d, "big" sent 12 of 16 responses. By region, d is withheld; by type, d and f
        // make "municipality", and municipality − f would be d.
        var lines = (1...12).map { _ in attributedLine("big", ["region": "d", "type": "municipality"], people: 100) }
        lines += (1...4).map { attributedLine("d\($0)", ["region": "d", "type": "municipality"], people: 0) }
        lines += (1...6).map { attributedLine("f\($0)", ["region": "f", "type": "municipality"]) }
        lines += (1...6).map { attributedLine("e\($0)", ["region": "e", "type": "mrc"]) }
        let programme = try Programme()
        let byRegion = try #require(try programme.release(lines, by: ["region"], mode: .all))
        #expect(byRegion.group("d") == nil)
        let byType = try #require(try programme.release(lines, by: ["type"], mode: .all))
        let municipality = byType.group("municipality").map { !$0.scopes.isEmpty } ?? false
        let f = byRegion.group("f").map { !$0.scopes.isEmpty } ?? false
        #expect(!(municipality && f), "municipality (type) − f (region) gives d")
    }

    @Test func aNameTypedComposedAndDecomposedIsOneOrganisation() throws {
        // "Montréal" with é as one code point, then as e + a combining accent: one municipality, so x has 4.
        let lines =
            [
                attributedLine("Montr\u{E9}al", ["region": "x"]), attributedLine("Montre\u{301}al", ["region": "x"]),
            ] + (1...3).map { attributedLine("x\($0)", ["region": "x"]) }
            + (1...6).map { attributedLine("y\($0)", ["region": "y"]) }
        let summary = try #require(try Programme().release(lines, by: ["region"], mode: .all))
        #expect(summary.group("x") == nil)
        #expect(summary.suppressions.contains { $0.contains("fewer than 5") })
    }

    @Test func aRealAttributeValueOtherIsNotTheMergedGroup() throws {
        let lines =
            (1...6).map { attributedLine("o\($0)", ["region": "other"], people: 100) }
            + (1...6).map { attributedLine("x\($0)", ["region": "x"], people: 0) }
            + (1...3).map { attributedLine("t\($0)", ["region": "tiny1"]) }
            + (1...3).map { attributedLine("u\($0)", ["region": "tiny2"]) }
        let programme = try Programme()
        let summary = try #require(try programme.release(lines, by: ["region"]))
        let kinds = summary.groups.map { "\($0.label):\($0.kind.rawValue)" }
        #expect(kinds.sorted() == ["other:group", "other:merged", "x:group"])
        // Two groups are released on their own; the merged one is not counted among them.
        #expect(summary.totals.groupsReleased == 2)
        let csv = summary.csv()
        #expect(csv.contains(",other,group,people,"))
        #expect(csv.contains(",other,merged,people,"))
        // An organisation of the real group "other" is compared with it (six organisations, median withheld
        // below ten, so the row's mean is what we can read: all at 100).
        let scorer = try handScorer()
        let assessment = try scorer.score(
            AssessmentResponse(rubric: "hand", answers: ["a": Answer(.text("full")), "b": Answer(.text("mid"))]))
        let comparison = PeerComparison(assessment: assessment, attributes: ["region": "other"], summary: summary)
        #expect(comparison.group == "other")
        #expect(comparison.organisations == 6)
        #expect(comparison.groupNote == nil)
    }

    @Test func aKeyIsUsedForOneReleaseUnlessTheyAreLinkedOnPurpose() throws {
        let (before, _) = Self.joining()
        let key = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) }
        let programme = try Programme()
        #expect(try programme.release(before, by: ["region"], key: key) != nil)
        #expect(try programme.release(before, by: ["region"], key: key) == nil)
        #expect(programme.lastRefusal?.contains("already used for the release \"release 1\"") == true)
        #expect(try programme.release(before, by: ["region"], key: key, linking: true) != nil)
        // HMAC pads a short key with zeros: the same key with zero bytes after it is the same key.
        #expect(try programme.release(before, by: ["region"], key: key + [0, 0, 0]) == nil)
        #expect(programme.lastRefusal?.contains("already used") == true)
    }

    @Test func theBudgetLivesInTheLedgerAndConcurrentReleasesCannotOverspendIt() throws {
        let lines = (1...40).map {
            attributedLine("o\($0)", ["region": $0 % 2 == 0 ? "x" : "y"], people: 25 * ($0 % 5))
        }
        let programme = try Programme()
        let aggregate = try programme.aggregate(lines, by: ["region"], mode: .latest)
        // Without a budget set, a private release is refused.
        #expect(try programme.release(aggregate, epsilon: 0.3) == nil)
        #expect(programme.lastRefusal?.contains("no privacy budget is set") == true)
        // Four at once against a total of 1.0: three of 0.3 fit, the fourth does not.
        let outcomes = ConcurrentResults(count: 4)
        let path = programme.ledgerPath
        let scorer = programme.scorer
        DispatchQueue.concurrentPerform(iterations: 4) { index in
            let builder = SummaryBuilder(index: scorer.index)
            var request = ReleaseRequest(
                name: "concurrent \(index)",
                privacy: LaplaceRelease(epsilon: 0.3, scopeCount: scorer.index.rubric.dimensions.count + 1),
                privacyBudget: 1.0)
            request.linksReleases = false
            var generator = SystemRandomNumberGenerator()
            let result = try? ReleaseLedger(path: path).release(
                aggregate, builder: builder, request: request, using: &generator,
                encode: { _ in [] }, write: { _ in })
            outcomes.set(index, result != nil)
        }
        #expect(outcomes.values.filter { $0 }.count == 3)
        let budget = try ReleaseLedger(path: path).budget(dataSet: "hand")
        #expect(budget.total == 1.0)
        #expect(abs(budget.spent - 0.9) < 1e-9)
        // The total cannot be changed once set.
        #expect(try programme.release(aggregate, epsilon: 0.05, budget: 5) == nil)
        #expect(programme.lastRefusal?.contains("cannot be changed") == true)
        // A negative or tiny ε is refused before anything is spent.
        #expect(try programme.release(aggregate, epsilon: -100) == nil)
        #expect(try programme.release(aggregate, epsilon: 1e-20) == nil)
        // The ledger's rows cannot be edited to give the budget back.
        let problems = try ReleaseLedger(path: path).verify()
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func aPrivateReleasePublishesNoExactCount() throws {
        let lines = (1...40).map { attributedLine("o\($0)", ["region": $0 % 2 == 0 ? "x" : "y"]) }
        let programme = try Programme()
        let key = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 91 &+ 7) }
        let summary = try #require(
            try programme.release(lines, by: ["region"], mode: .latest, key: key, epsilon: 1, budget: 2))
        // No list of participants (its length is the exact count), no count of groups found, no median.
        #expect(summary.participants == nil)
        #expect(summary.totals.groups == summary.groups.count)
        #expect(summary.totals.organisations == summary.overall.organisations)
        #expect(summary.groups.allSatisfy { $0.scopes.allSatisfy { $0.median == nil && $0.levels == nil } })
        let cells = try ReleaseLedger(path: programme.ledgerPath).cells()
        #expect(!cells.isEmpty && cells.allSatisfy { !$0.exact })
    }

    /// Random programmes: organisations join and leave, groupings change, modes and rounds vary, some releases are
    /// private; the auditor must find no small set in any of the 2,000 (8 seeds × 250).
    @Test(arguments: 0..<8)
    func randomSequencesOfReleasesExposeNoSmallSet(seed: UInt64) throws {
        var random = SplitMix64(state: seed &* 0x9E37_79B9 &+ 1)
        let policy = DisclosurePolicy(minimumOrganisations: 3, minimumOtherOrganisations: 2)
        for _ in 0..<250 {
            let programme = try Programme()
            var members = Set((0..<Int.random(in: 6...11, using: &random)).map { "o\($0)" })
            var next = members.count
            let attributes = (0..<20).map { _ in
                (["x", "y", "z"].randomElement(using: &random)!, ["p", "q"].randomElement(using: &random)!)
            }
            for _ in 0..<Int.random(in: 2...4, using: &random) {
                // Joins and leaves.
                if Bool.random(using: &random), next < 20 {
                    members.insert("o\(next)")
                    next += 1
                }
                if Bool.random(using: &random), members.count > 4 {
                    members.remove(members.randomElement(using: &random)!)
                }
                let mode: AggregationOptions.PerOrganisation = Bool.random(using: &random) ? .latest : .all
                var lines: [String] = []
                for name in members.sorted() {
                    let (a, b) = attributes[Int(name.dropFirst())!]
                    let rounds = mode == .latest ? Int.random(in: 1...2, using: &random) : 1
                    for round in 0..<rounds {
                        lines.append(
                            attributedLine(
                                name, ["a": a, "b": b], people: 25 * Int.random(in: 0...4, using: &random),
                                round: mode == .latest ? String(round + 1) : nil))
                    }
                }
                let groupBy = [["a"], ["b"], ["a", "b"]].randomElement(using: &random)!
                let epsilon: Double? = mode == .latest && Int.random(in: 0..<5, using: &random) == 0 ? 0.5 : nil
                _ = try programme.release(lines, by: groupBy, mode: mode, policy: policy, epsilon: epsilon, budget: 100)
            }
            let leak = try programme.leak(threshold: policy.minimumOrganisations)
            #expect(leak == nil, "seed \(seed): a set of \(leak?.count ?? 0) is derivable")
            if leak != nil { return }
        }
    }
}

/// Results written from several threads, each to its own slot.
final class ConcurrentResults: @unchecked Sendable {
    // Each index is written by exactly one iteration of concurrentPerform, and read after it returns; the lock
    // makes the writes visible.
    private var slots: [Bool]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: false, count: count) }
    func set(_ index: Int, _ value: Bool) { lock.withLock { slots[index] = value } }
    var values: [Bool] { lock.withLock { slots } }
}
