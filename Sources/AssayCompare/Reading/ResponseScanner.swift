import AssayCore

/// A byte-level reader specialised to response documents: the fast path in front of jansson.
///
/// It understands one shape only: an object with the keys `id`, `organisation`, `rubric`, `rubric_version`,
/// `attributes` (strings) and `answers` (numbers without exponents, option ids, `true`/`false`, `"na"`,
/// `"unknown"`), each key once and in ASCII, strings without escapes. Anything else (an answer with a note, a list, an escape,
/// `null`, an unknown key or question, a repeated key, another rubric or version, text that is not UTF-8) makes
/// ``scan(_:)`` return `false`, and the caller hands the line to jansson, which stays the one definition of a
/// valid line. The scanner never rejects a line; it only declines to read it. `ResponseScannerTests` checks
/// with fuzzed and mutated lines that whenever it accepts a line, jansson accepts it and reads the same response.
package struct ResponseScanner {
    /// The rubric, compiled.
    package let rubric: CompiledRubric
    /// The attributes the caller needs, such as `region`, by name.
    package let wantedAttributes: [[UInt8]]
    /// How many of ``wantedAttributes``, from the first, a line must have to be accepted.
    package let requiredAttributeCount: Int

    /// The answers of the last line accepted, as codes by question position; valid until the next ``scan(_:)``.
    package var codes: UnsafeBufferPointer<AnswerCode> { UnsafeBufferPointer(buffers.codes) }
    /// Where the organisation's name is in the last line accepted.
    package private(set) var organisation: Range<Int> = 0..<0
    /// Where the response id is, if the line has one.
    package private(set) var id: Range<Int>?
    /// Where the rubric version is, if the line has one.
    package private(set) var version: Range<Int>?
    /// Every attribute of the last line accepted, as (name, value) ranges.
    package private(set) var attributes: [(key: Range<Int>, value: Range<Int>)] = []
    /// The wanted attributes' values, in the order of ``wantedAttributes``; `nil` where the line lacks one.
    package private(set) var wanted: [Range<Int>?]

    /// The answer codes and numbers, in memory the scanner owns: writing them never checks for or makes a copy,
    /// which an `Array` in a struct did once per line. Copies of a scanner share them, so each thread makes its own
    /// scanner.
    private let buffers: ScannerBuffers

    /// A scanner for responses to `rubric` that finds the attributes named in `required` (a line without one of
    /// them is declined) and in `optional`.
    package init(rubric: CompiledRubric, required: [String], optional: [String] = []) {
        self.rubric = rubric
        let wantedAttributes = required + optional
        self.wantedAttributes = wantedAttributes.map { Array($0.utf8) }
        requiredAttributeCount = required.count
        buffers = ScannerBuffers(count: rubric.questionCount)
        wanted = Array(repeating: nil, count: wantedAttributes.count)
    }

    private enum TopKey: UInt8 {
        case id = 1, organisation = 2, rubric = 4, version = 8, attributes = 16, answers = 32
    }

    /// Reads `line` (without its newline); `false` when the line is not of the one shape the scanner knows.
    package mutating func scan(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        buffers.codes.update(repeating: .missing)
        buffers.extras.removeAll(keepingCapacity: true)
        for index in wanted.indices { wanted[index] = nil }
        attributes.removeAll(keepingCapacity: true)
        id = nil
        version = nil
        var cursor = Cursor(bytes: line)
        var keys: UInt8 = 0
        cursor.skipWhitespace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipWhitespace()
        if !cursor.take(UInt8(ascii: "}")) {
            while true {
                guard let key = cursor.string(), cursor.separator(UInt8(ascii: ":")) else { return false }
                let name = UnsafeBufferPointer(rebasing: line[key.range])
                let found: TopKey
                if bytesEqual(name, Self.answersKey) {
                    found = .answers
                } else if bytesEqual(name, Self.attributesKey) {
                    found = .attributes
                } else if bytesEqual(name, Self.organisationKey) {
                    found = .organisation
                } else if bytesEqual(name, Self.rubricKey) {
                    found = .rubric
                } else if bytesEqual(name, Self.versionKey) {
                    found = .version
                } else if bytesEqual(name, Self.idKey) {
                    found = .id
                } else {
                    return false
                }
                guard keys & found.rawValue == 0 else { return false }
                keys |= found.rawValue
                switch found {
                case .answers:
                    guard readAnswers(&cursor) else { return false }
                case .attributes:
                    guard readAttributes(&cursor) else { return false }
                default:
                    guard let value = cursor.string(), value.isValidUTF8(in: line) else { return false }
                    switch found {
                    case .id: id = value.range
                    case .organisation: organisation = value.range
                    case .rubric:
                        guard bytesEqual(UnsafeBufferPointer(rebasing: line[value.range]), rubric.rubricID) else {
                            return false
                        }
                    case .version:
                        guard bytesEqual(UnsafeBufferPointer(rebasing: line[value.range]), rubric.rubricVersion) else {
                            return false
                        }
                        version = value.range
                    default: return false
                    }
                }
                cursor.skipWhitespace()
                if cursor.take(UInt8(ascii: "}")) { break }
                guard cursor.take(UInt8(ascii: ",")) else { return false }
                cursor.skipWhitespace()
            }
        }
        cursor.skipWhitespace()
        guard cursor.atEnd else { return false }
        // The core requires a rubric; aggregation requires an organisation and every wanted attribute.
        guard keys & TopKey.rubric.rawValue != 0, keys & TopKey.organisation.rawValue != 0 else { return false }
        return !wanted[0..<requiredAttributeCount].contains(nil)
    }

    private mutating func readAttributes(_ cursor: inout Cursor) -> Bool {
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "}")) { return true }
        let line = cursor.bytes
        while true {
            // A key with non-ASCII bytes may have a twin in another Unicode normalisation form, which jansson's
            // path refuses as a repeated key and this byte-level reader cannot see: decline it.
            guard let key = cursor.string(), key.isASCII, cursor.separator(UInt8(ascii: ":")),
                let value = cursor.string(), value.isValidUTF8(in: line)
            else { return false }
            let name = UnsafeBufferPointer(rebasing: line[key.range])
            for earlier in attributes where UnsafeBufferPointer(rebasing: line[earlier.key]).elementsEqual(name) {
                return false
            }
            attributes.append((key.range, value.range))
            for (position, wantedName) in wantedAttributes.enumerated() where bytesEqual(name, wantedName) {
                wanted[position] = value.range
            }
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: "}")) { return true }
            guard cursor.take(UInt8(ascii: ",")) else { return false }
            cursor.skipWhitespace()
        }
    }

    private mutating func readAnswers(_ cursor: inout Cursor) -> Bool {
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "}")) { return true }
        let line = cursor.bytes
        let codes = buffers.codes
        var expected = 0
        while true {
            let position: Int
            let predicted = rubric.quotedKeyLength(of: expected, in: line, at: cursor.position)
            if predicted > 0 {
                cursor.position += predicted
                position = expected
                guard cursor.separator(UInt8(ascii: ":")) else { return false }
            } else {
                guard let key = cursor.string(), cursor.separator(UInt8(ascii: ":")),
                    let found = rubric.position(
                        ofQuestion: UnsafeBufferPointer(rebasing: line[key.range]), expected: expected)
                else { return false }
                position = found
            }
            // Every answer read gets a code other than `missing`, so a code already there is a repeated key.
            guard codes[position] == .missing else { return false }
            expected = position + 1
            if cursor.peek() == UInt8(ascii: "{") {
                guard readAnswerObject(&cursor, position: position) else { return false }
            } else {
                guard readValue(&cursor, position: position) else { return false }
            }
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: "}")) { return true }
            guard cursor.take(UInt8(ascii: ",")) else { return false }
            cursor.skipWhitespace()
        }
    }

    /// Reads one answer value into question `position`'s code: a string, `true`, `false` or a number.
    @inline(__always)
    private mutating func readValue(_ cursor: inout Cursor, position: Int) -> Bool {
        guard let first = cursor.peek() else { return false }
        let line = cursor.bytes
        let codes = buffers.codes
        let numbers = buffers.numbers
        switch first {
        case UInt8(ascii: "\""):
            if let short = rubric.code(ofShortStringAt: cursor.position, in: line, question: position) {
                codes[position] = short.code
                cursor.position += short.length
                return true
            }
            guard let value = cursor.string() else { return false }
            let text = UnsafeBufferPointer(rebasing: line[value.range])
            if bytesEqual(text, Self.notApplicable) {
                codes[position] = .notApplicable
            } else if bytesEqual(text, Self.unknown) {
                codes[position] = .dontKnow
            } else {
                guard let code = rubric.code(ofOption: text, question: position), value.isValidUTF8(in: line)
                else { return false }
                codes[position] = code
                buffers.texts[position] = value.range
            }
        case UInt8(ascii: "t"):
            guard cursor.literal(Self.trueLiteral) else { return false }
            codes[position] = .yes
        case UInt8(ascii: "f"):
            guard cursor.literal(Self.falseLiteral) else { return false }
            codes[position] = .no
        default:
            // The common case, one digit and then the next member or the end: read it without the general path.
            if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"), let next = cursor.peek(at: 1),
                next == UInt8(ascii: ",") || next == UInt8(ascii: "}")
            {
                cursor.position += 1
                let digit = Int(first - UInt8(ascii: "0"))
                codes[position] = rubric.code(ofDigit: digit, question: position)
                numbers[position] = Double(digit)
            } else {
                guard let number = cursor.number() else { return false }
                codes[position] = rubric.code(ofNumber: number, question: position)
                numbers[position] = number
            }
        }
        return true
    }

    /// Reads an answer written as an object: `"value"` (required), `"note"` and `"evidence"` (a string or a
    /// list of strings), each once and nothing else. The note and evidence count for nothing in a comparison;
    /// they are kept only as places in the line, so ``response(in:)`` can give them back.
    private mutating func readAnswerObject(_ cursor: inout Cursor, position: Int) -> Bool {
        let line = cursor.bytes
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipWhitespace()
        var seen: UInt8 = 0
        while true {
            guard let key = cursor.string(), cursor.separator(UInt8(ascii: ":")) else { return false }
            let name = UnsafeBufferPointer(rebasing: line[key.range])
            if bytesEqual(name, Self.valueKey) {
                guard seen & 1 == 0, cursor.peek() != UInt8(ascii: "{"), readValue(&cursor, position: position)
                else { return false }
                seen |= 1
            } else if bytesEqual(name, Self.noteKey) {
                guard seen & 2 == 0, let note = cursor.string(), note.isValidUTF8(in: line) else { return false }
                buffers.extras.append((position, true, note.range))
                seen |= 2
            } else if bytesEqual(name, Self.evidenceKey) {
                guard seen & 4 == 0, readEvidence(&cursor, position: position) else { return false }
                seen |= 4
            } else {
                return false
            }
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: "}")) { break }
            guard cursor.take(UInt8(ascii: ",")) else { return false }
            cursor.skipWhitespace()
        }
        // A note without a value is no answer; jansson's path reads it.
        return seen & 1 != 0
    }

    /// Reads `"evidence"`: one string, or a list of strings.
    private mutating func readEvidence(_ cursor: inout Cursor, position: Int) -> Bool {
        let line = cursor.bytes
        if cursor.peek() == UInt8(ascii: "\"") {
            guard let item = cursor.string(), item.isValidUTF8(in: line) else { return false }
            buffers.extras.append((position, false, item.range))
            return true
        }
        guard cursor.take(UInt8(ascii: "[")) else { return false }
        cursor.skipWhitespace()
        if cursor.take(UInt8(ascii: "]")) { return true }
        while true {
            guard let item = cursor.string(), item.isValidUTF8(in: line) else { return false }
            buffers.extras.append((position, false, item.range))
            cursor.skipWhitespace()
            if cursor.take(UInt8(ascii: "]")) { return true }
            guard cursor.take(UInt8(ascii: ",")) else { return false }
            cursor.skipWhitespace()
        }
    }

    /// The last accepted line as the core's `AssessmentResponse`, for tests that compare the scanner with jansson.
    package func response(in line: UnsafeBufferPointer<UInt8>) -> AssessmentResponse {
        func text(_ range: Range<Int>) -> String { String(decoding: line[range], as: UTF8.self) }
        var answers: [String: Answer] = [:]
        for (position, code) in codes.enumerated() {
            let entry = rubric.index.questions[position]
            let value: AnswerValue
            switch code {
            case .missing: continue
            case .notApplicable: value = .notApplicable
            case .dontKnow: value = .dontKnow
            case .unmatchedNumber: value = .number(buffers.numbers[position])
            case .no, .yes: value = .flag(code == .yes)
            default:
                value =
                    rubric.takesFreeText(position)
                    ? .text(text(buffers.texts[position]))
                    : code.isNumber(of: entry.options.count)
                        ? .number(buffers.numbers[position])
                        : .text(entry.options[code.option(of: entry.options.count)].id)
            }
            answers[entry.question.id] = Answer(value)
        }
        for (position, isNote, range) in buffers.extras {
            let id = rubric.index.questions[position].question.id
            if isNote { answers[id]?.note = text(range) } else { answers[id]?.evidence.append(text(range)) }
        }
        return AssessmentResponse(
            id: id.map(text),
            organisation: text(organisation),
            rubric: rubric.index.rubric.id,
            rubricVersion: version.map(text),
            attributes: Dictionary(attributes.map { (text($0.key), text($0.value)) }, uniquingKeysWith: { $1 }),
            answers: answers
        )
    }

    // Static strings, not arrays: reading one needs no lazy initialisation check and no reference count.
    private static let answersKey: StaticString = "answers"
    private static let attributesKey: StaticString = "attributes"
    private static let organisationKey: StaticString = "organisation"
    private static let rubricKey: StaticString = "rubric"
    private static let versionKey: StaticString = "rubric_version"
    private static let idKey: StaticString = "id"
    private static let valueKey: StaticString = "value"
    private static let noteKey: StaticString = "note"
    private static let evidenceKey: StaticString = "evidence"
    private static let notApplicable: StaticString = "na"
    private static let unknown: StaticString = "unknown"
    private static let trueLiteral: StaticString = "true"
    private static let falseLiteral: StaticString = "false"
}

