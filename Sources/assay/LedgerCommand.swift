import ArgumentParser
import AssayCompare
import Foundation

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "See what a programme has released: the release ledger that assay aggregate keeps.",
        subcommands: [List.self, Show.self, Verify.self]
    )

    struct Options: ParsableArguments {
        @Option(help: "The ledger file (assay aggregate's --ledger; by default RESPONSES.ledger.sqlite).")
        var ledger: String

        func open() throws -> ReleaseLedger {
            do {
                return try ReleaseLedger(path: ledger, create: false)
            } catch {
                printError(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "One line per release: number, date, rubric, grouping, cells, ε, name.",
            discussion: """
                Example:
                  assay ledger list --ledger Rubrics/examples/digital-capacity.responses.ledger.sqlite
                """
        )
        @OptionGroup var options: Options

        func run() throws {
            let ledger = try options.open()
            let releases = try reading { () throws(LedgerError) in try ledger.releases() }
            if releases.isEmpty { output("No release recorded in \(ledger.path).") }
            for release in releases {
                let privacy = release.epsilon.map { " · ε \($0.formatted())" } ?? ""
                output(
                    "\(release.id)  \(release.createdAt)  \(release.dataSet) \(release.rubricVersion)  by \(release.groupBy) (\(release.perOrganisation))  \(release.cellCount) cells\(privacy)  \(release.name)"
                )
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "One release: its cells, how many organisations each covers, and its disclosure report.")
        @OptionGroup var options: Options
        @Argument(help: "The release's number, as assay ledger list shows it.")
        var release: Int

        func run() throws {
            let ledger = try options.open()
            let releases = try reading { () throws(LedgerError) in try ledger.releases() }
            guard let found = releases.first(where: { $0.id == release }) else {
                printError("\(ledger.path): error: no release \(release) (there are \(releases.count))")
                throw ExitCode(1)
            }
            let cells = try reading { () throws(LedgerError) in try ledger.cells(release: release) }
            output("Release \(found.id): \(found.name)")
            output(
                "  made \(found.createdAt); \(found.dataSet) \(found.rubricVersion); by \(found.groupBy), \(found.perOrganisation)"
            )
            if let epsilon = found.epsilon { output("  differentially private, ε = \(epsilon.formatted())") }
            if let key = found.keyFingerprint { output("  pseudonym key fingerprint \(key)") }
            output("  file SHA-256 \(found.summarySHA256)")
            output("  cells:")
            for cell in cells {
                output(
                    "    \(cell.label) [\(cell.kind)\(cell.exact ? "" : ", noisy")]: \(cell.organisations) organisations, \(cell.families.count) statistics"
                )
            }
            output("  disclosure report: \(found.disclosure)")
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract:
                "Check the ledger: integrity, append-only, budgets, released files unchanged, and no small set derivable across all releases."
        )
        @OptionGroup var options: Options

        func run() throws {
            let ledger = try options.open()
            let problems = try reading { () throws(LedgerError) in try ledger.verify() }
            if problems.isEmpty {
                let count = try reading { () throws(LedgerError) in try ledger.releases().count }
                output("\(ledger.path): \(count) releases; no problem found.")
                return
            }
            for problem in problems { printError("\(ledger.path): error: \(problem)") }
            throw ExitCode(1)
        }
    }
}

/// Runs `body`, turning a ledger error into a message and exit status 1.
private func reading<T>(_ body: () throws(LedgerError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        printError(error.description)
        throw ExitCode(1)
    }
}
