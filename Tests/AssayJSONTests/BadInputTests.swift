import AssayCore
import AssayJSON
import Foundation
import Testing

/// The corpus of broken files in Fixtures/invalid: each must give a located error, never a crash.
@Suite("Bad input")
struct BadInputTests {
    static let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures")

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var message: String
        var path: String
        /// The text that must start at the reported line and column.
        var pointsAt: String?
        var description: String { file }
    }

    static let rubricCases: [Case] = [
        Case(file: "syntax.json", message: "invalid JSON: string or '}' expected", path: "$", pointsAt: ","),
        Case(file: "duplicate-key.json", message: "duplicate object key", path: "$", pointsAt: nil),
        Case(file: "non-finite.json", message: "real number overflow", path: "$", pointsAt: nil),
        Case(file: "empty.json", message: "the file is empty", path: "$", pointsAt: nil),
        Case(file: "not-utf8.json", message: "not UTF-8", path: "$", pointsAt: nil),
        Case(
            file: "wrong-type.json", message: "expected a number, found a string", path: "dimensions[0].weight",
            pointsAt: "\"2\""),
        Case(file: "missing-key.json", message: "missing required key \"title\"", path: "dimensions[1]", pointsAt: "{"),
        Case(
            file: "unknown-answer-type.json", message: "unknown answer type \"likert\"; expected one of scale",
            path: "dimensions[0].questions[1].answer.type", pointsAt: "\"likert\""
        ),
        Case(
            file: "duplicate-question-id.json",
            message: "duplicate question id \"pub.plan\"; it is first used at dimensions[0].questions[1]",
            path: "dimensions[1].questions[0].id", pointsAt: "\"pub.plan\""
        ),
        Case(
            file: "condition-later.json", message: "which is asked later",
            path: "dimensions[0].questions[1].condition.question",
            pointsAt: "\"lic.open\""
        ),
        Case(
            file: "condition-unknown.json", message: "not a question of this rubric",
            path: "dimensions[0].questions[1].condition.question", pointsAt: "\"pub.ghost\""
        ),
        Case(
            file: "band-gap.json", message: "a gap between bands: scores from 40 to 45", path: "levels[1].min_score",
            pointsAt: "45"),
        Case(
            file: "band-overlap.json", message: "bands overlap: scores from 70 to 75", path: "levels[2].min_score",
            pointsAt: "70"),
        Case(
            file: "weight-zero.json", message: "a weight must be a positive finite number; found 0",
            path: "dimensions[1].questions[0].weight", pointsAt: "0"
        ),
        Case(
            file: "missing-default-translation.json", message: "missing the default language \"en\"",
            path: "dimensions[0].questions[0].prompt", pointsAt: "{"
        ),
        Case(
            file: "unknown-model.json", message: "unknown scoring model \"median\"", path: "scoring.model",
            pointsAt: "\"median\""),
    ]

    @Test(arguments: rubricCases)
    func aBrokenRubricGivesALocatedError(_ expected: Case) throws {
        let path = Self.folder.appendingPathComponent("invalid/" + expected.file).path
        let error = try #require(throws: InputError.self) { try AssayFile.loadRubric(path) }
        let first = try #require(error.errors.first)
        #expect(first.message.contains(expected.message), "\(first)")
        #expect(first.path.description == expected.path, "\(first)")
        #expect(first.file == path)
        #expect(first.description.hasPrefix("\(path):") && first.description.contains(": error: "))
        if let snippet = expected.pointsAt {
            #expect(try Self.text(in: path, line: first.line, column: first.column).hasPrefix(snippet), "\(first)")
        }
    }

    static let responseCases: [Case] = [
        Case(
            file: "unknown-question.response.json", message: "\"pub.nope\" is not a question",
            path: "answers[\"pub.nope\"]", pointsAt: "2"),
        Case(
            file: "bad-option.response.json", message: "\"mostly\" is not an option of this question",
            path: "answers[\"pub.plan\"]", pointsAt: "{"),
        Case(
            file: "na-not-allowed.response.json", message: "does not allow \"not applicable\"",
            path: "answers[\"lic.open\"]",
            pointsAt: "\"na\""
        ),
    ]

    @Test(arguments: responseCases)
    func aBrokenResponseGivesALocatedError(_ expected: Case) throws {
        let rubric = try AssayFile.loadRubric(Self.folder.appendingPathComponent("valid/small-rubric.json").path).rubric
        let index = try RubricIndex(rubric)
        let path = Self.folder.appendingPathComponent("invalid/" + expected.file).path
        let error = try #require(throws: InputError.self) { try AssayFile.loadResponse(path, against: index) }
        let first = try #require(error.errors.first)
        #expect(first.message.contains(expected.message), "\(first)")
        #expect(first.path.description == expected.path, "\(first)")
        if let snippet = expected.pointsAt {
            #expect(try Self.text(in: path, line: first.line, column: first.column).hasPrefix(snippet), "\(first)")
        }
    }

    @Test func warningsAreReportedWithoutFailing() throws {
        let loaded = try AssayFile.loadRubric(Self.folder.appendingPathComponent("valid/warnings-only.json").path)
        let messages = loaded.warnings.map { "\($0.path): \($0.message)" }
        #expect(loaded.warnings.allSatisfy { $0.severity == .warning })
        #expect(messages.contains { $0.hasPrefix("dimensions[1].title: missing a translation into \"fr\"") })
        #expect(messages.contains { $0.hasPrefix("scales[1]: scale \"spare\" is declared but no question uses it") })
        #expect(messages.contains { $0.hasPrefix("dimensions[0].wieght: unknown key \"wieght\"") })
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeItIsRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-huge-\(UInt32.random(in: 0...UInt32.max)).json"
        ).path
        let huge = "[" + String(repeating: "0,", count: 600_000) + "0]"
        try huge.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: InputError.self) { try JSONDocument.read(path, maximumSize: 1 << 20) }
        #expect(error.errors.first?.code == .fileTooLarge)
    }

    @Test func aLimitOfNoMeaningIsTakenAtItsNearestMeaning() throws {
        // A negative limit is 0, which only an empty file meets; `Int.max` is as good as no limit (one byte past
        // it cannot be counted, so it is one less).
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-limit-\(UInt32.random(in: 0...UInt32.max)).json"
        ).path
        try "{}".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let error = try #require(throws: InputError.self) { try JSONDocument.readBytes(path, maximumSize: -1) }
        #expect(error.errors.first?.code == .fileTooLarge)
        #expect(try JSONDocument.readBytes(path, maximumSize: .max) == Array("{}".utf8))
        #expect(try JSONDocument.readBytes(path, maximumSize: 2) == Array("{}".utf8))
        #expect(throws: InputError.self) { try JSONDocument.readBytes(path, maximumSize: 1) }
    }

    @Test func aNamedPipeIsReadWholeAndRefusedPastTheLimit() throws {
        // A pipe cannot tell its size before it is read (`assay score --rubric <(…)` passes one): it is read up to
        // the limit, one byte past it is refused.
        for (count, fits) in [(1_000, true), (524_287, false)] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(
                "assay-pipe-\(UInt32.random(in: 0...UInt32.max)).json"
            ).path
            try #require(mkfifo(path, 0o600) == 0)
            defer { try? FileManager.default.removeItem(atPath: path) }
            // "[", count × "0,", "0]": 2 × count + 3 bytes, 2,003, or 1,048,577, one past the limit of 1 MiB (1,048,576). Exactly
            // one past, so the reader takes every byte before it closes, and the writer never writes to a closed pipe.
            let text = "[" + String(repeating: "0,", count: count) + "0]"
            let writer = Thread {
                // Opening a pipe to write waits for its reader; a refused read closes it early, hence `try?`.
                let handle = FileHandle(forWritingAtPath: path)
                try? handle?.write(contentsOf: Data(text.utf8))
                try? handle?.close()
            }
            writer.start()
            if fits {
                let document = try JSONDocument.read(path, maximumSize: 1 << 20)
                #expect(document.bytes.count == 2 * count + 3)
            } else {
                let error = try #require(throws: InputError.self) { try JSONDocument.read(path, maximumSize: 1 << 20) }
                #expect(error.errors.first?.code == .fileTooLarge)
            }
        }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: InputError.self) { try JSONDocument(bytes: Array(deep.utf8), file: "deep.json") }
    }

    @Test func aMissingFileOrAFolderIsAnError() {
        let missing = #expect(throws: InputError.self) { try AssayFile.loadRubric("/nonexistent/rubric.json") }
        #expect(missing?.errors.first?.message == "no such file")
        let folder = #expect(throws: InputError.self) { try AssayFile.loadRubric(NSTemporaryDirectory()) }
        #expect(folder?.errors.first?.code == .unreadableFile)
    }

    static func text(in path: String, line: Int, column: Int) throws -> String {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let text = lines[line - 1]
        return String(text.dropFirst(column - 1))
    }
}

