import AssayCore
import AssayJSON

/// The formats a report can be written in.
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Plain text for a terminal.
    case text
    /// Markdown, for pasting into a document.
    case markdown
    /// JSON, for machines: the encoded ``ScoreReport``.
    case json
    /// One self-contained HTML page for reading on a screen, on a phone or on paper (``HTMLReportRenderer``).
    case html
}

/// Renders a ``ScoreReport`` as text, Markdown, JSON or HTML.
public struct ReportRenderer: Sendable {
    /// How many next steps to list.
    public var nextStepLimit: Int
    /// Whether to list every answer with its note and evidence (session reports do; `assay score` does not).
    public var includesAnswers: Bool
    /// Whether to use ANSI colour in text output.
    public var usesColor: Bool

    /// Creates a renderer.
    public init(nextStepLimit: Int = 5, includesAnswers: Bool = false, usesColor: Bool = false) {
        self.nextStepLimit = nextStepLimit
        self.includesAnswers = includesAnswers
        self.usesColor = usesColor
    }

    /// `report` in `format`.
    public func render(_ report: ScoreReport, as format: ReportFormat) throws -> String {
        switch format {
        case .text: text(report)
        case .markdown: markdown(report)
        case .json: try JSONOutput.string(report)
        case .html: HTMLReportRenderer(nextStepLimit: nextStepLimit).render(report)
        }
    }

    private func bold(_ text: String) -> String { usesColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }

    /// Plain text, aligned for a terminal.
    public func text(_ report: ScoreReport) -> String {
        let strings = ReportStrings(language: report.language)
        var lines: [String] = []
        var heading = "\(report.rubric.title) \(report.rubric.version)"
        if let organisation = report.organisation { heading += " — \(organisation)" }
        lines.append(bold(heading))
        let level = report.overall.levelName ?? strings["no-level"]
        lines.append("\(strings.label("overall")) \(strings.number(report.overall.score)) / 100 · \(level)")
        lines.append("\(strings.label("completeness")) \(strings.completeness(report.completeness))")
        lines.append("")
        let width = max(strings["dimension"].count, report.dimensions.map(\.title.count).max() ?? 0)
        lines.append(
            bold(pad(strings["dimension"], width) + "  " + leftPad(strings["score"], 5) + "  " + strings["level"]))
        for dimension in report.dimensions {
            lines.append(
                pad(dimension.title, width) + "  " + leftPad(strings.number(dimension.summary.score), 5) + "  "
                    + (dimension.summary.levelName ?? strings["no-level"])
            )
        }
        lines.append("")
        lines.append(bold(strings["blocks"]))
        for (title, summary) in [(strings["overall"], report.overall)]
            + report.dimensions.map({ ($0.title, $0.summary) })
        {
            guard let next = summary.nextLevelName else { continue }
            if summary.blockers.isEmpty { continue }
            lines.append("  \(title) — \(strings.colon(after: strings.format("to-reach", next)))")
            for blocker in summary.blockers { lines.append("    - \(blocker)") }
        }
        lines.append("")
        lines.append(bold(strings["next-steps"]))
        for (number, step) in report.nextSteps.prefix(max(0, nextStepLimit)).enumerated() {
            let gain = strings.gain(step)
            let critical = step.critical ? " [\(strings["critical"])]" : ""
            // The question's id is for the analyst (it stays in the JSON); the municipality reads the question.
            lines.append("  \(number + 1). \(step.prompt)\(critical)")
            lines.append("     \(step.from ?? "—") → \(step.to) (\(gain))")
            if let recommendation = step.recommendation { lines.append("     \(recommendation)") }
        }
        if includesAnswers {
            lines.append("")
            lines.append(bold(strings["answers"]))
            for answer in report.answers {
                lines.append("  \(answer.question): \(answer.prompt)")
                lines.append("     \(answer.answer ?? strings["not-answered"])")
                if let note = answer.note { lines.append("     \(strings.label("note")) \(note)") }
                if !answer.evidence.isEmpty {
                    lines.append("     \(strings.label("evidence")) \(answer.evidence.joined(separator: "; "))")
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Markdown with the same content as the text.
    public func markdown(_ report: ScoreReport) -> String {
        let strings = ReportStrings(language: report.language)
        var lines: [String] = []
        var heading = "# \(report.rubric.title)"
        if let organisation = report.organisation { heading += " — \(Self.escapeMarkdown(organisation))" }
        lines.append(heading)
        lines.append("")
        lines.append(
            "\(strings.label("rubric")) `\(report.rubric.id)` \(report.rubric.version) · \(strings.label("model")) `\(report.model)`"
        )
        lines.append("")
        let level = report.overall.levelName ?? strings["no-level"]
        lines.append("**\(strings.label("overall")) \(strings.number(report.overall.score)) / 100 · \(level)**")
        lines.append("")
        lines.append("\(strings.label("completeness")) \(strings.completeness(report.completeness))")
        lines.append("")
        lines.append("| \(strings["dimension"]) | \(strings["score"]) | \(strings["level"]) |")
        lines.append("|---|---:|---|")
        for dimension in report.dimensions {
            lines.append(
                "| \(Self.escapeMarkdown(dimension.title)) | \(strings.number(dimension.summary.score)) | \(dimension.summary.levelName ?? strings["no-level"]) |"
            )
        }
        lines.append("")
        lines.append("## \(strings["blocks"])")
        lines.append("")
        for (title, summary) in [(strings["overall"], report.overall)]
            + report.dimensions.map({ ($0.title, $0.summary) })
        {
            guard let next = summary.nextLevelName, !summary.blockers.isEmpty else { continue }
            lines.append(
                "- **\(Self.escapeMarkdown(title))** — \(strings.colon(after: strings.format("to-reach", next)))")
            for blocker in summary.blockers { lines.append("  - \(Self.escapeMarkdown(blocker))") }
        }
        lines.append("")
        lines.append("## \(strings["next-steps"])")
        lines.append("")
        for (number, step) in report.nextSteps.prefix(max(0, nextStepLimit)).enumerated() {
            let gain = strings.gain(step)
            let critical = step.critical ? " *(\(strings["critical"]))*" : ""
            lines.append(
                "\(number + 1). **\(Self.escapeMarkdown(step.prompt))**\(critical) — \(step.from ?? "—") → \(step.to) (\(gain))"
            )
            if let recommendation = step.recommendation { lines.append("   \(Self.escapeMarkdown(recommendation))") }
        }
        if includesAnswers {
            lines.append("")
            lines.append("## \(strings["answers"])")
            lines.append("")
            lines.append(
                "| \(strings["question"]) | \(strings["answer"]) | \(strings["note"]) | \(strings["evidence"]) |")
            lines.append("|---|---|---|---|")
            for answer in report.answers {
                lines.append(
                    "| **\(answer.question)** \(Self.escapeMarkdown(answer.prompt)) | \(Self.escapeMarkdown(answer.answer ?? strings["not-answered"])) | "
                        + "\(Self.escapeMarkdown(answer.note ?? "")) | \(Self.escapeMarkdown(answer.evidence.joined(separator: "; "))) |"
                )
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }

    private func leftPad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }

    /// `text` safe inside a Markdown table cell or paragraph: markup characters escaped, line breaks flattened.
    package static func escapeMarkdown(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|": escaped += "\\|"
            case "\n": escaped += " "
            case "*", "_", "`", "<", ">", "[", "]": escaped += "\\\(character)"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
