/// A coding key made from any string or index; used for maps whose keys are data, not fields.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int?

    init(_ string: String) {
        self.stringValue = string
        self.intValue = nil
    }

    init?(stringValue: String) { self.init(stringValue) }

    init?(intValue: Int) {
        self.stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension Encoder {
    /// Encodes a map with its keys in sorted order, so written files are stable from one run to the next.
    func encodeSortedMap<Value: Encodable>(_ map: [String: Value]) throws {
        var container = self.container(keyedBy: AnyCodingKey.self)
        for key in map.keys.sorted() {
            try container.encode(map[key]!, forKey: AnyCodingKey(key))
        }
    }
}

extension KeyedEncodingContainer {
    /// Encodes a map under `key` with its keys in sorted order.
    mutating func encodeSortedMap<Value: Encodable>(_ map: [String: Value], forKey key: Key) throws {
        var nested = self.nestedContainer(keyedBy: AnyCodingKey.self, forKey: key)
        for mapKey in map.keys.sorted() {
            try nested.encode(map[mapKey]!, forKey: AnyCodingKey(mapKey))
        }
    }
}

extension KeyedDecodingContainer {
    /// Reads the document's `format` at `key` and refuses any but `expected` (such as `assay-assessment/1`), so a
    /// document of another kind or version is never read as this one.
    func requireFormat(_ expected: String, forKey key: Key) throws {
        let format = try decode(String.self, forKey: key)
        guard format == expected else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected \"\(expected)\", found \"\(format)\"")
        }
    }
}
