import AssayCore
import AssayJSON
import AssayReport

/// The formats an agreement report is written in.
public enum AgreementReportFormat: String, Sendable, CaseIterable {
    /// Plain text for a terminal.
    case text
    /// Markdown, for pasting into a document.
    case markdown
    /// JSON, for machines.
    case json
    /// One self-contained HTML page.
    case html
}

/// A ``ViewComparison`` in words: rubric texts in one language, every figure rounded as reports round them.
public struct AgreementReport: Sendable {
    /// The comparison.
    public let comparison: ViewComparison
    /// The rubric, indexed, for its texts.
    public let index: RubricIndex
    /// The organisation the views are of.
    public let organisation: String?
    /// The language of the rubric's texts.
    public let language: String

    /// Creates a report; `language` `nil` means the rubric's default language.
    public init(comparison: ViewComparison, index: RubricIndex, organisation: String?, language: String? = nil) {
        self.comparison = comparison
        self.index = index
        self.organisation = organisation
        self.language = language ?? index.rubric.defaultLanguage
    }

    /// The report in `format`.
    public func render(_ format: AgreementReportFormat) throws -> String {
        switch format {
        case .text: return text()
        case .markdown: return markdown()
        case .json: return try json()
        case .html: return html()
        }
    }

    // MARK: Words

    private var strings: ReportStrings { ReportStrings(language: language) }
    /// The report's own words, in the report's language.
    var words: AgreementStrings { AgreementStrings(language: language) }
    var rubric: Rubric { index.rubric }
    var names: [String] { comparison.views.map(\.name) }

    func number(_ value: Double?) -> String { strings.number(value) }

    func signed(_ value: Double?) -> String {
        guard let value else { return "—" }
        let rounded = value.rounded(places: 1)
        return rounded > 0 ? "+" + number(rounded) : rounded < 0 ? "−" + number(-rounded) : "±0"
    }

    func scopeTitle(_ scope: String) -> String {
        guard scope != "overall" else { return words["overall"] }
        return rubric.dimensions.first { $0.id == scope }?.title.resolved(language, fallback: rubric.defaultLanguage)
            ?? scope
    }

    func levelName(_ id: String?) -> String {
        guard let id else { return words["no-level"] }
        return rubric.levels.first { $0.id == id }?.name.resolved(language, fallback: rubric.defaultLanguage) ?? id
    }

    /// "45.8 · Developing"; "—" when nothing is scored.
    func scoreText(_ score: Score, separator: String = " · ") -> String {
        guard score.value != nil else { return "—" }
        return number(score.value) + separator + levelName(score.level)
    }

    func prompt(_ question: String) -> String {
        index.question(question)?.question.prompt.resolved(language, fallback: rubric.defaultLanguage) ?? question
    }

    /// An answer as a reader says it: the option's label, the number, the text, or how it went unanswered.
    func answerText(_ answer: ViewAnswer, question: String) -> String {
        switch answer.status {
        case .notApplicable: return words["not-applicable"]
        case .dontKnow: return words["dont-know"]
        case .unanswered: return words["unanswered"]
        case .notAsked: return words["not-asked"]
        case .answered: break
        }
        let options = index.question(question)?.options ?? []
        func label(_ id: String) -> String {
            let label = options.first { $0.id == id }?.label.resolved(language, fallback: rubric.defaultLanguage)
            return label.flatMap { $0.isEmpty ? nil : $0 } ?? id
        }
        if case .choices(let ids)? = answer.value {
            return ids.isEmpty ? words["none-chosen"] : ids.map(label).joined(separator: ", ")
        }
        if let option = answer.option, answer.value.map({ if case .number = $0 { false } else { true } }) ?? true {
            return label(option)
        }
        return answer.value?.description ?? words["unanswered"]
    }

    func coefficient(_ value: AgreementCoefficient?) -> String {
        guard let value else { return "—" }
        guard let number = value.value else { return words["undefined"] }
        return strings.number(number, places: 2)
    }

    func rowTitle(_ row: ScopeAgreement.Coefficients) -> String {
        switch row.level {
        case nil: words["row-every"]
        case .ordinal?: words["row-ordinal"]
        case .nominal?: words["row-nominal"]
        case .interval?: words["row-interval"]
        }
    }

    /// What the coefficient rows leave out and why, in one sentence.
    var missingStatement: String {
        switch comparison.missing {
        case .exclude: words["missing-exclude"]
        case .asCategory: words["missing-category"]
        }
    }

