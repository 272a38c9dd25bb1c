import AssayCore

/// Renders a rubric for a person to read: `assay rubric show`.
public struct RubricRenderer: Sendable {
    /// The language to render in; the rubric's default when `nil`.
    public var language: String?

    /// Creates a renderer.
    public init(language: String? = nil) {
        self.language = language
    }

    /// The whole rubric as indented plain text: levels, then each dimension with its questions and options.
    public func text(_ index: RubricIndex) -> String {
        let rubric = index.rubric
        let language = language ?? rubric.defaultLanguage
        func text(_ localized: LocalizedText?) -> String? {
            localized.map { $0.resolved(language, fallback: rubric.defaultLanguage) }
        }
        let strings = ReportStrings(language: language)
        var lines: [String] = []
        lines.append("\(text(rubric.title) ?? rubric.id) (\(rubric.id) \(rubric.version))")
        if let description = text(rubric.description) { lines.append(description) }
        lines.append(
            "\(strings.label("model")) \(rubric.scoring.model) · \(strings.label("languages")) \(rubric.languages.joined(separator: ", "))"
        )
        let budget = TimeBudget(index)
        if budget.unestimated < index.questions.count {
            lines.append(
                strings.format(
                    "time-budget", budget.sessionMinutes.formatted(), String(budget.sessionQuestions),
                    budget.beforeMinutes.formatted(), String(budget.beforeQuestions)))
            if budget.unestimated > 0 { lines.append(strings.format("unestimated", String(budget.unestimated))) }
        }
        if !rubric.levels.isEmpty {
            lines.append("")
            for level in rubric.levels {
                var band = ""
                if let low = level.minScore, let high = level.maxScore {
                    band = " [\(low.formatted())–\(high.formatted())]"
                }
                lines.append(
                    "  \(text(level.name) ?? level.id)\(band)" + (text(level.description).map { ": \($0)" } ?? ""))
                for gate in level.gates {
                    lines.append(
                        "    " + strings.format("gate-on", gate.question) + (text(gate.reason).map { " — \($0)" } ?? "")
                    )
                }
            }
        }
        for entry in index.questions {
            let question = entry.question
            let dimension = rubric.dimensions[entry.dimensionIndex]
            if entry.position == 0 || index.questions[entry.position - 1].dimensionIndex != entry.dimensionIndex {
                lines.append("")
                lines.append(
                    "\(text(dimension.title) ?? dimension.id) (\(dimension.id), \(strings.format("weight-of", dimension.weight.formatted())))"
                )
                if let description = text(dimension.description) { lines.append("  \(description)") }
            }
            if let areaIndex = entry.practiceAreaIndex,
                entry.position == 0 || index.questions[entry.position - 1].practiceAreaIndex != areaIndex
            {
                let area = dimension.practiceAreas[areaIndex]
                lines.append(
                    "  · \(text(area.title) ?? area.id) (\(strings.format("weight-of", area.weight.formatted())))")
            }
            var flags: [String] = []
            if question.weight != 1 { flags.append(strings.format("weight-of", question.weight.formatted())) }
            if question.isCritical { flags.append(strings["critical"]) }
            if question.allowsNotApplicable { flags.append(strings["na-allowed"]) }
            if question.condition != nil { flags.append(strings["conditional"]) }
            if question.asked == .before { flags.append(strings["asked-before"]) }
            if !question.isScored && question.format.isScored { flags.append(strings["not-scored"]) }
            if let minutes = question.minutes { flags.append(strings.format("minutes", minutes.formatted())) }
            let suffix = flags.isEmpty ? "" : " [\(flags.joined(separator: ", "))]"
            lines.append("  \(question.id). \(text(question.prompt) ?? "")\(suffix)")
            if let help = text(question.help) { lines.append("      \(help)") }
            for option in entry.options {
                let descriptor = text(option.descriptor).map { ": \($0)" } ?? ""
                lines.append("      - \(option.id) \(text(option.label) ?? "")\(descriptor)")
            }
            if case .freeText = entry.rules.entry { lines.append("      (\(strings["free-text"]))") }
            if let evidence = text(question.evidencePrompt) {
                lines.append("      \(strings.label("evidence-prompt")) \(evidence)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
