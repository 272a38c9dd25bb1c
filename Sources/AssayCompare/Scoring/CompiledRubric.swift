import AssayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The byte-level front end of a ``ScoringPlan``: the tables the ``ResponseScanner`` reads an NDJSON line's answers
/// into answer codes with, without dictionaries of strings or a branch per answer.
///
/// The scanner reads each answer as an ``AnswerCode``: a small number that says which of the question's answers it
/// was (unanswered, "na", "unknown", `true`/`false`, an option named by its id, an option or band named by a
/// number, any text for a text question). What a code means (its points, whether it is valid, what it does to
/// conditions and gates) is the core's ``ScoringPlan``'s to say, and the plan's answers are the core's own; this
/// type adds only where each code's answered and gap bits go, and how to find codes in bytes. Every built-in
/// model and every rubric shape the plan takes compiles; for the rest ``CompiledRubric/init(scorer:)`` returns
/// `nil` and every response goes through the core's `Scorer`. `ResponseScannerTests` checks that the two give the
/// same scores, levels and gaps bit for bit on every bundled rubric.
///
/// A class, not a struct: the scanner and every worker hold it, and copying its arrays into each holder once per
/// line cost more than scoring the line. The hot loop reads the tables through pointers, without bounds checks or
/// reference counting per answer.
///
/// `@unchecked Sendable` is sound: every buffer is written only in `init` and freed only in `deinit`; between
/// them the object is immutable, so threads may read it at once.
package final class CompiledRubric: @unchecked Sendable {
    /// What the scanner needs to know about one question, in one place.
    struct QuestionFacts {
        /// An `AnswerScanning` without its payload: 0 an option by id or value, 1 an option by id, 2 a flag, 3 a
        /// number in a band, 4 any text, 5 declined, 6 a number the format codes, 7 a text the format codes.
        var kind: UInt8
        /// Whether the id has no `"`, `\\` or control character, so its quoted bytes are the only JSON spelling the
        /// scanner accepts for it and can be matched without reading the key as a string first.
        var idIsPlain: Bool
        /// Whether every option value is a whole number below ``CompiledRubric/smallValueLimit``, so
        /// ``CompiledRubric/smallValueCodes`` finds a number's code without searching.
        var hasSmallValues: Bool
        var idStart: Int32
        var idLength: Int32
        /// How many options (bands, for a numeric question) the question has.
        var optionCount: Int32
        /// Where the question's option values start in ``CompiledRubric/values``.
        var valueStart: Int32
    }

    /// The rubric, indexed.
    package let index: RubricIndex
    /// What every answer code means.
    package let plan: ScoringPlan
    /// The rule that decides which answers are gaps.
    package let gapRule: GapRule
    let rubricID: [UInt8]
    let rubricVersion: [UInt8]
    /// How many questions the rubric has.
    let questionCount: Int
    /// How each question's answers are read, as its format (cut for the tests on it) says.
    let readings: [AnswerScanning]
    /// Each option's value, all questions' one after another.
    private let values: [Double]
    private let table: [Int32]
    private let facts: UnsafeMutableBufferPointer<QuestionFacts>
    /// Per outcome of the plan, bit 0: answered with a value; bit 1: a gap.
    private let marks: UnsafeMutableBufferPointer<UInt8>
    /// Per question, ``smallValueLimit`` entries: for each whole number, the code of the first option with that
    /// value, or ``AnswerCode/unmatchedNumber``. Filled only for questions with ``QuestionFacts/hasSmallValues``.
    private let smallValueCodes: UnsafeMutableBufferPointer<AnswerCode>
    /// Every option id's UTF-8, one after another in question and option order, with each id's start and length.
    private let optionBytes: UnsafeMutableBufferPointer<UInt8>
    private let optionSpans: UnsafeMutableBufferPointer<(start: Int32, length: Int32)>
    /// Per question, where its option ids start in ``optionSpans`` and how many there are.
    private let optionIDRanges: UnsafeMutableBufferPointer<(start: Int32, count: Int32)>
    static let smallValueLimit = 16
    private let idBytes: UnsafeMutableBufferPointer<UInt8>
    /// Per question, its quoted key as two masked 8-byte words, for ids of up to 14 bytes (``QuotedWords/none``
    /// for longer ones, which are matched byte by byte).
    private let keyWords: UnsafeMutableBufferPointer<QuotedWords>
    /// Per question, ``shortStringSlots`` entries of an open-addressing table from a short answer string (see
    /// ``ShortString``) to its code: `"na"`, `"unknown"` and the option ids of up to 7 bytes (up to half the
    /// slots; any others are read by the slow path).
    private let shortStrings: UnsafeMutableBufferPointer<(key: UInt64, code: AnswerCode)>
    static let shortStringSlots = 1 << ShortString.slotBits

    /// Compiles the rubric and model of `scorer`, or returns `nil` when the core has no ``ScoringPlan`` for them
    /// (a plugin model, or a rubric too large for the plan's tables).
    package convenience init?(scorer: Scorer) {
        guard let plan = ScoringPlan(index: scorer.index, model: scorer.model) else { return nil }
        self.init(plan: plan)
    }

    /// The byte-level front end of `plan`.
    package init(plan: ScoringPlan) {
        let index = plan.index
        let rubric = index.rubric
        self.plan = plan
        self.index = index
        gapRule = GapRule(index: index)
        rubricID = Array(rubric.id.utf8)
        rubricVersion = Array(rubric.version.utf8)
        questionCount = index.questions.count
        let questionIDs = index.questions.map { Array($0.question.id.utf8) }
        let readings = index.questions.indices.map(plan.scanning(ofQuestion:))
        let optionIDs: [[[UInt8]]] = zip(index.questions, readings).map { entry, reading in
            switch reading {
            case .optionByIDOrValue, .optionByID, .flag: entry.options.map { Array($0.id.utf8) }
            case .band, .anyText, .declined, .codedNumber, .codedText: []
            }
        }
        self.readings = readings
        values = index.questions.flatMap { $0.options.map(\.value) }
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

        keyWords = .allocate(capacity: max(1, questionIDs.count))
        _ = keyWords.initialize(from: questionIDs.map { QuotedWords(id: $0) })
        shortStrings = .allocate(capacity: max(1, questionIDs.count * Self.shortStringSlots))
        shortStrings.initialize(repeating: (ShortString.empty, .missing))
        for position in questionIDs.indices {
            let table = UnsafeMutableBufferPointer(
                rebasing: shortStrings[(position * Self.shortStringSlots)..<((position + 1) * Self.shortStringSlots)])
            // In the order the slow path tries them: "na" and "unknown" before any option of the same name, and the
            // first of two options with one id.
            var entries: [([UInt8], AnswerCode)] = [
                (Array("na".utf8), .notApplicable), (Array("unknown".utf8), .dontKnow),
            ]
            entries += optionIDs[position].enumerated().map { ($1, .named(option: $0)) }
            var stored = 0
            // At most half full, so a miss ends its probe soon; strings left out are read by the slow path.
            for (text, code) in entries where stored < Self.shortStringSlots / 2 {
                guard let key = ShortString.key(of: text) else { continue }
                var slot = ShortString.slot(of: key)
                while table[slot].key != ShortString.empty && table[slot].key != key {
                    slot = (slot + 1) & (Self.shortStringSlots - 1)
                }
                if table[slot].key == ShortString.empty {
                    table[slot] = (key, code)
                    stored += 1
                }
            }
        }
        facts = .allocate(capacity: max(1, questionIDs.count))
        smallValueCodes = .allocate(capacity: max(1, questionIDs.count * Self.smallValueLimit))
        smallValueCodes.initialize(repeating: .unmatchedNumber)
        var idStart = 0
        var valueStart = 0
        for (position, entry) in index.questions.enumerated() {
            let kind: UInt8
            switch readings[position] {
            case .optionByIDOrValue: kind = 0
            case .optionByID: kind = 1
            case .flag: kind = 2
            case .band: kind = 3
            case .anyText: kind = 4
            case .declined: kind = 5
            case .codedNumber: kind = 6
            case .codedText: kind = 7
            }
            let optionValues = entry.options.map(\.value)
            let hasSmallValues =
                kind == 0
                && optionValues.allSatisfy { $0 >= 0 && $0 < Double(Self.smallValueLimit) && $0 == $0.rounded(.down) }
            (facts.baseAddress! + position).initialize(
                to: QuestionFacts(
                    kind: kind,
                    idIsPlain: isSpelledByItsBytes(questionIDs[position]),
                    hasSmallValues: hasSmallValues,
                    idStart: Int32(idStart),
                    idLength: Int32(questionIDs[position].count),
                    optionCount: Int32(entry.options.count),
                    valueStart: Int32(valueStart)
                )
            )
            idStart += questionIDs[position].count
            valueStart += entry.options.count
            if hasSmallValues {
                // Backwards, so the first option with a value is the one left in the table, as `AnswerReading`
                // takes it.
                for (option, value) in optionValues.enumerated().reversed() {
                    smallValueCodes[position * Self.smallValueLimit + Int(value)] = .number(
                        option: option, of: entry.options.count)
                }
            }
        }
        let gapRule = self.gapRule
        var allMarks: [UInt8] = []
        for position in index.questions.indices {
            for slot in plan.slots(ofQuestion: position) {
                let outcome = plan.outcome(slot)
                let answered = outcome.flags & ScoringPlan.Outcome.answered != 0
                let gap = answered && gapRule.isGap(outcome.earned, question: position)
                allMarks.append((answered ? 1 : 0) | (gap ? 2 : 0))
            }
        }
        marks = .allocate(capacity: max(1, allMarks.count))
        _ = marks.initialize(from: allMarks)
    }

    deinit {
        optionBytes.deallocate()
        optionSpans.deallocate()
        optionIDRanges.deallocate()
        smallValueCodes.deallocate()
        keyWords.deallocate()
        shortStrings.deallocate()
        facts.deallocate()
        marks.deallocate()
        idBytes.deallocate()
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
        let words = keyWords[position]
        if words.length > 0, bytes.count - offset >= 16 {
            let start = UnsafeRawPointer(bytes.baseAddress! + offset)
            let first = UInt64(littleEndian: start.loadUnaligned(as: UInt64.self))
            let second = UInt64(littleEndian: start.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            return (first ^ words.first) & words.firstMask | (second ^ words.second) & words.secondMask == 0
                ? words.length : 0
        }
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

    /// Whether question `position` is a text question, whose answers are any text.
    func takesFreeText(_ position: Int) -> Bool {
        facts[position].kind == 4 || facts[position].kind == 7
    }

    /// The code of the answer string `text` to question `position`: the first option whose id it is, or any text
    /// for a text question (the word's own code, when tests name words); `nil` when it is none (the scanner then
    /// leaves the line to jansson).
    @inline(__always)
    func code(ofOption text: UnsafeBufferPointer<UInt8>, question position: Int) -> AnswerCode? {
        let kind = facts[position].kind
        if kind == 4 { return .freeText }
        // Text that is not UTF-8 gets a code here too, and the scanner then declines the line.
        if kind == 7 { return plan.code(of: .text(String(decoding: text, as: UTF8.self)), at: position) }
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
            if equal { return .named(option: option) }
        }
        return nil
    }

    /// The code of the answer string that starts after the quote at `offset` in `bytes`, and the bytes it takes up,
    /// quotes included, when it is `"na"`, `"unknown"` or one of question `position`'s option ids and at most 7
    /// bytes long; `nil` otherwise, and the caller reads the string byte by byte.
    ///
    /// One 8-byte load, a bit trick that finds the closing quote, and one probe of the question's table: no branch
    /// per byte, and none that depends on which answer it was. An entry's bytes are an option id, which has no
    /// quote, backslash or control character and is valid UTF-8, so a match is exactly what ``Cursor/string()``
    /// followed by ``code(ofOption:question:)`` would have read.
    @inline(__always)
    func code(ofShortStringAt offset: Int, in bytes: UnsafeBufferPointer<UInt8>, question position: Int)
        -> (code: AnswerCode, length: Int)?
    {
        guard bytes.count - offset >= 9 else { return nil }
        let word = UInt64(
            littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset + 1).loadUnaligned(as: UInt64.self))
        // The classic "has a zero byte" test on the word XOR'd with quotes: the lowest flagged byte is the first
        // quote (borrows only run upwards, so flags above it may be false, never those below).
        let quotes = word ^ 0x2222_2222_2222_2222
        let flags = (quotes &- 0x0101_0101_0101_0101) & ~quotes & 0x8080_8080_8080_8080
        guard flags != 0 else { return nil }
        let length = flags.trailingZeroBitCount >> 3
        let key = ShortString.key(word, length: length)
        let table = shortStrings.baseAddress! + position * Self.shortStringSlots
        var slot = ShortString.slot(of: key)
        while true {
            let entry = table[slot]
            if entry.key == key { return (entry.code, length + 2) }
            if entry.key == ShortString.empty { return nil }
            slot = (slot + 1) & (Self.shortStringSlots - 1)
        }
    }

    /// The code of the one-digit answer `digit` to question `position`.
    @inline(__always)
    func code(ofDigit digit: Int, question position: Int) -> AnswerCode {
        guard facts[position].hasSmallValues else { return code(ofNumber: Double(digit), question: position) }
        return smallValueCodes[position * Self.smallValueLimit + digit]
    }

    /// The code of the number `number` as an answer to question `position`: the first scale option with that
    /// value, or the numeric question's band that holds it, as `AnswerReading` reads it; otherwise
    /// ``AnswerCode/unmatchedNumber``, which is no valid answer.
    func code(ofNumber number: Double, question position: Int) -> AnswerCode {
        let fact = facts[position]
        let count = Int(fact.optionCount)
        if fact.hasSmallValues {
            // Every option value is a whole number in the table's range, so any other number matches none.
            guard number >= 0, number < Double(Self.smallValueLimit), number == number.rounded(.down) else {
                return .unmatchedNumber
            }
            return smallValueCodes[position * Self.smallValueLimit + Int(number)]
        }
        switch readings[position] {
        case .optionByIDOrValue:
            let first = Int(fact.valueStart)
            for option in 0..<count where values[first + option] == number {
                return .number(option: option, of: count)
            }
        case .band(let bands):
            guard number.isFinite else { return .unmatchedNumber }
            if let band = bands.firstIndex(where: { $0.contains(number) }) { return .number(option: band, of: count) }
        case .codedNumber:
            return plan.code(of: .number(number), at: position) ?? .unmatchedNumber
        default: break
        }
        return .unmatchedNumber
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

    /// Scores the answer codes the ``ResponseScanner`` read into `record`, through the plan; returns `false` when
    /// an answer is not valid for its question, so the core can say why.
    ///
    /// `record` must be empty or hold the previous line's record: its bit sets are cleared here.
    package func score(_ codes: UnsafeBufferPointer<AnswerCode>, into record: inout ScoredResponse) -> Bool {
        record.answered.removeAll()
        record.gaps.removeAll()
        let marks = UnsafePointer(self.marks.baseAddress!)
        // The bit sets are written through their words: one uniqueness check per set per line, not one per answer,
        // and no branch on the answer.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: questionCount) { slots in
            record.scores.withUnsafeMutableBufferPointer { scores in
                record.levels.withUnsafeMutableBufferPointer { levels in
                    record.answered.withWords { answered in
                        record.gaps.withWords { gaps in
                            // A valid rubric has a dimension and every dimension a question, so the sets have words.
                            plan.score(
                                codes, slots: slots, scores: scores, levels: levels, marks: marks,
                                first: answered.baseAddress!, second: gaps.baseAddress!)
                        }
                    }
                }
            }
        }
    }
}

