import AssayCore

/// Decodes `Decodable` values from a ``JSONValue`` tree, remembering which object keys were read so that keys the
/// format does not know (usually typos) can be reported.
struct JSONValueDecoder {
    /// Decodes `type` from `value`; returns it with the paths of keys nothing read.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> (T, [DocumentPath]) {
        let state = DecodingState()
        let decoded = try T(from: ValueDecoder(value: value, codingPath: [], pathKey: [], state: state))
        var unused: [DocumentPath] = []
        state.collectUnusedKeys(in: value, at: [], into: &unused)
        return (decoded, unused)
    }
}

/// Which keys of which objects were read; a reference shared by every container of one decoding.
private final class DecodingState {
    /// The keys read from each object decoded as a keyed container, by the object's path key.
    var readKeys: [[String]: ReadKeys] = [:]
    var wholeObjects: Set<[String]> = []

    /// The set of keys read from the object at `pathKey`, created when the object is first decoded.
    func readKeys(at pathKey: [String]) -> ReadKeys {
        if let existing = readKeys[pathKey] { return existing }
        let created = ReadKeys()
        readKeys[pathKey] = created
        return created
    }

    func key(_ codingPath: [any CodingKey]) -> [String] {
        codingPath.map { ($0 as? AnyKey)?.intValue.map { "#\($0)" } ?? $0.stringValue }
    }

    func collectUnusedKeys(in value: JSONValue, at codingPath: [AnyKey], into unused: inout [DocumentPath]) {
        var pathKey = key(codingPath)
        var codingPath = codingPath
        collectUnusedKeys(in: value, at: &codingPath, pathKey: &pathKey, into: &unused)
    }

    /// `codingPath` and `pathKey` (its ``key(_:)``) are grown and shrunk as the walk goes, so no node copies its
    /// whole path.
    private func collectUnusedKeys(
        in value: JSONValue,
        at codingPath: inout [AnyKey],
        pathKey: inout [String],
        into unused: inout [DocumentPath]
    ) {
        switch value {
        case .object(let object):
            if let read = readKeys[pathKey]?.keys, !wholeObjects.contains(pathKey) {
                for member in object.members where !read.contains(member.key) && !member.key.hasPrefix("$") {
                    unused.append(documentPath(codingPath + [AnyKey(member.key)]))
                }
            }
            for member in object.members where member.value.isContainer {
                pathKey.append(member.key)
                codingPath.append(AnyKey(member.key))
                collectUnusedKeys(in: member.value, at: &codingPath, pathKey: &pathKey, into: &unused)
                codingPath.removeLast()
                pathKey.removeLast()
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() where element.isContainer {
                pathKey.append("#\(index)")
                codingPath.append(AnyKey(index: index))
                collectUnusedKeys(in: element, at: &codingPath, pathKey: &pathKey, into: &unused)
                codingPath.removeLast()
                pathKey.removeLast()
            }
        default:
            break
        }
    }
}

/// The keys read from one object; a reference, so every container of the object adds to the same set.
private final class ReadKeys {
    var keys: Set<String> = []
}

extension JSONValue {
    /// Whether the value is an object or a list, the only values that hold keys.
    var isContainer: Bool {
        switch self {
        case .object, .array: true
        default: false
        }
    }
}

/// The document path a decoding path names. Only list positions are indexes: a map key such as `"7"` stays a key,
/// although Swift's dictionary decoding gives it an integer value.
func documentPath(_ codingPath: [any CodingKey]) -> DocumentPath {
    DocumentPath(
        codingPath.map { key in
            if let index = (key as? AnyKey)?.intValue { return .index(index) }
            return .key(key.stringValue)
        }
    )
}

/// A coding key made from an object key, or (with `index:`) a list position.
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ string: String) { self.stringValue = string }
    init(index: Int) {
        self.stringValue = String(index)
        self.intValue = index
    }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { self.init(index: intValue) }
}

private func mismatch(_ expected: String, _ value: JSONValue, _ codingPath: [any CodingKey]) -> DecodingError {
    DecodingError.typeMismatch(
        Any.self,
        DecodingError.Context(
            codingPath: codingPath, debugDescription: "expected \(expected), found \(value.kindDescription)")
    )
}

private struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    /// The state's key for `codingPath` (``DecodingState/key(_:)``), grown as the decoding goes down: computing it
    /// from the coding path cast every key of the path once per object.
    let pathKey: [String]
    let state: DecodingState
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch("an object", value, codingPath) }
        return KeyedDecodingContainer(
            KeyedContainer<Key>(
                object: object, codingPath: codingPath, pathKey: pathKey, read: state.readKeys(at: pathKey),
                state: state
            )
        )
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch("a list", value, codingPath) }
        return UnkeyedContainer(elements: elements, codingPath: codingPath, pathKey: pathKey, state: state)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath, pathKey: pathKey, state: state)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]
    /// The state's key for this object, computed once.
    let pathKey: [String]
    /// The keys read from this object, held directly so a read does not look the object up again.
    let read: ReadKeys
    let state: DecodingState

    private func read(_ key: Key) {
        read.keys.insert(key.stringValue)
    }

    var allKeys: [Key] {
        state.wholeObjects.insert(pathKey)
        return object.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        read(key)
        return object[key.stringValue] != nil
    }

    private func value(for key: Key) throws -> JSONValue {
        read(key)
        guard let value = object[key.stringValue] else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "missing required key \"\(key.stringValue)\"")
            )
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        read(key)
        if case .null? = object[key.stringValue] { return true }
        return object[key.stringValue] == nil
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        read(key)
        guard let value = object[key.stringValue], value != .null else { return nil }
        return try decode(type, forKey: key)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let value = try value(for: key)
        return try SingleValueContainer(
            value: value, codingPath: codingPath + [key], pathKey: pathKey + [key.stringValue], state: state
        ).decode(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try ValueDecoder(
            value: value(for: key), codingPath: codingPath + [key], pathKey: pathKey + [key.stringValue], state: state
        ).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(
            value: value(for: key), codingPath: codingPath + [key], pathKey: pathKey + [key.stringValue], state: state
        ).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), codingPath: codingPath, pathKey: pathKey, state: state)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try ValueDecoder(
            value: value(for: key), codingPath: codingPath + [key], pathKey: pathKey + [key.stringValue], state: state)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    let pathKey: [String]
    let state: DecodingState
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [JSONValue], codingPath: [any CodingKey], pathKey: [String], state: DecodingState) {
        self.elements = elements
        self.codingPath = codingPath
        self.pathKey = pathKey
        self.state = state
    }

    /// The next element, with its coding path and path key.
    private mutating func next() throws -> (JSONValue, [any CodingKey], [String]) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "the list has too few elements")
            )
        }
        defer { currentIndex += 1 }
        return (elements[currentIndex], codingPath + [AnyKey(index: currentIndex)], pathKey + ["#\(currentIndex)"])
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (value, path, key) = try next()
        return try SingleValueContainer(value: value, codingPath: path, pathKey: key, state: state).decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let (value, path, key) = try next()
        return try ValueDecoder(value: value, codingPath: path, pathKey: key, state: state).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (value, path, key) = try next()
        return try ValueDecoder(value: value, codingPath: path, pathKey: key, state: state).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (value, path, key) = try next()
        return ValueDecoder(value: value, codingPath: path, pathKey: key, state: state)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]
    let pathKey: [String]
    let state: DecodingState

    func decodeNil() -> Bool { value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = value else { throw mismatch("true or false", value, codingPath) }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = value else { throw mismatch("a string", value, codingPath) }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch value {
        case .integer(let number): return Double(number)
        case .real(let number): return number
        default: throw mismatch("a number", value, codingPath)
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    /// A map of strings (every translation is one), read straight from the object rather than through the
    /// standard library's generic dictionary decoding, which dominated the time to load a rubric. Its keys are data,
    /// so none is ever reported as unknown.
    func decodeStringMap() throws -> [String: String] {
        guard case .object(let object) = value else { throw mismatch("an object", value, codingPath) }
        var map: [String: String] = [:]
        map.reserveCapacity(object.members.count)
        for member in object.members {
            guard case .string(let text) = member.value else {
                throw mismatch("a string", member.value, codingPath + [AnyKey(member.key)])
            }
            map[member.key] = text
        }
        return map
    }

    func decodeInteger<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        let number: Int64
        switch value {
        case .integer(let integer): number = integer
        case .real(let real) where real == real.rounded() && abs(real) < 9e15: number = Int64(real)
        default: throw mismatch("a whole number", value, codingPath)
        }
        guard let result = T(exactly: number) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: codingPath, debugDescription: "\(number) is out of range")
            )
        }
        return result
    }

    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

    /// The common types read directly, found by comparing metatypes (`is String.Type` was a dynamic cast per
    /// value, five per object read).
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self { return try decode(String.self) as! T }
        if T.self == Double.self { return try decode(Double.self) as! T }
        if T.self == Bool.self { return try decode(Bool.self) as! T }
        if T.self == Int.self { return try decode(Int.self) as! T }
        if T.self == [String: String].self { return try decodeStringMap() as! T }
        return try T(from: ValueDecoder(value: value, codingPath: codingPath, pathKey: pathKey, state: state))
    }
}