/// Memory for a scanner's per-line state, allocated once.
final class ScannerBuffers {
    /// Each question's answer code.
    let codes: UnsafeMutableBufferPointer<AnswerCode>
    /// Each question's answer as a number, where it was one: what a number code stands for cannot say which
    /// number it was (`2` and `2.0`, or any number in a band).
    let numbers: UnsafeMutableBufferPointer<Double>
    /// Each text question's answer, where in the line it was.
    let texts: UnsafeMutableBufferPointer<Range<Int>>
    /// The notes (`isNote`) and evidence of the line's answers written as objects, where in the line they were.
    var extras: [(position: Int, isNote: Bool, range: Range<Int>)] = []

    init(count: Int) {
        texts = .allocate(capacity: count)
        texts.initialize(repeating: 0..<0)
        codes = .allocate(capacity: count)
        codes.initialize(repeating: .missing)
        numbers = .allocate(capacity: count)
        numbers.initialize(repeating: 0)
    }

    deinit {
        codes.deallocate()
        numbers.deallocate()
        texts.deallocate()
    }
}

/// A string the cursor read: where its contents are, and whether they need a UTF-8 check.
struct ScannedString {
    var range: Range<Int>
    var isASCII: Bool

    /// Whether the contents are valid UTF-8, as jansson requires; ASCII always is.
    func isValidUTF8(in line: UnsafeBufferPointer<UInt8>) -> Bool {
        if isASCII { return true }
        var iterator = line[range].makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}

/// A position in a line's bytes with the few JSON tokens the scanner reads.
struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    /// The byte `offset` bytes ahead, if there is one.
    func peek(at offset: Int) -> UInt8? {
        position + offset < bytes.count ? bytes[position + offset] : nil
    }

