// Times one call of the public API in a release build: scoring (through the plan, and through ResponseEvaluation as
// a plugin model scores) and explaining, on the bundled digital-capacity example (35 questions) and on
// AssayTesting's ScoringWorkload (120 questions with conditions, gates, practice areas, every answer format, "na",
// "unknown" and unanswered questions). The ordo-one suite in
// Benchmarks/AssayBenchmarks measures the same calls with allocations, where its harness runs.
//
//     swift run -c release --package-path Benchmarks/measure [WORDS]
import AssayCore
import AssayRubrics
import AssayTesting
import Foundation

let scorer = try Scorer(rubric: BundledRubrics.rubric(id: "digital-capacity"))
let example = try BundledRubrics.example(for: "digital-capacity")
// `Measure WORDS [N]` times only the calls whose name contains WORDS, N times each (for a profiler, or valgrind's
// instruction counts, which do not depend on what else the machine runs).
let only = CommandLine.arguments.dropFirst().first
let count = CommandLine.arguments.dropFirst(2).first.flatMap { Int($0) }
func time(_ name: String, _ iterations: Int, _ body: () throws -> Void) rethrows {
    if let only, !name.contains(only) { return }
    let iterations = count ?? iterations
    var best = Double.infinity
    for _ in 0..<5 {
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<iterations { try body() }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(iterations) / 1000
        best = min(best, elapsed)
    }
    print(name, String(format: "%.1f µs (best of 5 runs of %d)", best, iterations))
}
var sink = 0.0
try time("score (plan)", 20_000) { sink += try scorer.score(example).overall.value ?? 0 }
try time("score (evaluation)", 20_000) {
    sink += scorer.model.score(try ResponseEvaluation(response: example, index: scorer.index)).overall.value ?? 0
}
try time("explain", 2_000) { sink += try scorer.explain(example).assessment.overall.value ?? 0 }
// Under an XCCDF model the weighted-mean sums do not apply, so each step is scored from the plan's tables (before
// the plan took them, each step re-scored the whole response through the model).
var flat = try BundledRubrics.rubric(id: "digital-capacity")
flat.scoring.model = "xccdf-flat"
let flatScorer = try Scorer(rubric: flat)
try time("explain (xccdf-flat)", 2_000) { sink += try flatScorer.explain(example).assessment.overall.value ?? 0 }
// The 120-question workload: its multiple-choice questions unanswered, then answered with lists of choices (coded
// as the set of options chosen).
let workloadScorer = try Scorer(rubric: ScoringWorkload.rubric)
let workload = ScoringWorkload.response()
let choosing = ScoringWorkload.response(choosing: true)
try time("score 120 questions (plan)", 20_000) { sink += try workloadScorer.score(workload).overall.value ?? 0 }
try time("score 120 questions (evaluation)", 5_000) {
    sink +=
        workloadScorer.model.score(try ResponseEvaluation(response: workload, index: workloadScorer.index)).overall
        .value ?? 0
}
try time("score 120 questions with lists of choices", 5_000) {
    sink += try workloadScorer.score(choosing).overall.value ?? 0
}
try time("explain 120 questions", 2_000) { sink += try workloadScorer.explain(workload).assessment.overall.value ?? 0 }
print(sink > 0)
