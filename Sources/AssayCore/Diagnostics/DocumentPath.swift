/// A location inside a rubric or response document, such as `dimensions[2].questions[0].weight`.
///
/// Paths are built from the same keys the JSON format uses, so a message can point a person at the field they
/// have to change. Keys that are not plain identifiers are quoted: `answers["hr.1"]`.
public struct DocumentPath: Sendable, Hashable, CustomStringConvertible, ExpressibleByArrayLiteral {
    /// One step of a path: an object key or an array index.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The steps from the document's root.
    public var components: [Component]

    /// Creates a path from its steps.
    public init(_ components: [Component] = []) {
        self.components = components
    }

    public init(arrayLiteral elements: Component...) {
        self.components = elements
    }

    /// The document's root.
    public static let root = DocumentPath()

    /// This path followed by an object key.
    public func key(_ key: String) -> DocumentPath {
        DocumentPath(components + [.key(key)])
    }

    /// This path followed by an array index.
    public func index(_ index: Int) -> DocumentPath {
        DocumentPath(components + [.index(index)])
    }

    public var description: String {
        if components.isEmpty { return "$" }
        var text = ""
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key):
                if Self.isIdentifier(key) {
                    text += text.isEmpty ? key : ".\(key)"
                } else {
                    let escaped = key.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"")
                    text += "[\"\(escaped)\"]"
                }
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
                || byte == UInt8(ascii: "$")
        }
    }
}

extension String {
    /// This string with every `target` character replaced by `replacement`.
    package func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}

/// In JSON, the steps as an array of keys (strings) and indexes (integers): `["dimensions", 2, "weight"]`, so a
/// client can find the field without parsing the printed form.
extension DocumentPath: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        var components: [Component] = []
        while !container.isAtEnd { components.append(try container.decode(Step.self).component) }
        self.init(components)
    }

    /// One step read as a whole value, so a failed attempt at one type does not move past it.
    private struct Step: Decodable {
        let component: Component

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let index = try? container.decode(Int.self) {
                component = .index(index)
            } else {
                component = .key(try container.decode(String.self))
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for component in components {
            switch component {
            case .key(let key): try container.encode(key)
            case .index(let index): try container.encode(index)
            }
        }
    }
}
