import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import AssaySession
import Foundation
import Testing

/// Rounds answered against digital-capacity 1.0.0 and 2.0.0 compared on 2.0.0's questions: 1.0.0's tech.security
/// is split into tech.access and tech.protection, and its answer carries to both, as `session resume` carries it.
///
/// The responses answer only questions of the tech dimension (six questions, weight 1 each; unanswered ones are
/// excluded), so the overall score is the tech score: 100 · Σ points / answered, a point being value / 3 on the
/// practice scale (none 0, partial 1, largely 2, full 3).
@Suite struct CarriedForwardTests {
    static func scorer() throws -> Scorer { try Scorer(rubric: try BundledRubrics.rubric(id: "digital-capacity")) }

    static func line(
        _ organisation: String, version: String, round: String? = nil, region: String = "CA",
        _ answers: [String: String]
    ) -> String {
        let roundText = round.map { ", \"round\": \"\($0)\"" } ?? ""
        let answerText = answers.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \"\($0.value)\"" }
            .joined(separator: ", ")
        return """
            {"organisation": "\(organisation)", "rubric": "digital-capacity", "rubric_version": "\(version)", \
            "attributes": {"region": "\(region)"\(roundText)}, "answers": {\(answerText)}}
            """
    }

    /// Year 1, against 1.0.0: four organisations at tech.security largely and tech.inventory partial, one (o5) at
    /// tech.security full and tech.inventory none.
    static func year1(round: String? = "2025") -> [String] {
        (1...4).map {
            line("o\($0)", version: "1.0.0", round: round, ["tech.security": "largely", "tech.inventory": "partial"])
        }
            + [line("o5", version: "1.0.0", round: round, ["tech.security": "full", "tech.inventory": "none"])]
    }

    /// Year 1 as 2.0.0 would have asked it: tech.security's answer given to both of its parts.
    static func year1Native(round: String? = "2025") -> [String] {
        (1...4).map {
            line(
                "o\($0)", version: "2.0.0", round: round,
                ["tech.access": "largely", "tech.protection": "largely", "tech.inventory": "partial"])
        }
            + [
                line(
                    "o5", version: "2.0.0", round: round,
                    ["tech.access": "full", "tech.protection": "full", "tech.inventory": "none"])
            ]
    }

    /// Year 2, against 2.0.0: everyone at tech.access full, tech.protection partial, tech.inventory largely.
    static func year2() -> [String] {
        (1...5).map {
            line(
                "o\($0)", version: "2.0.0", round: "2026",
                ["tech.access": "full", "tech.protection": "partial", "tech.inventory": "largely"])
        }
    }

    static func aggregate(
        _ lines: [String], mode: AggregationOptions.PerOrganisation = .latest, usesFastPath: Bool = true
    ) throws -> ResponseSetAggregate {
        let file = try TemporaryFile(lines: lines)
        return try ResponseSetAggregator(
            scorer: try scorer(),
            options: AggregationOptions(groupBy: ["region"], perOrganisation: mode, usesFastPath: usesFastPath)
        ).aggregate(file.path)
    }

    static func summary(_ aggregate: ResponseSetAggregate) throws -> ComparisonSummary {
        var generator = SystemRandomNumberGenerator()
        return try SummaryBuilder(index: try scorer().index, policy: DisclosurePolicy(scoreDecimals: 2))
            .release(of: aggregate, earlier: [], pseudonym: { $0 }, privacy: nil, using: &generator).summary
    }

    @Test(arguments: [true, false])
    func aTwoRoundTrendComparesYearOneOnTodaysQuestions(usesFastPath: Bool) throws {
        let aggregate = try Self.aggregate(Self.year1() + Self.year2(), usesFastPath: usesFastPath)
        // Five responses came from 1.0.0, each with one answer (tech.security) moved onto its two parts.
        #expect(aggregate.carriedForward.map(\.fromVersion) == ["1.0.0"])
        #expect(aggregate.carriedForward.first?.responses == 5)
        #expect(aggregate.carriedForward.first?.answersMoved == 5)
        #expect(aggregate.carriedForward.first?.answersLeftOut == 0)
        let group = try #require(try Self.summary(aggregate).group("CA"))
        let trends = try #require(group.trends)
        #expect(trends.map(\.round) == ["2025", "2026"])
        #expect(trends.map(\.organisations) == [5, 5])
        // 2025: o1–o4 have access 2, protection 2 (both carried from security), inventory 1: 100 · (2 + 2 + 1) / 9
        // = 500/9 = 55.56; o5 has 3, 3, 0: 100 · 6/9 = 600/9 = 66.67. Mean (4 · 500 + 600) / 9 / 5 = 520/9 = 57.78.
        // (Without the carrying, tech.security's answer would be lost: o1–o4 would score 33.33 and o5 0.)
        // 2026: access 3, protection 1, inventory 2: 100 · 6/9 = 66.67 for everyone.
        #expect(trends.map(\.mean) == [57.78, 66.67])
        // Five organisations are fewer than the ten a median needs.
        #expect(trends.map(\.median) == [nil, nil])
        // Each organisation's latest response is 2026's.
        #expect(group.scope("overall")?.mean == 66.67)
    }

    @Test func carriedAnswersScoreExactlyAsNativeOnes() throws {
        let carried = try Self.summary(try Self.aggregate(Self.year1(round: nil)))
        let native = try Self.summary(try Self.aggregate(Self.year1Native(round: nil)))
        #expect(carried.groups == native.groups)
        #expect(carried.overall == native.overall)
        // 520/9 = 57.78, as in the trend.
        #expect(carried.group("CA")?.scope("overall")?.mean == 57.78)
    }

    @Test func aVersionTheRubricDoesNotMapFromIsRefusedAtItsLine() throws {
        var lines = Self.year2()
        lines.insert(Self.line("o9", version: "0.9.0", ["tech.security": "largely"]), at: 2)
        let file = try TemporaryFile(lines: lines)
        let aggregator = ResponseSetAggregator(
            scorer: try Self.scorer(), options: AggregationOptions(groupBy: ["region"], perOrganisation: .latest))
        do {
            _ = try aggregator.aggregate(file.path)
            Issue.record("a response to version 0.9.0 was counted")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.file == file.path)
            #expect(diagnostic.line == 3)
            #expect(diagnostic.path == DocumentPath.root.key("rubric_version"))
            #expect(diagnostic.message.contains("given against version 0.9.0 of rubric \"digital-capacity\""))
            #expect(diagnostic.message.contains("maps answers from 1.0.0 only"))
        }
    }

    @Test func aCarriedAnswerTheNewQuestionRefusesIsLocatedWhereTheDocumentHoldsIt() throws {
        let lines = [Self.line("o1", version: "1.0.0", ["tech.security": "mostly", "tech.inventory": "partial"])]
        let file = try TemporaryFile(lines: lines)
        let aggregator = ResponseSetAggregator(
            scorer: try Self.scorer(), options: AggregationOptions(groupBy: ["region"]))
        do {
            _ = try aggregator.aggregate(file.path)
            Issue.record("an answer that is no option was counted")
        } catch {
            let diagnostic = try #require(error.diagnostics.first)
            #expect(diagnostic.line == 1)
            #expect(diagnostic.path == DocumentPath.root.key("answers").key("tech.security"))
            #expect(diagnostic.message.contains("carried to 2.0.0's \"tech.access\""))
        }
    }

    @Test func aFolderOfOneZeroSessionsIsCarriedTheSameWay() throws {
        let old = try #require(try BundledRubrics.rubric(id: "digital-capacity", version: "1.0.0"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-carry-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let answers: [(String, String)] = [
            ("largely", "partial"), ("largely", "partial"), ("largely", "partial"), ("largely", "partial"),
            ("full", "none"),
        ]
        for (number, (security, inventory)) in answers.enumerated() {
            var session = SessionFile(
                rubric: old, organisation: "o\(number + 1)", attributes: ["region": "CA"],
                startedAt: "2025-05-0\(number + 1)T14:00:00Z")
            session.answers = ["tech.security": Answer(.text(security)), "tech.inventory": Answer(.text(inventory))]
            try session.save(to: folder + "/o\(number + 1).session.json")
        }
        let aggregate = try ResponseSetAggregator(
            scorer: try Self.scorer(), options: AggregationOptions(groupBy: ["region"], perOrganisation: .latest)
        ).aggregate(folder)
        #expect(aggregate.carriedForward.first?.fromVersion == "1.0.0")
        #expect(aggregate.carriedForward.first?.responses == 5)
        // The same answers as year 1 above: (4 · 500 + 600) / 9 / 5 = 520/9 = 57.78.
        #expect(try Self.summary(aggregate).group("CA")?.scope("overall")?.mean == 57.78)
    }

    @Test func theLedgerSeesACarriedResponseAsTheNativeOneItEquals() throws {
        // Released once from the 1.0.0 files and once from their 2.0.0 twins: every organisation contributes the
        // same, so the second release is checked against the first and nothing is withheld because of it.
        let programme = try Programme(scorer: try Self.scorer())
        let first = try #require(try programme.release(Self.year1(round: nil), by: ["region"], mode: .all))
        let second = try #require(try programme.release(Self.year1Native(round: nil), by: ["region"], mode: .all))
        #expect(first.group("CA")?.scopes.isEmpty == false)
        #expect(second.groups == first.groups)
        #expect(second.disclosure?.suppressions.contains { $0.forcedBy == ["release 1"] } == false)
        #expect(try programme.leak() == nil)
    }

    @Test func releasingOneOrganisationOnceUnmappedAndOnceMappedIsADifferenceTheLedgerWithholds() throws {
        // Five organisations answered 2.0.0; o6 answered 1.0.0. Release 1 reads o6 "unmapped": its file relabelled
        // 2.0.0 with the answer 2.0.0 does not know (tech.security) taken out, so o6 scores on tech.inventory alone.
        // Release 2 reads the file as it is, carried forward. Everything but o6's figures is the same, so release 2
        // minus release 1 would be o6's tech.security answer: o6 is the same organisation with another contribution,
        // and the group and the overall are withheld in release 2.
        let others = (1...5).map {
            Self.line("o\($0)", version: "2.0.0", ["tech.access": "largely", "tech.inventory": "partial"])
        }
        let unmapped = Self.line("o6", version: "2.0.0", ["tech.inventory": "partial"])
        let mapped = Self.line("o6", version: "1.0.0", ["tech.security": "full", "tech.inventory": "partial"])
        let programme = try Programme(scorer: try Self.scorer())
        let first = try #require(try programme.release(others + [unmapped], by: ["region"], mode: .all))
        #expect(first.group("CA")?.scopes.isEmpty == false)
        let second = try #require(try programme.release(others + [mapped], by: ["region"], mode: .all))
        #expect(second.group("CA") == nil || second.group("CA")!.scopes.isEmpty)
        #expect(second.overall.scopes.isEmpty)
        #expect(second.disclosure?.suppressions.contains { $0.forcedBy == ["release 1"] } == true)
        #expect(try programme.leak() == nil)
        // Without the check across releases, the auditor would have the two contributions of o6 to tell apart:
        // the same pair of releases unchecked publishes the group both times.
        let unchecked = try Programme(scorer: try Self.scorer())
        try unchecked.release(others + [unmapped], by: ["region"], mode: .all)
        let published = try #require(
            try unchecked.release(others + [mapped], by: ["region"], mode: .all, checksEarlier: false))
        #expect(published.group("CA")?.scopes.isEmpty == false)
    }
}
