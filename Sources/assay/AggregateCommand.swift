import ArgumentParser
import AssayCompare
import AssayCore
import AssayJSON
import Foundation

extension AggregationOptions.PerOrganisation: ExpressibleByArgument {}
extension AggregationOptions.ErrorHandling: ExpressibleByArgument {}

struct AggregateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Summarise a response set by peer group, releasing only what the disclosure policy allows.",
        discussion: """
            RESPONSES is an NDJSON file (one response document per line), or a folder of response files and \
            session files (from assay session; a session counts with its last update as submitted_at). The \
            file is streamed, never loaded whole. The output's format follows its extension: .json (the summary \
            `assay compare` reads), .csv, or .html (a workshop handout).

            Examples:
              assay aggregate Rubrics/examples/digital-capacity.responses.ndjson \\
                --rubric digital-capacity --by region --out summary.json
              assay aggregate Rubrics/examples/digital-capacity.responses.ndjson \\
                --rubric digital-capacity --by region --out handout.html --on-error skip
            """
    )

    @Argument(help: "The NDJSON response set, or a folder of response and session files.")
    var responses: String

    @Option(help: "A bundled rubric id, or the path of a rubric file.")
    var rubric: String

    @Option(help: "The attributes that form peer groups, comma-separated, such as region,population.")
    var by: String

    @Option(help: "Where to write the summary: a .json, .csv or .html file.")
    var out: String

    @Option(
        help:
            "A file holding this release's secret key (16 bytes or more); participants are listed as keyed pseudonyms.")
    var keyFile: String?

    @Option(help: "fail (stop at the first bad line) or skip (leave bad lines out and report them).")
    var onError: AggregationOptions.ErrorHandling = .fail

    @Option(
        help:
            "latest (repeated assessments: each organisation's latest response counts) or all (every response counts). Default: all for a file, latest for a folder."
    )
    var perOrganisation: AggregationOptions.PerOrganisation?

    @Option(help: "A JSON file with disclosure rules that replace the defaults (see the README).")
    var policy: String?

    @Option(parsing: .unconditional, help: "How many threads read the file. Default: one per core, up to 8.")
    var threads: Int?

    @Option(
        help:
            "Add Laplace noise for a public release, spending this ε (needs --budget-file and --per-organisation latest)."
    )
    var epsilon: Double?

    @Option(help: "The JSON file accounting the ε spent on this data: {\"total\": 1.0, \"releases\": []}.")
    var budgetFile: String?

    @Flag(help: "Read every line with jansson, without the byte-level fast path.")
    var noFastPath = false

    func validate() throws {
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be from 1 to 256") }
    }

    func run() throws {
        try reportingErrors {
            let groupBy = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard !groupBy.isEmpty else { throw ValidationError("--by needs at least one attribute, such as region") }
            let format = try OutputFormat(path: out)
            let disclosure = try loadPolicy()
            let pseudonymiser = try loadKey()
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            let scorer = try Scorer(rubric: argument.rubric)
            var isDirectory: ObjCBool = false
            let isFolder =
                FileManager.default.fileExists(atPath: responses, isDirectory: &isDirectory) && isDirectory.boolValue
            let options = AggregationOptions(
                groupBy: groupBy,
                perOrganisation: perOrganisation ?? (isFolder ? .latest : .all),
                onError: onError,
                // Each thread keeps its own counts for every peer group, so memory grows with threads × groups:
                // beyond 8 threads the reading is rarely what limits, and the memory would still grow.
                workers: threads ?? min(8, ProcessInfo.processInfo.activeProcessorCount),
                usesFastPath: !noFastPath,
                recordsParticipants: pseudonymiser != nil
            )
            var budget: PrivacyBudget?
            if let epsilon {
                guard let budgetFile else { throw ValidationError("--epsilon needs --budget-file to account for it") }
                guard options.perOrganisation == .latest else {
                    throw ValidationError("--epsilon needs --per-organisation latest: one response per organisation")
                }
                let current = try JSONDocument.read(budgetFile).decode(PrivacyBudget.self).value
                do {
                    budget = try current.spending(PrivacyBudget.Release(name: out, epsilon: epsilon))
                } catch {
                    printError("\(budgetFile): error: \(error)")
                    throw ExitCode(1)
                }
            }
            // The aggregate (every score of every response) is released once the summary is built, before the
            // summary is encoded: the two never take memory at once.
            let (summary, read) = try summarise(
                responses, scorer: scorer, options: options, disclosure: disclosure,
                pseudonymiser: pseudonymiser)
            let text: String
            switch format {
            case .json: text = try JSONOutput.string(summary)
            case .csv: text = summary.csv()
            case .html: text = summary.html()
            }
            do throws(AtomicFile.Failure) {
                try AtomicFile.write(Array(text.utf8), to: out)
            } catch {
                let target = error.path == out ? "" : " (a link to \(error.path))"
                printError("\(out): error: the summary cannot be written there\(target): \(error.reason)")
                throw ExitCode(1)
            }
            if let budget, let budgetFile, let note = summary.differentialPrivacy {
                guard
                    FileManager.default.createFile(
                        atPath: budgetFile, contents: Data(try JSONOutput.string(budget).utf8))
                else {
                    printError(
                        "\(budgetFile): error: the budget cannot be updated; the release was written but is not accounted"
                    )
                    throw ExitCode(1)
                }
                print(
                    "Differential privacy: ε = \(note.epsilon.formatted()) (\(note.epsilonPerQuery.formatted()) per count or sum); noise scale \(note.countNoiseScale.formatted()) on counts, \(note.sumNoiseScale.formatted()) on sums of scores. Budget left: \(budget.remaining.formatted()) of \(budget.total.formatted())."
                )
            }
            let unit = options.perOrganisation == .latest ? "latest response per organisation" : "every response"
            // Under differential privacy the summary's totals are noisy; in latest mode responses are organisations.
            let from =
                summary.differentialPrivacy == nil
                ? "from \(summary.totals.organisations) organisations" : "one per organisation,"
            print(
                "Read \(read.lines) \(isFolder ? "files" : "lines"): \(read.responsesCounted) responses \(from) counted (\(unit))."
            )
            if read.skipped > 0 {
                print("Skipped \(read.skipped) bad \(read.skipped == 1 ? "line" : "lines") (listed above).")
            }
            print(
                "\(summary.totals.groups) peer groups by \(groupBy.joined(separator: ", ")): \(summary.totals.groupsReleased) released."
            )
            for suppression in summary.suppressions { print("  \(suppression)") }
            print("Wrote \(out).")
        }
    }

    /// What was read, for the closing message.
    private struct ReadCounts {
        var lines: Int
        var responsesCounted: Int
        var skipped: Int
    }

    /// Reads and counts the response set, reports its bad lines and warnings, and applies the disclosure policy.
    private func summarise(
        _ responses: String,
        scorer: Scorer,
        options: AggregationOptions,
        disclosure: DisclosurePolicy,
        pseudonymiser: Pseudonymiser?
    ) throws -> (ComparisonSummary, ReadCounts) {
        let aggregate = try ResponseSetAggregator(scorer: scorer, options: options).aggregate(responses)
        for problem in aggregate.problems { printError(problem.description) }
        if aggregate.skippedCount > aggregate.problems.count {
            printError("… and \(aggregate.skippedCount - aggregate.problems.count) more bad lines")
        }
        for warning in aggregate.warnings { printError(warning.description) }
        if aggregate.warningCount > aggregate.warnings.count {
            printError("… and \(aggregate.warningCount - aggregate.warnings.count) more warnings")
        }
        let builder = SummaryBuilder(index: scorer.index, policy: disclosure, pseudonymiser: pseudonymiser)
        let summary: ComparisonSummary
        if let epsilon {
            var generator = SystemRandomNumberGenerator()
            do {
                summary = try builder.privateSummary(
                    of: aggregate,
                    release: LaplaceRelease(epsilon: epsilon, scopeCount: scorer.index.rubric.dimensions.count + 1),
                    using: &generator
                )
            } catch {
                printError("error: \(error)")
                throw ExitCode(1)
            }
        } else {
            summary = builder.summary(of: aggregate)
        }
        let read = ReadCounts(
            lines: aggregate.linesRead, responsesCounted: aggregate.responsesCounted, skipped: aggregate.skippedCount)
        return (summary, read)
    }

    enum OutputFormat {
        case json, csv, html

        init(path: String) throws {
            switch (path as NSString).pathExtension.lowercased() {
            case "json": self = .json
            case "csv": self = .csv
            case "html", "htm": self = .html
            default: throw ValidationError("--out must end in .json, .csv or .html")
            }
        }
    }

    private func loadPolicy() throws -> DisclosurePolicy {
        guard let policy else { return DisclosurePolicy() }
        let document = try JSONDocument.read(policy)
        let decoded = try document.decode(DisclosurePolicy.self)
        for warning in decoded.warnings { printError(warning.description) }
        let problems = decoded.value.diagnostics()
        guard problems.isEmpty else { throw InputError(diagnostics: document.locate(problems)) }
        return decoded.value
    }

    private func loadKey() throws -> Pseudonymiser? {
        guard let keyFile else { return nil }
        guard var key = FileManager.default.contents(atPath: keyFile).map(Array.init) else {
            printError("\(keyFile): error: the key file cannot be read")
            throw ExitCode(1)
        }
        // A key written by `openssl rand -hex 32 > key` ends with a newline that is not part of it.
        while let last = key.last, last == 0x0A || last == 0x0D { key.removeLast() }
        guard let pseudonymiser = Pseudonymiser(key: key) else {
            printError(
                "\(keyFile): error: the key is shorter than \(Pseudonymiser.minimumKeyLength) bytes; make one with: openssl rand -hex 32 > \(keyFile)"
            )
            throw ExitCode(1)
        }
        return pseudonymiser
    }
}
