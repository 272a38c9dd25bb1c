import AssayCore
import AssayJSON
import AssayReport
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

func makeResponse(_ rubric: Rubric) -> Response {
    var answers: [String: Answer] = [:]
    for (index, question) in rubric.dimensions.flatMap(\.allQuestions).enumerated() {
        answers[question.id] = Answer(
            index % 11 == 0 ? .dontKnow : .text("o\(index % 5)"), note: index % 7 == 0 ? "A note." : nil)
    }
    return Response(
        id: "bench-1", organisation: "Benchmark Town", rubric: rubric.id, rubricVersion: "1.0.0", answers: answers)
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
}
