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
            if lang != nil || focus != nil {
                throw ValidationError("--lang and --focus shape the scores handout; the difference page is in English")
            }
            let (disclosure, policyDocument) = try loadPolicy()
            let pseudonymiser = try loadKey()
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            let scorer = try Scorer(rubric: argument.rubric)
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
            let ledgerPath = ledger ?? ReleaseLedger.defaultPath(forResponses: responses)
            let ledger: ReleaseLedger?
            if noLedger {
                ledger = nil
            } else {
                do throws(LedgerError) {
                    ledger = try ReleaseLedger(path: ledgerPath)
                } catch {
                    printError(error.description)
                    throw ExitCode(1)
                }
            }
            let builder = SummaryBuilder(index: scorer.index, policy: disclosure, pseudonymiser: pseudonymiser)
            func encode(_ summary: ComparisonSummary) throws(LedgerError) -> [UInt8] {
                let differences = SelfConfirmedSummary(summary: summary, aggregate: aggregate)
                switch format {
                case .csv: return Array(differences.csv().utf8)
                case .html, .docx: return Array(differences.html().utf8)
                case .json:
                    guard let text = try? JSONOutput.string(differences) else {
                        throw LedgerError(path: out, message: "the summary cannot be encoded as JSON")
                    }
                    return Array(text.utf8)
                }
            }
            let output = OutputFile(path: out)
            var generator = SystemRandomNumberGenerator()
            let summary: ComparisonSummary
            do {
                if let ledger {
                    var request = ReleaseRequest(name: releaseName ?? out)
                    request.linksReleases = linkReleases
                    request.statistic = .selfMinusConfirmed
                    summary =
                        try ledger.release(
                            aggregate, builder: builder, request: request, using: &generator, encode: encode,
                            write: output.writeTemporary
                        ).summary
                } else {
                    printError(
                        "warning: --no-ledger: this release is not recorded and not checked against earlier ones, so releases made this way can be subtracted from one another"
                    )
                    summary = builder.summary(of: aggregate)
                    try output.writeTemporary(try encode(summary))
                }
                try output.commit()
            } catch let error as LedgerError {
                output.discard()
                printError(error.description)
                throw ExitCode(1)
            }
            // The analyst's own counts, exact: none of them is in the release.
            print(
                "Read \(aggregate.linesRead) files: \(paired.paired) organisations with a self-assessment and a confirmed session."
            )
            if paired.selfOnly + paired.confirmedOnly > 0 {
                print(
                    "Left out, in no figure: \(paired.selfOnly) with a self-assessment only, \(paired.confirmedOnly) with a confirmed session only (not in the release)."
                )
            }
            let released = summary.groups.filter { $0.kind == .group && !$0.scopes.isEmpty }.count
            print(
                "\(summary.totals.groups) peer groups by \(groupBy.joined(separator: ", ")): \(released) released."
            )
            for suppression in SelfConfirmedSummary(summary: summary, aggregate: aggregate).suppressions {
                print("  \(suppression)")
            }
            if let ledger {
                AggregateCommand.printRecorded(in: ledger, checked: summary.disclosure?.releasesChecked.count ?? 0)
            }
            print("Wrote \(out).")
        }
    }
}
