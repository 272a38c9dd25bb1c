import AssayCore
import AssayJSON
import Foundation
import Testing

@Suite("JSON review regressions")
struct JSONReviewRegressionTests {
    @Test func mapsAreWrittenWithSortedKeysSoTheSameValueIsTheSameBytes() throws {
        // A dictionary's own order changes from one process to the next; a summary's peer-group attributes,
        // a session's answers and a rubric's translations must not.
        struct Group: Encodable {
            var attributes: [String: String]
            var nested: [[String: Int]]
        }
        let letters = (0..<26).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
        let map = Dictionary(uniqueKeysWithValues: letters.reversed().map { ($0, $0.uppercased()) })
        let text = try JSONOutput.string(
            Group(attributes: ["region": "QC", "population": "10k-50k", "type": "city"], nested: [["b": 2, "a": 1]]),
            pretty: false)
        #expect(
            text == #"{"attributes":{"population":"10k-50k","region":"QC","type":"city"},"nested":[{"a":1,"b":2}]}"#)
        let whole = try JSONOutput.string(map, pretty: false)
        #expect(whole == "{" + letters.map { #""\#($0)":"\#($0.uppercased())""# }.joined(separator: ",") + "}")
    }

    @Test func everyIntegerTypeIsWrittenAsANumber() throws {
        #expect(try JSONOutput.string([UInt64(5)], pretty: false) == "[5]")
        #expect(try JSONOutput.string([Int8(-3), Int8(4)], pretty: false) == "[-3,4]")
        #expect(throws: EncodingError.self) { try JSONOutput.string([UInt64.max]) }
    }

    /// A number written with 15 significant digits is read back as another number when it needs 16 or 17: an
    /// answer of 49.99999999999999 (just below a band's edge of 50) saved in a session file came back as 50, in the
    /// next band. Such numbers are written in full; the rest keep their 15 digits.
    @Test func aNumberIsWrittenSoItReadsBackAsItself() throws {
        let nearEdge = 50.0.nextDown
        let twoThirds = 200.0 / 3
        let text = try JSONOutput.string([0.1, nearEdge, twoThirds, 1e-5, -nearEdge, 0.5], pretty: false)
        // 0.1, 1e-5 and 0.5 need one digit each, as jansson writes them; the others need 16 or 17.
        #expect(text == "[0.1,49.99999999999999,66.66666666666667,1e-5,-49.99999999999999,0.5]")
        let back = try Jansson.parse(Array(text.utf8), file: "n.json")
        #expect(
            back == .array([.real(0.1), .real(nearEdge), .real(twoThirds), .real(1e-5), .real(-nearEdge), .real(0.5)]))

