import AssayCore

/// Finds the line and column of a path in JSON text that jansson has already accepted.
///
/// jansson keeps no positions for the values it parses, so error messages about a value (a wrong type, a duplicate
/// id) need this. It never decides whether text is valid — jansson did that — it only walks the accepted text to
/// the path, skipping other values by counting brackets outside strings.
///
/// Build one locator for all the diagnostics of a document: it remembers the members of every object and list it
/// has walked into, and where each line starts, so locating many paths costs one pass over each container on
/// their way plus, per path, a dictionary look-up per step and a binary search for the line. Before, every path
/// walked the text from the start, and 30,000 misspelt keys took 80 s to report.
struct SourceLocator {
    let bytes: [UInt8]
    private let bomLength: Int
    /// The offset where each line starts; line 1 starts after any byte order mark.
    private let lineStarts: [Int]
    /// How many characters (bytes that do not continue a UTF-8 sequence) come before each multiple of
    /// ``checkpointStride``, so a column is counted over at most that many bytes.
    private let characterCheckpoints: [Int]
    private static let checkpointStride = 256
    /// The direct members of each container walked into so far, by the offset of its opening bracket.
    private var containers: [Int: Members] = [:]

    private enum Members {
        case object([String: Int])
        case array([Int])
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
        let bomLength = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        self.bomLength = bomLength
        var lineStarts = [bomLength]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        var characters = 0
        for (offset, byte) in bytes.enumerated() {
            if offset % Self.checkpointStride == 0 { checkpoints.append(characters) }
            if byte & 0xC0 != 0x80 { characters += 1 }
            if byte == 0x0A { lineStarts.append(offset + 1) }
        }
        self.lineStarts = lineStarts
        self.characterCheckpoints = checkpoints
    }

    /// The 1-based line and column of the value at `path`, or of the deepest part of the path that exists.
    mutating func locate(_ path: DocumentPath) -> (line: Int, column: Int) {
        var offset = skipWhitespace(bomLength)
        for component in path.components {
            guard offset < bytes.count, let next = step(from: offset, to: component) else { break }
            offset = next
        }
        return lineAndColumn(of: offset)
    }

    private mutating func step(from offset: Int, to component: DocumentPath.Component) -> Int? {
        let members: Members
        if let known = containers[offset] {
            members = known
        } else if let read = readMembers(at: offset) {
            members = read
            containers[offset] = read
        } else {
            return nil
        }
        switch (members, component) {
        case (.object(let keys), .key(let key)):
            return keys[key]
        case (.array(let elements), .index(let index)):
            return elements.indices.contains(index) ? elements[index] : nil
        default:
            return nil
        }
    }

    /// The members of the object or list whose bracket is at `offset`: one pass over it.
    private func readMembers(at offset: Int) -> Members? {
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            var keys: [String: Int] = [:]
            var position = skipWhitespace(offset + 1)
            while position < bytes.count, bytes[position] == UInt8(ascii: "\"") {
                let (name, afterKey) = readString(at: position)
                let valueStart = skipWhitespace(skipWhitespace(afterKey) + 1)  // past the colon
                if keys[name] == nil { keys[name] = valueStart }
                position = skipWhitespace(skipValue(at: valueStart))
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position = skipWhitespace(position + 1)
                } else {
                    break
                }
            }
            return .object(keys)
        case UInt8(ascii: "["):
            var elements: [Int] = []
            var position = skipWhitespace(offset + 1)
            while position < bytes.count, bytes[position] != UInt8(ascii: "]") {
                elements.append(position)
                position = skipWhitespace(skipValue(at: position))
                if position < bytes.count, bytes[position] == UInt8(ascii: ",") {
                    position = skipWhitespace(position + 1)
                } else {
                    break
                }
            }
            return .array(elements)
        default:
            return nil
        }
    }

    private func skipWhitespace(_ offset: Int) -> Int {
        var position = offset
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return position
            }
        }
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
            while position < bytes.count {
                switch bytes[position] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09:
                    return position
                default:
                    position += 1
                }
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

    /// The 1-based line and column of the byte at `offset`.
    func position(ofOffset offset: Int) -> (line: Int, column: Int) {
        lineAndColumn(of: offset)
    }

    /// Line and column of a byte offset; columns count characters, not bytes, as jansson's do.
    private func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        let offset = max(bomLength, min(offset, bytes.count))
        // The last line start at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, characters(before: offset) - characters(before: lineStarts[low]) + 1)
    }

    /// How many characters come before `offset`.
    private func characters(before offset: Int) -> Int {
        guard !characterCheckpoints.isEmpty else { return 0 }
        let checkpoint = min(offset / Self.checkpointStride, characterCheckpoints.count - 1)
        var count = characterCheckpoints[checkpoint]
        var position = checkpoint * Self.checkpointStride
        while position < offset {
            if bytes[position] & 0xC0 != 0x80 { count += 1 }
            position += 1
        }
        return count
    }
}
