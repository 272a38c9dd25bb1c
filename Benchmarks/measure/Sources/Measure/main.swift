// Times one call of the public API on the bundled digital-capacity example, in a release build: scoring (through
// the plan, and through ResponseEvaluation as a plugin model scores) and explaining. The ordo-one suite in
// Benchmarks/AssayBenchmarks measures the same calls with allocations, where its harness runs.
//
//     swift run -c release --package-path Benchmarks/measure
import AssayCore
import AssayRubrics
import Foundation

let scorer = try Scorer(rubric: BundledRubrics.rubric(id: "digital-capacity"))
let example = try BundledRubrics.example(for: "digital-capacity")
func time(_ name: String, _ iterations: Int, _ body: () throws -> Void) rethrows {
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
print(sink > 0)
