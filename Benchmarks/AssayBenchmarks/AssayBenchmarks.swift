import AssayCompare
import AssayCore
import AssayJSON
import AssayReport
import AssayRubrics
import Benchmark
import Foundation

/// A 120-question rubric in 8 dimensions of 15 questions on a 5-option scale, with bands and a gate: the size the
/// issue names for "load and validate a rubric".
func makeRubric() -> Rubric {
    let scale = Scale(
        id: "s",
        options: (0..<5).map {
            ScaleOption(id: "o\($0)", value: Double($0), label: ["en": "Option \($0)", "fr": "Option \($0)"])
        })
    func question(_ d: Int, _ q: Int) -> Question {
        let prompt: LocalizedText = [
            "en": "Question \(q) of dimension \(d)?", "fr": "Question \(q) de la dimension \(d)?",
        ]
        let condition: Condition? = q == 13 ? .answer(question: "d\(d).q0", test: .atLeast(1)) : nil
        let recommendations: [String: LocalizedText] = [
            "o0": ["en": "Start.", "fr": "Commencer."], "o1": ["en": "Grow.", "fr": "Croître."],
        ]
        return Question(
            id: "d\(d).q\(q)", prompt: prompt, help: ["en": "What to listen for.", "fr": "Ce qu'il faut écouter."],
            format: .scale(.named("s")), weight: Double(q % 2 + 1), allowsNotApplicable: q == 14, condition: condition,
            recommendations: recommendations
        )
    }
    var dimensions: [RubricDimension] = []
    for d in 0..<8 {
        let title: LocalizedText = ["en": "Dimension \(d)", "fr": "Dimension \(d)"]
        dimensions.append(
            RubricDimension(
                id: "d\(d)", title: title, weight: Double(d % 3 + 1), questions: (0..<15).map { question(d, $0) }))
    }
    return Rubric(
        id: "bench", version: "1.0.0", languages: ["en", "fr"], title: ["en": "Benchmark", "fr": "Banc d'essai"],
        scales: [scale],
        levels: [
            MaturityLevel(id: "l1", name: ["en": "One", "fr": "Un"], minScore: 0, maxScore: 50),
            MaturityLevel(
                id: "l2", name: ["en": "Two", "fr": "Deux"], minScore: 50, maxScore: 100,
                gates: [Gate(question: "d0.q1", test: .atLeast(3))]),
        ],
        dimensions: dimensions
    )
}

func makeResponse(_ rubric: Rubric) -> AssessmentResponse {
    var answers: [String: Answer] = [:]
    for (index, question) in rubric.dimensions.flatMap(\.allQuestions).enumerated() {
        answers[question.id] = Answer(
            index % 11 == 0 ? .dontKnow : .text("o\(index % 5)"), note: index % 7 == 0 ? "A note." : nil)
    }
    return AssessmentResponse(
        id: "bench-1", organisation: "Benchmark Town", rubric: rubric.id, rubricVersion: "1.0.0", answers: answers)
}

/// The reference workload's rubric, as `Benchmarks/compare/generate.py` writes it: 8 dimensions of 15 scale
/// questions, with no gates and no conditions, so aggregation reads its responses on the fast path.
func makeAggregationRubric() -> Rubric {
    let options = ["none", "low", "mid", "high", "full"]
    let scale = Scale(
        id: "five",
        options: options.enumerated().map { ScaleOption(id: $1, value: Double($0), label: ["en": $1]) })
    let dimensions = (1...8).map { d in
        RubricDimension(
            id: "d\(d)", title: ["en": "Dimension \(d)"], weight: 1,
            questions: (1...15).map { q in
                Question(
                    id: "d\(d)q\(q < 10 ? "0" : "")\(q)", prompt: ["en": "Practice \(q)?"],
                    format: .scale(.named("five")),
                    allowsNotApplicable: true)
            })
    }
    return Rubric(
        id: "bench-capacity", version: "1.0.0", languages: ["en"], title: ["en": "Benchmark capacity scan"],
        scales: [scale],
        levels: [
            MaturityLevel(id: "initial", name: ["en": "Initial"], minScore: 0, maxScore: 40),
            MaturityLevel(id: "developing", name: ["en": "Developing"], minScore: 40, maxScore: 75),
            MaturityLevel(id: "established", name: ["en": "Established"], minScore: 75, maxScore: 100),
        ],
        dimensions: dimensions
    )
}

/// `count` NDJSON response lines to ``makeAggregationRubric()``, in the shape of the reference workload: 100 peer
/// groups (20 regions × 5 population bands) of 20 organisations, answers as option ids, numbers, "na", "unknown"
/// or missing. Deterministic.
func makeResponseSet(count: Int, rubric: Rubric) -> String {
    let ids = rubric.dimensions.flatMap(\.allQuestions).map(\.id)
    let forms = [
        #""none""#, #""low""#, #""mid""#, #""high""#, #""full""#, "0", "1", "2", "3", "4", #""na""#, #""unknown""#, nil,
    ]
    let bands = ["under-2k", "2k-10k", "10k-50k", "50k-250k", "over-250k"]
    var state: UInt64 = 2026
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
    var lines = ""
    for number in 0..<count {
        let region = next() % 20
        let band = bands[next() % 5]
        let organisation = "Municipality \(region)-\(band)-\(next() % 20)"
        let skill = next() % 5
        let answers = ids.compactMap { id -> String? in
            // Mostly near the organisation's skill, sometimes anything at all.
            let pick = next() % 4 == 0 ? next() % forms.count : (skill + (next() % 2) * 5) % forms.count
            return forms[pick].map { "\"\(id)\":\($0)" }
        }
        lines += #"{"id":"r\#(number)","organisation":"\#(organisation)","rubric":"bench-capacity","#
        lines += #""rubric_version":"1.0.0","attributes":{"region":"region-\#(region)","population":"\#(band)"},"#
        lines += #""answers":{"# + answers.joined(separator: ",") + "}}\n"
    }
    return lines
}

