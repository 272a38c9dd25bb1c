import AssayCompare
import AssayCore
import AssayJSON
import Testing

/// Every rule of the default policy, with hand-built groups just above and just below its threshold.
@Suite struct DisclosurePolicyTests {
    @Test func aGroupNeedsFiveOrganisations() throws {
        let summary = try summarise(
            organisations(5, prefix: "five", region: "five", people: [0, 50, 100])
                + organisations(4, prefix: "four", region: "four", people: [0, 50, 100])
                + organisations(4, prefix: "also-four", region: "also-four", people: [0, 50, 100]),
            policy: DisclosurePolicy(smallGroups: .suppress)
        )
        #expect(summary.group("five") != nil)
        #expect(summary.group("four") == nil)
        #expect(summary.group("also-four") == nil)
        #expect(summary.suppressions.contains("2 groups suppressed: fewer than 5 organisations"))
    }

    @Test func smallGroupsAreMergedIntoOther() throws {
        let summary = try summarise(
            organisations(6, prefix: "big", region: "big", people: [0, 50, 100])
                + organisations(3, prefix: "a", region: "a", people: [0, 50, 100])
                + organisations(2, prefix: "b", region: "b", people: [25, 75])
        )
        #expect(summary.group("a") == nil)
        #expect(summary.group("b") == nil)
        // 3 + 2 = 5 organisations: "other" reaches the threshold and is released.
        #expect(summary.group("other")?.organisations == 5)
        #expect(summary.suppressions.contains("2 groups merged into \"other\": fewer than 5 organisations each"))
    }

    @Test func aStaffSurveyStillCountsOrganisations() throws {
        // Four organisations with 25 responses each: 100 responses, but only 4 organisations.
        var lines: [String] = []
        for response in 0..<100 {
            lines.append(
                handLine(
                    organisation: "org-\(response % 4)", region: "r", people: [0, 50, 100][response % 3], tools: 50))
        }
        lines += organisations(5, prefix: "x", region: "x", people: [0, 50, 100])
        let summary = try summarise(
            lines, policy: DisclosurePolicy(complementarySuppression: false, smallGroups: .suppress))
        #expect(summary.group("r") == nil)
        #expect(summary.group("x") != nil)
    }

    @Test func theMinimumCanBeRaisedButNeverSetBelowThree() {
        #expect(DisclosurePolicy(minimumOrganisations: 3, minimumOrganisationsForQuartiles: 10).problems().isEmpty)
        #expect(!DisclosurePolicy(minimumOrganisations: 2, minimumOrganisationsForQuartiles: 10).problems().isEmpty)
        #expect(DisclosurePolicy(minimumOrganisations: 8, minimumOrganisationsForQuartiles: 10).problems().isEmpty)
        #expect(!DisclosurePolicy(minimumOrganisations: 12).problems().isEmpty)  // quartiles below the group minimum
    }

    @Test func quartilesNeedTenOrganisations() throws {
        let summary = try summarise(
            organisations(10, prefix: "ten", region: "ten", people: [0, 25, 50, 75, 100])
                + organisations(9, prefix: "nine", region: "nine", people: [0, 25, 50, 75, 100])
        )
        let ten = try #require(summary.group("ten")?.scope("people"))
        let nine = try #require(summary.group("nine")?.scope("people"))
        // ten: 0,0,25,25,50,50,75,75,100,100 → q1 h = 2.25 → 25, q3 h = 6.75 → 75.
        #expect(ten.q1 == 25)
        #expect(ten.q3 == 75)
        #expect(nine.q1 == nil)
        #expect(nine.q3 == nil)
        // A median of nine is the fifth member's score by construction: medians share the quartiles' threshold.
        #expect(nine.median == nil)
        // nine: 0, 25, 50, 75, 100, 0, 25, 50, 75 → 400 / 9 = 44.4 → 44.
        #expect(nine.mean == 44)
        #expect(ten.median == 50)
    }

