import AssayCore

/// How one grouping attribute reads in a handout: its name and its values in each language, and the order of its
/// values (population bands, size bands).
///
/// Declared in the policy file under `attributes`, keyed by the attribute's name:
///
/// ```json
/// "attributes": {
///   "population": {
///     "name": {"en": "population", "fr": "population", "es": "población"},
///     "order": ["under-10k", "10k-50k", "50k-250k", "over-250k"],
///     "values": {"under-10k": {"en": "under 10,000", "fr": "moins de 10 000", "es": "menos de 10.000"}}
///   }
/// }
/// ```
///
/// A value as the responses write it is its own English label; in another language a name or value without a
/// label is shown as written, and `assay aggregate` warns about each one. Without an `order`, values follow
/// ``NaturalOrder``.
public struct AttributeLabels: Sendable, Hashable, Codable {
    /// The attribute's name in each language; `nil` uses the attribute's key.
    public var name: LocalizedText?
    /// The attribute's values, first to last, as the responses write them; `nil` sorts them naturally.
    public var order: [String]?
    /// Each value's label in each language, keyed by the value as the responses write it.
    public var values: [String: LocalizedText]

    /// Labels and an order.
    public init(name: LocalizedText? = nil, order: [String]? = nil, values: [String: LocalizedText] = [:]) {
        self.name = name
        self.order = order
        self.values = values
    }

    enum CodingKeys: String, CodingKey { case name, order, values }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(LocalizedText.self, forKey: .name)
        order = try container.decodeIfPresent([String].self, forKey: .order)
        values = try container.decodeIfPresent([String: LocalizedText].self, forKey: .values) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(name, forKey: .name)
        try container.encodeIfPresent(order, forKey: .order)
        if !values.isEmpty { try container.encode(values, forKey: .values) }
    }
}

extension DisclosurePolicy {
    /// Whether `a` comes before `b` among the values of `attribute`: in the declared order, else naturally.
    ///
    /// A value the declared order does not list (the check of ``orderProblems(groupBy:values:)`` refuses those
    /// before a release) goes after the listed ones.
    public func precedes(_ a: String, _ b: String, in attribute: String) -> Bool {
        guard let order = attributes[attribute]?.order else { return NaturalOrder.precedes(a, b) }
        switch (order.firstIndex(of: a), order.firstIndex(of: b)) {
        case (let x?, let y?): return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return NaturalOrder.precedes(a, b)
        }
    }

    /// Whether the group with `a`'s attribute values comes before the group with `b`'s, attribute by attribute in
    /// `groupBy` order.
    public func groupPrecedes(_ a: [String: String], _ b: [String: String], groupBy: [String]) -> Bool {
        for attribute in groupBy {
            let x = a[attribute] ?? ""
            let y = b[attribute] ?? ""
            if x != y { return precedes(x, y, in: attribute) }
        }
        return false
    }

    /// The attribute's name in `language`, and whether it was found there (an English handout reads the key).
    public func attributeName(_ attribute: String, language: String) -> (text: String, isLabelled: Bool) {
        Self.label(attributes[attribute]?.name, language: language, fallback: attribute)
    }

    /// The value's label in `language`, and whether it was found there (an English handout reads the value).
    public func valueLabel(_ value: String, of attribute: String, language: String) -> (
        text: String, isLabelled: Bool
    ) {
        Self.label(attributes[attribute]?.values[value], language: language, fallback: value)
    }

    private static func label(_ text: LocalizedText?, language: String, fallback: String) -> (
        text: String, isLabelled: Bool
    ) {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        if let text, let found = text.translations[language] ?? text.translations[base] { return (found, true) }
        return (fallback, base == "en")
    }

    /// Problems of the `attributes` setting on its own, located: a value listed twice in an order, an empty value,
    /// a label for a value the order does not list.
    ///
    /// - Complexity: O(n) in the values declared.
    func attributeDiagnostics(at path: DocumentPath) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (attribute, labels) in attributes.sorted(by: { $0.key < $1.key }) {
            let attributePath = path.key("attributes").key(attribute)
            guard let order = labels.order else { continue }
            var seen: [String: Int] = [:]
            for (position, value) in order.enumerated() {
                let valuePath = attributePath.key("order").index(position)
                if value.isEmpty {
                    found.append(.error("a band of \"\(attribute)\" may not be empty", at: valuePath))
                } else if let first = seen[value] {
                    found.append(
                        .error(
                            "\"\(value)\" is listed twice in the order of \"\(attribute)\" (first at order[\(first)])",
                            at: valuePath))
                } else {
                    seen[value] = position
                }
            }
            for value in labels.values.keys.sorted() where seen[value] == nil {
                found.append(
                    .error(
                        "\"\(value)\" has labels but is not one of the bands in the order of \"\(attribute)\" (\(order.joined(separator: ", ")))",
                        at: attributePath.key("values").key(value)))
            }
        }
        return found
    }

    /// The values found in the responses that a declared order does not list, each located at that order: a
    /// band the order does not know would be placed by guess.
    ///
    /// - Parameter values: each group's values, in `groupBy` order.
    /// - Complexity: O(groups × attributes).
    public func orderProblems(groupBy: [String], values: [[String]], at path: DocumentPath = .root) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (position, attribute) in groupBy.enumerated() {
            guard let order = attributes[attribute]?.order else { continue }
            let known = Set(order)
            var unknown: [String] = []
            var seen: Set<String> = []
            for group in values where position < group.count {
                let value = group[position]
                if !known.contains(value) && seen.insert(value).inserted { unknown.append(value) }
            }
            guard !unknown.isEmpty else { continue }
            found.append(
                .error(
                    "the responses have \(attribute) \(unknown.sorted().map { "\"\($0)\"" }.joined(separator: ", ")), which the order of \"\(attribute)\" does not list (\(order.joined(separator: ", "))); add \(unknown.count == 1 ? "it" : "them") where \(unknown.count == 1 ? "it belongs" : "they belong")",
                    at: path.key("attributes").key(attribute).key("order")))
        }
        return found
    }
}
