import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

/// One glossary per language in `Rubrics/glossary/`, used by every bundled rubric: no text in a language may use a
/// rendering the glossary sets aside for a concept it has already given one term (a sponsor is a "commanditaire",
/// never a "parrain"; a city council is a "concejo municipal"), and no English text may keep a French word the
/// glossary gives an English equivalent for.
@Suite struct GlossaryTests {
    struct Glossary: Decodable {
        struct Term: Decodable {
            var en: String
            var term: String
            var avoid: [String]
        }
        var language: String
        var terms: [Term]
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rubrics/glossary")

    static func glossary(_ language: String) throws -> Glossary {
        try JSONDecoder().decode(
            Glossary.self, from: Data(contentsOf: folder.appendingPathComponent("\(language).json")))
    }

    /// Every text of `rubric` in `language`, with where it is.
    static func texts(_ rubric: Rubric, in language: String) -> [(String, String)] {
        var found: [(String, String)] = []
        func add(_ text: LocalizedText?, _ place: String) {
            if let value = text?.translations[language] { found.append((place, value)) }
        }
        add(rubric.title, "title")
        add(rubric.description, "description")
        for level in rubric.levels {
            add(level.name, level.id)
            add(level.description, level.id)
            for gate in level.gates { add(gate.reason, "\(level.id) gate \(gate.question)") }
        }
        for scale in rubric.scales {
            for option in scale.options { add(option.label, scale.id); add(option.descriptor, scale.id) }
        }
        for dimension in rubric.dimensions {
            add(dimension.title, dimension.id)
            add(dimension.description, dimension.id)
            for (_, text) in dimension.levelDescriptions { add(text, dimension.id) }
            for (_, text) in dimension.recommendations { add(text, dimension.id) }
            for area in dimension.practiceAreas { add(area.title, area.id); add(area.description, area.id) }
            for question in dimension.allQuestions {
                for text in [question.prompt, question.help, question.evidencePrompt] { add(text, question.id) }
                for (_, text) in question.descriptors { add(text, question.id) }
                for (_, text) in question.recommendations { add(text, question.id) }
                if case .singleChoice(let options) = question.format {
                    for option in options { add(option.label, question.id); add(option.descriptor, question.id) }
                }
            }
        }
        return found
    }

    /// Whether `text` holds `phrase` as whole words, case aside.
    static func mentions(_ text: String, _ phrase: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let range = text.range(of: phrase, options: [.caseInsensitive], range: searchRange) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            let after = range.upperBound == text.endIndex ? nil : text[range.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchRange = range.upperBound..<text.endIndex
        }
        return false
    }

    @Test(arguments: ["en", "fr", "es"])
    func noTermIsTranslatedTwoWays(language: String) throws {
        let glossary = try Self.glossary(language)
        #expect(glossary.language == language)
        var checked = 0
        for id in try BundledRubrics.ids {
            let rubric = try BundledRubrics.rubric(id: id)
            guard rubric.languages.contains(language) else { continue }
            checked += 1
            for (place, text) in Self.texts(rubric, in: language) {
                for term in glossary.terms {
                    for variant in term.avoid where Self.mentions(text, variant) {
                        Issue.record(
                            "\(id) \(place) (\(language)): \"\(variant)\" for \(term.en); the glossary says \"\(term.term)\""
                        )
                    }
                }
            }
        }
        #expect(checked > 0)
    }

    /// The check finds what it is meant to find: 1.0.0 of digital-capacity said "direction générale" in English and
    /// "parrain" in French.
    @Test func theCheckCatchesTheOneZeroWording() throws {
        let earlier = try #require(try BundledRubrics.rubric(id: "digital-capacity", version: "1.0.0"))
        #expect(Self.texts(earlier, in: "en").contains { Self.mentions($0.1, "direction générale") })
        #expect(Self.texts(earlier, in: "fr").contains { Self.mentions($0.1, "parrain") })
        #expect(!Self.mentions("les parrainages", "parrain"))
    }
}
