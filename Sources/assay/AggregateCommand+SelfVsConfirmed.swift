import ArgumentParser
import AssayCompare
import AssayCore
import AssayJSON
import Foundation

extension AggregateCommand {
    /// `assay aggregate FOLDER --self-vs-confirmed`: the programme's self-minus-confirmed release.
    ///
    /// A flag of `aggregate` rather than a command of its own: it reads the same folders, applies the same policy
    /// file, pseudonym key and ledger, and its release is checked against the plain ones (and they against it),
    /// which one command with one set of options makes hard to get wrong.
    func runSelfVsConfirmed() throws {
        try reportingErrors {
            let groupBy = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard !groupBy.isEmpty else { throw ValidationError("--by needs at least one attribute, such as region") }
            let format = try OutputFormat(path: out)
            if format == .docx {
                throw ValidationError("--self-vs-confirmed writes a .json, .csv or .html file, not a Word document")
            }
            if epsilon != nil || privacyBudget != nil {
                throw ValidationError(
                    "--self-vs-confirmed releases exact figures only: leave out --epsilon and --privacy-budget")
            }
            if perOrganisation != nil {
                throw ValidationError(
                    "--self-vs-confirmed pairs one self-assessment with one confirmed session per organisation: leave out --per-organisation"
                )
            }
            if focus != nil {
                throw ValidationError(
                    "--focus picks one group of the scores handout; the difference page shows every group: leave out --focus"
                )
            }
            // As for the scores: the language is the page's; the CSV and JSON are data, in English whatever --lang.
            if lang != nil && format != .html {
                throw ValidationError("--lang shapes the difference page: give --out a .html file")
            }
            if onError == .skip {
                throw ValidationError(
                    "--self-vs-confirmed stops at the first bad file and names it, since leaving one out would unpair an organisation: leave out --on-error skip"
                )
            }
            // Every .json file of the folder is read as a view: a summary written there would be refused as one
            // (it names no organisation) by the next run.
            if format == .json {
                let folder = URL(fileURLWithPath: responses).resolvingSymlinksInPath().standardizedFileURL.path
                let parent = URL(fileURLWithPath: out).deletingLastPathComponent().resolvingSymlinksInPath()
                    .standardizedFileURL.path
                if folder == parent {
                    throw ValidationError(
                        "--out \(out) is inside \(responses), whose every .json file is read as a self-assessment or a session: write the summary elsewhere"
                    )
                }
            }
            let (disclosure, policyDocument) = try loadPolicy()
            let pseudonymiser = try loadKey()
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            let scorer = try argument.scorer()
            let paired = try SelfConfirmedAggregator(scorer: scorer, groupBy: groupBy).aggregate(responses)
            let aggregate = paired.aggregate
            for warning in aggregate.warnings { printError(warning.description) }
            if aggregate.warningCount > aggregate.warnings.count {
                printError("… and \(aggregate.warningCount - aggregate.warnings.count) more warnings")
            }
            // As for the scores release: a band the policy's order does not list is refused before anything is
            // written or recorded.
            if let policyDocument {
                let unordered = disclosure.orderProblems(groupBy: groupBy, values: aggregate.groups.map(\.values))
                if !unordered.isEmpty { throw InputError(diagnostics: policyDocument.locate(unordered)) }
            }
            let builder = SummaryBuilder(index: scorer.index, policy: disclosure, pseudonymiser: pseudonymiser)
            func encode(_ summary: ComparisonSummary) throws(LedgerError) -> [UInt8] {
                let differences = SelfConfirmedSummary(summary: summary, aggregate: aggregate)
                switch format {
                case .csv: return Array(differences.csv().utf8)
                case .html, .docx:
                    let page = SelfConfirmedPage(
                        summary: differences, language: lang ?? scorer.index.rubric.defaultLanguage,
                        index: scorer.index)
                    let language = page.language
                    for phrase in page.untranslated {
                        printError(
                            "warning: the page (\(language)) shows \(phrase) as written: it has no \(language) text; attribute names and values take labels in the --policy file's \"attributes\""
                        )
                    }
                    return Array(page.html.utf8)
                case .json:
                    guard let text = try? JSONOutput.string(differences) else {
                        throw LedgerError(path: out, message: "the summary cannot be encoded as JSON")
                    }
                    return Array(text.utf8)
                }
            }
            var request = ReleaseRequest(name: releaseName ?? out)
            request.linksReleases = linkReleases
            request.statistic = .selfMinusConfirmed
            let published = try publish(aggregate, builder: builder, request: request, encode: encode)
            let summary = published.summary
            // The analyst's own counts, exact: none of them is in the release.
            output(
                "Read \(aggregate.linesRead) files: \(paired.paired) organisations with a self-assessment and a confirmed session."
            )
            if paired.selfOnly + paired.confirmedOnly > 0 {
                output(
                    "Left out, in no figure: \(paired.selfOnly) with a self-assessment only, \(paired.confirmedOnly) with a confirmed session only (not in the release)."
                )
            }
            let released = summary.groups.filter { $0.kind == .group && !$0.scopes.isEmpty }.count
            output(
                "\(summary.totals.groups) peer groups by \(groupBy.joined(separator: ", ")): \(released) released."
            )
            for suppression in SelfConfirmedSummary(summary: summary, aggregate: aggregate).suppressions {
                output("  \(suppression)")
            }
            published.printRecorded()
            output("Wrote \(out).")
        }
    }
}