/// Whether `text` has no quote, backslash or control character, so that in JSON it is spelled by its own bytes
/// between quotes and nothing else: only such ids and options may be matched without reading the string.
func isSpelledByItsBytes(_ text: [UInt8]) -> Bool {
    text.allSatisfy { $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
}

/// A quoted key as two 8-byte words and masks: the quote, the id and the closing quote, up to 16 bytes.
struct QuotedWords {
    var first: UInt64 = 0
    var firstMask: UInt64 = 0
    var second: UInt64 = 0
    var secondMask: UInt64 = 0
    /// The quoted key's length in bytes; 0 when the id is too long for two words or not plain.
    var length = 0

    /// The words of `id` quoted; empty (length 0) for an id longer than 14 bytes or one with a quote, a backslash
    /// or a control character, whose JSON spelling is not its bytes in quotes.
    init(id: [UInt8]) {
        guard id.count <= 14, isSpelledByItsBytes(id)
        else { return }
        let quoted = [UInt8(ascii: "\"")] + id + [UInt8(ascii: "\"")]
        for (offset, byte) in quoted.enumerated() {
            let shift = UInt64(offset % 8) * 8
            if offset < 8 {
                first |= UInt64(byte) << shift
                firstMask |= 0xFF << shift
            } else {
                second |= UInt64(byte) << shift
                secondMask |= 0xFF << shift
            }
        }
        length = quoted.count
    }
}

/// A string of up to 7 bytes packed into one word with its length in the top byte: the key of the short-string
/// tables (see ``CompiledRubric/code(ofShortStringAt:in:question:)``).
enum ShortString {
    /// A short-string table has `1 << slotBits` slots.
    static let slotBits = 5
    /// No string has this key: a length byte of 0xFF.
    static let empty = UInt64.max

    /// The key of `bytes`, read little-endian as the scanner loads them; `nil` for a string that is too long, or
    /// that has a quote, backslash or control character and so is not spelled by its bytes in JSON.
    static func key(of bytes: [UInt8]) -> UInt64? {
        guard bytes.count <= 7, isSpelledByItsBytes(bytes)
        else { return nil }
        var word: UInt64 = 0
        for (offset, byte) in bytes.enumerated() { word |= UInt64(byte) << (UInt64(offset) * 8) }
        return key(word, length: bytes.count)
    }

    /// The key of the first `length` bytes (0 to 7) of `word`.
    @inline(__always)
    static func key(_ word: UInt64, length: Int) -> UInt64 {
        let mask: UInt64 = (1 << (UInt64(length) &* 8)) &- 1
        return word & mask | UInt64(length) << 56
    }

    /// The table slot a key starts probing at: a multiplicative hash.
    @inline(__always)
    static func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - slotBits))
    }
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
