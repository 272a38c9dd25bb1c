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
        var weight: Double
        var target: Double
        /// The highest points that are a gap; −∞ for questions without gaps.
        var gapThreshold: Double
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
    private let facts: UnsafeMutableBufferPointer<QuestionFacts>
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
        facts = .allocate(capacity: max(1, questionIDs.count))
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
                    weight: weights[position],
                    target: targetPoints[position],
                    gapThreshold: gapRule.thresholds[position] ?? -.infinity
                )
            )
            idStart += questionIDs[position].count
        }
    }

    deinit {
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
                var overallSum = 0.0
                var overallWeight = 0.0
                for dimensionIndex in 0..<dimensionCount {
                    let dimension = dimensions[dimensionIndex]
                    var score: Double?
                    var areaSum = 0.0
                    var areaWeight = 0.0
                    for area in dimension.areas {
                        var sum = 0.0
                        var weight = 0.0
                        for position in area.positions {
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
                scores[dimensionCount] = overallWeight > 0 ? overallSum / overallWeight : nil
                return true
            }
        }
        guard valid else { return false }
        record.levels.withUnsafeMutableBufferPointer { levels in
            for scope in 0...dimensionCount { levels[scope] = scores[scope].flatMap { rules.bandLevel(for: $0) } }
        }
        return true
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
            if fact.kind == 0 {
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
func bytesEqual(_ bytes: UnsafeBufferPointer<UInt8>, _ other: [UInt8]) -> Bool {
    guard bytes.count == other.count else { return false }
    for index in 0..<bytes.count where bytes[index] != other[index] { return false }
    return true
}