    /// The consequences of the differences, one sentence each.
    var consequences: [String] {
        var lines: [String] = []
        for difference in comparison.levelDifferences {
            let levels = zip(names, difference.levels).map { words.format("level-in", levelName($1), $0) }.joined(
                separator: ", ")
            lines.append(words.format("level-crossed", scopeTitle(difference.scope), levels))
        }
        for gate in comparison.gateDifferences {
            let passing = zip(names, gate.passes).filter(\.1).map(\.0).joined(separator: ", ")
            lines.append(
                words.format("gate-passes", levelName(gate.level), gate.question, passing, prompt(gate.question)))
        }
        return lines
    }

    /// How one worklist move reads: "Facilitator taking Self-assessment's answer: +2.4 overall (+12.1 in …)".
    func moveText(_ move: Disagreement.Move, dimension: String) -> String {
        var level = move.levelChanges ? words.format("move-level", levelName(move.levelAfter)) : ""
        if move.dimensionLevelChanges {
            level += words.format("move-dimension-level", scopeTitle(dimension), levelName(move.dimensionLevelAfter))
        }
        return words.format(
            "move", names[move.view], names[move.taking], signed(move.overall), signed(move.dimension),
            scopeTitle(dimension)) + level
    }

    var heading: String {
        words.format(
            "heading", String(names.count), rubric.title.resolved(language, fallback: rubric.defaultLanguage),
            rubric.version)
            + (organisation.map { " — \($0)" } ?? "")
    }

    // MARK: Text and Markdown

    func text() -> String {
        var out = heading + "\n"
        for (number, view) in comparison.views.enumerated() {
            out +=
                "  " + words.colon(after: words.format("view", String(number + 1))) + " \(view.name)"
                + (view.source.map { " (\($0))" } ?? "") + "\n"
        }
        out += "\n\(words["scores"])\n"
        let titleWidth = max(20, rubric.dimensions.map { scopeTitle($0.id).count }.max() ?? 0)
        let columnWidth = max(22, names.map(\.count).max() ?? 0) + 2
        func row(_ title: String, _ cells: [String]) -> String {
            pad(title, titleWidth) + cells.map { leftPad($0, columnWidth) }.joined() + "\n"
        }
        out += row("", names)
        out += row(words["overall"], comparison.views.map { scoreText($0.overall, separator: " ") })
        for (position, dimension) in rubric.dimensions.enumerated() {
            out += row(
                scopeTitle(dimension.id),
                comparison.views.map {
                    scoreText($0.dimensions[position].score, separator: " ")
                })
        }
        out += "\n\(words["changes"])\n"
        let consequences = consequences
        out += consequences.isEmpty ? "  \(words["no-change"])\n" : consequences.map { "  - \($0)\n" }.joined()

        out += "\n\(words["agreement-kappa-alpha"])\n"
        out += "  " + missingStatement + "\n"
        let rows = comparison.scopes.flatMap { scope in
            scope.coefficients.map { ("\(scopeTitle(scope.scope)) · \(rowTitle($0))", $0) }
        }
        let width = rows.map(\.0.count).max() ?? 0
        func line(_ title: String, _ cells: [String]) -> String {
            "  " + pad(title, width) + cells.map { leftPad($0, 11) }.joined() + "\n"
        }
        out += line("", [words["questions"], words["agree"], names.count == 2 ? "κ" : "", "α"])
        for (title, coefficients) in rows {
            out += line(
                title,
                [
                    String(coefficients.questions), String(coefficients.agreeing),
                    names.count == 2 ? coefficient(coefficients.kappa) : "", coefficient(coefficients.alpha),
                ])
        }
        let undefined = Set(
            comparison.scopes.flatMap(\.coefficients).flatMap { [$0.alpha.undefined, $0.kappa?.undefined] }.compactMap {
                $0
            })
        for reason in undefined.sorted(by: { $0.rawValue < $1.rawValue }) {
            out += "  " + words[reason.rawValue] + "\n"
        }

        out += "\n\(words["worklist"])\n"
        if comparison.worklist.isEmpty { out += "  \(words["worklist-none"])\n" }
        for (number, item) in comparison.worklist.enumerated() {
            let question = comparison.questions[item.position]
            out += "  \(number + 1). \(item.question): \(prompt(item.question))\n"
            out +=
                "     "
                + zip(names, question.answers).map {
                    "\(words.colon(after: $0)) \(answerText($1, question: item.question))"
                }.joined(separator: " · ") + "\n"
            for move in item.moves { out += "     \(moveText(move, dimension: item.dimension))\n" }
        }
        out += "\n\(words["every-question-key"])\n"
        let idWidth = comparison.questions.map(\.question.count).max() ?? 0
        for question in comparison.questions {
            out +=
                "  \(mark(question.agreement)) " + pad(question.question, idWidth) + "  "
                + question.answers.map { answerText($0, question: question.question) }.joined(separator: " | ") + "\n"
        }
        return out
    }

