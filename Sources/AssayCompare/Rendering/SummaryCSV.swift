import AssayCore

extension ComparisonSummary {
    /// The summary as CSV: one `statistic` row per group and scope, `gap` rows, and `note` rows explaining every
    /// suppression, so a spreadsheet never shows a gap without saying why.
    ///
    /// Columns: `kind,group,group_kind,scope,organisations,responses,count,mean,q1,median,q3,question,percent,note`;
    /// `group_kind` is `group`, `merged` (small groups pooled) or `overall`, so a real attribute value `other` is
    /// never mistaken for the merged group.
    public func csv() -> String {
        var rows = [
            [
                "kind", "group", "group_kind", "scope", "organisations", "responses", "count", "mean", "q1", "median",
                "q3",
                "question", "percent", "note",
            ]
        ]
        func number(_ value: Double?) -> String { value.map { $0.formatted() } ?? "" }
        rows.append([
            "note", "", "", "", "", "", "", "", "", "", "", "", "",
            "per organisation: \(perOrganisation.rawValue); rubric \(rubric.id) \(rubric.version)",
        ])
        for group in [overall] + groups {
            for scope in group.scopes {
                rows.append([
                    "statistic", group.label, group.kind.rawValue, scope.scope, String(group.organisations),
                    String(group.responses),
                    String(scope.count), number(scope.mean), number(scope.q1), number(scope.median), number(scope.q3),
                    "", "", "",
                ])
            }
            for gap in group.gaps {
                rows.append([
                    "gap", group.label, group.kind.rawValue, "", String(group.organisations), String(group.responses),
                    "", "", "",
                    "", "", gap.question, String(gap.percent), "",
                ])
            }
        }
        for suppression in suppressions {
            rows.append(["note", "", "", "", "", "", "", "", "", "", "", "", "", suppression])
        }
        return rows.map { $0.map(Self.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingAll("\"", with: "\"\"") + "\""
    }
}
