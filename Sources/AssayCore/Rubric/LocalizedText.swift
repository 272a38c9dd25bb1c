/// A human-readable string in every language a rubric declares, such as `{"en": "Budget", "fr": "Budget"}`.
///
/// Language tags are the keys (`en`, `fr`, `es`, or regional forms such as `fr-CA`). Looking a string up in a
/// language it lacks falls back to the base language (`fr` for `fr-CA`), then to the rubric's default language.
public struct LocalizedText: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral {
    /// The text in each language, keyed by language tag.
    public var translations: [String: String]

    /// Creates a text from its translations.
    public init(_ translations: [String: String]) {
        self.translations = translations
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.translations = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.translations = try container.decode([String: String].self)
    }

    public func encode(to encoder: any Encoder) throws {
        try encoder.encodeSortedMap(translations)
    }

    /// The text in `language`, else in its base language, else in `fallback`, else any text there is.
    public func resolved(_ language: String, fallback: String) -> String {
        if let text = translations[language] { return text }
        if let dash = language.firstIndex(of: "-"), let text = translations[String(language[..<dash])] {
            return text
        }
        if let text = translations[fallback] { return text }
        return translations.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    /// Whether there is no text in any language.
    public var isEmpty: Bool { translations.values.allSatisfy(\.isEmpty) }
}
