import AssayCore
import AssayJSON
import Foundation

/// Reads a response set (an NDJSON file, or a folder of response files) and counts it by peer group.
///
/// The file is streamed: split into one byte range per worker at line boundaries, each range read in 4 MiB
/// chunks by its own thread, and the workers' counts merged. Each line goes first to the ``ResponseScanner`` when
/// the rubric compiles (see ``CompiledRubric``) and to jansson and the core's `Scorer` when the scanner declines it
/// or the rubric does not compile; both give the same record for the same line.
public struct ResponseSetAggregator: Sendable {
    /// The scorer of the rubric the responses answer.
    public let scorer: Scorer
    /// How to read and count.
    public let options: AggregationOptions
    let compiled: CompiledRubric?
    let gapRule: GapRule

    /// An aggregator for responses to `scorer`'s rubric.
    public init(scorer: Scorer, options: AggregationOptions) {
        self.scorer = scorer
        self.options = options
        self.compiled = options.usesFastPath ? CompiledRubric(scorer: scorer) : nil
        self.gapRule = GapRule(index: scorer.index)
    }

    /// Counts the responses at `path`: an NDJSON file, or a folder whose `.json` files are one response each.
    ///
    /// - Throws: ``InputError`` when the file cannot be read, or, under `--on-error fail`, naming the first bad
    ///   line with its line number and what is wrong.
    ///
    /// `-`, a pipe or a device such as `/dev/stdin` is read as a stream by one thread; a file by byte ranges, one
    /// per thread.
    public func aggregate(_ path: String) throws(InputError) -> ResponseSetAggregate {
        var isDirectory: ObjCBool = false
        guard path == "-" || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(.unreadableFile, "no such file or folder", file: path)
        }
        if isDirectory.boolValue { return try aggregateFolder(path) }
        let name = path == "-" ? "<stdin>" : path
        let reader = LineReader(path: path, maximumLineLength: JSONDocument.defaultMaximumSize)
        let ranges: [Range<Int>]
        do {
            ranges = try reader.split(into: options.workers)
        } catch {
            throw InputError(.unreadableFile, "the file cannot be read: \(error.reason)", file: name)
        }
        let results = ConcurrentSlots<WorkerResult>(count: ranges.count)
        let aggregator = self
        DispatchQueue.concurrentPerform(iterations: ranges.count) { part in
            var worker = AggregationWorker(aggregator: aggregator, file: name, part: part)
            do throws(LineReaderError) {
                try reader.forEachLine(in: ranges[part], { worker.process($0) }, overlong: { worker.overlong() })
            } catch {
                worker.fail(InputError(.unreadableFile, "the file cannot be read: \(error.reason)", file: name))
            }
            results.store(worker.result, at: part)
        }
        return try merge(results.all().compactMap { $0 })
    }

    private func aggregateFolder(_ path: String) throws(InputError) -> ResponseSetAggregate {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".json") }.sorted()
        } catch {
            throw InputError(.unreadableFile, "the folder cannot be read", file: path)
        }
        var worker = AggregationWorker(aggregator: self, file: path, part: 0)
        for name in names {
            let file = (path as NSString).appendingPathComponent(name)
            guard worker.processFile(file) else { break }
        }
        return try merge([worker.result])
    }

    private func merge(_ results: [WorkerResult]) throws(InputError) -> ResponseSetAggregate {
        var lineOffset = 0
        var firstFailure: SourceDiagnostic?
        var aggregate = ResponseSetAggregate(
            groupBy: options.groupBy,
            perOrganisation: options.perOrganisation,
            groups: [],
            trends: [:]
        )
        var groups: [[String]: GroupAccumulator] = [:]
        var latest: [String: LatestEntry] = [:]
        var carried: [String: CarriedVersion] = [:]
        func shifted(_ diagnostic: SourceDiagnostic) -> SourceDiagnostic {
            var copy = diagnostic
            if copy.line > 0 { copy.line += lineOffset }
            return copy
        }
        var results = results
        for index in results.indices {
            // Each worker's result is released as soon as it is merged, so its values are never held twice.
            let result = results[index]
            results[index] = WorkerResult()
            if let failure = result.failure, firstFailure == nil { firstFailure = shifted(failure) }
            for problem in result.problems where aggregate.problems.count < ResponseSetAggregate.problemLimit {
                aggregate.problems.append(shifted(problem))
            }
            for warning in result.warnings where aggregate.warnings.count < ResponseSetAggregate.problemLimit {
                aggregate.warnings.append(shifted(warning))
            }
            aggregate.linesRead += result.lines
            aggregate.skippedCount += result.skipped
            aggregate.warningCount += result.warningCount
            aggregate.fastPathResponses += result.fastLines
            aggregate.participants.formUnion(result.participants)
            for (version, counts) in result.carried {
                carried[version, default: CarriedVersion(fromVersion: version)].merge(counts)
            }
            for (values, accumulator) in zip(result.groupKeys, result.groups) {
                if groups[values] == nil {
                    groups[values] = accumulator
                } else {
                    groups[values]!.merge(accumulator)
                }
            }
            for (key, entry) in result.latest {
                var entry = entry
                entry.order.line += lineOffset
                if let existing = latest[key], !(existing.order < entry.order) { continue }
                latest[key] = entry
            }
            lineOffset += result.lines
        }
        if let firstFailure { throw InputError(diagnostics: [firstFailure]) }
        aggregate.carriedForward = carried.values.sorted { $0.fromVersion < $1.fromVersion }
        if options.perOrganisation == .latest {
            groups = [:]
            var newest: [String: LatestEntry] = [:]
            var rounds: Set<String> = []
            for entry in latest.values {
                rounds.insert(entry.order.round ?? "")
                if let existing = newest[entry.organisationName], !(existing.order < entry.order) { continue }
                newest[entry.organisationName] = entry
            }
            // In the order the responses were read, so a group's scores (and the sum behind its mean) come in
            // the same order on every run.
            for entry in newest.values.sorted(by: { $0.order.line < $1.order.line }) {
                if options.recordsParticipants { aggregate.participants.insert(entry.organisationName) }
                groups[entry.group, default: emptyAccumulator()].add(entry.record, organisation: entry.organisation)
            }
            if rounds.count > 1 {
                var trends: [[String]: [String: GroupAccumulator]] = [:]
                for entry in latest.values.sorted(by: { $0.order.line < $1.order.line }) {
                    trends[entry.group, default: [:]][entry.order.round ?? "", default: emptyAccumulator()]
                        .add(entry.record, organisation: entry.organisation)
                }
                aggregate.trends = trends.mapValues { byRound in
                    byRound.sorted { RoundOrder.roundPrecedes($0.key, $1.key) }.map { ($0.key, $0.value) }
                }
            }
        }
        aggregate.groups = groups.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { ($0.key, $0.value) }
        aggregate.responsesCounted = aggregate.groups.reduce(0) { $0 + $1.accumulator.responses }
        return aggregate
    }

    func emptyAccumulator() -> GroupAccumulator {
        GroupAccumulator(
            scopeCount: scorer.index.rubric.dimensions.count + 1,
            levelCount: scorer.index.rubric.levels.count,
            questionCount: scorer.index.questions.count
        )
    }
}

