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