        // In an object, pretty, beside a string that spells out a backslash-u escape: read back the same.
        let value = JSONValue.object(
            JSONObject([("edge", .real(nearEdge)), ("note", .string(#""\u0001 not a number""#))]))
        let pretty = Jansson.serialize(value)
        #expect(try Jansson.parse(Array(pretty.utf8), file: "n.json") == value)
        // Strings holding U+0001, alone and twice in a row (what the writer marks numbers with): kept as they are,
        // and the numbers beside them written as without them.
        let marked = JSONValue.array([.string("\u{1}0"), .real(nearEdge), .string("a\u{1}\u{1}1"), .real(0.1)])
        let written = Jansson.serialize(marked, pretty: false)
        #expect(written == #"["\u00010",49.99999999999999,"a\u0001\u00011",0.1]"#)
        #expect(try Jansson.parse(Array(written.utf8), file: "n.json") == marked)
        // A long run of U+0001 beside many such numbers: the text is read once, token by token (markers as long as
        // the run made it run × numbers long, 75 s for 10,000 of each).
        let many = JSONValue.array(
            [.string(String(repeating: "\u{1}", count: 10_000))] + Array(repeating: .real(1.0 / 3), count: 10_000))
        let long = Jansson.serialize(many, pretty: false)
        #expect(long.hasSuffix(",0.3333333333333333]"))
        #expect(try Jansson.parse(Array(long.utf8), file: "n.json") == many)
        // A string that is itself marker-shaped: every number in 17 digits instead, still exact.
        let shaped = JSONValue.array([.string("\u{1}#0"), .real(nearEdge), .real(0.1)])
        let careful = Jansson.serialize(shaped, pretty: false)
        #expect(careful == #"["\u0001#0",49.999999999999993,0.10000000000000001]"#)
        #expect(try Jansson.parse(Array(careful.utf8), file: "n.json") == shaped)
    }

    @Test func aMapKeyThatLooksLikeANumberIsAKeyInPathsAndWarnings() throws {
        let text = """
            {"rubric": "x",
             "answers": {"7": {"value": true, "nte": "typo"}}}
            """
        let document = try JSONDocument(bytes: Array(text.utf8), file: "r.json")
        let warnings = try document.decode(AssessmentResponse.self).warnings
        #expect(warnings.map(\.path.description) == [#"answers["7"].nte"#])
        #expect(warnings.first?.line == 2)
    }

    @Test func aWrongTypeUnderANumericKeyPointsAtTheValue() throws {
        let text = """
            {"rubric": "x",
             "attributes": {"2026": 5}}
            """
        let error = try #require(throws: InputError.self) {
            try JSONDocument(bytes: Array(text.utf8), file: "r.json").decode(AssessmentResponse.self)
        }
        let first = try #require(error.errors.first)
        #expect(first.path.description == #"attributes["2026"]"#)
        // Line 2 is ` "attributes": {"2026": 5}}`: space 1, "attributes" 2–13, colon 14, space 15, brace 16,
        // "2026" 17–22, colon 23, space 24, and the 5 at column 25.
        #expect(first.line == 2 && first.column == 25)
    }

    @Test func keysWrittenWithSurrogatePairEscapesAreLocated() throws {
        let text = "{\"rubric\": \"x\",\n \"answers\": {\n  \"\\ud83d\\ude00\": {\"value\": true, \"nte\": 1}}}"
        let warnings = try JSONDocument(bytes: Array(text.utf8), file: "r.json").decode(AssessmentResponse.self)
            .warnings
        let warning = try #require(warnings.first)
        #expect(warning.path.description == "answers[\"😀\"].nte")
        #expect(warning.line == 3)
    }
}

@Suite("Unknown keys")
struct UnknownKeyTests {
    /// `value` with `key` set to `member` in the object at `path` (keys, and list positions as numbers).
    static func adding(_ key: String, _ member: JSONValue, at path: [Any], to value: JSONValue) -> JSONValue {
        guard let step = path.first else {
            guard case .object(var object) = value else { return value }
            object[key] = member
            return .object(object)
        }
        switch (value, step) {
        case (.object(var object), let name as String):
            object[name] = adding(key, member, at: Array(path.dropFirst()), to: object[name]!)
            return .object(object)
        case (.array(var elements), let index as Int):
            elements[index] = adding(key, member, at: Array(path.dropFirst()), to: elements[index])
            return .array(elements)
        default:
            return value
        }
    }

    /// A decoding's record of which keys were read is freed when the decoding ends, whether it succeeds or fails
    /// deep in the document: its nodes hold their children and their parent, so a tree not taken apart would be a
    /// cycle that outlives every decode (a service decoding a document per request would grow without end).
    @Test func theRecordOfKeysReadIsFreedWhenTheDecodingEnds() throws {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/valid")
        let bytes = try JSONDocument.readBytes(folder.appendingPathComponent("small-rubric.json").path)
        let value = try Jansson.parse(bytes, file: "small-rubric.json")
        weak var decoded: AnyObject?
        let (rubric, unused) = try JSONValueDecoder.decode(Rubric.self, from: value, observingRoot: { decoded = $0 })
        #expect(rubric.dimensions.count == 2 && unused.isEmpty)
        #expect(decoded == nil)

        // A weight that is no number, four levels down: the decoding throws with nodes made on the way.
        let broken = Self.adding("weight", .string("heavy"), at: ["dimensions", 0, "questions", 0], to: value)
        weak var failed: AnyObject?
        #expect(throws: DecodingError.self) {
            _ = try JSONValueDecoder.decode(Rubric.self, from: broken, observingRoot: { failed = $0 })
        }
        #expect(failed == nil)
    }

    /// Every key a rubric's format does not know is reported once, at its own path, at every depth and through
    /// every kind of container the rubric's types decode with: the document's root, an object in a list of
    /// lists, a question (which its format decodes a second time), an option of a shared scale, a condition,
    /// a gate. A key inside an unknown key's value is not reported (the unknown key is), nor are the keys of a
    /// map whose keys are data (a translation's languages, a dimension's level descriptions), nor a `$` key.
    @Test func everyUnknownKeyIsReportedOnceAtItsPath() throws {
        let folder = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/valid")
        let bytes = try JSONDocument.readBytes(folder.appendingPathComponent("small-rubric.json").path)
        var value = try Jansson.parse(bytes, file: "small-rubric.json")
        let nested: JSONValue = .object(JSONObject([("inner", .string("not reported")), ("also", .integer(1))]))
        let text: JSONValue = .object(JSONObject([("en", .string("Planned")), ("fr", .string("Planifié"))]))
        let additions: [(key: String, member: JSONValue, at: [Any], expected: String?)] = [
            ("titel", nested, [], "titel"),
            ("colour", nested, ["scales", 0, "options", 2], "scales[0].options[2].colour"),
            ("promt", nested, ["dimensions", 0, "questions", 0], "dimensions[0].questions[0].promt"),
            ("reasn", nested, ["levels", 2, "gates", 0], "levels[2].gates[0].reasn"),
            ("$comment", nested, ["dimensions", 0], nil),
            ("de", .string("Veröffentlichung"), ["dimensions", 0, "title"], nil),
            ("developing", text, ["dimensions", 0, "level_descriptions"], nil),
        ]
        for addition in additions {
            value = Self.adding(addition.key, addition.member, at: addition.at, to: value)
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "assay-unknown-keys-\(UInt32.random(in: 0...UInt32.max)).json"
        ).path
        try Jansson.serialize(value).write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let loaded = try AssayFile.loadRubric(path)
        let unknown = loaded.warnings.filter { $0.code == .unknownKey }.map(\.path.description).sorted()
        #expect(unknown == additions.compactMap(\.expected).sorted())
        // Each points at its value, on the line of its key.
        for warning in loaded.warnings where warning.code == .unknownKey {
            let key = try #require(warning.path.description.split(separator: ".").last)
            let line = try BadInputTests.text(in: path, line: warning.line, column: 1)
            #expect(line.contains("\"\(key)\": {"), "\(warning.path) points at line \(warning.line): \(line)")
            #expect(try BadInputTests.text(in: path, line: warning.line, column: warning.column).hasPrefix("{"))
        }
    }
}
