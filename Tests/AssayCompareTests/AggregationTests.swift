import AssayCompare
import AssayCore
import AssayJSON
import Testing

@Suite struct AggregationTests {
    /// Ten organisations in "south" whose people scores, sorted, are 0, 25, 25, 50, 50, 75, 100, 100, 100, 100,
    /// and five in "north" with people 0, 25, 50, 75, 100. Tools is 100 for everyone.
    static let lines =
        organisations(
            10, prefix: "south", region: "south", people: [0, 25, 25, 50, 50, 75, 100, 100, 100, 100], tools: [100])
        + organisations(5, prefix: "north", region: "north", people: [0, 25, 50, 75, 100], tools: [100])

    @Test func quartilesFollowDuckDBQuantileCont() {
        // h = (n − 1)·q over 0, 25, 25, 50, 50, 75, 100, 100, 100, 100:
        // q1: h = 2.25 → 25 + 0.25·(50 − 25) = 31.25; median: h = 4.5 → 50 + 0.5·25 = 62.5; q3: h = 6.75 → 100.
        let sorted: [Double] = [0, 25, 25, 50, 50, 75, 100, 100, 100, 100]
        #expect(Quantile.continuous(sorted, 0.25) == 31.25)
        #expect(Quantile.continuous(sorted, 0.5) == 62.5)
        #expect(Quantile.continuous(sorted, 0.75) == 100)
        #expect(Quantile.continuous([7], 0.25) == 7)
        #expect(Quantile.continuous([], 0.5) == nil)
    }

    @Test func groupStatisticsMatchAHandCalculation() throws {
        let summary = try summarise(Self.lines, policy: DisclosurePolicy(scoreDecimals: 2))
        let south = try #require(summary.group("south"))
        #expect(south.organisations == 10)
        let people = try #require(south.scope("people"))
        // mean = (0 + 25 + 25 + 50 + 50 + 75 + 4·100) / 10 = 625 / 10 = 62.5
        #expect(people.mean == 62.5)
        #expect(people.q1 == 31.25)
        #expect(people.median == 62.5)
        #expect(people.q3 == 100)
        // overall = (people + 100) / 2: 50, 62.5, 62.5, 75, 75, 87.5, 100 ×4; median h = 4.5 → 75 + 0.5·12.5 = 81.25
        #expect(south.scope("overall")?.median == 81.25)
        // levels of people: 0, 25, 25 initial; 50, 50 developing; 75, 100 ×4 established.
        #expect(people.levels?.map(\.count) == [3, 2, 5, 0])
        let north = try #require(summary.group("north"))
        // five organisations: the median (h = 2) would be the third member's score, 50; neither it nor the
        // quartiles are released below ten organisations.
        #expect(north.scope("people")?.median == nil)
        #expect(north.scope("people")?.q1 == nil)
        // overall over all 15: people sorted 0,0,25,25,25,50,50,50,75,75,100 ×5 → mean = 875/15 = 58.333…
        #expect(summary.overall.scope("people")?.mean == 58.33)
        #expect(summary.totals.organisations == 15)
    }

    @Test func publishedScoresAreWholeNumbersByDefault() throws {
        let summary = try summarise(Self.lines)
        let people = try #require(summary.group("south")?.scope("people"))
        // 31.25 → 31, 62.5 → 63 (halves round away from zero), 62.5 → 63.
        #expect(people.q1 == 31)
        #expect(people.median == 63)
        #expect(people.mean == 63)
    }

    @Test func mostCommonGapsAreTheLowestTwoOptions() throws {
        let summary = try summarise(Self.lines)
        // In south, people answers "none" (0) or "low" (25) are gaps: 3 of 10 = 30%.
        let gaps = try #require(summary.group("south")?.gaps)
        #expect(gaps.first?.question == "a")
        #expect(gaps.first?.percent == 30)
    }

    @Test func twoWorkersAndJanssonAloneGiveTheSameSummary() throws {
        // About 1.2 MB, over the 1 MiB below which the file is read as one range, so it is split in two.
        var lines: [String] = []
        for index in 0..<6500 {
            lines.append(
                handLine(
                    organisation: "org-\(index % 700)",
                    region: "region-\(index % 13)",
                    people: [0, 25, 50, 75, 100][index % 5],
                    tools: [0, 25, 50, 75, 100][(index / 5) % 5],
                    extra: index % 7 == 0 ? ", \"c\": {\"value\": true, \"note\": \"a note\"}" : ", \"c\": false"
                )
            )
        }
        let policy = DisclosurePolicy(scoreDecimals: 6)
        let one = try summarise(lines, policy: policy, workers: 1)
        let two = try summarise(lines, policy: policy, workers: 2)
        let slow = try summarise(lines, policy: policy, workers: 1, usesFastPath: false)
        #expect(one == two)
        #expect(one == slow)
        #expect(one.totals.responses == 6500)
    }

    @Test func latestCountsOneResponsePerOrganisationAndShowsTrends() throws {
        var lines: [String] = []
        for index in 1...5 {
            lines.append(handLine(organisation: "org-\(index)", region: "east", people: 0, tools: 0, round: "2"))
            lines.append(handLine(organisation: "org-\(index)", region: "east", people: 100, tools: 100, round: "10"))
        }
        let latest = try summarise(lines, perOrganisation: .latest)
        #expect(latest.perOrganisation == .latest)
        let east = try #require(latest.group("east"))
        // Round 10 is later than round 2 (rounds compare as numbers): everyone's latest overall is 100.
        #expect(east.responses == 5)
        #expect(east.scope("overall")?.mean == 100)
        #expect(east.trends?.map(\.round) == ["2", "10"])
        #expect(east.trends?.map(\.mean) == [0, 100])
        let all = try summarise(lines, perOrganisation: .all)
        // Every response counts: ten responses, still five organisations; the overall mean is 50.
        #expect(all.group("east")?.responses == 10)
        #expect(all.group("east")?.organisations == 5)
        #expect(all.group("east")?.scope("overall")?.mean == 50)
    }
}
