import AssayCore
import AssayJSON
import AssayReport
import AssaySession
import Foundation

extension ViewComparison {
    /// The self-reported answers of a session started from a self-assessment beside the answers confirmed in it;
    /// `nil` for a session without a self-assessment.
    ///
    /// The confirmed view is named after the session's facilitator ("Confirmed" when it has none).
    public init?(selfAssessmentOf session: SessionFile, scorer: Scorer, missing: MissingAnswers = .exclude) throws {
        guard let assessment = session.selfAssessment else { return nil }
        var reported = session.response
        reported.answers = assessment.answers
        try self.init(
            views: [
                AssessmentView(name: assessment.by, source: assessment.source, response: reported),
                AssessmentView(name: session.facilitator ?? "Confirmed", response: session.response),
            ], scorer: scorer, missing: missing)
    }
}

extension AgreementReport {
    /// The part a session report adds when the session was started from a self-assessment: each view's scores,
    /// what the differences change, κ and α, and every question with both answers side by side.
    public func markdownSection() -> String {
        let e = ReportRenderer.escapeMarkdown
        var out =
            "\n## \(words["self-beside-confirmed"])\n\n| | " + names.map(e).joined(separator: " | ") + " |\n|---|"
            + names.map { _ in "---|" }.joined() + "\n"
        out +=
            "| \(words["overall"]) | "
            + comparison.views.map { scoreText($0.overall) }.joined(
                separator: " | ") + " |\n"
        for (position, dimension) in index.rubric.dimensions.enumerated() {
            out +=
                "| \(e(scopeTitle(dimension.id))) | "
                + comparison.views.map {
                    scoreText($0.dimensions[position].score)
                }.joined(separator: " | ") + " |\n"
        }
        let consequences = consequences
        if !consequences.isEmpty { out += "\n" + consequences.map { "- \(e($0))\n" }.joined() }
        out +=
            "\n### \(words["agreement"])\n\n\(e(missingStatement))\n\n" + coefficientHeader
        for scope in comparison.scopes {
            for row in scope.coefficients {
                out +=
                    "| \(e(scopeTitle(scope.scope))) · \(rowTitle(row)) | \(row.questions) | \(row.agreeing) | "
                    + "\(coefficient(row.kappa)) | \(coefficient(row.alpha)) |\n"
            }
        }
        out +=
            "\n### \(words["every-answer"])\n\n| \(capitalised(words["question"])) | "
            + names.map(e).joined(separator: " | ") + " | |\n|---|"
            + names.map { _ in "---|" }.joined() + "---|\n"
        for question in comparison.questions {
            out +=
                "| \(e(question.question)) | "
                + question.answers.map { e(answerText($0, question: question.question)) }.joined(separator: " | ")
                + " | \(question.agreement == .disagree ? "≠" : "") |\n"
        }
        return out
    }

    /// The same part as ``markdownSection()``, as HTML to put before the end of the session report's body.
    public func htmlSection() -> String {
        let h = HTMLText.escape
        var out =
            "<section><h2>\(h(words["self-beside-confirmed"]))</h2>\n<table><tr><th></th>"
            + names.map { "<th>\(h($0))</th>" }.joined() + "</tr>\n"
        out +=
            "<tr><td>\(h(words["overall"]))</td>"
            + comparison.views.map { "<td>\(h(scoreText($0.overall)))</td>" }
            .joined() + "</tr>\n"
        for (position, dimension) in index.rubric.dimensions.enumerated() {
            out +=
                "<tr><td>\(h(scopeTitle(dimension.id)))</td>"
                + comparison.views.map {
                    "<td>\(h(scoreText($0.dimensions[position].score)))</td>"
                }.joined() + "</tr>\n"
        }
        out += "</table>\n"
        let consequences = consequences
        if !consequences.isEmpty { out += "<ul>" + consequences.map { "<li>\(h($0))</li>" }.joined() + "</ul>\n" }
        out += "<h3>\(h(words["agreement"]))</h3><p>\(h(missingStatement))</p>\n"
        out += "<table>" + coefficientHeaderHTML
        for scope in comparison.scopes {
            for row in scope.coefficients {
                out +=
                    "<tr><td>\(h(scopeTitle(scope.scope))) · \(h(rowTitle(row)))</td><td>\(row.questions)</td>"
                    + "<td>\(row.agreeing)</td><td>\(coefficient(row.kappa))</td><td>\(coefficient(row.alpha))</td></tr>\n"
            }
        }
        out +=
            "</table>\n<h3>\(h(words["every-answer"]))</h3><table><tr><th>\(h(capitalised(words["question"])))</th>"
            + names.map { "<th>\(h($0))</th>" }.joined()
            + "<th></th></tr>\n"
        for question in comparison.questions {
            out +=
                "<tr><td>\(h(question.question))</td>"
                + question.answers.map { "<td>\(h(answerText($0, question: question.question)))</td>" }.joined()
                + "<td>\(question.agreement == .disagree ? "≠" : "")</td></tr>\n"
        }
        return out + "</table></section>\n"
    }

    /// `report`, a session report in `format`, with this comparison added: the Markdown and HTML sections, or
    /// for JSON a `self_assessment` member holding the agreement report's JSON.
    public func adding(to report: String, format: AgreementReportFormat) throws -> String {
        switch format {
        case .markdown, .text:
            return report + markdownSection()
        case .html:
            guard let end = report.range(of: "</body>", options: .backwards) else { return report + htmlSection() }
            return report.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: htmlSection())
        case .json:
            // Both are whole JSON objects; the comparison becomes the report's last member.
            var body = report.trimmingCharacters(in: .whitespacesAndNewlines)
            guard body.hasSuffix("}") else { return report }
            body.removeLast()
            let member = try json().trimmingCharacters(in: .whitespacesAndNewlines)
                .replacingOccurrences(of: "\n", with: "\n  ")
            return body.trimmingCharacters(in: .whitespacesAndNewlines) + ",\n  \"self_assessment\": " + member
                + "\n}\n"
        }
    }
}
