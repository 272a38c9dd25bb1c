import AssayCompare
import AssayCore
import AssayRubrics
import Foundation
import Testing

@Suite("The workshop handout")
struct HandoutTests {
    /// WCAG 2 relative luminance of `#rrggbb`.
    static func luminance(_ colour: String) -> Double {
        let value = Int(colour.dropFirst(), radix: 16)!
        let channels = [value >> 16 & 0xFF, value >> 8 & 0xFF, value & 0xFF].map { byte -> Double in
            let c = Double(byte) / 255
            return c <= 0.040_45 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]
    }

    @Test("Every level colour stands out 3:1 from white and they darken in order, so greyscale keeps the order")
    func levelColours() {
        // The lightest, #5b8bd0: luminance 0.2126·0.104 + 0.7152·0.258 + 0.0722·0.631 ≈ 0.253, so
        // (1 + 0.05) / (0.253 + 0.05) ≈ 3.5 against white.
        let luminances = HandoutPalette.levels.map(Self.luminance)
        #expect(abs(luminances[0] - 0.253) < 0.005)
        for value in luminances { #expect(1.05 / (value + 0.05) >= 3) }
        #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 > $1 })
        #expect(1.05 / (Self.luminance(HandoutPalette.none) + 0.05) >= 3)
    }

    @Test("Population bands come in the order of the numbers they start from, not alphabetically")
    func bands() {
        let bands = ["over-250k", "10k-50k", "under-10k", "50k-250k"]
        #expect(
            bands.sorted { NaturalOrder.precedes($0, $1) } == ["under-10k", "10k-50k", "50k-250k", "over-250k"])
        // Values without numbers keep Swift's order, after those with numbers.
        #expect(["QC", "ON", "5k"].sorted { NaturalOrder.precedes($0, $1) } == ["5k", "ON", "QC"])
    }

    static func summary(groups: Int) throws -> (ComparisonSummary, RubricIndex) {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let scorer = try Scorer(rubric: rubric)
        let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Rubrics/examples/digital-capacity.example.json")
        let example = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: examplePath)) as? [String: Any])
        var lines: [String] = []
        // Ten organisations per group, all with the bundled example's answers, so every statistic of a group is
        // the example's score.
        for group in 0..<groups {
            for member in 0..<10 {
                var response = example
                response["id"] = "g\(group)-\(member)"
                response["organisation"] = "Organisation \(group)-\(member)"
                response["attributes"] = ["region": "R\(group)"]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: response), as: UTF8.self))
            }
        }
        let file = try TemporaryFile(lines: lines)
        let aggregate = try ResponseSetAggregator(
            scorer: scorer, options: AggregationOptions(groupBy: ["region"], workers: 1)
        ).aggregate(file.path)
        return (SummaryBuilder(index: scorer.index).summary(of: aggregate), scorer.index)
    }

    @Test("A French handout has the rubric's French names, French numbers and a key")
    func french() throws {
        let (summary, index) = try Self.summary(groups: 2)
        let html = try summary.html(options: Handout.Options(language: "fr", index: index))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(html.contains("<meta name=\"viewport\""))
        #expect(html.contains("Comment lire ce document"))
        #expect(html.contains("Ressources humaines et compétences"))
        // 20 organisations: "20 organisations, 20 réponses".
        #expect(html.contains("20 organisations, 20 réponses"))
        // The example's overall score, 45.806 under rubric 2.0.0 (DigitalCapacityExampleTests), published rounded
        // to 46.
        #expect(html.contains("<td class=\"num\">46</td>"))
    }

    @Test("With more than 12 groups there is a contents list and the numbers use thousands separators")
    func manyGroups() throws {
        let (summary, index) = try Self.summary(groups: 13)
        let html = try summary.html(options: Handout.Options(language: "en", index: index))
        #expect(html.contains("<nav class=\"contents\""))
        #expect(html.contains("Groups are sorted by median"))
        let handout = try Handout(summary: summary, options: Handout.Options(language: "fr", index: index))
        #expect(handout.strings.integer(20_000) == "20\u{202F}000")
        let english = try Handout(summary: summary, options: Handout.Options(language: "en", index: index))
        #expect(english.strings.integer(1_234_567) == "1,234,567")
    }

    @Test("--focus keeps one group beside all organisations, and names the groups when it matches none")
    func focus() throws {
        let (summary, index) = try Self.summary(groups: 3)
        let handout = try Handout(summary: summary, options: Handout.Options(index: index, focus: "R1"))
        // All organisations, then R1: two rows in every chart.
        #expect(handout.charts.allSatisfy { $0.rows.map(\.label) == ["all organisations", "R1"] })
        #expect(throws: HandoutError.self) {
            try Handout(summary: summary, options: Handout.Options(index: index, focus: "R9"))
        }
    }
}
