import AssayCompare
import AssayCore
import AssayJSON
import AssaySession
import AssayTesting
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// A libFuzzer harness for the four readers of hostile input, built only with ASSAY_FUZZ=1 (see the README):
//
//   ASSAY_FUZZ_TARGET=rubric|response|ndjson|session .build-fuzz/debug/AssayFuzz Fuzz/corpus/<target>
//
// Every input must end in a value or a thrown InputError, never a trap. The NDJSON target also checks that the
// byte-level fast path never accepts a line jansson rejects, nor reads or scores it differently.

/// Which reader this run exercises, read once from ASSAY_FUZZ_TARGET.
private enum Target: String {
    case rubric, response, ndjson, session
}

/// What every input is read against: one of the sample rubrics that use every answer format.
private struct Fixture: Sendable {
    let target: Target
    let scorer: Scorer
    let compiled: CompiledRubric?

    init() {
        let name = getenv("ASSAY_FUZZ_TARGET").map { String(cString: $0) } ?? "rubric"
        guard let target = Target(rawValue: name) else {
            print("ASSAY_FUZZ_TARGET must be rubric, response, ndjson or session; found \(name)")
            exit(2)
        }
        self.target = target
        if target == .ndjson {
            // The hand-checked rubric of the comparison tests, which the seed corpus (Fuzz/corpus/ndjson) is
            // written for. The fast path now takes every built-in rubric; the guard below still stops loudly if
            // this one ever left every line to jansson, which would test nothing.
            let document = try! JSONDocument(bytes: Array(fastPathRubricJSON.utf8), file: "fast-path.json")
            scorer = try! Scorer(rubric: try! document.decode(Rubric.self).value)
            compiled = CompiledRubric(scorer: scorer)
            guard compiled != nil else {
                print("the NDJSON target's rubric does not compile for the fast path; nothing would be fuzzed")
                exit(2)
            }
        } else {
            scorer = try! Scorer(rubric: SampleRubrics.everyAnswerType)
            compiled = nil
        }
    }
}

private let fixture = Fixture()

