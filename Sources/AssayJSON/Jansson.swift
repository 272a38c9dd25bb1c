import AssayCore
import CJansson

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads and writes JSON text with libjansson: the one definition of what valid JSON is for Assay.
///
/// Parsing rejects duplicate keys (jansson's `JSON_REJECT_DUPLICATES`), text that is not UTF-8, NUL characters in
/// strings, and nesting deeper than ``maximumDepth``. Errors name the line and column jansson reports.
public enum Jansson {
    /// The deepest nesting Assay accepts; no rubric or response comes near it.
    public static let maximumDepth = 64

    /// Parses `bytes` into a value, or throws an ``InputError`` naming `file`, line and column.
    public static func parse(_ bytes: [UInt8], file: String) throws(InputError) -> JSONValue {
        try parse(bytes, file: file, noun: "file")
    }

    /// Parses `bytes`, calling them `noun` ("file", "text") in messages that describe the whole input.
    static func parse(_ bytes: [UInt8], file: String, noun: String) throws(InputError) -> JSONValue {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }  // a UTF-8 byte order mark, as some editors write
        if bytes[start...].allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw InputError(.emptyFile, "the \(noun) is empty; expected a JSON object", file: file)
        }
        if let nul = bytes.firstIndex(of: 0) {
            // jansson stops at a NUL and reports what it expected there ("'}' expected"), which misleads.
            let (line, column) = SourceLocator(bytes: bytes).position(ofOffset: nul)
            throw InputError(
                .invalidEncoding, "the \(noun) contains a NUL byte, which JSON text never holds; is it a binary file?",
                file: file, line: line, column: column)
        }
        var error = json_error_t()
        let flags = Int(JSON_REJECT_DUPLICATES)
        let root: UnsafeMutablePointer<json_t>? = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: buffer.count - start) {
                json_loadb($0, buffer.count - start, flags, &error)
            }
        }
        guard let root else {
            throw InputError(parseError: error, file: file, noun: noun)
        }
        defer { assay_json_decref(root) }
        do {
            return try convert(root, depth: 0)
        } catch {
            guard case .equivalentKeys(let key, let reversedPath) = error else { throw tooDeep(file) }
            let path = DocumentPath(reversedPath.reversed())
            var locator = SourceLocator(bytes: bytes)
            let (line, column) = locator.locate(path)
            throw InputError(
                .invalidJSON,
                "duplicate object key \"\(key)\", spelt twice in different Unicode normalisation forms (é as one character and as e with an accent); each key may appear once in an object",
                file: file, line: line, column: column, path: path)
        }
    }

    /// Why a parsed tree cannot be converted; the path is built on the way back up, innermost step first.
    private enum ConversionFailure: Error {
        case tooDeep
        /// Two keys of one object that Swift's `String` treats as one (canonically equivalent, such as `région`
        /// in NFC and in NFD), which jansson, comparing bytes, kept as two. Keys are compared as Swift compares
        /// them on every path, so such an object is refused like any other with a repeated key.
        case equivalentKeys(String, [DocumentPath.Component])
    }

    private static func convert(_ json: UnsafeMutablePointer<json_t>, depth: Int) throws(ConversionFailure)
        -> JSONValue
    {
        switch assay_json_typeof(json) {
        case Int32(JSON_OBJECT.rawValue):
            guard depth < maximumDepth else { throw .tooDeep }
            var members: [(key: String, value: JSONValue)] = []
            members.reserveCapacity(json_object_size(json))
            var iterator = json_object_iter(json)
            var hasNonASCIIKey = false
            while let current = iterator {
                let key = String(cString: json_object_iter_key(current))
                if !hasNonASCIIKey, key.utf8.contains(where: { $0 >= 0x80 }) { hasNonASCIIKey = true }
                do {
                    members.append((key, try convert(json_object_iter_value(current), depth: depth + 1)))
                } catch .equivalentKeys(let inner, let path) {
                    throw .equivalentKeys(inner, path + [.key(key)])
                } catch {
                    throw error
                }
                iterator = json_object_iter_next(json, current)
            }
            // jansson refused keys with the same bytes, and ASCII keys are equal as Swift compares them only when
            // their bytes are: only an object with a non-ASCII key can hold two keys Swift takes for one.
            guard hasNonASCIIKey else { return .object(JSONObject(distinctMembers: members)) }
            let object = JSONObject(members)
            if object.members.count != members.count {
                // Only keys with non-ASCII bytes can be equivalent without being equal.
                var seen: Set<String> = []
                let repeated = members.first { !seen.insert($0.key).inserted }!.key
                throw .equivalentKeys(repeated, [.key(repeated)])
            }
            return .object(object)
        case Int32(JSON_ARRAY.rawValue):
            guard depth < maximumDepth else { throw .tooDeep }
            let count = json_array_size(json)
            var elements: [JSONValue] = []
            elements.reserveCapacity(count)
            for index in 0..<count {
                do {
                    elements.append(try convert(json_array_get(json, index), depth: depth + 1))
                } catch .equivalentKeys(let inner, let path) {
                    throw .equivalentKeys(inner, path + [.index(index)])
                } catch {
                    throw error
                }
            }
            return .array(elements)
        case Int32(JSON_STRING.rawValue):
            let length = json_string_length(json)
            let pointer = json_string_value(json)!
            return .string(
                pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                    String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                }
            )
        case Int32(JSON_INTEGER.rawValue):
            return .integer(Int64(json_integer_value(json)))
        case Int32(JSON_REAL.rawValue):
            return .real(json_real_value(json))
        case Int32(JSON_TRUE.rawValue):
            return .bool(true)
        case Int32(JSON_FALSE.rawValue):
            return .bool(false)
        default:
            return .null
        }
    }

    private static func tooDeep(_ file: String) -> InputError {
        InputError(.invalidJSON, "values are nested more than \(maximumDepth) levels deep", file: file)
    }

    /// Writes `value` as JSON text: indented by two spaces when `pretty`, else on one line; ends with a newline
    /// when pretty.
    ///
    /// Numbers are written with 15 significant digits (66.6666666666667 for two thirds), which is every number a
    /// person types, except where that would change the number: a real that needs 16 or 17 digits to be read back
    /// as itself (49.99999999999999, just below a band's edge, written as 50 would move the answer into the next
    /// band) is written in full, in the shortest form that reads back exactly.
    public static func serialize(_ value: JSONValue, pretty: Bool = true) -> String {
        // JSON_INDENT(2) | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY, or JSON_COMPACT for one line.
        let flags = (pretty ? 2 : Int(JSON_COMPACT)) | Int(JSON_ENCODE_ANY)
        var exact = ExactReals(marking: true)
        var json = makeJSON(value, &exact)
        defer { assay_json_decref(json) }
        if !exact.numbers.isEmpty && exact.sawMarker {
            // A string of the document is itself marker-shaped, which no one writes by accident: rather than guess,
            // every real in 17 digits, which reads back exactly too.
            assay_json_decref(json)
            exact = ExactReals(marking: false)
            json = makeJSON(value, &exact)
            return dump(json, flags: flags | (17 << 11), pretty: pretty)
        }
        let text = dump(json, flags: flags | (15 << 11), pretty: pretty)
        return exact.numbers.isEmpty ? text : exact.substitute(in: text)
    }

    private static func dump(_ json: UnsafeMutablePointer<json_t>, flags: Int, pretty: Bool) -> String {
        guard let text = json_dumps(json, flags) else { return "null" }
        defer { free(text) }
        return String(cString: text) + (pretty ? "\n" : "")
    }

    /// The reals of a document that 15 significant digits would change, each written as a marker string (U+0001,
    /// `#` and its position) and put back in full once jansson has written the text.
    private struct ExactReals {
        var marking: Bool
        var numbers: [Double] = []
        /// Whether a string or key of the document is itself a marker (U+0001, `#`, digits and nothing else).
        var sawMarker = false

        /// `number` as jansson writes it: itself, or a marker when 15 digits would not read back as it.
        mutating func json(_ number: Double) -> UnsafeMutablePointer<json_t>? {
            guard marking, number.isFinite, Self.significantDigits(number) > 15 else { return json_real(number) }
            numbers.append(number)
            return json_string("\u{1}#\(numbers.count - 1)")
        }

        mutating func note(_ text: String) {
            guard !sawMarker, text.utf8.first == 1 else { return }
            let rest = text.utf8.dropFirst()
            sawMarker =
                rest.first == UInt8(ascii: "#") && rest.count > 1
                && rest.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }

        /// How many significant digits the shortest decimal that reads back as `number` has.
        static func significantDigits(_ number: Double) -> Int {
            // Swift writes the shortest such decimal: "49.99999999999999", "1e-05", "1.2345678901234567e+20".
            var digits = number.magnitude.description.utf8.prefix { $0 != UInt8(ascii: "e") }.filter {
                $0 != UInt8(ascii: ".")
            }
            while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            return digits.count
        }

        /// `text` with each marker string replaced by its number: one pass over jansson's output, string token by
        /// string token, replacing a token only when it is a whole marker (`"\u0001#` digits `"`), which no string of
        /// the document is (``sawMarker`` is false).
        func substitute(in text: String) -> String {
            let bytes = Array(text.utf8)
            let prefix = Array(#""\u0001#"#.utf8)
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + numbers.count * 8)
            var offset = 0
            while offset < bytes.count {
                guard bytes[offset] == UInt8(ascii: "\"") else {
                    result.append(bytes[offset])
                    offset += 1
                    continue
                }
                // A string token: to the quote that is not escaped.
                var end = offset + 1
                while bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                let token = bytes[offset...end]
                if let position = markerPosition(token, prefix: prefix) {
                    result += numbers[position].description.utf8
                } else {
                    result += token
                }
                offset = end + 1
            }
            return String(decoding: result, as: UTF8.self)
        }

        /// The position a marker token names; `nil` for any other string token.
        private func markerPosition(_ token: ArraySlice<UInt8>, prefix: [UInt8]) -> Int? {
            guard token.count > prefix.count + 1, token.starts(with: prefix) else { return nil }
            var position = 0
            for byte in token.dropFirst(prefix.count).dropLast() {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                position = position * 10 + Int(byte - UInt8(ascii: "0"))
                guard position < numbers.count else { return nil }
            }
            return position
        }
    }

    private static func makeJSON(_ value: JSONValue, _ exact: inout ExactReals) -> UnsafeMutablePointer<json_t> {
        switch value {
        case .null: return json_null()
        case .bool(let flag): return flag ? json_true() : json_false()
        case .integer(let number): return json_integer(json_int_t(number))
        case .real(let number):
            // jansson has no NaN or infinity; callers never produce them, and null is the honest fallback.
            return exact.json(number) ?? json_null()
        case .string(let text):
            exact.note(text)
            let count = text.utf8.count
            return text.withCString { json_stringn($0, count) } ?? json_string("")
        case .array(let elements):
            let array = json_array()!
            for element in elements { json_array_append_new(array, makeJSON(element, &exact)) }
            return array
        case .object(let object):
            let result = json_object()!
            for member in object.members {
                let count = member.key.utf8.count
                exact.note(member.key)
                let element = makeJSON(member.value, &exact)
                member.key.withCString { _ = json_object_setn_new(result, $0, count, element) }
            }
            return result
        }
    }
}

extension InputError {
    init(parseError error: json_error_t, file: String, noun: String) {
        var error = error
        let text = withUnsafeBytes(of: &error.text) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let code: SourceDiagnostic.Code
        let message: String
        if text.hasPrefix("unable to decode byte") || text.contains("invalid UTF-8") {
            code = .invalidEncoding
            message = "the \(noun) is not UTF-8 (\(text)); \(noun == "file" ? "save" : "send") it as UTF-8"
        } else if text.contains("duplicate object key") {
            code = .invalidJSON
            message = "\(text); each key may appear once in an object"
        } else if text.contains("maximum parsing depth") {
            code = .invalidJSON
            message = "values are nested too deeply"
        } else {
            code = .invalidJSON
            message = "invalid JSON: \(text)"
        }
        self.init(code, message, file: file, line: max(Int(error.line), 1), column: max(Int(error.column), 1))
    }
}
