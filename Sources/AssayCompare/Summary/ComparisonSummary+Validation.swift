import AssayCore
import AssayJSON

extension ComparisonSummary {
    /// A summary read from a file, with the warnings found in it.
    public struct Loaded: Sendable {
        /// The summary.
        public var summary: ComparisonSummary
        /// The document it was read from, to locate later checks against a rubric.
        public var document: JSONDocument
        /// Problems that did not stop it from being used.
        public var warnings: [SourceDiagnostic]
    }

    /// Reads the summary at `path` and checks it on its own: its format, its policy, that every count is a
    /// non-negative number, that quartiles are in order and scores within 0 to 100, and that every group gives
    /// statistics only for the summary's scopes.
    ///
    /// A summary is input like any other: one edited by hand, or written by something else, must not make
    /// `assay compare` crash, hang or print a comparison that means nothing.
    ///
    /// - Throws: ``InputError`` with every problem, located.
    public static func load(_ path: String) throws(InputError) -> Loaded {
        let document = try JSONDocument.read(path)
        if case .object(let object) = document.value, let format = object["format"],
            format != .string(currentFormat)
        {
            let found = if case .string(let text) = format { "\"\(text)\"" } else { format.kindDescription }
            throw InputError(
                diagnostics: document.locate([
                    .error(
                        "this is not an Assay comparison summary: its format is \(found), expected \"\(currentFormat)\"",
                        at: DocumentPath.root.key("format"))
                ]))
        }
        let (summary, warnings) = try document.decode(ComparisonSummary.self)
        let errors = document.locate(summary.problems())
        if !errors.isEmpty { throw InputError(diagnostics: errors + warnings) }
        return Loaded(summary: summary, document: document, warnings: warnings)
    }

    /// Every problem of the summary on its own, with its path.
    func problems() -> [Diagnostic] {
        var found: [Diagnostic] = []
        let root = DocumentPath.root
        if format != Self.currentFormat {
            found.append(
                .error(
                    "this is not an Assay comparison summary: its format is \"\(format)\", expected \"\(Self.currentFormat)\"",
                    at: root.key("format")))
        }
        for problem in policy.diagnostics(at: root.key("policy")) {
            found.append(
                .error("the summary's policy is not one Assay releases under: \(problem.message)", at: problem.path))
        }
        if let reasons = suppressionReasons, reasons.count != suppressions.count {
            // The handout words the codes; the sentences are what other readers show: they must say the same.
            found.append(
                .error(
                    "\"suppression_reasons\" gives \(reasons.count) reasons and \"suppressions\" \(suppressions.count) sentences; each reason is given both ways, in the same order",
                    at: root.key("suppression_reasons")))
        }
        let totalsPath = root.key("totals")
        for (key, value) in [
            ("organisations", totals.organisations), ("responses", totals.responses), ("groups", totals.groups),
            ("groups_released", totals.groupsReleased), ("lines_skipped", totals.linesSkipped),
        ] where value < 0 {
            found.append(.error("a count may not be negative; found \(value)", at: totalsPath.key(key)))
        }
        let scopeIDs = scopes.map(\.id)
        if Set(scopeIDs).count != scopeIDs.count {
            found.append(.error("a scope is listed twice", at: root.key("scopes")))
        }
        if scopeIDs.last != "overall" {
            found.append(.error("the last scope must be \"overall\"", at: root.key("scopes")))
        }
        let levelIDs = Set(levels.map(\.id) + ["none"])
        found += Self.problems(of: overall, at: root.key("overall"), scopes: scopeIDs, levels: levelIDs)
        for (index, group) in groups.enumerated() {
            found += Self.problems(of: group, at: root.key("groups").index(index), scopes: scopeIDs, levels: levelIDs)
        }
        return found
    }

