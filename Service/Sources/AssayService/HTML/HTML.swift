/// Text made safe to put between tags or in a double-quoted attribute.
func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text.unicodeScalars {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&#39;"
        default: result.unicodeScalars.append(character)
        }
    }
    return result
}

/// The opening of every page: no script, one stylesheet from this service, a viewport for phones.
func pageHead(language: String, title: String) -> String {
    """
    <!doctype html>
    <html lang="\(escaped(language))">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escaped(title))</title>
    <link rel="stylesheet" href="/assets/form.css">
    </head>
    <body>

    """
}

/// A page that says one thing: a refusal, or where to go.
func plainPage(language: String = "en", title: String, detail: String) -> String {
    pageHead(language: language, title: title)
        + "<main class=\"plain\">\n<h1>\(escaped(title))</h1>\n<p>\(escaped(detail))</p>\n</main>\n</body>\n</html>\n"
}
