import AssayCore

/// Decodes `Decodable` values from a ``JSONValue`` tree, remembering which object keys were read so that keys the
/// format does not know (usually typos) can be reported.
package struct JSONValueDecoder {
    /// Decodes `type` from `value`; returns it with the paths of keys nothing read.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> (T, [DocumentPath]) {
        try decode(type, from: value, observingRoot: { _ in })
    }

    /// ``decode(_:from:)``, handing the root of the decoding's node tree to `observe` first: tests hold it weakly
    /// to check that the tree is freed when the decoding ends, whether it succeeds or throws.
    package static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, observingRoot observe: (AnyObject) -> Void
    ) throws -> (T, [DocumentPath]) {
        let root = DecodingNode(parent: nil, key: nil, count: value.memberCount)
        observe(root)
        // A node holds its children and its parent, so the tree is a cycle until it is taken apart.
        defer { root.releaseChildren() }
        let decoded = try T(from: ValueDecoder(value: value, node: root))
        var unused: [DocumentPath] = []
        root.collectUnusedKeys(in: value, into: &unused)
        return (decoded, unused)
    }
}

/// One object or list of the document as the decoding reached it: which of an object's members were read, and the
/// nodes of the members or elements decoded in turn. The nodes grow into a tree that mirrors the part of the
/// document decoded; every container and decoder of one value shares its node.
///
/// Before, the keys read were kept in a dictionary by each object's path (a list of strings, hashed whole once per
/// object) and a set of key strings per object (hashed once per key read), and every value decoded copied its
/// parent's coding path and path key into new arrays: together about a third of the time to decode a rubric. A
/// node is found by position and keeps its coding path as the chain of its parents, built into a list only for an
/// error message.
private final class DecodingNode {
    let parent: DecodingNode?
    /// The member's key, or the element's index, under ``parent``; `nil` for the document itself.
    let key: AnyKey?
    /// How many members or elements the value has.
    private let count: Int
    /// Per member of an object, whether a keyed container read it; empty until one is read.
    private var read: [Bool] = []
    /// Per member or element, its node, once it is decoded; empty until one is.
    private var children: [DecodingNode?] = []
    /// Whether the value was decoded as a keyed container: only such objects report keys nothing read.
    var isKeyed = false
    /// Whether its keys were all listed (`allKeys`, as a dictionary is decoded): then every key counts as read.
    var isWhole = false

    init(parent: DecodingNode?, key: AnyKey?, count: Int) {
        self.parent = parent
        self.key = key
        self.count = count
    }

    /// Notes that a container read the member at `position`.
    func markRead(_ position: Int) {
        if read.isEmpty { read = [Bool](repeating: false, count: count) }
        read[position] = true
    }

    /// The node of the member or element at `position`, whose value is `value`.
    func child(at position: Int, key: AnyKey, value: JSONValue) -> DecodingNode {
        if children.isEmpty { children = [DecodingNode?](repeating: nil, count: count) }
        if let existing = children[position] { return existing }
        let created = DecodingNode(parent: self, key: key, count: value.memberCount)
        children[position] = created
        return created
    }

    /// Lets go of every node below this one, breaking the cycles between parents and children so the tree is
    /// freed. Recursive, as deep as the document, which jansson's conversion bounds.
    func releaseChildren() {
        for child in children { child?.releaseChildren() }
        children = []
    }

    /// The keys and indexes from the document down to this value.
    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: DecodingNode? = self
        while let current = node, let key = current.key {
            keys.append(key)
            node = current.parent
        }
        return keys.reversed()
    }

    /// Adds to `unused` the path of every key of an object decoded as a keyed container that nothing read (keys
    /// starting with `$`, such as `$schema`, are the document's own), at this node and below. Only nodes reached
    /// by the decoding are walked: a value never decoded holds nothing that was.
    func collectUnusedKeys(in value: JSONValue, into unused: inout [DocumentPath]) {
        switch value {
        case .object(let object):
            if isKeyed, !isWhole {
                for (position, member) in object.members.enumerated()
                where (read.isEmpty || !read[position]) && !member.key.hasPrefix("$") {
                    unused.append(documentPath(codingPath + [AnyKey(member.key)]))
                }
            }
            guard !children.isEmpty else { return }
            for (position, member) in object.members.enumerated() {
                children[position]?.collectUnusedKeys(in: member.value, into: &unused)
            }
        case .array(let elements):
            guard !children.isEmpty else { return }
            for (position, element) in elements.enumerated() {
                children[position]?.collectUnusedKeys(in: element, into: &unused)
            }
        default:
            break
        }
    }
}

