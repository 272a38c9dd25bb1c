import AssayCompare
import AssayCore
import AssayJSON
import AssayTesting
import Testing

/// The fast path and jansson must never disagree: whenever the scanner accepts a line, jansson accepts it and
/// reads the same response, and the shortcut scorer gives the core's record.
@Suite struct ResponseScannerTests {
    static let seeds: [String] = [
        handLine(organisation: "Ville de Lac-Vert", region: "QC", people: 50, tools: 75),
        handLine(organisation: "Saint-Éloi", region: "Montréal-Nord", people: 0, tools: 100, round: "2026"),
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":2,"b":"na","c":true,"d":"own","e":12.5}}"#,
        #"{"organisation":"b","rubric":"hand","attributes":{"region":"x"},"answers":{"e":-0,"a":"unknown","c":"yes","d":"shared","b":4}}"#,
        #"  {"rubric":"hand","organisation":"c","attributes":{"region":"x","type":"town"},"answers":{"a":"full","c":false,"e":3}}  "#,
        #"{"organisation":"d","rubric":"hand","rubric_version":"1.0.0","attributes":{"region":"y"},"answers":{}}"#,
        // Answers with notes and evidence, as exports from sessions and forms have them.
        #"{"organisation":"e","rubric":"hand","attributes":{"region":"y"},"answers":{"a":{"value":"mid","note":"Depends on the budget"},"b":{ "note" : "n", "value" : 3 , "evidence" : ["minutes.pdf", "https://example.org/plan"]}}}"#,
        #"{"organisation":"f","rubric":"hand","attributes":{"region":"y"},"answers":{"c":{"value":true,"evidence":"policy.docx"},"f":{"value":"Shared with the county","evidence":[]},"e":{"value":12}}}"#,
    ]

    struct Outcome: Equatable {
        var response: AssessmentResponse
        var record: ScoredResponse?
    }

    /// What the fast path makes of `line`: `nil` when it declines.
    func fast(_ line: String, scanner: inout ResponseScanner) -> Outcome? {
        let bytes = Array(line.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Outcome? in
            guard scanner.scan(buffer) else { return nil }
            let index = scanner.rubric.index
            var record = ScoredResponse(
                dimensionCount: index.rubric.dimensions.count, questionCount: index.questions.count)
            let scored = scanner.rubric.score(scanner.codes, into: &record)
            return Outcome(response: scanner.response(in: buffer), record: scored ? record : nil)
        }
    }

    /// What jansson and the core make of `line`: `nil` when jansson rejects it; the record is `nil` when the core
    /// would not score it.
    func slow(_ line: String, scorer: Scorer) -> Outcome? {
        guard let document = try? JSONDocument(bytes: Array(line.utf8), file: "line"),
            let response = try? document.decode(AssessmentResponse.self).value
        else { return nil }
        let record = (try? scorer.score(response)).map {
            ScoredResponse(assessment: $0, index: scorer.index, gapRule: GapRule(index: scorer.index))
        }
        return Outcome(response: response, record: record)
    }

    func check(_ line: String, scanner: inout ResponseScanner, scorer: Scorer) -> Bool {
        guard let fast = fast(line, scanner: &scanner) else { return false }
        let slow = slow(line, scorer: scorer)
        #expect(slow != nil, "the fast path accepted a line jansson rejects: \(line)")
        #expect(fast.response == slow?.response, "the two paths read different responses from: \(line)")
        if let record = fast.record {
            #expect(record == slow?.record, "the two paths scored differently: \(line)")
        } else {
            #expect(slow?.record == nil, "the shortcut refused an answer the core accepts: \(line)")
        }
        return true
    }

