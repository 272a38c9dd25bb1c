import AssayCore
import AssayJSON
import AssaySession
import Foundation

/// Counts the lines of one byte range: the fast path first, jansson and the core's scorer for the rest.
struct AggregationWorker {
    private let aggregator: ResponseSetAggregator
    private let file: String
    private let part: Int
    private var scanner: ResponseScanner?
    private var record: ScoredResponse
    private var groupLookup: [UInt64: [Int]] = [:]
    private var groupBytes: [[[UInt8]]] = []
    private(set) var result = WorkerResult()

    init(aggregator: ResponseSetAggregator, file: String, part: Int) {
        self.aggregator = aggregator
        self.file = file
        self.part = part
        let index = aggregator.scorer.index
        let options = aggregator.options
        scanner = aggregator.compiled.map {
            ResponseScanner(
                rubric: $0,
                required: options.groupBy,
                optional: [AggregationOptions.roundAttribute, AggregationOptions.submittedAttribute]
            )
        }
        record = ScoredResponse(dimensionCount: index.rubric.dimensions.count, questionCount: index.questions.count)
    }

    /// The hash an organisation is known by: of its name's bytes, in Unicode's composed form (NFC) when it is not
    /// plain ASCII, so a name typed once composed and once decomposed is one organisation on every path.
    static func organisationHash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return FNV1a.hash(bytes) }
        return FNV1a.hash(String(decoding: bytes, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
    }

    /// Counts one line; `false` stops reading (a bad line under `--on-error fail`).
    mutating func process(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        result.lines += 1
        if self.scanner?.scan(line) == true, let scanner, let submitted = Self.submitted(scanner, line),
            scanner.rubric.score(scanner.codes, into: &record)
        {
            result.fastLines += 1
            let groupCount = aggregator.options.groupBy.count
            var hash = FNV1a.hash(EmptyCollection<UInt8>())
            for range in scanner.wanted[0..<groupCount] {
                hash = Self.combine(hash, UnsafeBufferPointer(rebasing: line[range!]))
            }
            let group = groupPosition(hash: hash) { stored in
                zip(stored, scanner.wanted[0..<groupCount]).allSatisfy {
                    bytesEqual(UnsafeBufferPointer(rebasing: line[$1!]), $0)
                }
            } make: {
                scanner.wanted[0..<groupCount].map { Array(line[$0!]) }
            }
            let organisationBytes = UnsafeBufferPointer(rebasing: line[scanner.organisation])
            let organisation = Self.organisationHash(organisationBytes)
            if aggregator.options.perOrganisation == .all {
                result.groups[group].add(record, organisation: organisation)
                if aggregator.options.recordsParticipants {
                    result.participants.insert(String(decoding: organisationBytes, as: UTF8.self))
                }
            } else {
                func text(_ range: Range<Int>?) -> String? { range.map { String(decoding: line[$0], as: UTF8.self) } }
                remember(
                    organisationName: String(decoding: organisationBytes, as: UTF8.self),
                    organisation: organisation,
                    group: group,
                    order: RoundOrder(
                        round: text(scanner.wanted[groupCount]),
                        submitted: submitted,
                        line: result.lines
                    )
                )
            }
            return true
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return true }
        do {
            let document = try JSONDocument(bytes: Array(line), file: file)
            return try count(document, line: result.lines)
        } catch {
            return problem(
                error.diagnostics.first { $0.severity == .error } ?? error.diagnostics[0], line: result.lines)
        }
    }

    /// Counts a line too long to be read (over the size limit of one document); `false` stops reading.
    mutating func overlong() -> Bool {
        result.lines += 1
        return problem(
            SourceDiagnostic(
                .error,
                code: .fileTooLarge,
                message:
                    "the line is longer than \(JSONDocument.defaultMaximumSize >> 20) MiB, the most one document may be; a response is far smaller, so this is not one",
                file: file,
                line: 1,
                column: 1,
                path: .root
            ),
            line: result.lines
        )
    }

    /// Counts one response file of a folder; `false` stops reading.
    mutating func processFile(_ path: String) -> Bool {
        result.lines += 1
        do {
            return try count(try JSONDocument.readFileInFolder(path), line: nil)
        } catch {
            return problem(error.diagnostics.first { $0.severity == .error } ?? error.diagnostics[0], line: nil)
        }
    }

    /// The line's `submitted_at` as an instant: `.some(nil)` when it has none, `nil` when it is not a timestamp,
    /// so the line goes to jansson's path, which reports it.
    private static func submitted(_ scanner: ResponseScanner, _ line: UnsafeBufferPointer<UInt8>) -> Timestamp?? {
        guard let range = scanner.wanted[scanner.wanted.count - 1] else { return .some(nil) }
        guard let timestamp = Timestamp(String(decoding: line[range], as: UTF8.self)) else { return nil }
        return .some(timestamp)
    }

    /// Decodes, checks and scores one document with jansson and the core; `line` is its line in an NDJSON file.
    private mutating func count(_ document: JSONDocument, line: Int?) throws(InputError) -> Bool {
        let index = aggregator.scorer.index
        // Answers given against an earlier version are carried onto today's questions before anything is counted,
        // so the scores, the disclosure checks and the ledger's fingerprints see them as they see native answers.
        let read = try AssayFile.responseOrSession(from: document, carryingForwardTo: index)
        let loaded = read.loaded
        for warning in loaded.warnings {
            result.warningCount += 1
            if result.warnings.count < ResponseSetAggregate.problemLimit {
                result.warnings.append(Self.placed(warning, line: line))
            }
        }
        let response = loaded.response
        if let version = read.fromVersion, let carried = read.carried {
            result.carried[version, default: CarriedVersion(fromVersion: version)].add(carried)
        }
        guard let name = response.organisation else {
            return problem(
                SourceDiagnostic(
                    .error,
                    code: .missingKey,
                    message:
                        "missing \"organisation\"; the organisation is the unit of privacy, so every response needs one",
                    file: document.file,
                    line: 1,
                    column: 1,
                    path: .root
                ),
                line: line
            )
        }
        var values: [String] = []
        for attribute in aggregator.options.groupBy {
            guard let value = response.attributes[attribute] else {
                return problem(
                    SourceDiagnostic(
                        .error,
                        code: .missingKey,
                        message:
                            "missing attribute \"\(attribute)\", which the peer groups need (--by \(aggregator.options.groupBy.joined(separator: ",")))",
                        file: document.file,
                        line: 1,
                        column: 1,
                        path: DocumentPath.root.key("attributes")
                    ),
                    line: line
                )
            }
            values.append(value)
        }
        let assessment: Assessment
        do {
            assessment = try aggregator.scorer.score(response)
        } catch {
            throw InputError(diagnostics: document.locate(error.diagnostics))
        }
        record = ScoredResponse(assessment: assessment, index: index, gapRule: aggregator.gapRule)
        var hash = FNV1a.hash(EmptyCollection<UInt8>())
        for value in values { hash = Self.combine(hash, value.utf8) }
        let group = groupPosition(hash: hash) { stored in
            zip(stored, values).allSatisfy { $0.elementsEqual($1.utf8) }
        } make: {
            values.map { Array($0.utf8) }
        }
        let organisation = Self.organisationHash(name.utf8)
        if aggregator.options.perOrganisation == .all {
            result.groups[group].add(record, organisation: organisation)
            if aggregator.options.recordsParticipants { result.participants.insert(name) }
        } else {
            remember(
                organisationName: name,
                organisation: organisation,
                group: group,
                order: RoundOrder(
                    round: response.attributes[AggregationOptions.roundAttribute],
                    submitted: response.attributes[AggregationOptions.submittedAttribute].flatMap(Timestamp.init),
                    line: result.lines
                )
            )
        }
        return true
    }

    private mutating func remember(organisationName: String, organisation: UInt64, group: Int, order: RoundOrder) {
        let key = organisationName + "\u{0}" + (order.round ?? "")
        if let existing = result.latest[key], !(existing.order < order) { return }
        result.latest[key] = LatestEntry(
            organisationName: organisationName,
            organisation: organisation,
            group: result.groupKeys[group],
            order: order,
            record: record
        )
    }

    /// The position of the group whose values hash to `hash` and match `matches`, made with `make` if new.
    private mutating func groupPosition(
        hash: UInt64,
        matches: ([[UInt8]]) -> Bool,
        make: () -> [[UInt8]]
    ) -> Int {
        if let candidates = groupLookup[hash] {
            for candidate in candidates where matches(groupBytes[candidate]) { return candidate }
        }
        let bytes = make()
        let position = result.groups.count
        groupBytes.append(bytes)
        result.groupKeys.append(bytes.map { String(decoding: $0, as: UTF8.self) })
        result.groups.append(aggregator.emptyAccumulator())
        groupLookup[hash, default: []].append(position)
        return position
    }

    /// Mixes one attribute value, and a separator no value contains, into a group hash.
    private static func combine<C: Collection<UInt8>>(_ hash: UInt64, _ bytes: C) -> UInt64 {
        var hash = hash
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        hash ^= 0x1F
        hash &*= 0x100_0000_01b3
        return hash
    }

    /// Records a bad line; under `--on-error fail` it is the failure, under `skip` it is counted.
    private mutating func problem(_ diagnostic: SourceDiagnostic, line: Int?) -> Bool {
        let placed = Self.placed(diagnostic, line: line)
        if aggregator.options.onError == .fail {
            result.failure = placed
            return false
        }
        result.skipped += 1
        if result.problems.count < ResponseSetAggregate.problemLimit { result.problems.append(placed) }
        return true
    }

    /// A diagnostic from a one-line document, moved to the line it came from.
    private static func placed(_ diagnostic: SourceDiagnostic, line: Int?) -> SourceDiagnostic {
        guard let line else { return diagnostic }
        var copy = diagnostic
        copy.line = line
        if copy.column == 0 { copy.column = 1 }
        return copy
    }

    mutating func fail(_ error: InputError) {
        result.failure = error.diagnostics.first
    }
}