/// Where a response stands among an organisation's documents: its round, when it was submitted, where it was read.
struct RoundOrder: Sendable, Comparable {
    var round: String?
    var submitted: Timestamp?
    var line: Int

    /// No round first, then rounds in ``roundPrecedes(_:_:)`` order; within a round, no `submitted_at` first,
    /// then instants in time order; then the line.
    static func < (lhs: RoundOrder, rhs: RoundOrder) -> Bool {
        if lhs.round != rhs.round {
            guard let left = lhs.round else { return true }
            guard let right = rhs.round else { return false }
            return roundPrecedes(left, right)
        }
        if lhs.submitted != rhs.submitted {
            guard let left = lhs.submitted else { return true }
            guard let right = rhs.submitted else { return false }
            return left < right
        }
        return lhs.line < rhs.line
    }

    /// A total order on rounds: numbers (`2`, `10`, `-1.5`, in ASCII digits) first, by value, then every other
    /// text, in Swift's string order; two spellings of one number (`1`, `1.0`) by their text.
    ///
    /// Before, `Double` read `NaN` and `inf` as numbers and numbers were compared with text as text, so
    /// `"9" < "10" < "10a" < "9"` was a cycle and summaries differed between identical runs.
    static func roundPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (number(lhs), number(rhs)) {
        case (let left?, let right?): return left != right ? left < right : lhs < rhs
        case (.some, nil): return true
        case (nil, .some): return false
        case (nil, nil): return lhs < rhs
        }
    }

    /// `text` as a number when it is an optional minus, ASCII digits, and optionally a point and more digits.
    static func number(_ text: String) -> Double? {
        var utf8 = Substring(text).utf8[...]
        if utf8.first == UInt8(ascii: "-") { utf8 = utf8.dropFirst() }
        let parts = utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
            parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } })
        else { return nil }
        return Double(text).flatMap { $0.isFinite ? $0 : nil }
    }
}

/// One organisation's latest response in one round, in `latest` mode.
struct LatestEntry: Sendable {
    var organisationName: String
    var organisation: UInt64
    var group: [String]
    var order: RoundOrder
    var record: ScoredResponse
}

/// What one worker counted in its byte range; line numbers are local to the range until merged.
struct WorkerResult: Sendable {
    var groupKeys: [[String]] = []
    var groups: [GroupAccumulator] = []
    var latest: [String: LatestEntry] = [:]
    var participants: Set<String> = []
    var lines = 0
    var skipped = 0
    var fastLines = 0
    var problems: [SourceDiagnostic] = []
    var warnings: [SourceDiagnostic] = []
    var warningCount = 0
    var failure: SourceDiagnostic?
    var carried: [String: CarriedVersion] = [:]
}
