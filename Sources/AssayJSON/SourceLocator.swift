import AssayCore

/// Finds the line and column of a path in JSON text that jansson has already accepted.
///
/// jansson keeps no positions for the values it parses, so error messages about a value (a wrong type, a duplicate
/// id) need this. It never decides whether text is valid — jansson did that — it only walks the accepted text to
/// the path, skipping other values by counting brackets outside strings.
struct SourceLocator {
    let bytes: [UInt8]

    /// The 1-based line and column of the value at `path`, or of the deepest part of the path that exists.
    func locate(_ path: DocumentPath) -> (line: Int, column: Int) {
        var offset = skipWhitespace(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0)
        for component in path.components {
            guard offset < bytes.count, let next = step(from: offset, to: component) else { break }
            offset = next
        }
        return lineAndColumn(of: offset)
    }

    private func step(from offset: Int, to component: DocumentPath.Component) -> Int? {
        switch (bytes[offset], component) {
        case (UInt8(ascii: "{"), .key(let key)):
            var position = skipWhitespace(offset + 1)
            while position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                let (name, afterKey) = readString(at: position)
                let valueStart = skipWhitespace(skipWhitespace(afterKey) + 1)  // past the colon
                if name == key { return valueStart }
                position = skipWhitespace(skipValue(at: valueStart))
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position = skipWhitespace(position + 1)
                } else {
                    break
                }
            }
            return nil
        case (UInt8(ascii: "["), .index(let index)):
            var position = skipWhitespace(offset + 1)
            var current = 0
            while position < bytes.count, bytes[position] != UInt8(ascii: "]") {
                if current == index { return position }
                position = skipWhitespace(skipValue(at: position))
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position = skipWhitespace(position + 1)
                }
                current += 1
            }
            return nil
        default:
            return nil
        }
    }

    private func skipWhitespace(_ offset: Int) -> Int {
        var position = offset
        while position < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[position]) { position += 1 }
        return position
    }

    /// The decoded string starting at the quote at `offset`, and the offset just past its closing quote.
    private func readString(at offset: Int) -> (String, Int) {
        var position = offset + 1
        var raw: [UInt8] = []
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                let escaped = bytes[position + 1]
                switch escaped {
                case UInt8(ascii: "u"):
                    // A \u escape names a UTF-16 code unit; a high surrogate pairs with the \u escape after it.
                    var unit = hexUnit(at: position + 2)
                    position += 6
                    if let high = unit, (0xD800...0xDBFF).contains(high), position + 1 < bytes.count,
                        bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u"),
                        let low = hexUnit(at: position + 2), (0xDC00...0xDFFF).contains(low)
                    {
                        unit = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                    if let scalar = unit.flatMap(Unicode.Scalar.init) {
                        raw += Array(String(Character(scalar)).utf8)
                    }
                    continue
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "b"): raw.append(0x08)
                case UInt8(ascii: "f"): raw.append(0x0C)
                default: raw.append(escaped)
                }
                position += 2
            } else {
                raw.append(bytes[position])
                position += 1
            }
        }
        return (String(decoding: raw, as: UTF8.self), position + 1)
    }

    /// The code unit named by the four hex digits at `offset`.
    private func hexUnit(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        return UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
    }

    /// The offset just past the value starting at `offset`.
    private func skipValue(at offset: Int) -> Int {
        guard offset < bytes.count else { return offset }
        switch bytes[offset] {
        case UInt8(ascii: "\""):
            return skipString(at: offset)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var position = offset
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: "\""):
                    position = skipString(at: position)
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return position + 1 }
                default:
                    break
                }
                position += 1
            }
            return position
        default:
            var position = offset
            while position < bytes.count,
                ![UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09].contains(
                    bytes[position])
            {
                position += 1
            }
            return position
        }
    }

    private func skipString(at offset: Int) -> Int {
        var position = offset + 1
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
        }
        return position + 1
    }

    /// Line and column of a byte offset; columns count characters, not bytes, as jansson's do.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while position < min(offset, bytes.count) {
            let byte = bytes[position]
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            position += 1
        }
        return (line, column)
    }
}
