/// Words Assay says around a rubric's own text, kept as one table per language, as the reports, the session
/// console and the agreement report keep theirs: a type holds its tables, and this gives it the lookup.
///
/// A language without a table falls back to English, and so does a key missing from a table; placeholders
/// `%1`, `%2`, … are filled by ``ReportStrings/fill(_:with:)``.
package protocol LocalizedStrings: Sendable {
    /// The tables, by base language code (`fr`, not `fr-CA`); `en` must be among them.
    static var tables: [String: [String: String]] { get }
    /// The language's base code: `fr` for `fr-CA`.
    var language: String { get }
    /// The language's table, or English's.
    var table: [String: String] { get }
    /// The strings of `language` (a base code), reading `table`.
    init(language: String, table: [String: String])
}

extension LocalizedStrings {
    /// The strings of `language` (`fr-CA` reads `fr`), or English's when there is no table for it.
    package init(language: String) {
        let base = language.split(separator: "-").first.map(String.init) ?? language
        self.init(language: base, table: Self.tables[base] ?? Self.tables["en"]!)
    }

    /// `key`'s text; English's when this language lacks it, and `key` itself when English does too.
    package subscript(_ key: String) -> String {
        table[key] ?? Self.tables["en"]![key] ?? key
    }

    /// `key`'s text with `%1`, `%2`, … replaced by `arguments`.
    package func format(_ key: String, _ arguments: String...) -> String {
        ReportStrings.fill(self[key], with: arguments)
    }

    /// `key`'s text followed by a colon, as the language writes it: "Overall:", and "Global :" in French, with a
    /// no-break space so the colon never starts a line.
    package func label(_ key: String) -> String {
        colon(after: self[key])
    }

    /// `text` followed by a colon as the language writes it ("hr.lead : note" in French).
    package func colon(after text: String) -> String {
        ReportStrings.colon(after: text, language: language)
    }
}
