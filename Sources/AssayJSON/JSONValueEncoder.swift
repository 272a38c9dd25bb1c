import AssayCore

/// Encodes `Encodable` values into a ``JSONValue`` tree, keeping keys in the order they are encoded.
struct JSONValueEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let root = EncodingNode()
        try encodeValue(value, into: root, codingPath: { [] })
        return root.value
    }
}

/// A value being built; containers write into their node, nested ones into child nodes resolved at the end.
///
/// Keys and children are kept in arrays the node owns and appends to in place: an enum payload had to be copied
/// out, appended to and stored back, which copied every object's members and every list's elements once per
/// member added.
private final class EncodingNode {
    enum Kind {
        case empty, value, object, array
    }
    private(set) var kind = Kind.empty
    private var scalar = JSONValue.null
    private var keys: [String] = []
    private var children: [EncodingNode] = []

    var value: JSONValue {
        switch kind {
        case .empty: return .object(JSONObject())
        case .value: return scalar
        case .object: return .object(JSONObject(zip(keys, children).map { ($0, $1.value) }))
        case .array: return .array(children.map(\.value))
        }
    }

    var count: Int { kind == .array ? children.count : 0 }

    func set(_ value: JSONValue) {
        kind = .value
        scalar = value
        keys = []
        children = []
    }

    /// Makes this node an object, keeping its members if it is one already.
    func becomeObject() {
        guard kind != .object else { return }
        kind = .object
        keys = []
        children = []
    }

    /// Makes this node a list, keeping its elements if it is one already.
    func becomeArray() {
        guard kind != .array else { return }
        kind = .array
        keys = []
        children = []
    }

    func child(forKey key: String) -> EncodingNode {
        becomeObject()
        // Objects written by Codable have a handful of keys: a scan beats hashing.
        if let found = keys.firstIndex(of: key) { return children[found] }
        let node = EncodingNode()
        keys.append(key)
        children.append(node)
        return node
    }

    func appendChild() -> EncodingNode {
        becomeArray()
        let node = EncodingNode()
        children.append(node)
        return node
    }
}

private func jsonNumber(_ number: Double, _ codingPath: [any CodingKey]) throws -> JSONValue {
    guard number.isFinite else {
        throw EncodingError.invalidValue(
            number,
            EncodingError.Context(codingPath: codingPath, debugDescription: "JSON has no NaN or infinity")
        )
    }
    if number == number.rounded(), abs(number) < 9e15 { return .integer(Int64(number)) }
    return .real(number)
}

/// `value` as a JSON scalar, or `nil` when it is not one; `codingPath` is asked for only to report an error.
private func primitive<T: Encodable>(_ value: T, _ codingPath: () -> [any CodingKey]) throws -> JSONValue? {
    // The common types are recognised by their type, which costs a comparison; a dynamic cast, which the other
    // types need, costs a call into the runtime for every value, and most values are not the types tried first.
    if T.self == String.self { return .string(unsafeBitCast(value, to: String.self)) }
    if T.self == Double.self { return try jsonNumber(unsafeBitCast(value, to: Double.self), codingPath()) }
    if T.self == Int.self { return .integer(Int64(unsafeBitCast(value, to: Int.self))) }
    if T.self == Bool.self { return .bool(unsafeBitCast(value, to: Bool.self)) }
    switch value {
    case let flag as Bool: return .bool(flag)
    case let text as String: return .string(text)
    case let number as Double: return try jsonNumber(number, codingPath())
    case let number as Float: return try jsonNumber(Double(number), codingPath())
    case let number as any BinaryInteger:
        guard let exact = Int64(exactly: number) else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: codingPath(), debugDescription: "\(number) does not fit in 64 bits")
            )
        }
        return .integer(exact)
    default: return nil
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

/// Encodes `value` into `node`; `codingPath` is built only for a value that is not a scalar, or for an error, so
/// the scalars that make up most of a document cost no path.
private func encodeValue<T: Encodable>(
    _ value: T,
    into node: EncodingNode,
    codingPath: () -> [any CodingKey]
) throws {
    if let primitive = try primitive(value, codingPath) {
        node.set(primitive)
    } else if let dictionary = value as? any StringKeyedDictionary {
        try dictionary.encodeSortedByKey(to: NodeEncoder(node: node, codingPath: codingPath()))
    } else {
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath()))
    }
}

/// A dictionary with `String` keys, written with its keys sorted: a `Dictionary` iterates in an order that changes
/// from one process to the next, and the same summary, report or session should be the same bytes on every run.
private protocol StringKeyedDictionary {
    func encodeSortedByKey(to encoder: any Encoder) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    fileprivate func encodeSortedByKey(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for key in keys.sorted() { try container.encode(self[key]!, forKey: AnyKey(key)) }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws {
        node.child(forKey: key.stringValue).set(.null)
    }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: node.child(forKey: key.stringValue), codingPath: { codingPath + [key] })
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).container(
            keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node, codingPath: codingPath) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var count: Int { node.count }

    mutating func encodeNil() throws { node.appendChild().set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try encodeValue(value, into: node.appendChild(), codingPath: { codingPath + [AnyKey(index: index)] })
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let path = codingPath + [AnyKey(index: count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = codingPath + [AnyKey(index: count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = codingPath + [AnyKey(index: count)]
        return NodeEncoder(node: node.appendChild(), codingPath: path)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.set(.null) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: node, codingPath: { codingPath })
    }
}