    /// Skips JSON whitespace: space, tab, carriage return, line feed.
    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            let byte = bytes[position]
            guard byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A else { return }
            position += 1
        }
    }

    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Whitespace, `byte`, whitespace.
    @inline(__always)
    mutating func separator(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard take(byte) else { return false }
        skipWhitespace()
        return true
    }

    mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - position >= count else { return false }
        let letters = word.utf8Start
        for offset in 0..<count where bytes[position + offset] != letters[offset] { return false }
        position += count
        return true
    }

    /// A string without escapes or control characters; `nil` (decline) for anything else.
    @inline(__always)
    mutating func string() -> ScannedString? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        var isASCII = true
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                position += 1
                return ScannedString(range: start..<(position - 1), isASCII: isASCII)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            if byte >= 0x80 { isASCII = false }
            position += 1
        }
        return nil
    }

    /// A number `-?(0|[1-9][0-9]{0,14})(\.[0-9]+)?`; exponents and longer integers are left to jansson.
    mutating func number() -> Double? {
        let start = position
        let negative = take(UInt8(ascii: "-"))
        guard let first = peek(), first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return nil }
        var integer: Int64 = 0
        var digits = 0
        if first == UInt8(ascii: "0") {
            position += 1
            digits = 1
        } else {
            while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                integer = integer * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
                position += 1
                if digits > 15 { return nil }
            }
        }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        guard take(UInt8(ascii: ".")) else {
            if let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") { return nil }
            // jansson reads an integer as a 64-bit integer, and Assay converts it to Double: exact below 2⁵³.
            return negative && integer != 0 ? -Double(integer) : Double(integer)
        }
        var fractionDigits = 0
        while let byte = peek(), byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            fractionDigits += 1
            position += 1
        }
        guard fractionDigits > 0, fractionDigits + digits <= 40 else { return nil }
        if let byte = peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { return nil }
        // jansson converts reals with strtod; Swift's Double(_:) is correctly rounded the same way.
        return Double(String(decoding: bytes[start..<position], as: UTF8.self))
    }
}
