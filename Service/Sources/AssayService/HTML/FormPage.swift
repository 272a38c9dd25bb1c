/// The self-assessment page: every question of the form, with its help, options and descriptors, the person's
/// answers, and any problem beside its question and in a summary at the top.
///
/// Works without JavaScript (there is none: the Content-Security-Policy forbids it). Every input has a label;
/// every question is a fieldset with the question as its legend, its help and its error tied to it with
/// `aria-describedby`; the error summary links to each question. One form: every Save button posts every
/// answer, and Submit saves them too, so nothing typed is lost by pressing the wrong one.
struct FormPage: Sendable {
    /// A message at the top of the page.
    enum Status: Sendable, Hashable {
        case none, saved, submitted, alreadySubmitted, staleForm
    }

    var form: SelfAssessmentForm
    var strings: FormStrings
    var organisation: String
    /// The link's path, `/a/<token>`, where the form posts.
    var basePath: String
    var csrf: String
    var entries: [String: FormEntry]
    var problems: [FormSubmission.Problem] = []
    var status: Status = .none
    var isReadOnly: Bool

    func render() -> String {
        var html = pageHead(language: form.language, title: form.title + " — " + organisation)
        html += "<main>\n<h1>\(escaped(form.title))</h1>\n"
        html += "<p class=\"organisation\">\(escaped(organisation))</p>\n"
        html += languageLinks()
        html += statusMessage()
        html += errorSummary()
        html += "<p>\(escaped(form.scope == .beforeSession ? strings.scopeBefore : strings.scopeWhole))</p>\n"
        if !isReadOnly {
            html += "<form method=\"post\" action=\"\(escaped(basePath))/save\" novalidate>\n"
            html += "<input type=\"hidden\" name=\"\(CSRFToken.fieldName)\" value=\"\(escaped(csrf))\">\n"
            html += "<input type=\"hidden\" name=\"lang\" value=\"\(escaped(form.language))\">\n"
        }
        let problemsByQuestion = Dictionary(problems.map { ($0.question, $0.message) }, uniquingKeysWith: { a, _ in a })
        for section in form.sections {
            html += "<section id=\"s-\(escaped(section.id))\" aria-labelledby=\"h-\(escaped(section.id))\">\n"
            html += "<h2 id=\"h-\(escaped(section.id))\">\(escaped(section.title))</h2>\n"
            for question in section.questions {
                html += render(
                    question, entry: entries[question.id] ?? FormEntry(), problem: problemsByQuestion[question.id])
            }
            if !isReadOnly {
                html += "<button type=\"submit\" name=\"section\" value=\"\(escaped(section.id))\" class=\"secondary\">"
                html += "\(escaped(strings.saveSection))</button>\n"
            }
            html += "</section>\n"
        }
        if !isReadOnly {
            html += "<div class=\"submit\">\n<p id=\"submit-help\">\(escaped(strings.submitExplanation))</p>\n"
            html +=
                "<button type=\"submit\" formaction=\"\(escaped(basePath))/submit\" aria-describedby=\"submit-help\">"
            html += "\(escaped(strings.submit))</button>\n</div>\n</form>\n"
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }

    private func languageLinks() -> String {
        guard form.languages.count > 1 else { return "" }
        var html = "<nav class=\"languages\" aria-label=\"\(escaped(strings.languageNav))\"><ul>\n"
        for language in form.languages {
            let name = Self.languageNames[language] ?? language
            if language == form.language {
                html += "<li><span aria-current=\"true\" lang=\"\(escaped(language))\">\(escaped(name))</span></li>\n"
            } else {
                html +=
                    "<li><a href=\"\(escaped(basePath))?lang=\(escaped(language))\" hreflang=\"\(escaped(language))\""
                html += " lang=\"\(escaped(language))\">\(escaped(name))</a></li>\n"
            }
        }
        return html + "</ul></nav>\n"
    }

    private static let languageNames = ["en": "English", "fr": "Français", "es": "Español"]

    private func statusMessage() -> String {
        let message: String
        switch status {
        case .none: return ""
        case .saved: message = problems.isEmpty ? strings.saved : strings.savedSome
        case .submitted: message = strings.submitted
        case .alreadySubmitted: message = strings.alreadySubmitted
        case .staleForm: message = strings.staleForm
        }
        return "<p class=\"status\" role=\"status\" id=\"status\">\(escaped(message))</p>\n"
    }

    private func errorSummary() -> String {
        guard !problems.isEmpty else { return "" }
        let prompts = Dictionary(form.questions.map { ($0.id, $0.prompt) }, uniquingKeysWith: { a, _ in a })
        var html =
            "<div class=\"error-summary\" role=\"alert\" aria-labelledby=\"error-summary-title\" tabindex=\"-1\" id=\"errors\">\n"
        html += "<h2 id=\"error-summary-title\">\(escaped(strings.errorHeading))</h2>\n<ul>\n"
        for problem in problems {
            let prompt = prompts[problem.question] ?? problem.question
            html +=
                "<li><a href=\"#q-\(escaped(problem.question))\">\(escaped(prompt)) — \(escaped(problem.message))</a></li>\n"
        }
        return html + "</ul>\n</div>\n"
    }

    /// "Not applicable" and "don't know" beside a number or text box, as check boxes of their own.
    private func specialOptions(
        _ question: FormQuestion,
        entry: FormEntry,
        option: (String, String, String?, String, String, Bool) -> String
    ) -> String {
        let special = escaped(FormEntry.specialField(question.id))
        var html = ""
        if question.allowsNotApplicable {
            html += option("na", strings.notApplicable, nil, "checkbox", special, entry.chosen.contains("na"))
        }
        return html + option("unknown", strings.dontKnow, nil, "checkbox", special, entry.chosen.contains("unknown"))
    }

    private func render(_ question: FormQuestion, entry: FormEntry, problem: String?) -> String {
        let id = escaped(question.id)
        var described: [String] = []
        if question.help != nil { described.append("help-\(id)") }
        if problem != nil { described.append("error-\(id)") }
        let describedBy = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        let disabled = isReadOnly ? " disabled" : ""
        var html =
            "<fieldset class=\"question\(problem == nil ? "" : " invalid")\" id=\"q-\(id)\"\(describedBy)\(disabled)>\n"
        html += "<legend>\(escaped(question.prompt))</legend>\n"
        if let help = question.help { html += "<p class=\"help\" id=\"help-\(id)\">\(escaped(help))</p>\n" }
        if let problem { html += "<p class=\"error\" id=\"error-\(id)\">\(escaped(problem))</p>\n" }
        let name = escaped(FormEntry.answerField(question.id))
        func option(
            _ value: String, label: String, descriptor: String?, type: String, fieldName: String, checked: Bool
        ) -> String {
            let inputID = "a-\(id)-\(value.isEmpty ? "none" : escaped(value))"
            var line = "<div class=\"option\"><input type=\"\(type)\" id=\"\(inputID)\" name=\"\(fieldName)\""
            line += " value=\"\(escaped(value))\"\(checked ? " checked" : "")\(disabled)>"
            line += "<label for=\"\(inputID)\">\(escaped(label))"
            if let descriptor { line += "<span class=\"descriptor\">\(escaped(descriptor))</span>" }
            return line + "</label></div>\n"
        }
        switch question.kind {
        case .oneOption, .options:
            let type = question.kind == .oneOption ? "radio" : "checkbox"
            var choices = question.options.map { ($0.id, $0.label, $0.descriptor) }
            if question.allowsNotApplicable { choices.append(("na", strings.notApplicable, nil)) }
            choices.append(("unknown", strings.dontKnow, nil))
            for (value, label, descriptor) in choices {
                html += option(
                    value, label: label, descriptor: descriptor, type: type, fieldName: name,
                    checked: entry.chosen.contains(value))
            }
            if question.kind == .oneOption {
                // Lets a person take an answer back without JavaScript.
                html += option(
                    "", label: strings.notAnswered, descriptor: nil, type: type, fieldName: name,
                    checked: entry.chosen.isEmpty)
            }
        case .number(let unit):
            let label = unit.map { "\(strings.number) (\($0))" } ?? strings.number
            html += "<label class=\"field\" for=\"a-\(id)\">\(escaped(label))</label>\n"
            html += "<input type=\"text\" inputmode=\"decimal\" id=\"a-\(id)\" name=\"\(name)\""
            html += " value=\"\(escaped(entry.typed))\"\(disabled)>\n"
            html += specialOptions(question, entry: entry, option: option)
        case .text:
            html += "<label class=\"field\" for=\"a-\(id)\">\(escaped(strings.answer))</label>\n"
            html += "<textarea id=\"a-\(id)\" name=\"\(name)\"\(disabled)>\(escaped(entry.typed))</textarea>\n"
            html += specialOptions(question, entry: entry, option: option)
        }
        let evidenceLabel = question.evidencePrompt.map { "\(strings.evidence) — \($0)" } ?? strings.evidence
        html += "<label class=\"field\" for=\"n-\(id)\">\(escaped(strings.note))</label>\n"
        html +=
            "<textarea id=\"n-\(id)\" name=\"\(escaped(FormEntry.noteField(question.id)))\"\(disabled)>\(escaped(entry.note))</textarea>\n"
        html += "<label class=\"field\" for=\"e-\(id)\">\(escaped(evidenceLabel))</label>\n"
        html +=
            "<textarea id=\"e-\(id)\" name=\"\(escaped(FormEntry.evidenceField(question.id)))\"\(disabled)>\(escaped(entry.evidence))</textarea>\n"
        return html + "</fieldset>\n"
    }
}
