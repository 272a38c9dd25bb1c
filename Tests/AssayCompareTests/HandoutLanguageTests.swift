import AssayCompare
import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

@Suite("Handouts in French and Spanish, and declared band orders")
struct HandoutLanguageTests {
    /// A summary of `sizes.count` groups by `size`, `sizes[i]` organisations each, all with the bundled example's
    /// answers, so every organisation is at one level (its levels are then withheld as dominated).
    static func summary(sizes: [(String, Int)], policy: DisclosurePolicy = DisclosurePolicy()) throws
        -> ComparisonSummary
    {
        let rubric = try BundledRubrics.rubric(id: "digital-capacity")
        let scorer = try Scorer(rubric: rubric)
        let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Rubrics/examples/digital-capacity.example.json")
        let example = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: examplePath)) as? [String: Any])
        var lines: [String] = []
        for (band, count) in sizes {
            for member in 0..<count {
                var response = example
                response["id"] = "\(band)-\(member)"
                response["organisation"] = "Organisation \(band) \(member)"
                response["attributes"] = ["size": band]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: response), as: UTF8.self))
            }
        }
        let file = try TemporaryFile(lines: lines)
        let aggregate = try ResponseSetAggregator(
            scorer: scorer, options: AggregationOptions(groupBy: ["size"], workers: 1)
        ).aggregate(file.path)
        return SummaryBuilder(index: scorer.index, policy: policy).summary(of: aggregate)
    }

    static let sizes = [("small", 6), ("medium", 6), ("large", 2), ("tiny", 3)]

    @Test("Every word of the handout has a French and a Spanish text, and every reason code an English one")
    func everyKeyInEveryLanguage() {
        let keys = HandoutStrings.keys
        let english = keys["en"] ?? []
        #expect(english.count > 90)
        for language in ["fr", "es"] {
            let found = keys[language] ?? []
            #expect(english.subtracting(found).sorted() == [], "missing in \(language)")
            #expect(found.subtracting(english).sorted() == [], "only in \(language)")
        }
        for code in SuppressionReason.Code.all { #expect(english.contains("reason-\(code.rawValue)")) }
        for code in LevelsWithheld.allCases { #expect(english.contains("levels-why-\(code.rawValue)")) }
    }

    @Test("Each reason reads as a sentence of its language, every placeholder filled", arguments: ["en", "fr", "es"])
    func reasonSentences(language: String) throws {
        let strings = HandoutStrings(language: language)
        for code in SuppressionReason.Code.all {
            for count in [1, 3] {
                let reason = SuppressionReason(
                    code, count: count, minimum: 5, organisations: count, group: "QC", source: "ON", scope: "hr",
                    question: "hr.lead", round: "2026", releases: count == 1 ? [] : ["summary.json"], message: "x")
                let sentence = try #require(
                    strings.sentence(reason, group: { $0 }, scope: { $0 }, question: { $0 }), "\(code)")
                #expect(!sentence.contains("%"), "\(language) \(code): \(sentence)")
                // A sentence: its first letter or digit (after an opening quote) a capital or a number.
                let first = sentence.first { $0.isLetter || $0.isNumber }
                #expect(first?.isUppercase == true || first?.isNumber == true, "\(sentence)")
            }
        }
        // A code from a later Assay is not guessed at: the handout shows its English message and says so.
        #expect(
            strings.sentence(
                SuppressionReason(.init(rawValue: "from-the-future"), message: "x"), group: { $0 }, scope: { $0 },
                question: { $0 }) == nil)
    }

    @Test("The summary gives each reason as a code beside its English sentence, in the same order")
    func reasonsAreCoded() throws {
        // Groups of 6, 6, 2 and 3: the last two are below 5 and merged into "other", of 2 + 3 = 5, released.
        let summary = try Self.summary(sizes: Self.sizes)
        let reasons = try #require(summary.suppressionReasons)
        #expect(reasons.map(\.message) == summary.suppressions)
        #expect(reasons.first?.code == .groupsMerged)
        #expect(reasons.first?.count == 2 && reasons.first?.minimum == 5)
        // Every organisation answered alike, so every released scope's levels are withheld as dominated.
        let statistics = try #require(summary.groups.first?.scopes.first)
        #expect(statistics.levelsWithheldCode == .dominantLevel)

        let json = try JSONOutput.string(summary)
        #expect(json.contains("\"suppression_reasons\""))
        #expect(json.contains("\"code\": \"groups-merged\""))
        #expect(json.contains("\"levels_withheld_code\": \"dominant-level\""))
        // Still the format `assay compare` reads: the codes are an addition, the sentences stay.
        #expect(summary.format == "assay-comparison-summary/2")

        // A summary edited by hand whose codes and sentences disagree is refused, at the codes.
        var edited = summary
        edited.suppressionReasons?.removeLast()
        let file = try TemporaryFile(lines: [try JSONOutput.string(edited)], name: "summary.json")
        #expect {
            _ = try ComparisonSummary.load(file.path)
        } throws: { error in
            "\(error)".contains("suppression_reasons")
        }
    }

    @Test("The French handout says why in French, with the policy's labels for the groups")
    func frenchReasons() throws {
        var policy = DisclosurePolicy()
        policy.attributes["size"] = AttributeLabels(
            name: ["en": "size", "fr": "taille"], order: ["small", "medium", "large", "tiny"],
            values: ["small": ["fr": "petite"], "large": ["fr": "grande"]])
        let summary = try Self.summary(sizes: Self.sizes, policy: policy)
        let index = try Scorer(rubric: BundledRubrics.rubric(id: "digital-capacity")).index
        let handout = try Handout(summary: summary, options: Handout.Options(language: "fr", index: index))
        #expect(handout.meta[0].hasSuffix("regroupées par taille."))
        #expect(
            handout.charts[0].rows.map(\.label) == [
                "toutes les organisations", "petite", "medium", "autres (petits groupes regroupés)",
            ])
        #expect(
            handout.notShown.contains(
                "2 groupes de moins de 5 organisations chacun sont regroupés dans «\u{00A0}autres (petits groupes regroupés)\u{00A0}»."
            ), "\(handout.notShown)")
        #expect(
            handout.notShown.contains {
                $0.contains("«\u{00A0}petite\u{00A0}»")
                    && $0.hasSuffix("toutes les organisations, ou toutes sauf une, sont au même niveau.")
            })
        // "medium" has no French label: shown as written, and said so, not silently.
        #expect(handout.untranslated == ["the value \"medium\" of size"])
        #expect(!handout.notShown.joined().contains("withheld"))
    }

    @Test("A declared band order is the order of the JSON, the CSV and the handout; without one, the natural order")
    func declaredOrder() throws {
        var policy = DisclosurePolicy()
        policy.attributes["size"] = AttributeLabels(order: ["small", "medium", "large"])
        let sizes = [("large", 5), ("medium", 5), ("small", 5)]
        let declared = try Self.summary(sizes: sizes, policy: policy)
        #expect(declared.groups.map(\.label) == ["small", "medium", "large"])
        let csvGroups = declared.csv().split(separator: "\n").compactMap { line -> String? in
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            return fields.count > 3 && fields[0] == "statistic" && fields[3] == "overall" ? String(fields[1]) : nil
        }
        #expect(csvGroups == ["all organisations", "small", "medium", "large"])
        let handout = try Handout(summary: declared)
        #expect(handout.charts[0].rows.map(\.label) == ["all organisations", "small", "medium", "large"])

        // Without a declared order: alphabetical for words ("large", "medium", "small"), by number for bands.
        let natural = try Self.summary(sizes: sizes)
        #expect(natural.groups.map(\.label) == ["large", "medium", "small"])
        let bands = try Self.summary(sizes: [("over-250k", 5), ("10k-50k", 5), ("under-10k", 5)])
        #expect(bands.groups.map(\.label) == ["under-10k", "10k-50k", "over-250k"])
    }

    @Test("A band listed twice, or labelled without being in the order, is an error at its place in the policy")
    func orderErrors() throws {
        let text = """
            {"attributes": {"size": {
              "order": ["small", "medium", "small"],
              "values": {"huge": {"fr": "énorme"}}
            }}}
            """
        let file = try TemporaryFile(lines: [text])
        let document = try JSONDocument.read(file.path)
        let policy = try document.decode(DisclosurePolicy.self).value
        let problems = document.locate(policy.diagnostics())
        let messages = problems.map(\.description)
        #expect(messages.count == 2)
        // The second "small" is on line 2, at order[2].
        #expect(
            messages.contains {
                $0.contains(":2:") && $0.contains("\"small\" is listed twice")
                    && $0.contains("attributes.size.order[2]")
            }, "\(messages)")
        #expect(
            messages.contains { $0.contains(":3:") && $0.contains("attributes.size.values.huge") }, "\(messages)")
        // A band in the responses that the order does not list.
        let unknown = policy.orderProblems(groupBy: ["size"], values: [["small"], ["enormous"]])
        #expect(unknown.count == 1)
        #expect(unknown.first?.message.contains("\"enormous\"") == true)
    }
}