    func mark(_ agreement: QuestionAgreement.Agreement) -> String {
        switch agreement {
        case .agree: "="
        case .disagree: "≠"
        case .nothingToCompare: "·"
        }
    }

    func markdown() -> String {
        let e = ReportRenderer.escapeMarkdown
        var out = "# " + e(heading) + "\n\n"
        for (number, view) in comparison.views.enumerated() {
            out +=
                "- \(words.colon(after: words.format("view", String(number + 1)))) **\(e(view.name))**"
                + (view.source.map { " (`\($0)`)" } ?? "") + "\n"
        }
        out +=
            "\n## \(words["scores"])\n\n| | " + names.map(e).joined(separator: " | ") + " |\n|---|"
            + names.map { _ in "---|" }.joined() + "\n"
        out +=
            "| \(words["overall"]) | "
            + comparison.views.map { scoreText($0.overall) }.joined(
                separator: " | ") + " |\n"
        for (position, dimension) in rubric.dimensions.enumerated() {
            out +=
                "| \(e(scopeTitle(dimension.id))) | "
                + comparison.views.map {
                    scoreText($0.dimensions[position].score)
                }.joined(separator: " | ") + " |\n"
        }
        out += "\n## \(words["changes"])\n\n"
        let consequences = consequences
        out +=
            consequences.isEmpty
            ? sentence(words["no-change"]) + "\n" : consequences.map { "- \(e($0))\n" }.joined()
        out += "\n## \(words["agreement"])\n\n\(e(missingStatement))\n\n" + coefficientHeader
        for scope in comparison.scopes {
            for row in scope.coefficients {
                out +=
                    "| \(e(scopeTitle(scope.scope))) · \(rowTitle(row)) | \(row.questions) | \(row.agreeing) | "
                    + "\(coefficient(row.kappa)) | \(coefficient(row.alpha)) |\n"
            }
        }
        out += "\n## \(words["worklist"])\n\n"
        if comparison.worklist.isEmpty { out += sentence(words["worklist-none"]) + "\n" }
        for (number, item) in comparison.worklist.enumerated() {
            let question = comparison.questions[item.position]
            out += "\(number + 1). **\(e(item.question))** \(e(prompt(item.question)))  \n"
            out +=
                "   "
                + zip(names, question.answers).map {
                    "\(e(words.colon(after: $0))) \(e(answerText($1, question: item.question)))"
                }
                .joined(separator: " · ") + "\n"
            for move in item.moves { out += "   - \(e(moveText(move, dimension: item.dimension)))\n" }
        }
        out +=
            "\n## \(words["every-question"])\n\n| | \(capitalised(words["question"])) | "
            + names.map(e).joined(separator: " | ") + " |\n|---|---|"
            + names.map { _ in "---|" }.joined() + "\n"
        for question in comparison.questions {
            out +=
                "| \(mark(question.agreement)) | \(e(question.question)) | "
                + question.answers.map { e(answerText($0, question: question.question)) }.joined(separator: " | ")
                + " |\n"
        }
        return out
    }

    /// "No level and no gate differs." from "no level and no gate differs".
    func sentence(_ text: String) -> String { capitalised(text) + "." }

    func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// The Markdown header of the coefficient table.
    var coefficientHeader: String {
        "| \(capitalised(words["scope"])) | \(capitalised(words["questions"])) | \(capitalised(words["agree"])) | κ | α |\n|---|---:|---:|---:|---:|\n"
    }

