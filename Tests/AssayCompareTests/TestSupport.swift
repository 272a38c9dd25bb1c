import AssayCompare
import AssayCore
import AssayJSON
import Foundation

/// A two-dimension rubric whose scores are easy to work out by hand: each dimension has one 0–4 scale question
/// (points 0, .25, .5, .75, 1, so scores 0, 25, 50, 75, 100) and the overall score is their mean. The "extras"
/// dimension holds one question of each other format; unanswered questions are excluded, so while its questions
/// are unanswered it has no score and the overall score stays the mean of people and tools.
let handRubricJSON = """
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

/// Scale option ids by score: 0 → "none", 25 → "low", …, 100 → "full".
let optionForScore: [Int: String] = [0: "none", 25: "low", 50: "mid", 75: "high", 100: "full"]

func handScorer() throws -> Scorer {
    let document = try JSONDocument(bytes: Array(handRubricJSON.utf8), file: "hand.json")
    return try Scorer(rubric: try document.decode(Rubric.self).value)
}

/// One NDJSON line of the hand rubric: dimension scores `people` and `tools` (multiples of 25).
func handLine(
    organisation: String,
    region: String,
    people: Int,
    tools: Int,
    round: String? = nil,
    extra: String = ""
) -> String {
    let roundText = round.map { ", \"round\": \"\($0)\"" } ?? ""
    return """
        {"id": "\(organisation)-\(round ?? "1")", "organisation": "\(organisation)", "rubric": "hand", "rubric_version": "1.0.0", \
        "attributes": {"region": "\(region)"\(roundText)}, \
        "answers": {"a": "\(optionForScore[people]!)", "b": "\(optionForScore[tools]!)"\(extra)}}
        """
}

/// A temporary file holding `lines`, removed when the returned guard is dropped.
final class TemporaryFile {
    let path: String

    init(lines: [String], name: String = "responses.ndjson") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent(name).path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
    }

    deinit {
        try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
}

/// Aggregates `lines` with the hand rubric and summarises them under `policy`.
func summarise(
    _ lines: [String],
    groupBy: [String] = ["region"],
    perOrganisation: AggregationOptions.PerOrganisation = .all,
    policy: DisclosurePolicy = DisclosurePolicy(),
    key: [UInt8]? = nil,
    workers: Int = 1,
    usesFastPath: Bool = true
) throws -> ComparisonSummary {
    let scorer = try handScorer()
    let file = try TemporaryFile(lines: lines)
    let aggregate = try ResponseSetAggregator(
        scorer: scorer,
        options: AggregationOptions(
            groupBy: groupBy,
            perOrganisation: perOrganisation,
            workers: workers,
            usesFastPath: usesFastPath,
            recordsParticipants: key != nil
        )
    ).aggregate(file.path)
    return SummaryBuilder(
        index: scorer.index, policy: policy, pseudonymiser: try key.map { try Pseudonymiser(key: $0) }
    )
    .summary(of: aggregate)
}

/// `count` organisations named `<prefix>-1…` in `region`, with the given people and tools scores, cycling.
func organisations(
    _ count: Int,
    prefix: String,
    region: String,
    people: [Int] = [50],
    tools: [Int] = [50]
) -> [String] {
    (0..<count).map { index in
        handLine(
            organisation: "\(prefix)-\(index + 1)",
            region: region,
            people: people[index % people.count],
            tools: tools[index % tools.count]
        )
    }
}

extension ComparisonSummary {
    func group(_ label: String) -> GroupSummary? { groups.first { $0.label == label } }
}

extension GroupSummary {
    func scope(_ id: String) -> ScopeStatistics? { scopes.first { $0.scope == id } }
}