    private static func problems(of group: GroupSummary, at path: DocumentPath, scopes: [String], levels: Set<String>)
        -> [Diagnostic]
    {
        var found: [Diagnostic] = []
        func count(_ value: Int, at path: DocumentPath) {
            if value < 0 { found.append(.error("a count may not be negative; found \(value)", at: path)) }
        }
        func score(_ value: Double?, at path: DocumentPath) {
            if let value, !(0...100).contains(value) {
                found.append(.error("a score must lie between 0 and 100; found \(value.formatted())", at: path))
            }
        }
        count(group.organisations, at: path.key("organisations"))
        count(group.responses, at: path.key("responses"))
        var seen: Set<String> = []
        for (index, statistics) in group.scopes.enumerated() {
            let scopePath = path.key("scopes").index(index)
            if !scopes.contains(statistics.scope) {
                found.append(
                    .error(
                        "\"\(statistics.scope)\" is not one of the summary's scopes (\(scopes.joined(separator: ", ")))",
                        at: scopePath.key("scope")))
            } else if !seen.insert(statistics.scope).inserted {
                found.append(
                    .error("scope \"\(statistics.scope)\" is given twice in this group", at: scopePath.key("scope")))
            }
            count(statistics.count, at: scopePath.key("count"))
            for (key, value) in [
                ("mean", statistics.mean), ("median", statistics.median), ("q1", statistics.q1), ("q3", statistics.q3),
            ] {
                score(value, at: scopePath.key(key))
            }
            if let q1 = statistics.q1, let median = statistics.median, q1 > median {
                found.append(
                    .error(
                        "the first quartile (\(q1.formatted())) is above the median (\(median.formatted()))",
                        at: scopePath.key("q1")))
            }
            if let q3 = statistics.q3, let median = statistics.median, q3 < median {
                found.append(
                    .error(
                        "the third quartile (\(q3.formatted())) is below the median (\(median.formatted()))",
                        at: scopePath.key("q3")))
            }
            if (statistics.q1 == nil) != (statistics.q3 == nil) {
                found.append(
                    .error("quartiles come in pairs: \"q1\" and \"q3\" are both given or both left out", at: scopePath))
            }
            for (levelIndex, level) in (statistics.levels ?? []).enumerated() {
                let levelPath = scopePath.key("levels").index(levelIndex)
                if !levels.contains(level.level) {
                    found.append(
                        .error("\"\(level.level)\" is not one of the summary's levels", at: levelPath.key("level")))
                }
                count(level.count, at: levelPath.key("count"))
            }
        }
        for (index, gap) in group.gaps.enumerated() where !(0...100).contains(gap.percent) {
            found.append(
                .error(
                    "a share must lie between 0 and 100 percent; found \(gap.percent)",
                    at: path.key("gaps").index(index).key("percent")))
        }
        for (index, trend) in (group.trends ?? []).enumerated() {
            let trendPath = path.key("trends").index(index)
            count(trend.organisations, at: trendPath.key("organisations"))
            score(trend.mean, at: trendPath.key("mean"))
            score(trend.median, at: trendPath.key("median"))
        }
        return found
    }

    /// Problems comparing against `rubric` with this summary: another rubric or version, or scopes and levels that
    /// are not the rubric's dimensions and levels (every row would sit beside another dimension's statistics).
    public func problems(against rubric: Rubric) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let root = DocumentPath.root
        if self.rubric.id != rubric.id {
            found.append(
                .error(
                    "the summary is for rubric \"\(self.rubric.id)\", not \"\(rubric.id)\"; compare against a summary of the same rubric",
                    at: root.key("rubric").key("id")))
            return found
        }
        if self.rubric.version != rubric.version {
            found.append(
                .error(
                    "the summary is for version \(self.rubric.version) of \(rubric.id), the rubric is version \(rubric.version); aggregate the responses again under this version",
                    at: root.key("rubric").key("version")))
        }
        let expected = rubric.dimensions.map(\.id) + ["overall"]
        if scopes.map(\.id) != expected {
            found.append(
                .error(
                    "the summary's scopes (\(scopes.map(\.id).joined(separator: ", "))) are not the rubric's dimensions and overall (\(expected.joined(separator: ", ")))",
                    at: root.key("scopes")))
        }
        if levels.map(\.id) != rubric.levels.map(\.id) {
            found.append(
                .error(
                    "the summary's levels (\(levels.map(\.id).joined(separator: ", "))) are not the rubric's (\(rubric.levels.map(\.id).joined(separator: ", ")))",
                    at: root.key("levels")))
        }
        return found
    }
}

extension DisclosurePolicy {
    /// ``problems()`` as diagnostics, each at the setting it is about, for a policy found at `path` in a document.
    public func diagnostics(at path: DocumentPath = .root) -> [Diagnostic] {
        problems().map { problem in
            // Each problem names the setting it is about first; point at that setting.
            let key = Self.settingKeys.first { problem.hasPrefix($0) }
            return .error(problem, at: key.map(path.key) ?? path)
        } + attributeDiagnostics(at: path)
    }

    /// The policy's settings, longest first, so a problem is pinned to the setting its message starts with.
    private static let settingKeys = [
        "minimum_organisations_for_quartiles", "minimum_other_organisations", "minimum_organisations",
        "score_decimals", "withhold_dominant_levels", "complementary_suppression", "small_groups", "gap_limit",
    ]
}