    @Test func noMinimumOrMaximumIsEverWritten() throws {
        let summary = try summarise(organisations(12, prefix: "o", region: "r", people: [0, 25, 50, 75, 100]))
        let json = try JSONOutput.string(summary)
        for word in ["\"min\"", "\"max\"", "minimum\":", "maximum\":"] where !word.hasPrefix("minimum_") {
            #expect(!json.contains(word))
        }
        // The extremes 0 and 100 are in the data; only the mean, quartiles and median are released.
        let people = try #require(summary.group("r")?.scope("people"))
        #expect([people.mean, people.q1, people.median, people.q3].compactMap { $0 }.allSatisfy { $0 > 0 && $0 < 100 })
    }

    @Test func levelsSharedByAllOrAllButOneOrganisationAreWithheld() throws {
        // people 50 → developing. all: 5 at developing; allButOne: 4 developing + 1 established; mixed: 3 + 2.
        let summary = try summarise(
            organisations(5, prefix: "all", region: "all", people: [50])
                + organisations(5, prefix: "but-one", region: "but-one", people: [50, 50, 50, 50, 100])
                + organisations(5, prefix: "mixed", region: "mixed", people: [50, 50, 50, 100, 100]),
            policy: DisclosurePolicy(complementarySuppression: false)
        )
        #expect(summary.group("all")?.scope("people")?.levels == nil)
        #expect(summary.group("all")?.scope("people")?.levelsWithheld != nil)
        #expect(summary.group("but-one")?.scope("people")?.levels == nil)
        #expect(summary.group("mixed")?.scope("people")?.levels?.map(\.count) == [0, 3, 2, 0])
    }

    @Test func oneSuppressedGroupTakesAnotherWithIt() throws {
        // Groups of 6, 7 and 4: the 4 is suppressed; publishing the total and the other two would give it away by
        // subtraction, so the smaller released group (6) is suppressed too.
        let lines =
            organisations(6, prefix: "six", region: "six", people: [0, 50, 100])
            + organisations(7, prefix: "seven", region: "seven", people: [0, 50, 100])
            + organisations(4, prefix: "four", region: "four", people: [0, 50, 100])
        let summary = try summarise(lines, policy: DisclosurePolicy(smallGroups: .suppress))
        #expect(summary.groups.map(\.label) == ["seven"])
        #expect(summary.suppressions.contains { $0.hasPrefix("1 more group suppressed") })
        // Just above: two groups suppressed already protect each other, nothing more is withheld.
        let two = try summarise(
            lines + organisations(4, prefix: "four-b", region: "four-b", people: [0, 50, 100]),
            policy: DisclosurePolicy(smallGroups: .suppress)
        )
        #expect(Set(two.groups.map(\.label)) == ["six", "seven"])
    }

    @Test func aSmallOtherIsSuppressedWithItsComplement() throws {
        // One group of 4 merges into "other", which has only 4: suppressed, and one more with it.
        let summary = try summarise(
            organisations(6, prefix: "six", region: "six", people: [0, 50, 100])
                + organisations(7, prefix: "seven", region: "seven", people: [0, 50, 100])
                + organisations(4, prefix: "four", region: "four", people: [0, 50, 100])
        )
        #expect(summary.groups.map(\.label) == ["seven"])
        #expect(summary.suppressions.contains("the group \"other\" suppressed: fewer than 5 organisations"))
    }

    @Test func aWithheldLevelDistributionTakesAnotherWithIt() throws {
        // "same" has all 5 at one level (withheld); the overall distribution is released, so one more group's
        // distribution of that scope is withheld too.
        let summary = try summarise(
            organisations(5, prefix: "same", region: "same", people: [50])
                + organisations(5, prefix: "mixed", region: "mixed", people: [0, 50, 100])
                + organisations(6, prefix: "mixed-b", region: "mixed-b", people: [0, 50, 100])
        )
        #expect(summary.overall.scope("people")?.levels != nil)
        let withheld = summary.groups.filter { $0.scope("people")?.levels == nil }.map(\.label)
        #expect(Set(withheld) == ["same", "mixed"])
    }

