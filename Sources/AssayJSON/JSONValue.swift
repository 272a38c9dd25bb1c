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
    private var positions: [String: Int]

    /// An object with `members`; a repeated key keeps its first place and takes the last value.
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = []
        self.positions = [:]
        for member in members { self[member.key] = member.value }
    }

    /// The value under `key`.
    public subscript(key: String) -> JSONValue? {
        get { positions[key].map { members[$0].value } }
        set {
            if let position = positions[key] {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                    positions = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1.key, $0) })
                }
            } else if let newValue {
                positions[key] = members.count
                members.append((key, newValue))
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
