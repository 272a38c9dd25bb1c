import AssayCore
import AssayJSON
import AssayRubrics
import Foundation
import Testing

/// What a service that embeds the library (a web form, a dashboard) relies on: results it can send as JSON and
/// read back, responses read from request bodies with located errors, and a rubric as a form in one language.
@Suite("The API a service embeds")
struct EmbeddingAPITests {
    static let rubric = try! BundledRubrics.rubric(id: "digital-capacity")
    static let scorer = try! Scorer(rubric: rubric)
    static let example = try! BundledRubrics.example(for: "digital-capacity")

    @Test func anExplanationRoundTripsThroughJSON() throws {
        let explanation = try Self.scorer.explain(Self.example)
        let text = try JSONOutput.string(explanation)
        let document = try JSONDocument(bytes: Array(text.utf8), file: "explanation.json")
        let (decoded, unknownKeys) = try document.decode(Explanation.self)
        // Numbers are written to 15 significant digits, as in every Assay output, so what comes back is the same
        // text when written again and the same numbers to 15 digits.
        #expect(try JSONOutput.string(decoded) == text)
        let overall = try #require(decoded.assessment.overall.value)
        #expect(abs(overall - (explanation.assessment.overall.value ?? 0)) < 1e-12)
        #expect(decoded.assessment.questions.map(\.optionID) == explanation.assessment.questions.map(\.optionID))
        #expect(decoded.overall.blockers.count == explanation.overall.blockers.count)
        #expect(decoded.opportunities.map(\.questionID) == explanation.opportunities.map(\.questionID))
        #expect(unknownKeys.isEmpty)
        // The keys a client reads, in the format's snake_case, with the versions named.
        #expect(text.contains(#""format": "assay-explanation/1""#))
        #expect(text.contains(#""format": "assay-assessment/1""#))
        #expect(text.contains(#""next_level": "#))
        #expect(text.contains(#""overall_gain": "#))
        // The example is 45.8 Developing; Defined needs 50, so the score is one of its blockers, written as an
        // object with a kind.
        #expect(explanation.overall.nextLevel == "defined")
        #expect(text.contains(#""kind": "score""#))
    }