/// A rubric-shaped document of `count` yes/no questions in one dimension, each with a misspelt `wieght` key, as
/// JSON text indented as an editor would: the input of the quadratic-location report (30,000 such keys took 80 s).
func makeMisspeltRubricText(count: Int) -> String {
    var text = #"{"id": "misspelt", "version": "1.0.0", "default_language": "en", "languages": ["en"],"#
    text += #" "title": {"en": "Misspelt"}, "dimensions": [{"id": "d", "title": {"en": "D"}, "questions": ["#
    for index in 0..<count {
        text += index == 0 ? "\n" : ",\n"
        text += #"  {"id": "q\#(index)", "prompt": {"en": "Question \#(index)?"}, "answer": {"type": "yes_no"},"#
        text += #" "wieght": 2}"#
    }
    return text + "\n]}]}\n"
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxDuration: .seconds(3))
    let rubric = makeRubric()
    let response = makeResponse(rubric)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assay-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let rubricPath = folder.appendingPathComponent("rubric.json").path
    let responsePath = folder.appendingPathComponent("response.json").path
    try! JSONOutput.string(rubric).write(toFile: rubricPath, atomically: true, encoding: .utf8)
    try! JSONOutput.string(response).write(toFile: responsePath, atomically: true, encoding: .utf8)
    let scorer = try! Scorer(rubric: rubric)

    Benchmark("Load and validate a 120-question rubric") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try AssayFile.loadRubric(rubricPath))
        }
    }

    Benchmark("Score one response (120 questions)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try scorer.score(response))
        }
    }

    Benchmark("Explain one response (blockers and ranked next steps)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try scorer.explain(response))
        }
    }

    // The workload a service embedding the core has: the bundled rubric (conditions, gates) and its example.
    let bundledScorer = try! Scorer(rubric: BundledRubrics.rubric(id: "digital-capacity"))
    let bundledExample = try! BundledRubrics.example(for: "digital-capacity")

    Benchmark("Score the bundled digital-capacity example") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try bundledScorer.score(bundledExample))
        }
    }

    Benchmark("Explain the bundled digital-capacity example") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try bundledScorer.explain(bundledExample))
        }
    }

    Benchmark("assay score end to end (read, validate, explain, render)") { benchmark in
        for _ in benchmark.scaledIterations {
            let loaded = try AssayFile.loadRubric(rubricPath)
            let scorer = try Scorer(rubric: loaded.rubric)
            let answers = try AssayFile.loadResponse(responsePath, against: scorer.index)
            let explanation = try scorer.explain(answers.response)
            let report = ScoreReport(explanation: explanation, index: scorer.index, response: answers.response)
            blackHole(try ReportRenderer().render(report, as: .text))
        }
    }

    // Every validation pass is linear or n log n in its input: 100,000 diagnostics, each at a path of its own,
    // located in one document. Locating them walked the text from the start for each, quadratic in all.
    let misspelt = try! JSONDocument(bytes: Array(makeMisspeltRubricText(count: 100_000).utf8), file: "misspelt.json")
    let diagnostics = (0..<100_000).map { index in
        Diagnostic.warning(
            "unknown key", at: DocumentPath.root.key("dimensions").index(0).key("questions").index(index).key("wieght"))
    }
    Benchmark(
        "Locate 100,000 diagnostics in one document",
        configuration: .init(metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident], maxIterations: 5)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(misspelt.locate(diagnostics))
        }
    }

    Benchmark(
        "Validate a rubric with 100,000 misspelt keys (decode, validate, locate every warning)",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxIterations: 3)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try AssayFile.rubric(from: misspelt))
        }
    }

    let aggregationRubric = makeAggregationRubric()
    let aggregationScorer = try! Scorer(rubric: aggregationRubric)
    let responseSetPath = folder.appendingPathComponent("responses.ndjson").path
    try! makeResponseSet(count: 20_000, rubric: aggregationRubric).write(
        toFile: responseSetPath, atomically: true, encoding: .utf8)

    Benchmark(
        "assay aggregate: 20,000 responses (120 questions, 100 groups) to a JSON summary",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident])
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let aggregate = try ResponseSetAggregator(
                scorer: aggregationScorer, options: AggregationOptions(groupBy: ["region", "population"])
            ).aggregate(responseSetPath)
            let summary = SummaryBuilder(index: aggregationScorer.index).summary(of: aggregate)
            blackHole(try JSONOutput.string(summary))
        }
    }
}