@Suite("Round trips")
struct RoundTripTests {
    @Test func aRubricSurvivesWritingAndReading() throws {
        let path = BadInputTests.folder.appendingPathComponent("valid/small-rubric.json").path
        let rubric = try AssayFile.loadRubric(path).rubric
        let written = try JSONOutput.string(rubric)
        let reread = try JSONDocument(bytes: Array(written.utf8), file: "written.json").decode(Rubric.self).value
        #expect(reread == rubric)
        // Whole numbers are written without a decimal point, and keys keep the format's order.
        #expect(written.contains("\"weight\": 2,"))
        #expect(written.hasPrefix("{\n  \"id\": \"open-data-quickscan\",\n  \"version\": \"1.0.0\""))
    }

    @Test func aResponseSurvivesWritingAndReadingWithNotesAndEvidence() throws {
        let response = AssessmentResponse(
            id: "r", organisation: "Ville de Lac-Vert", rubric: "x", rubricVersion: "1.0.0",
            attributes: ["region": "QC"],
            answers: [
                "a": Answer(.text("largely"), note: "Said \"mostly\" — ça dépend", evidence: ["plan.pdf"]),
                "b": Answer(.notApplicable), "c": Answer(.choices(["p", "q"])),
            ]
        )
        let written = try JSONOutput.string(response)
        #expect(
            try JSONDocument(bytes: Array(written.utf8), file: "r.json").decode(AssessmentResponse.self).value
                == response)
        #expect(written.contains("\"b\": \"na\""))
    }

    @Test func aLoadedRubricsScorerIsTheScorerOfItsRubricAndAChangedRubricIsCheckedAgain() throws {
        // The command line builds its scorer from the rubric as loaded, validated once; the scores must be those of
        // a scorer built from scratch, and a rubric changed after loading must be validated again.
        let folder = BadInputTests.folder.appendingPathComponent("valid")
        var loaded = try AssayFile.loadRubric(folder.appendingPathComponent("small-rubric.json").path)
        let response = try AssayFile.loadResponse(folder.appendingPathComponent("small-response.json").path).response
        #expect(try loaded.scorer().score(response) == Scorer(rubric: loaded.rubric).score(response))
        loaded.rubric.levels = []
        #expect(throws: DocumentError.self) { try loaded.scorer() }
        // A change String equality cannot see (a Kelvin sign for a K in the version, which must be ASCII) is
        // still checked: any change drops the validation done while reading.
        var respelt = try AssayFile.loadRubric(folder.appendingPathComponent("small-rubric.json").path)
        respelt.rubric.version = "1.0.0-K"
        #expect(throws: Never.self) { try respelt.scorer() }
        respelt.rubric.version = "1.0.0-\u{212A}"
        #expect(throws: DocumentError.self) { try respelt.scorer() }
    }

    @Test func anOutcomeKeepsItsKeysAndItsIdsAreEachItsOwn() throws {
        // A question outcome's four ids are kept in one shared object; writing, reading, comparing and changing
        // one of them must behave as four stored strings did.
        var outcome = QuestionOutcome(
            questionID: "service-delivery.practice-12", dimensionID: "service-delivery",
            practiceAreaID: "service-delivery.area-2", status: .answered, value: .text("managed"),
            optionID: "managed", comparable: 3, earned: 0.75, points: 0.75, weight: 2, meetsTarget: false)
        let written = try JSONOutput.string(outcome, pretty: false)
        #expect(
            written == #"{"question":"service-delivery.practice-12","dimension":"service-delivery","#
                + #""practice_area":"service-delivery.area-2","status":"answered","value":"managed","#
                + #""option":"managed","comparable":3,"earned":0.75,"points":0.75,"weight":2,"#
                + #""meets_target":false,"scored":true}"#)
        #expect(
            try JSONDocument(bytes: Array(written.utf8), file: "o.json").decode(QuestionOutcome.self).value
                == outcome)
        let copy = outcome
        outcome.optionID = nil
        outcome.practiceAreaID = nil
        #expect(outcome.optionID == nil && outcome.practiceAreaID == nil)
        #expect(outcome.questionID == "service-delivery.practice-12" && outcome.dimensionID == "service-delivery")
        // The copy made before is unchanged, and no longer equal.
        #expect(copy.optionID == "managed" && copy.practiceAreaID == "service-delivery.area-2")
        #expect(copy != outcome && copy.hashValue != outcome.hashValue)
        outcome.questionID = "q"
        #expect(outcome.questionID == "q" && copy.questionID == "service-delivery.practice-12")
        #expect(!(try JSONOutput.string(outcome, pretty: false)).contains("option"))
        // Printed, it shows its members, the ids among them.
        #expect(String(describing: copy).contains(#"questionID: "service-delivery.practice-12""#))
        #expect(String(describing: copy).hasPrefix("QuestionOutcome("))
    }
}