extension JSONValue {
    /// How many members (an object) or elements (a list) the value has; 0 for any other value.
    fileprivate var memberCount: Int {
        switch self {
        case .object(let object): object.members.count
        case .array(let elements): elements.count
        default: 0
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
    let node: DecodingNode
    var codingPath: [any CodingKey] { node.codingPath }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let object) = value else { throw mismatch("an object", value, codingPath) }
        node.isKeyed = true
        return KeyedDecodingContainer(KeyedContainer<Key>(object: object, node: node))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch("a list", value, codingPath) }
        return UnkeyedContainer(elements: elements, node: node)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, place: .node(node))
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let node: DecodingNode
    var codingPath: [any CodingKey] { node.codingPath }

    /// The position of the member `key` names, noted as read; `nil` when the object has no such member.
    private func member(_ key: Key) -> Int? {
        guard let position = object.position(of: key.stringValue) else { return nil }
        node.markRead(position)
        return position
    }

    var allKeys: [Key] {
        node.isWhole = true
        return object.keys.compactMap { Key(stringValue: $0) }
    }

    func contains(_ key: Key) -> Bool {
        member(key) != nil
    }

    /// The member `key` names: its position and value.
    private func value(for key: Key) throws -> (position: Int, value: JSONValue) {
        guard let position = member(key) else {
            throw DecodingError.keyNotFound(
                key,
                DecodingError.Context(
                    codingPath: codingPath, debugDescription: "missing required key \"\(key.stringValue)\"")
            )
        }
        return (position, object.members[position].value)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let position = member(key) else { return true }
        return object.members[position].value == .null
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let position = member(key), object.members[position].value != .null else { return nil }
        return try decode(type, at: position, key: key)
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decode(type, at: try value(for: key).position, key: key)
    }

    private func decode<T: Decodable>(_ type: T.Type, at position: Int, key: Key) throws -> T {
        try SingleValueContainer(
            value: object.members[position].value, place: .member(of: node, at: position, key: AnyKey(key.stringValue))
        ).decode(type)
    }

    /// A decoder of the member `key` names.
    private func memberDecoder(_ key: Key) throws -> ValueDecoder {
        let (position, value) = try value(for: key)
        return ValueDecoder(value: value, node: node.child(at: position, key: AnyKey(key.stringValue), value: value))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try memberDecoder(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try memberDecoder(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: .object(object), node: node)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try memberDecoder(key)
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let node: DecodingNode
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }
    var codingPath: [any CodingKey] { node.codingPath }

    init(elements: [JSONValue], node: DecodingNode) {
        self.elements = elements
        self.node = node
    }

    /// The next element's position, moving past it.
    private mutating func next() throws -> Int {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(
                Any.self,
                DecodingError.Context(codingPath: codingPath, debugDescription: "the list has too few elements")
            )
        }
        defer { currentIndex += 1 }
        return currentIndex
    }

    /// A decoder of the next element.
    private mutating func nextDecoder() throws -> ValueDecoder {
        let position = try next()
        let value = elements[position]
        return ValueDecoder(value: value, node: node.child(at: position, key: AnyKey(index: position), value: value))
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let position = try next()
        return try SingleValueContainer(
            value: elements[position], place: .member(of: node, at: position, key: AnyKey(index: position))
        ).decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try nextDecoder().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try nextDecoder().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try nextDecoder()
    }
}

/// Where a single value sits: a node already made (a decoder's own value), or a member or element of one, whose
/// node is made only if the value is decoded as a container. Most values are strings and numbers, which need none.
private enum Place {
    case node(DecodingNode)
    case member(of: DecodingNode, at: Int, key: AnyKey)

    func node(for value: JSONValue) -> DecodingNode {
        switch self {
        case .node(let node): node
        case .member(let parent, let position, let key): parent.child(at: position, key: key, value: value)
        }
    }

    var codingPath: [any CodingKey] {
        switch self {
        case .node(let node): node.codingPath
        case .member(let parent, _, let key): parent.codingPath + [key]
        }
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: JSONValue
    let place: Place
    var codingPath: [any CodingKey] { place.codingPath }

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
        return try T(from: ValueDecoder(value: value, node: place.node(for: value)))
    }
}