/// The hand-checked rubric of the comparison tests: one question of each format but multiple choice.
private let fastPathRubricJSON = """
    {
      "id": "hand", "version": "1.0.0", "default_language": "en", "languages": ["en"],
      "title": {"en": "Hand-checked rubric"},
      "scoring": {"model": "weighted-mean"},
      "policies": {"not_applicable": "exclude", "dont_know": "zero", "unanswered": "exclude"},
      "scales": [{"id": "five", "title": {"en": "Five steps"}, "options": [
        {"id": "none", "value": 0, "label": {"en": "None"}},
        {"id": "low", "value": 1, "label": {"en": "Low"}},
        {"id": "mid", "value": 2, "label": {"en": "Middle"}},
        {"id": "high", "value": 3, "label": {"en": "High"}},
        {"id": "full", "value": 4, "label": {"en": "Full"}}]}],
      "levels": [
        {"id": "initial", "name": {"en": "Initial"}, "min_score": 0, "max_score": 40},
        {"id": "developing", "name": {"en": "Developing"}, "min_score": 40, "max_score": 75},
        {"id": "established", "name": {"en": "Established"}, "min_score": 75, "max_score": 100}],
      "dimensions": [
        {"id": "people", "title": {"en": "People"}, "weight": 1, "questions": [
          {"id": "a", "prompt": {"en": "How skilled are staff?"}, "answer": {"type": "scale", "scale": "five"}, "allow_na": true}]},
        {"id": "tools", "title": {"en": "Tools"}, "weight": 1, "questions": [
          {"id": "b", "prompt": {"en": "How good are the tools?"}, "answer": {"type": "scale", "scale": "five"}}]},
        {"id": "extras", "title": {"en": "Extras"}, "weight": 1, "questions": [
          {"id": "c", "prompt": {"en": "Is there a budget?"}, "answer": {"type": "yes_no"}, "weight": 1},
          {"id": "d", "prompt": {"en": "Which platform?"}, "answer": {"type": "single_choice", "options": [
            {"id": "none", "label": {"en": "None"}, "points": 0},
            {"id": "shared", "label": {"en": "Shared"}, "points": 0.5},
            {"id": "own", "label": {"en": "Own"}, "points": 1}]}, "weight": 1},
          {"id": "e", "prompt": {"en": "How many staff?"}, "answer": {"type": "numeric", "bands": [
            {"id": "few", "max": 2, "points": 0}, {"id": "some", "min": 2, "max": 10, "points": 0.5},
            {"id": "many", "min": 10, "points": 1}]}, "weight": 1},
          {"id": "f", "prompt": {"en": "Anything else?"}, "answer": {"type": "text"}}]}]
    }
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    switch fixture.target {
    case .rubric:
        if let document = try? JSONDocument(bytes: bytes, file: "input"),
            let loaded = try? AssayFile.rubric(from: document)
        {
            // A rubric that loads must also score and explain an empty response without trapping.
            if let scorer = try? Scorer(rubric: loaded.rubric) {
                _ = try? scorer.explain(AssessmentResponse(rubric: loaded.rubric.id, answers: [:]))
            }
        }
    case .response:
        if let document = try? JSONDocument(bytes: bytes, file: "input"),
            let loaded = try? AssayFile.response(from: document, against: fixture.scorer.index)
        {
            _ = try? fixture.scorer.explain(loaded.response)
        }
    case .ndjson:
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            checkLine(Array(line))
        }
    case .session:
        if let document = try? JSONDocument(bytes: bytes, file: "input"),
            let session = try? document.decode(SessionFile.self).value,
            (try? session.check(against: fixture.scorer.index, in: document)) != nil
        {
            let engine = SessionEngine(session: session, scorer: fixture.scorer)
            _ = engine.pace(now: Date())
            _ = try? SessionReport(session: engine.session, scorer: fixture.scorer).markdown()
        }
    }
    return 0
}

/// One NDJSON line through both paths; a disagreement stops the run as a finding.
private func checkLine(_ line: [UInt8]) {
    guard let compiled = fixture.compiled else { return }
    // As `AggregationWorker` reads lines: a round and a submission time are read if there, and a line whose
    // submission time is not an ISO 8601 instant is left to jansson (which refuses it).
    var scanner = ResponseScanner(
        rubric: compiled, required: ["region"],
        optional: [AggregationOptions.roundAttribute, AggregationOptions.submittedAttribute])
    let index = fixture.scorer.index
    let fast: (response: AssessmentResponse, record: ScoredResponse?)? = line.withUnsafeBufferPointer { buffer in
        guard scanner.scan(buffer) else { return nil }
        if let range = scanner.wanted[2], Timestamp(String(decoding: buffer[range], as: UTF8.self)) == nil {
            return nil
        }
        var record = ScoredResponse(dimensionCount: index.rubric.dimensions.count, questionCount: index.questions.count)
        let scored = compiled.score(scanner.codes, into: &record)
        return (scanner.response(in: buffer), scored ? record : nil)
    }
    guard let fast else { return }
    guard let document = try? JSONDocument(bytes: line, file: "line"),
        let response = try? document.decode(AssessmentResponse.self).value
    else { fatalError("the fast path accepted a line jansson rejects: \(String(decoding: line, as: UTF8.self))") }
    guard response == fast.response else {
        fatalError("the two paths read different responses from: \(String(decoding: line, as: UTF8.self))")
    }
    let slow = (try? fixture.scorer.score(response)).map {
        ScoredResponse(assessment: $0, index: index, gapRule: GapRule(index: index))
    }
    guard fast.record == nil || fast.record == slow else {
        fatalError("the two paths scored differently: \(String(decoding: line, as: UTF8.self))")
    }
}

/// libFuzzer's driver, for the entry point below.
@_silgen_name("LLVMFuzzerRunDriver")
private func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// The executable's entry point: SwiftPM names it after the target and links `main` to it, so it hands the
/// command line to libFuzzer's driver rather than relying on libFuzzer's own `main`.
@_cdecl("AssayFuzz_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