    /// A routing question (`scored: false`) takes the fast path like any other: its answer is read, and earns
    /// nothing, as the core says.
    @Test func routingQuestionsTakeTheFastPathAndEarnNothing() throws {
        var rubric = try handScorer().index.rubric
        rubric.dimensions[0].questions[0].isScored = false
        let scorer = try Scorer(rubric: rubric)
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        let line = handLine(organisation: "a", region: "r", people: 100, tools: 50)
        #expect(check(line, scanner: &scanner, scorer: scorer))
        let record = try #require(fast(line, scanner: &scanner)?.record)
        // "people" holds only the routing question: no score. Overall is tools alone, 50.
        #expect(record.scores[0] == nil)
        #expect(record.scores[3] == 50)
        #expect(record.answered.word(0) & 1 == 0)
    }

    @Test func seedsAreReadByTheFastPathExactlyAsByJansson() throws {
        let scorer = try handScorer()
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        for seed in Self.seeds {
            #expect(check(seed, scanner: &scanner, scorer: scorer), "the fast path should read: \(seed)")
        }
    }

    @Test(arguments: [
        // Each is valid JSON the scanner must leave to jansson, or invalid JSON it must not accept.
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":"mid","a":"low"}}"#,
        #"{"organisation":"a","organisation":"b","rubric":"hand","attributes":{"region":"x"},"answers":{}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x","region":"y"},"answers":{}}"#,
        #"{"organisation":"a\u00e9","rubric":"hand","attributes":{"region":"x"},"answers":{}}"#,
        // An answer object with a key the scanner does not know, a note without a value, a nested value, a
        // repeated key in it, evidence that is not strings.
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":{"value":"mid","extra":1}}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":{"note":"n"}}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":{"value":{"value":"mid"}}}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":{"value":"mid","value":"low"}}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":{"value":"mid","evidence":[1]}}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":1e0}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":01}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":null}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"zz":"mid"}}"#,
        #"{"organisation":"a","rubric":"other","attributes":{"region":"x"},"answers":{}}"#,
        #"{"organisation":"a","rubric":"hand","rubric_version":"9","attributes":{"region":"x"},"answers":{}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{}} x"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{},}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":"mid"},"extra":1}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"population":"x"},"answers":{}}"#,
        "{\"organisation\":\"a\u{7}\",\"rubric\":\"hand\",\"attributes\":{\"region\":\"x\"},\"answers\":{}}",
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":-}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":1.}}"#,
        #"{"organisation":"a","rubric":"hand","attributes":{"region":"x"},"answers":{"a":1234567890123456789}}"#,
    ])
    func linesTheScannerLeavesToJansson(line: String) throws {
        let scorer = try handScorer()
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        #expect(!check(line, scanner: &scanner, scorer: scorer))
    }

    @Test func invalidUTF8IsNeverAccepted() throws {
        let scorer = try handScorer()
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        for bad: [UInt8] in [[0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xFF]] {
            let line =
                Array(#"{"organisation":"a"#.utf8) + bad
                + Array(#"","rubric":"hand","attributes":{"region":"x"},"answers":{}}"#.utf8)
            let accepted = line.withUnsafeBufferPointer { scanner.scan($0) }
            #expect(!accepted)
            #expect((try? JSONDocument(bytes: line, file: "line")) == nil)
        }
    }

    /// 20,000 mutations of the seeds: byte flips, truncations, inserted escapes, unicode, nested objects,
    /// duplicated keys, spliced fragments. The fast path may decline any of them; it may never disagree.
    @Test func fuzzedAndMutatedLinesNeverMakeThePathsDisagree() throws {
        let scorer = try handScorer()
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        var random = SplitMix64(state: 2026)
        let fragments: [[UInt8]] =
            [
                #"\""#, #"\u00e9"#, "é", "\u{1F600}", #"{"x":1}"#, "[1,2]", "null", #","a":"mid""#,
                #","organisation":"z""#, #"{"value":"mid","note":"x"}"#, #","note":"y""#, #","evidence":["e"]"#,
                "1e5", "-0", "0.5", " ", "\t", "\r", "true", "fals", "\"", ":", ",", "}", "{", "\u{0}", "\u{1}",
            ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xED, 0xA0, 0x80]]
        var accepted = 0
        for _ in 0..<20_000 {
            var bytes = Array(Self.seeds.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let position = Int.random(in: 0...bytes.count, using: &random)
                switch Int.random(in: 0..<5, using: &random) {
                case 0 where position < bytes.count:
                    bytes[position] ^= UInt8(1 << Int.random(in: 0..<8, using: &random))
                case 1:
                    bytes.removeSubrange(position...)
                case 2:
                    bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: position)
                case 3 where position < bytes.count:
                    bytes[position] = UInt8.random(in: 0...255, using: &random)
                default:
                    let end = min(bytes.count, position + Int.random(in: 1...8, using: &random))
                    bytes.removeSubrange(position..<end)
                }
            }
            let line = String(decoding: bytes, as: UTF8.self)
            // The check runs on the exact bytes, including any that are not UTF-8.
            let fastOutcome = bytes.withUnsafeBufferPointer { buffer -> AssessmentResponse? in
                scanner.scan(buffer) ? scanner.response(in: buffer) : nil
            }
            guard let fastResponse = fastOutcome else { continue }
            accepted += 1
            let document = try? JSONDocument(bytes: bytes, file: "line")
            #expect(document != nil, "the fast path accepted a line jansson rejects: \(line)")
            let slowResponse = try? document?.decode(AssessmentResponse.self).value
            #expect(fastResponse == slowResponse, "the paths read different responses from: \(line)")
            _ = check(line, scanner: &scanner, scorer: scorer)
        }
        // Some mutations leave a valid line (a flipped letter in a name): the comparison must have had material.
        #expect(accepted > 200)
    }

    /// Random responses in every answer form the scanner reads: the shortcut scorer gives the core's record, and
    /// refuses exactly the answers the core refuses.
    @Test func randomResponsesScoreTheSameOnBothPaths() throws {
        let scorer = try handScorer()
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        var random = SplitMix64(state: 7)
        let choices: [String: [String]] = [
            "a": [
                #""none""#, #""low""#, #""mid""#, #""high""#, #""full""#, "0", "1", "2", "3", "4", #""na""#,
                #""unknown""#,
            ],
            "b": [#""none""#, #""mid""#, #""full""#, "2", "4", #""unknown""#, #""na""#, "7", "true"],
            "c": ["true", "false", #""yes""#, #""no""#, #""unknown""#],
            "d": [#""none""#, #""shared""#, #""own""#, #""unknown""#],
            "e": ["0", "1.5", "2", "9.99", "10", "250", "-3", #""unknown""#],
        ]
        var scoredByShortcut = 0
        for index in 0..<2000 {
            var answers: [String] = []
            for question in ["a", "b", "c", "d", "e"].shuffled(using: &random) where Bool.random(using: &random) {
                answers.append("\"\(question)\":\(choices[question]!.randomElement(using: &random)!)")
            }
            let line =
                #"{"organisation":"o\#(index)","rubric":"hand","attributes":{"region":"r"},"answers":{"#
                + answers.joined(separator: ",") + "}}"
            #expect(check(line, scanner: &scanner, scorer: scorer), "the fast path should read: \(line)")
            if fast(line, scanner: &scanner)?.record != nil { scoredByShortcut += 1 }
        }
        // "b" does not allow "na", and 7 and true are no answer to it: those responses go to the core, which
        // refuses them too (checked above); most responses are scored by the shortcut.
        #expect(scoredByShortcut > 1000)
    }

    /// A rubric with everything the hand rubric lacks, for the shortcut's outcome tables: practice areas with
    /// weights, every answer policy set to `target` or `zero`, question weights, a scale whose values are not small
    /// whole numbers, a target below the top, an option id and a question id too long
    /// for the word-at-a-time matching, and a numeric question that allows "na".
    static let areasRubricJSON = """
        {
          "id": "areas", "version": "2.0.0", "default_language": "en", "languages": ["en"],
          "title": {"en": "Areas"},
          "scoring": {"model": "weighted-mean"},
          "policies": {"not_applicable": "target", "dont_know": "zero", "unanswered": "target"},
          "levels": [
            {"id": "low", "name": {"en": "Low"}, "min_score": 0, "max_score": 50},
            {"id": "high", "name": {"en": "High"}, "min_score": 50, "max_score": 100}],
          "dimensions": [
            {"id": "p", "title": {"en": "P"}, "weight": 2.5, "practice_areas": [
              {"id": "p1", "title": {"en": "P1"}, "weight": 3, "questions": [
                {"id": "a", "prompt": {"en": "A?"}, "weight": 0.7, "allow_na": true, "target": "middling",
                 "answer": {"type": "scale", "options": [
                   {"id": "nothing-at-all", "value": 10, "label": {"en": "0"}},
                   {"id": "middling", "value": 20, "label": {"en": "1"}},
                   {"id": "more-than-middling", "value": 27, "label": {"en": "1b"}},
                   {"id": "top", "value": 35.5, "label": {"en": "2"}}]}},
                {"id": "a-question-with-a-long-id", "prompt": {"en": "B?"}, "weight": 1.3,
                 "answer": {"type": "yes_no"}}]},
              {"id": "p2", "title": {"en": "P2"}, "weight": 1, "questions": [
                {"id": "c", "prompt": {"en": "C?"}, "allow_na": true, "answer": {"type": "numeric", "bands": [
                  {"id": "few", "max": 3, "points": 0.1}, {"id": "more", "min": 3, "points": 0.9}]}}]}]},
            {"id": "q", "title": {"en": "Q"}, "weight": 1, "questions": [
              {"id": "d", "prompt": {"en": "D?"}, "answer": {"type": "single_choice", "options": [
                {"id": "x", "label": {"en": "X"}, "points": 0.2},
                {"id": "y", "label": {"en": "Y"}, "points": 0.6},
                {"id": "z", "label": {"en": "Z"}, "points": 0.3}]}},
              {"id": "e", "prompt": {"en": "E?"}, "weight": 4, "answer": {"type": "text"}}]}]
        }
        """

    @Test func randomResponsesToARubricWithAreasAndTargetsScoreTheSameOnBothPaths() throws {
        let document = try JSONDocument(bytes: Array(Self.areasRubricJSON.utf8), file: "areas.json")
        let scorer = try Scorer(rubric: try document.decode(Rubric.self).value)
        var scanner = ResponseScanner(rubric: try #require(CompiledRubric(scorer: scorer)), required: ["region"])
        var random = SplitMix64(state: 99)
        let choices: [String: [String]] = [
            "a": [
                #""nothing-at-all""#, #""middling""#, #""more-than-middling""#, #""top""#, "10", "20", "27", "35.5",
                "35",
                "2", #""na""#, #""unknown""#,
            ],
            "a-question-with-a-long-id": ["true", "false", #""yes""#, #""no""#, #""na""#, #""unknown""#, "1"],
            "c": ["0", "2.99", "3", "1000", "-1", #""na""#, #""unknown""#, #""few""#],
            "d": [#""x""#, #""y""#, #""z""#, #""unknown""#, "0.2", #""na""#],
            "e": [#""unknown""#, #""na""#, "3"],
        ]
        var scoredByShortcut = 0
        for index in 0..<3000 {
            var answers: [String] = []
            for question in choices.keys.sorted().shuffled(using: &random) where Bool.random(using: &random) {
                answers.append("\"\(question)\":\(choices[question]!.randomElement(using: &random)!)")
            }
            let line =
                #"{"organisation":"o\#(index)","rubric":"areas","rubric_version":"2.0.0","attributes":{"region":"r"},"#
                + #""answers":{"# + answers.joined(separator: ",") + "}}"
            _ = check(line, scanner: &scanner, scorer: scorer)
            if fast(line, scanner: &scanner)?.record != nil { scoredByShortcut += 1 }
        }
        // Invalid answers ("na" to d, 35 to a, a string to c, anything but "unknown" to e) go to the core; the
        // rest, which are most, are scored by the shortcut and compared above.
        #expect(scoredByShortcut > 300)
    }
}
