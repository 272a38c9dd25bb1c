/// Text made safe for HTML and XML.
package enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` escaped, so it reads the same as element text or an attribute
    /// value, in HTML and in XML.
    package static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