    @Test func anAssessmentOfAnotherFormatIsRefused() throws {
        let assessment = try Self.scorer.score(Self.example)
        let text = try JSONOutput.string(assessment).replacingOccurrences(
            of: "assay-assessment/1", with: "assay-assessment/2")
        let document = try JSONDocument(bytes: Array(text.utf8), file: "a.json")
        #expect {
            try document.decode(Assessment.self)
        } throws: { error in
            "\(error)".contains("expected \"assay-assessment/1\", found \"assay-assessment/2\"")
        }
    }

    @Test func aRequestBodyIsReadWithErrorsNamingItAndTheirPlace() throws {
        let body = """
            {"rubric": "digital-capacity",
             "answers": {"hr.lead": "mostly"}}
            """
        let error = #expect(throws: InputError.self) {
            try AssayFile.response(json: body, source: "request body", against: Self.scorer.index)
        }
        let diagnostic = try #require(error?.errors.first)
        #expect(diagnostic.file == "request body")
        // Line 2, column 25: the value "mostly" after `"answers": {"hr.lead": ` (24 characters and a space).
        #expect((diagnostic.line, diagnostic.column) == (2, 25))
        #expect(diagnostic.path == DocumentPath.root.key("answers").key("hr.lead"))
        // The error travels as JSON too, its path as keys a client can follow.
        let encoded = try JSONOutput.string(try #require(error), pretty: false)
        #expect(encoded.contains(#""path":["answers","hr.lead"]"#))
        let back = try JSONDocument(bytes: Array(encoded.utf8), file: "e.json").decode(InputError.self).value
        #expect(back == error)

        let empty = #expect(throws: InputError.self) {
            try AssayFile.response(json: "  ", source: "request body")
        }
        #expect(empty?.description == "request body: error: the text is empty; expected a JSON object")
        let large = #expect(throws: InputError.self) {
            try AssayFile.response(json: String(repeating: " ", count: 11), source: "request body", maximumSize: 10)
        }
        #expect(large?.description == "request body: error: the text is 11 bytes, more than the 10 accepted")
    }

    @Test func explainingABodyChecksItOnceAndGivesTheSameExplanation() throws {
        let text = try String(
            contentsOfFile: try #require(try BundledRubrics.path(ofExample: "digital-capacity")), encoding: .utf8)
        let (explanation, warnings) = try Self.scorer.explain(json: Array(text.utf8), source: "request body")
        #expect(explanation == (try Self.scorer.explain(Self.example)))
        #expect(warnings.isEmpty)
        // 45.8 Developing, as the worked example says (DigitalCapacityExampleTests works it by hand).
        #expect(explanation.assessment.overall.rounded(places: 1).value == 45.8)
    }

    @Test func answersAreWrittenAsInJSON() throws {
        let literal = AssessmentResponse(
            rubric: "digital-capacity", answers: ["hr.lead": "largely", "proc.recent": false, "hr.skills": "unknown"])
        let spelled = AssessmentResponse(
            rubric: "digital-capacity",
            answers: [
                "hr.lead": Answer(.text("largely")), "proc.recent": Answer(.flag(false)),
                "hr.skills": Answer(.dontKnow),
            ])
        #expect(literal == spelled)
        #expect(Answer("na").value == .notApplicable)
        #expect(try Self.scorer.score(literal) == (try Self.scorer.score(spelled)))
    }

    @Test func aScoreRoundsAsReportsPrintIt() {
        let score = Score(value: 45.8333, level: "developing")
        #expect(score.rounded(places: 1) == Score(value: 45.8, level: "developing"))
        #expect(score.rounded(places: -1).value == 46)  // negative places are taken as 0
        #expect(Score(value: 2.5).rounded(places: 0).value == 3)  // halves away from zero
        #expect(Score(value: nil).rounded(places: 2).value == nil)
    }

    @Test func aRubricAsAFormInOneLanguage() throws {
        let french = Self.rubric.form(language: "fr")
        #expect(french.language == "fr")
        #expect(!french.isFallback)
        let first = try #require(french.questions.first)
        #expect(first.id == "project.context")
        #expect(first.prompt.hasPrefix("Sur quel projet numérique"))
        let learn = try #require(french.questions.first { $0.id == "hr.learn" })
        // The named scale "practice" is resolved into the question's options, in French, lowest first.
        #expect(learn.options.map(\.id) == ["none", "partial", "largely", "full"])
        #expect(learn.options.first?.label == "Pas en place")
        #expect(learn.help?.hasPrefix("Formation continue") == true)
        let routing = try #require(french.questions.first { $0.id == "proc.recent" })
        #expect(routing.options.map(\.label) == ["Non", "Oui"])  // lowest first, as every question's options
        // What a form shows for each, without the embedder knowing the formats: radio buttons, yes/no, text.
        #expect(learn.input == .oneOption)
        #expect(routing.input == .yesOrNo)
        #expect(first.input == .text)

        // A regional form reads its base language; a language the rubric lacks says so instead of falling back
        // in silence.
        #expect(Self.rubric.form(language: "fr-CA").language == "fr")
        #expect(!Self.rubric.form(language: "fr-CA").isFallback)
        let spanish = Self.rubric.form(language: "es")
        #expect(spanish.language == "en")
        #expect(spanish.isFallback)

        // Only what is asked before the session: nine questions of digital-capacity 2.0.0.
        let before = Self.rubric.form(language: "en", asked: [.before])
        #expect(before.questions.count == 9)
        #expect(before.questions.allSatisfy { $0.asked == .before })
        #expect(before.questions.first?.id == "hr.learn")

        let text = try JSONOutput.string(french)
        let back = try JSONDocument(bytes: Array(text.utf8), file: "f.json").decode(RubricForm.self).value
        #expect(back == french)
    }
}

/// The explanation JSON of every bundled example conforms to `Rubrics/schema/explanation.schema.json`, checked
/// by `Scripts/check-schemas.py` with the PyPI `jsonschema` package.
@Suite("The explanation schema")
struct ExplanationSchemaTests {
    @Test(arguments: try BundledRubrics.ids)
    func everyBundledExampleConforms(id: String) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import jsonschema"]
        check.standardError = Pipe()
        try check.run()
        check.waitUntilExit()
        guard check.terminationStatus == 0 else {
            print("SKIPPED: the explanation schema test needs the Python package jsonschema (pip install jsonschema)")
            return
        }
        let scorer = try Scorer(rubric: try BundledRubrics.rubric(id: id))
        let explanation = try scorer.explain(try BundledRubrics.example(for: id))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent(
            "\(id)-\(UUID().uuidString).explanation.json")
        try JSONOutput.string(explanation).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let validate = Process()
        validate.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        validate.arguments = ["python3", root.appendingPathComponent("Scripts/check-schemas.py").path, file.path]
        let output = Pipe()
        validate.standardOutput = output
        validate.standardError = output
        try validate.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        validate.waitUntilExit()
        #expect(validate.terminationStatus == 0, "\(text)")
    }
}
