/// The fields of an `application/x-www-form-urlencoded` body, in order, with repeated names kept.
///
/// Linear in the body's length. Bytes that do not decode as UTF-8 become U+FFFD rather than an error: the
/// answer is then shown back, beside its question, for the person to correct.
public struct FormFields: Sendable, Hashable {
    /// The fields, in body order.
    public private(set) var pairs: [(name: String, value: String)] = []
    private var positions: [String: [Int]] = [:]

    /// Parses `body`.
    public init(urlEncoded body: some Collection<UInt8>) {
        var name: [UInt8] = []
        var value: [UInt8] = []
        var inValue = false
        func finish() {
            if !name.isEmpty || !value.isEmpty {
                append(Self.decode(name), Self.decode(value))
            }
            name.removeAll(keepingCapacity: true)
            value.removeAll(keepingCapacity: true)
            inValue = false
        }
        for byte in body {
            switch byte {
            case UInt8(ascii: "&"): finish()
            case UInt8(ascii: "=") where !inValue: inValue = true
            default: if inValue { value.append(byte) } else { name.append(byte) }
            }
        }
        finish()
    }

    /// Fields from name and value pairs, for tests.
    public init(_ pairs: [(String, String)]) {
        for (name, value) in pairs { append(name, value) }
    }

    private mutating func append(_ name: String, _ value: String) {
        positions[name, default: []].append(pairs.count)
        pairs.append((name, value))
    }

    /// Every value given for `name`, in order.
    public func values(_ name: String) -> [String] {
        (positions[name] ?? []).map { pairs[$0].value }
    }

    /// The first value given for `name`.
    public func first(_ name: String) -> String? {
        positions[name]?.first.map { pairs[$0].value }
    }

    public static func == (lhs: FormFields, rhs: FormFields) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for pair in pairs {
            hasher.combine(pair.name)
            hasher.combine(pair.value)
        }
    }

    /// Percent-decoding, with `+` as a space.
    static func decode(_ bytes: [UInt8]) -> String {
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var position = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), position + 2 < bytes.count,
                let high = hex(bytes[position + 1]), let low = hex(bytes[position + 2])
            {
                decoded.append(high << 4 | low)
                position += 2
            } else {
                decoded.append(byte)
            }
            position += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }
}
