import ArgumentParser
import AssayCompare
import Foundation

extension AggregateCommand {
    /// A release checked, written and (with a ledger) recorded.
    struct Published {
        /// What was released, after every rule and the check across releases.
        var summary: ComparisonSummary
        /// The ledger it was recorded in; `nil` with `--no-ledger`.
        var ledger: ReleaseLedger?
        /// The ε this rubric may still spend, after a private release.
        var budgetLeft: Double?

        /// "Recorded in …, checked against N earlier releases", and the first-release note; nothing with
        /// `--no-ledger`.
        func printRecorded() {
            guard let ledger else { return }
            AggregateCommand.printRecorded(in: ledger, checked: summary.disclosure?.releasesChecked.count ?? 0)
        }
    }

    /// Releases `aggregate` as every `aggregate` release is: opens (or creates) the ledger, checks the release
    /// against the earlier ones and records it in the same transaction that writes `out`; with `--no-ledger`,
    /// warns that nothing is recorded or checked, and checks within this release only.
    ///
    /// Called only once the response set has been read without error, so a failed run leaves no ledger behind.
    /// On any error the temporary output is removed, the message printed, and the command exits with 1: nothing
    /// half-written is left at `out` and nothing is recorded.
    func publish(
        _ aggregate: ResponseSetAggregate, builder: SummaryBuilder, request: ReleaseRequest,
        encode: (ComparisonSummary) throws(LedgerError) -> [UInt8]
    ) throws -> Published {
        let output = OutputFile(path: out)
        // Before the ledger is opened, and so created: an output that cannot be written leaves no empty ledger.
        do throws(LedgerError) {
            try output.checkFolder()
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        let ledger: ReleaseLedger?
        if noLedger {
            ledger = nil
        } else {
            do throws(LedgerError) {
                ledger = try ReleaseLedger(path: self.ledger ?? ReleaseLedger.defaultPath(forResponses: responses))
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
        var generator = SystemRandomNumberGenerator()
        do {
            let published: Published
            if let ledger {
                let released = try ledger.release(
                    aggregate, builder: builder, request: request, using: &generator, encode: encode,
                    write: output.writeTemporary)
                published = Published(summary: released.summary, ledger: ledger, budgetLeft: released.budgetLeft)
            } else {
                printError(
                    "warning: --no-ledger: this release is not recorded and not checked against earlier ones, so releases made this way can be subtracted from one another"
                )
                let protected = try builder.release(
                    of: aggregate, earlier: [], pseudonym: { $0 }, privacy: request.privacy, using: &generator)
                try output.writeTemporary(try encode(protected.summary))
                published = Published(summary: protected.summary, ledger: nil, budgetLeft: nil)
            }
            try output.commit()
            return published
        } catch let error as LedgerError {
            output.discard()
            printError(error.description)
            throw ExitCode(1)
        } catch let error as PrivacyBudgetError {
            output.discard()
            printError("error: \(error)")
            throw ExitCode(1)
        }
    }
}

extension OutputFile {
    /// Throws when the folder the output goes in does not exist or cannot be written, the commonest reason a
    /// release could not be written, found before the ledger is created for it.
    func checkFolder() throws(LedgerError) {
        let folder = (target as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw LedgerError(
                path: path, message: "the output cannot be written there (\(String(cString: strerror(errno))))")
        }
    }
}
