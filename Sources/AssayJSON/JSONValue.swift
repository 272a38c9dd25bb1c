/// A JSON value as jansson read it, or as Assay will write it.
///
/// Objects keep their keys in document order, so written files read in the order their fields were declared.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// What kind of value this is, in words for messages: "a string", "an object".
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "true/false"
        case .integer, .real: "a number"
        case .string: "a string"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// A JSON object: keys in document order, with lookup by key.
public struct JSONObject: Sendable, Hashable {
    /// The members, in document order.
    public private(set) var members: [(key: String, value: JSONValue)]
    /// Each key's place in ``members``, kept only for objects of more than ``indexedCount`` members: most objects
    /// are a handful of members, where comparing keys in turn is quicker than hashing them, and building the index
    /// for each of them was a fifth of the time to write a large summary.
    private var positions: [String: Int]
    static let indexedCount = 12

    /// An object with `members`; a repeated key keeps its first place and takes the last value.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = []
        self.members.reserveCapacity(members.count)
        self.positions = [:]
        for member in members { self[member.key] = member.value }
    }

    /// An object of `members`, whose keys the caller knows to be distinct as Swift compares strings: each is
    /// stored as it is, without the search for an earlier equal key that ``init(_:)`` makes per member. Two equal
    /// keys among more than ``indexedCount`` members stop the program (the index is built with
    /// `Dictionary(uniqueKeysWithValues:)`): the one caller, jansson's conversion, passes only objects whose keys
    /// are all ASCII, which jansson has already checked for repeats.
    init(distinctMembers members: [(key: String, value: JSONValue)]) {
        self.members = members
        self.positions = [:]
        reindex()
    }

    /// The position in ``members`` of the member `key` names.
    func position(of key: String) -> Int? {
        members.count > Self.indexedCount ? positions[key] : members.firstIndex { $0.key == key }
    }

    private mutating func reindex() {
        positions =
            members.count > Self.indexedCount
            ? Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1.key, $0) }) : [:]
    }

    /// The value under `key`.
    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let position = position(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    reindex()
                }
            } else if let newValue {
                members.append((key, newValue))
                if members.count > Self.indexedCount + 1 {
                    positions[key] = members.count - 1
                } else if members.count == Self.indexedCount + 1 {
                    reindex()
                }
            }
        }
    }

    /// The keys, in document order.
    public var keys: [String] { members.map(\.key) }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for member in members {
            hasher.combine(member.key)
            hasher.combine(member.value)
        }
    }
}
