import AssayCore
import Foundation
import Testing

/// The answer formats live in one folder, `Sources/AssayCore/AnswerFormats/`: what a format means is said there
/// once, and everything else asks it.
struct AnswerFormatTests {
    /// Lines outside the folder that take a question's format apart case by case: a `switch` over a format, a
    /// `case .scale`-style pattern, or `if case … = ….format`. The reference evaluator is the one file allowed
    /// them: it is the tests' independent oracle, written from the format article, and must not share the code it
    /// checks.
    @Test func noCodeOutsideTheFolderTakesFormatsApartCaseByCase() throws {
        let sources = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources")
        let allowed = ["AssayCore/AnswerFormats/", "AssayTesting/ReferenceEvaluator.swift"]
        // Each format's case, from its JSON type (`yes_no` is `.yesNo`), so a new format is guarded too; `.text`
        // is also an answer value's case, so it is caught in `if case … = ….format` only.
        let cases = AnswerFormat.typeNames.filter { $0 != "text" }.map { name in
            let words = name.split(separator: "_")
            return words.first!.lowercased() + words.dropFirst().map(\.capitalized).joined()
        }
        #expect(cases.contains("yesNo") && cases.contains("multipleChoice"))
        let patterns = try [
            #"switch\s+[\w.]*\.format\b"#,
            #"case\s+\.("# + cases.joined(separator: "|") + #")\b"#,
            #"if\s+case\s+\.\w+(\([^)]*\))?\s*=\s*[\w.]*\.format\b"#,
        ].map { try Regex($0) }
        var found: [String] = []
        var files = 0
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources.path))
        for case let path as String in enumerator where path.hasSuffix(".swift") {
            guard !allowed.contains(where: path.hasPrefix) else { continue }
            files += 1
            let text = try String(contentsOf: sources.appending(path: path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where patterns.contains(where: { line.contains($0) }) {
                found.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        // The CLI's and the reports' output formats (`switch format { case .text: …`) are not answer formats: the
        // patterns match the answer formats' own cases, or a question's `.format`.
        #expect(files > 100, "the sources were not found at \(sources.path)")
        #expect(
            found.isEmpty, "format-by-format code outside the AnswerFormats folder:\n\(found.joined(separator: "\n"))")
    }

    /// Yes and no are labelled in the reader's language where Assay knows it, and in English otherwise; before the
    /// folder, a rubric in a language Assay does not speak showed "Ja"/"Nein" (the first translation by key).
    @Test func yesAndNoReadInTheLanguageOrElseEnglish() throws {
        func rubric(language: String) -> Rubric {
            Rubric(
                id: "yn", version: "1.0.0", defaultLanguage: language, languages: [language],
                title: [language: "T"],
                levels: [MaturityLevel(id: "one", name: [language: "Um"], minScore: 0, maxScore: 100)],
                dimensions: [
                    RubricDimension(
                        id: "d", title: [language: "D"],
                        questions: [Question(id: "q", prompt: [language: "Q?"], format: .yesNo)])
                ])
        }
        let portuguese = rubric(language: "pt").form(language: "pt")
        #expect(portuguese.dimensions.first?.questions.first?.options.map(\.label) == ["No", "Yes"])
        let french = rubric(language: "fr").form(language: "fr-CA")
        #expect(french.dimensions.first?.questions.first?.options.map(\.label) == ["Non", "Oui"])
        let german = rubric(language: "de").form(language: "de")
        #expect(german.dimensions.first?.questions.first?.options.map(\.label) == ["Nein", "Ja"])
    }
}
