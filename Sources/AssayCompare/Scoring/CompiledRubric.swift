import AssayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A rubric flattened into arrays indexed by question position, for scoring millions of responses without
/// dictionaries of strings.
///
/// Only rubrics the shortcut reproduces exactly compile: the `weighted-mean` model, no conditions, no gates. For
/// any other rubric ``CompiledRubric/init(index:)`` returns `nil` and every response goes through the core's
/// `Scorer`. `ResponseScannerTests` checks the shortcut gives the core's scores, levels and gaps bit for bit.
///
/// A class, not a struct: the scanner and every worker hold it, and copying its dozens of arrays (and the rubric
/// inside the index) into each holder once per line cost more than scoring the line. The hot loop reads packed
/// per-question facts through pointers, without bounds checks or reference counting per answer.
///
/// `@unchecked Sendable` is sound: every buffer is written only in `init` and freed only in `deinit`; between
/// them the object is immutable, so threads may read it at once.
package final class CompiledRubric: @unchecked Sendable {
    /// What the hot loop needs to know about one question, in one place.
    struct QuestionFacts {
        /// A ``Reading`` without its payload: 0 scale, 1 choice, 2 yes/no, 3 numeric, 4 unscored, 5 unsupported.
        var kind: UInt8
        var allowsNotApplicable: Bool
        var optionStart: Int32
        var optionCount: Int32
        var idStart: Int32
        var idLength: Int32
        /// Whether the id has no `"`, `\\` or control character, so its quoted bytes are the only JSON spelling the
        /// scanner accepts for it and can be matched without reading the key as a string first.
        var idIsPlain: Bool
        /// Whether every option value is a whole number below ``CompiledRubric/smallValueLimit``, so
        /// ``CompiledRubric/smallValueOptions`` finds a number's option without searching.
        var hasSmallValues: Bool
        var weight: Double
        var target: Double
        /// The highest points that are a gap; −∞ for questions without gaps.
        var gapThreshold: Double
    }

    /// One dimension of ``dimensions``, without arrays: the hot loop reads it through a pointer.
    struct DimensionPlan {
        var weight: Double
        var hasAreas: Bool
        var areaStart: Int
        var areaEnd: Int
    }

    /// One practice area (or the whole dimension when it has none): its weight and question positions.
    struct AreaPlan {
        var weight: Double
        var lower: Int
        var upper: Int
    }

    /// One level's band; `isOpen` when the level lacks a minimum or a maximum, which ends the search with no level.
    struct BandPlan {
        var low: Double
        var high: Double
        var isOpen: Bool
    }

    /// How a question reads an answer; mirrors `AnswerReading` for the formats the shortcut handles.
    enum Reading: Sendable {
        case scale
        case choice
        case yesNo
        case numeric([NumericBand])
        case unscored
        case unsupported
    }

    /// The rubric, indexed.
    package let index: RubricIndex
    /// The rule that decides which answers are gaps.
    package let gapRule: GapRule
    let rubricID: [UInt8]
    let rubricVersion: [UInt8]
    /// Each question's id as UTF-8, by position.
    let questionIDs: [[UInt8]]
    /// The strings an answer to each question may be, as UTF-8: its option ids (`yes`/`no` for yes/no questions).
    let optionIDs: [[[UInt8]]]
    let optionPoints: [[Double]]
    let optionValues: [[Double]]
    let readings: [Reading]
    /// Per question, where its options start in ``flatPoints`` and ``flatValues``, and how many it has.
    let optionStart: [Int]
    let optionCount: [Int]
    let flatPoints: [Double]
    let flatValues: [Double]
    let weights: [Double]
    let allowsNotApplicable: [Bool]
    let targetPoints: [Double]
    let policies: AnswerPolicies
    /// Per dimension: its weight and its areas as (weight, question positions); one area spanning the dimension
    /// when it has none.
    let dimensions: [(weight: Double, areas: [(weight: Double, positions: Range<Int>)], hasAreas: Bool)]
    let rules: MaturityRules
    private let table: [Int32]
    /// Per dimension, its weight, whether it has practice areas, and where its areas are in ``areaPlan``.
    private let dimensionPlan: UnsafeMutableBufferPointer<DimensionPlan>
    /// Every dimension's areas, one after another.
    private let areaPlan: UnsafeMutableBufferPointer<AreaPlan>
    /// Each level's score band, lowest level first, as `MaturityRules.bandLevel(for:)` reads it.
    private let bandPlan: UnsafeMutableBufferPointer<BandPlan>
    private let facts: UnsafeMutableBufferPointer<QuestionFacts>
    /// Per question, ``smallValueLimit`` entries: for each whole number, the flat index of the first option with
    /// that value, or −1. Filled only for questions with ``QuestionFacts/hasSmallValues``.
    private let smallValueOptions: UnsafeMutableBufferPointer<Int32>
    /// Every option id's UTF-8, one after another in question and option order, with each id's start and length.
    private let optionBytes: UnsafeMutableBufferPointer<UInt8>
    private let optionSpans: UnsafeMutableBufferPointer<(start: Int32, length: Int32)>
    /// Per question, where its option ids start in ``optionSpans`` and how many there are.
    private let optionIDRanges: UnsafeMutableBufferPointer<(start: Int32, count: Int32)>
    static let smallValueLimit = 16
    private let idBytes: UnsafeMutableBufferPointer<UInt8>
    private let pointsTable: UnsafeMutableBufferPointer<Double>
    private let valuesTable: UnsafeMutableBufferPointer<Double>

    /// Compiles the rubric in `index`, or returns `nil` when the shortcut could not score it exactly as the core.
    package init?(index: RubricIndex) {
        let rubric = index.rubric
        guard rubric.scoring.model == "weighted-mean",
            rubric.levels.allSatisfy({ $0.gates.isEmpty }),
            index.questions.allSatisfy({ $0.question.condition == nil })
        else { return nil }
        self.index = index
        gapRule = GapRule(index: index)
        rubricID = Array(rubric.id.utf8)
        rubricVersion = Array(rubric.version.utf8)
        questionIDs = index.questions.map { Array($0.question.id.utf8) }
        var optionIDs: [[[UInt8]]] = []
        var readings: [Reading] = []
        for entry in index.questions {
            switch entry.question.format {
            case .scale:
                readings.append(.scale)
                optionIDs.append(entry.options.map { Array($0.id.utf8) })
            case .singleChoice:
                readings.append(.choice)
                optionIDs.append(entry.options.map { Array($0.id.utf8) })
            case .yesNo:
                readings.append(.yesNo)
                optionIDs.append(entry.options.map { Array($0.id.utf8) })
            case .numeric(_, let bands):
                readings.append(.numeric(bands))
                optionIDs.append([])
            case .text:
                readings.append(.unscored)
                optionIDs.append([])
            case .multipleChoice:
                readings.append(.unsupported)
                optionIDs.append([])
            }
        }
        self.optionIDs = optionIDs
        self.readings = readings
        optionPoints = index.questions.map { $0.options.map(\.points) }
        optionValues = index.questions.map { $0.options.map(\.value) }
        optionCount = optionPoints.map(\.count)
        var starts: [Int] = []
        var next = 0
        for count in optionCount {
            starts.append(next)
            next += count
        }
        optionStart = starts
        flatPoints = optionPoints.flatMap { $0 }
        flatValues = optionValues.flatMap { $0 }
        weights = index.questions.map(\.question.weight)
        allowsNotApplicable = index.questions.map(\.question.allowsNotApplicable)
        targetPoints = index.questions.map(\.targetPoints)
        policies = rubric.policies
        var dimensions: [(weight: Double, areas: [(weight: Double, positions: Range<Int>)], hasAreas: Bool)] = []
        for (dimensionIndex, dimension) in rubric.dimensions.enumerated() {
            let positions = index.questions.indices.filter { index.questions[$0].dimensionIndex == dimensionIndex }
            let start = positions.first ?? 0
            if dimension.practiceAreas.isEmpty {
                dimensions.append((dimension.weight, [(1, start..<(start + positions.count))], false))
            } else {
                var areas: [(weight: Double, positions: Range<Int>)] = []
                var next = start
                for area in dimension.practiceAreas {
                    areas.append((area.weight, next..<(next + area.questions.count)))
                    next += area.questions.count
                }
                dimensions.append((dimension.weight, areas, true))
            }
        }
        self.dimensions = dimensions
        rules = MaturityRules(index: index)
        let allAreas = dimensions.flatMap { dimension in
            dimension.areas.map {
                AreaPlan(weight: $0.weight, lower: $0.positions.lowerBound, upper: $0.positions.upperBound)
            }
        }
        areaPlan = .allocate(capacity: allAreas.count)
        _ = areaPlan.initialize(from: allAreas)
        dimensionPlan = .allocate(capacity: dimensions.count)
        var areaStart = 0
        for (position, dimension) in dimensions.enumerated() {
            (dimensionPlan.baseAddress! + position).initialize(
                to: DimensionPlan(
                    weight: dimension.weight,
                    hasAreas: dimension.hasAreas,
                    areaStart: areaStart,
                    areaEnd: areaStart + dimension.areas.count
                )
            )
            areaStart += dimension.areas.count
        }
        let bands = rubric.levels.map { level in
            BandPlan(
                low: level.minScore ?? 0, high: level.maxScore ?? 0,
                isOpen: level.minScore == nil || level.maxScore == nil)
        }
        bandPlan = .allocate(capacity: bands.count)
        _ = bandPlan.initialize(from: bands)
        var capacity = 16
        while capacity < questionIDs.count * 4 { capacity <<= 1 }
        var table = Array(repeating: Int32(0), count: capacity)
        for (position, id) in questionIDs.enumerated() {
            var slot = Int(truncatingIfNeeded: FNV1a.hash(id)) & (capacity - 1)
            while table[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            table[slot] = Int32(position + 1)
        }
        self.table = table
        let allIDs = questionIDs.flatMap { $0 }
        idBytes = .allocate(capacity: max(1, allIDs.count))
        _ = idBytes.initialize(from: allIDs)
        pointsTable = .allocate(capacity: max(1, flatPoints.count))
        _ = pointsTable.initialize(from: flatPoints)
        valuesTable = .allocate(capacity: max(1, flatValues.count))
        _ = valuesTable.initialize(from: flatValues)
        let allOptionBytes = optionIDs.flatMap { $0.flatMap { $0 } }
        optionBytes = .allocate(capacity: max(1, allOptionBytes.count))
        _ = optionBytes.initialize(from: allOptionBytes)
        var spans: [(start: Int32, length: Int32)] = []
        var ranges: [(start: Int32, count: Int32)] = []
        var byteStart = 0
        for ids in optionIDs {
            ranges.append((Int32(spans.count), Int32(ids.count)))
            for id in ids {
                spans.append((Int32(byteStart), Int32(id.count)))
                byteStart += id.count
            }
        }
        optionSpans = .allocate(capacity: max(1, spans.count))
        _ = optionSpans.initialize(from: spans)
        optionIDRanges = .allocate(capacity: max(1, ranges.count))
        _ = optionIDRanges.initialize(from: ranges)
        facts = .allocate(capacity: max(1, questionIDs.count))
        smallValueOptions = .allocate(capacity: max(1, questionIDs.count * Self.smallValueLimit))
        smallValueOptions.initialize(repeating: -1)
        var idStart = 0
        for position in questionIDs.indices {
            let kind: UInt8
            switch readings[position] {
            case .scale: kind = 0
            case .choice: kind = 1
            case .yesNo: kind = 2
            case .numeric: kind = 3
            case .unscored: kind = 4
            case .unsupported: kind = 5
            }
            (facts.baseAddress! + position).initialize(
                to: QuestionFacts(
                    kind: kind,
                    allowsNotApplicable: allowsNotApplicable[position],
                    optionStart: Int32(optionStart[position]),
                    optionCount: Int32(optionCount[position]),
                    idStart: Int32(idStart),
                    idLength: Int32(questionIDs[position].count),
                    idIsPlain: questionIDs[position].allSatisfy {
                        $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\")
                    },
                    hasSmallValues: false,
                    weight: weights[position],
                    target: targetPoints[position],
                    gapThreshold: gapRule.thresholds[position] ?? -.infinity
                )
            )
            idStart += questionIDs[position].count
            let values = optionValues[position]
            if kind == 0,
                values.allSatisfy({ $0 >= 0 && $0 < Double(Self.smallValueLimit) && $0 == $0.rounded(.down) })
            {
                facts[position].hasSmallValues = true
                for (offset, value) in values.enumerated() {
                    let entry = position * Self.smallValueLimit + Int(value)
                    if smallValueOptions[entry] < 0 { smallValueOptions[entry] = Int32(optionStart[position] + offset) }
                }
            }
        }
    }

    deinit {
        optionBytes.deallocate()
        optionSpans.deallocate()
        optionIDRanges.deallocate()
        smallValueOptions.deallocate()
        dimensionPlan.deallocate()
        areaPlan.deallocate()
        bandPlan.deallocate()
        facts.deallocate()
        idBytes.deallocate()
        pointsTable.deallocate()
        valuesTable.deallocate()
    }

    /// The position of the question whose id is `bytes`, if any; `expected` is tried first, since responses
    /// usually list answers in asking order.
    @inline(__always)
    func position(ofQuestion bytes: UnsafeBufferPointer<UInt8>, expected: Int) -> Int? {
        if expected < facts.count, hasID(bytes, question: expected) { return expected }
        var slot = Int(truncatingIfNeeded: FNV1a.hash(bytes)) & (table.count - 1)
        while table[slot] != 0 {
            let position = Int(table[slot]) - 1
            if hasID(bytes, question: position) { return position }
            slot = (slot + 1) & (table.count - 1)
        }
        return nil
    }

    /// The length of question `position`'s key, quotes included, when `bytes` holds it at `offset`; 0 otherwise.
    ///
    /// Answers usually come in asking order, so the scanner tries the expected question's key first and skips
    /// reading the key byte by byte. Only plain ids (see ``QuestionFacts/idIsPlain``) match here, so a key that
    /// matches is exactly what ``Cursor/string()`` would have read.
    @inline(__always)
    func quotedKeyLength(of position: Int, in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Int {
        guard position < facts.count else { return 0 }
        let fact = facts[position]
        let length = Int(fact.idLength)
        guard fact.idIsPlain, bytes.count - offset >= length + 2, bytes[offset] == UInt8(ascii: "\""),
            bytes[offset + length + 1] == UInt8(ascii: "\"")
        else { return 0 }
        let id = idBytes.baseAddress! + Int(fact.idStart)
        let start = bytes.baseAddress! + offset + 1
        for index in 0..<length where start[index] != id[index] { return 0 }
        return length + 2
    }

    /// The position among question `position`'s answer strings (``optionIDs``) of the first that is `text`.
    @inline(__always)
    func option(named text: UnsafeBufferPointer<UInt8>, question position: Int) -> Int? {
        let range = optionIDRanges[position]
        for option in 0..<Int(range.count) {
            let span = optionSpans[Int(range.start) + option]
            guard Int(span.length) == text.count else { continue }
            let id = optionBytes.baseAddress! + Int(span.start)
            var equal = true
            for offset in 0..<text.count where text[offset] != id[offset] {
                equal = false
                break
            }
            if equal { return option }
        }
        return nil
    }

    @inline(__always)
    private func hasID(_ bytes: UnsafeBufferPointer<UInt8>, question position: Int) -> Bool {
        let fact = facts[position]
        guard Int(fact.idLength) == bytes.count else { return false }
        // Question ids are short: a loop beats a call into libc's memcmp.
        let id = idBytes.baseAddress! + Int(fact.idStart)
        for offset in 0..<bytes.count where bytes[offset] != id[offset] { return false }
        return true
    }

    /// Scores answers read by the ``ResponseScanner`` into `record`, exactly as the core's weighted-mean model
    /// would; returns `false` when an answer is not valid for its question, so the core can say why.
    ///
    /// `record` must be empty or hold the previous line's record: its bit sets are cleared here.
    package func score(_ slots: UnsafeBufferPointer<AnswerSlot>, into record: inout ScoredResponse) -> Bool {
        record.answered.removeAll()
        record.gaps.removeAll()
        // The bit sets are written through their words, and the scores gathered in locals before they are stored:
        // one uniqueness check per array per line, not one per answer.
        let dimensionCount = dimensions.count
        var scores = record.scores
        record.scores = []
        defer { record.scores = scores }
        let valid = record.answered.withWords { answered in
            record.gaps.withWords { gaps in
                scores.withUnsafeMutableBufferPointer { scores in
                    score(slots, scores: scores, answered: answered, gaps: gaps)
                }
            }
        }
        guard valid else { return false }
        record.levels.withUnsafeMutableBufferPointer { levels in
            for scope in 0...dimensionCount { levels[scope] = scores[scope].flatMap(bandLevel(for:)) }
        }
        return true
    }

    /// The weighted means of ``score(_:into:)``, written through pointers; `false` for an invalid answer.
    @inline(__always)
    private func score(
        _ slots: UnsafeBufferPointer<AnswerSlot>,
        scores: UnsafeMutableBufferPointer<Double?>,
        answered: UnsafeMutableBufferPointer<UInt64>,
        gaps: UnsafeMutableBufferPointer<UInt64>
    ) -> Bool {
        var overallSum = 0.0
        var overallWeight = 0.0
        for dimensionIndex in 0..<dimensionPlan.count {
            let dimension = dimensionPlan[dimensionIndex]
            var score: Double?
            var areaSum = 0.0
            var areaWeight = 0.0
            for areaIndex in dimension.areaStart..<dimension.areaEnd {
                let area = areaPlan[areaIndex]
                var sum = 0.0
                var weight = 0.0
                for position in area.lower..<area.upper {
                    guard let outcome = points(slots[position], question: position) else { return false }
                    if let earned = outcome.earned {
                        let bit: UInt64 = 1 << UInt64(position & 63)
                        answered[position >> 6] |= bit
                        if earned <= facts[position].gapThreshold + 1e-9 { gaps[position >> 6] |= bit }
                    }
                    guard let points = outcome.counted else { continue }
                    let questionWeight = facts[position].weight
                    sum += questionWeight * points
                    weight += questionWeight
                }
                let mean: Double? = weight > 0 ? 100 * sum / weight : nil
                if !dimension.hasAreas {
                    score = mean
                } else if let mean {
                    areaSum += area.weight * mean
                    areaWeight += area.weight
                }
            }
            if dimension.hasAreas { score = areaWeight > 0 ? areaSum / areaWeight : nil }
            if let score {
                overallSum += dimension.weight * score
                overallWeight += dimension.weight
            }
            scores[dimensionIndex] = score
        }
        scores[dimensionPlan.count] = overallWeight > 0 ? overallSum / overallWeight : nil
        return true
    }

    /// `MaturityRules.bandLevel(for:)` over the precomputed bands: the same comparisons in the same order.
    @inline(__always)
    private func bandLevel(for score: Double) -> Int? {
        let tolerance = 1e-9
        let last = bandPlan.count - 1
        var position = last
        while position >= 0 {
            let band = bandPlan[position]
            if band.isOpen { return nil }
            if score >= band.low - tolerance
                && (score < band.high - tolerance || (position == last && score <= band.high + tolerance))
            {
                return position
            }
            position -= 1
        }
        return nil
    }

    /// What one answer earns (`nil` without a value) and the points that count (`nil` when excluded); `nil`
    /// when the answer is not valid for the question.
    @inline(__always)
    private func points(_ slot: AnswerSlot, question position: Int) -> (earned: Double?, counted: Double?)? {
        let fact = facts[position]
        let earned: Double
        switch slot.kind {
        case .missing:
            return (nil, treated(policies.unanswered, fact))
        case .notApplicable:
            guard fact.allowsNotApplicable else { return nil }
            return (nil, treated(policies.notApplicable, fact))
        case .dontKnow:
            return (nil, treated(policies.dontKnow, fact))
        case .option:
            guard fact.kind <= 2 else { return nil }
            earned = pointsTable[Int(fact.optionStart) + Int(slot.option)]
        case .flag:
            guard fact.kind == 2 else { return nil }
            earned = slot.option == 1 ? 1 : 0
        case .number:
            if fact.hasSmallValues {
                // Every option value is a whole number in the table's range, so any other number matches none.
                let number = slot.number
                guard number >= 0, number < Double(Self.smallValueLimit), number == number.rounded(.down) else {
                    return nil
                }
                let option = Int(smallValueOptions[position * Self.smallValueLimit + Int(number)])
                guard option >= 0 else { return nil }
                earned = pointsTable[option]
            } else if fact.kind == 0 {
                // The first option with that value, as `AnswerReading` takes it.
                let start = Int(fact.optionStart)
                var found = -1
                for option in start..<(start + Int(fact.optionCount)) where valuesTable[option] == slot.number {
                    found = option
                    break
                }
                guard found >= 0 else { return nil }
                earned = pointsTable[found]
            } else if fact.kind == 3, case .numeric(let bands) = readings[position] {
                guard slot.number.isFinite, let band = bands.first(where: { $0.contains(slot.number) }) else {
                    return nil
                }
                earned = band.points
            } else {
                return nil
            }
        }
        return (earned, earned)
    }

    /// The points an answer without a value counts for, under the rubric's policy for it.
    @inline(__always)
    private func treated(_ treatment: AnswerTreatment, _ fact: QuestionFacts) -> Double? {
        if fact.kind == 4 { return nil }
        switch treatment {
        case .exclude: return nil
        case .zero: return 0
        case .target: return fact.target
        }
    }
}

/// One answer as the scanner read it: which JSON value it was, without building a `String`.
package struct AnswerSlot: Sendable, Hashable {
    /// The kind of JSON value.
    package enum Kind: UInt8, Sendable {
        /// No answer to the question.
        case missing
        /// A JSON number, in ``AnswerSlot/number``.
        case number
        /// A string naming option ``AnswerSlot/option`` of the question.
        case option
        /// `true` (option 1) or `false` (option 0).
        case flag
        /// The string `"na"`.
        case notApplicable
        /// The string `"unknown"`.
        case dontKnow
    }

    /// The kind of value.
    package var kind: Kind = .missing
    /// The option's position among the question's options, or 1/0 for `true`/`false`.
    package var option: Int32 = 0
    /// The number, for ``Kind/number``.
    package var number: Double = 0
}

/// The 64-bit FNV-1a hash: cheap, stable across runs and processes, good enough to spread short ids.
package enum FNV1a {
    /// The hash of `bytes`.
    @inline(__always)
    package static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}

@inline(__always)
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ other: StaticString) -> Bool {
    guard bytes.count == other.utf8CodeUnitCount else { return false }
    let letters = other.utf8Start
    for index in 0..<bytes.count where bytes[index] != letters[index] { return false }
    return true
}

@inline(__always)
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
    guard bytes.count == other.count else { return false }
    for index in 0..<bytes.count where bytes[index] != other[index] { return false }
    return true
}