    @Test func aGroupNeedsFourOthersForAnOrganisationToSeeItself() throws {
        let scorer = try handScorer()
        let response = AssessmentResponse(
            organisation: "me", rubric: "hand", attributes: ["region": "r"],
            answers: ["a": Answer(.text("mid")), "b": Answer(.text("mid"))])
        let assessment = try scorer.score(response)
        // Five organisations: the organisation and 4 others → its own group.
        let five = try summarise(
            organisations(5, prefix: "o", region: "r", people: [0, 50, 100])
                + organisations(5, prefix: "p", region: "q"))
        #expect(PeerComparison(assessment: assessment, attributes: ["region": "r"], summary: five).group == "r")
        // With a threshold of 3, a group of 4 is released, but has only 3 others: the organisation sees all.
        let policy = DisclosurePolicy(minimumOrganisations: 3, minimumOtherOrganisations: 4)
        let four = try summarise(
            organisations(4, prefix: "o", region: "r", people: [0, 50, 100])
                + organisations(5, prefix: "p", region: "q"),
            policy: policy
        )
        #expect(four.group("r") != nil)
        let comparison = PeerComparison(assessment: assessment, attributes: ["region": "r"], summary: four)
        #expect(comparison.group == "all organisations")
        #expect(comparison.groupNote?.contains("fewer than 4 other organisations") == true)
    }

    @Test func comparisonShowsQuartilesAndAPercentileRank() throws {
        let scorer = try handScorer()
        let summary = try summarise(
            organisations(10, prefix: "o", region: "r", people: [0, 25, 25, 50, 50, 75, 100, 100, 100, 100]))
        let response = AssessmentResponse(
            organisation: "me", rubric: "hand", attributes: ["region": "r"],
            answers: ["a": Answer(.text("high")), "b": Answer(.text("mid"))])
        let comparison = PeerComparison(
            assessment: try scorer.score(response), attributes: ["region": "r"], summary: summary)
        let people = try #require(comparison.rows.first { $0.scope == "people" })
        // Q1 31, median 63, Q3 100; a score of 75 is 12/37 of the way from the median to Q3: 50 + 25·12/37 ≈ 58.
        #expect(people.score == 75)
        #expect(people.q1 == 31)
        #expect(people.median == 63)
        #expect(people.q3 == 100)
        #expect(people.percentile == "58")
        #expect(PeerComparison.percentileRank(of: 10, q1: 31, median: 63, q3: 100) == "under 25")
        #expect(PeerComparison.percentileRank(of: 70, q1: nil, median: 63, q3: nil) == "above the median")
    }

    @Test func aWithheldRoundTakesAnotherGroupsRoundWithIt() throws {
        // Round 2: "a" has 6 organisations, "b" only 4 (withheld), "c" 7; the overall round 2 (17) is released, so
        // the smaller of the others ("a") loses its round 2 too. Round 1 has 6, 6 and 7: all released.
        var lines: [String] = []
        for (region, first, second) in [("a", 6, 6), ("b", 6, 4), ("c", 7, 7)] {
            for index in 0..<first {
                lines.append(
                    handLine(organisation: "\(region)-\(index)", region: region, people: 25, tools: 50, round: "1"))
            }
            for index in 0..<second {
                lines.append(
                    handLine(organisation: "\(region)-\(index)", region: region, people: 75, tools: 50, round: "2"))
            }
        }
        let summary = try summarise(lines, perOrganisation: .latest)
        #expect(summary.group("b")?.trends?.map(\.round) == ["1"])
        #expect(summary.group("a")?.trends?.map(\.round) == ["1"])
        #expect(summary.group("c")?.trends?.map(\.round) == ["1", "2"])
        #expect(summary.suppressions.contains { $0.hasPrefix("round \"2\" withheld in 1 more group") })
    }
}

@Suite struct PolicyRoundingTests {
    @Test func roundingIsSafeEvenForAPolicyThatSkippedValidation() {
        // −1 used to trap (a range 0..<−1) and Int.max to run forever; both are held to 0–6 decimals.
        #expect(DisclosurePolicy(scoreDecimals: -1).rounded(46.8) == 47)
        #expect(DisclosurePolicy(scoreDecimals: .max).rounded(46.123_456_789) == 46.123457)
    }
}