    /// The HTML header row of the coefficient table.
    var coefficientHeaderHTML: String {
        "<tr><th>\(capitalised(words["scope"]))</th><th>\(capitalised(words["questions"]))</th><th>\(capitalised(words["agree"]))</th><th>κ</th><th>α</th></tr>\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    // MARK: JSON

    struct Document: Encodable {
        struct Question: Encodable {
            var question: String
            var dimension: String
            var level: String
            var agreement: QuestionAgreement.Agreement
            var answers: [ViewAnswer]
        }

        var rubric: String
        var rubricVersion: String
        var organisation: String?
        var missing: MissingAnswers
        var views: [ViewScore]
        var levelDifferences: [LevelDifference]
        var gateDifferences: [GateDifference]
        var scopes: [ScopeAgreement]
        var worklist: [Disagreement]
        var questions: [Question]

        enum CodingKeys: String, CodingKey {
            case rubric, organisation, missing, views, scopes, worklist, questions
            case rubricVersion = "rubric_version"
            case levelDifferences = "level_differences"
            case gateDifferences = "gate_differences"
        }
    }

    func json() throws -> String {
        let document = Document(
            rubric: rubric.id, rubricVersion: rubric.version, organisation: organisation, missing: comparison.missing,
            views: comparison.views, levelDifferences: comparison.levelDifferences,
            gateDifferences: comparison.gateDifferences, scopes: comparison.scopes, worklist: comparison.worklist,
            questions: comparison.questions.map {
                Document.Question(
                    question: $0.question, dimension: $0.dimension, level: $0.level?.rawValue ?? "text",
                    agreement: $0.agreement, answers: $0.answers)
            })
        return try JSONOutput.string(document) + "\n"
    }

    // MARK: HTML

    func html() -> String {
        let h = HTMLText.escape
        var out = """
            <!DOCTYPE html>
            <html lang="\(h(language))"><head><meta charset="utf-8"><title>\(h(heading))</title>
            <style>
            body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
            table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border-bottom:1px solid #ddd;padding:.25rem .6rem;text-align:left}
            td.n{text-align:right;font-variant-numeric:tabular-nums}.differ{background:#fff3cd}
            @media print{body{margin:0}}
            </style></head><body>
            <h1>\(h(heading))</h1>

            """
        out +=
            "<ul>"
            + comparison.views.map {
                "<li><strong>\(h($0.name))</strong>" + ($0.source.map { " (\(h($0)))" } ?? "") + "</li>"
            }.joined() + "</ul>\n"
        out +=
            "<h2>\(h(words["scores"]))</h2><table><tr><th></th>" + names.map { "<th>\(h($0))</th>" }.joined()
            + "</tr>\n"
        out +=
            "<tr><td>\(h(words["overall"]))</td>"
            + comparison.views.map {
                "<td class=\"n\">\(h(scoreText($0.overall)))</td>"
            }.joined() + "</tr>\n"
        for (position, dimension) in rubric.dimensions.enumerated() {
            out +=
                "<tr><td>\(h(scopeTitle(dimension.id)))</td>"
                + comparison.views.map {
                    "<td class=\"n\">\(h(scoreText($0.dimensions[position].score)))</td>"
                }.joined() + "</tr>\n"
        }
        out += "</table>\n<h2>\(h(words["changes"]))</h2>\n"
        let consequences = consequences
        out +=
            consequences.isEmpty
            ? "<p>\(h(sentence(words["no-change"])))</p>\n"
            : "<ul>" + consequences.map { "<li>\(h($0))</li>" }.joined() + "</ul>\n"
        out +=
            "<h2>\(h(words["agreement"]))</h2><p>\(h(missingStatement))</p><table>" + coefficientHeaderHTML
        for scope in comparison.scopes {
            for row in scope.coefficients {
                out +=
                    "<tr><td>\(h(scopeTitle(scope.scope))) · \(h(rowTitle(row)))</td><td class=\"n\">\(row.questions)</td><td class=\"n\">\(row.agreeing)</td><td class=\"n\">\(coefficient(row.kappa))</td><td class=\"n\">\(coefficient(row.alpha))</td></tr>\n"
            }
        }
        out += "</table>\n<h2>\(h(words["worklist"]))</h2>\n<ol>\n"
        for item in comparison.worklist {
            let question = comparison.questions[item.position]
            out +=
                "<li><strong>\(h(item.question))</strong> \(h(prompt(item.question)))<br>"
                + zip(names, question.answers).map {
                    "\(h(words.colon(after: $0))) <em>\(h(answerText($1, question: item.question)))</em>"
                }.joined(separator: " · ")
                + "<ul>" + item.moves.map { "<li>\(h(moveText($0, dimension: item.dimension)))</li>" }.joined()
                + "</ul></li>\n"
        }
        out +=
            "</ol>\n<h2>\(h(words["every-question"]))</h2><table><tr><th>\(h(capitalised(words["question"])))</th>"
            + names.map { "<th>\(h($0))</th>" }.joined()
            + "</tr>\n"
        for question in comparison.questions {
            let differ = question.agreement == .disagree ? " class=\"differ\"" : ""
            out +=
                "<tr\(differ)><td>\(h(question.question))</td>"
                + question.answers.map { "<td>\(h(answerText($0, question: question.question)))</td>" }.joined()
                + "</tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }
}
