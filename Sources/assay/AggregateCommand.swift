import ArgumentParser
import AssayCompare
import AssayCore
import AssayDocument
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
            session files (from assay session; a session counts with its last update as submitted_at). Answers \
            given against an earlier version of the rubric are carried onto its questions through the mapping \
            the rubric declares (its changes), as assay session resume carries a session; a version it declares \
            no mapping from is an error. The \
            file is streamed, never loaded whole. The output's format follows its extension: .json (the summary \
            `assay compare` reads), .csv, .html (a workshop handout) or .docx (the handout as an editable Word \
            document). --lang and --focus shape the handout.

            Examples:
              assay aggregate Rubrics/examples/digital-capacity.responses.ndjson \\
                --rubric digital-capacity --by region --out summary.json
              assay aggregate Rubrics/examples/digital-capacity.responses.ndjson \\
                --rubric digital-capacity --by region --out handout.html --on-error skip
              assay aggregate Rubrics/examples/digital-capacity.responses.ndjson \\
                --rubric digital-capacity --by region,population --lang fr --out handout.fr.html --no-ledger
            """
    )

    @Argument(help: "The NDJSON response set, or a folder of response and session files.")
    var responses: String

    @Option(help: "A bundled rubric id, or the path of a rubric file.")
    var rubric: String

    @Option(help: "The attributes that form peer groups, comma-separated, such as region,population.")
    var by: String

    @Option(help: "Where to write the summary: a .json, .csv, .html or .docx file.")
    var out: String

    @Option(
        help:
            "A file holding this release's secret key (32 random bytes, or 64 hex digits: openssl rand -hex 32 > key); participants are listed as keyed pseudonyms."
    )
    var keyFile: String?

    @Flag(help: "Allow a pseudonym key already used by an earlier release in the ledger, linking the two.")
    var linkReleases = false

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
            "The release ledger (SQLite) that records every release and checks this one against the earlier ones. Default: beside the response set, RESPONSES.ledger.sqlite."
    )
    var ledger: String?

    @Flag(help: "Record nothing and check against no earlier release: for scratch work only.")
    var noLedger = false

    @Option(help: "What the ledger calls this release. Default: the --out path.")
    var releaseName: String?

    @Option(
        help:
            "Add Laplace noise for a public release, spending this ε (0.001 to 10) from the ledger's budget (needs --per-organisation latest)."
    )
    var epsilon: Double?

    @Option(
        help:
            "The total ε every release of this rubric may spend, set in the ledger by the first private release and fixed from then on."
    )
    var privacyBudget: Double?

    @Flag(
        help:
            "Compare each organisation's self-assessment (a response file) with its confirmed session in the folder RESPONSES: per peer group, the mean self-minus-confirmed difference and how often the two views differ, under the same rules and ledger."
    )
    var selfVsConfirmed = false

    @Flag(help: "Read every line with jansson, without the byte-level fast path.")
    var noFastPath = false

    @Option(help: "The handout's language: en, fr or es, with the rubric's translations. Default: the rubric's.")
    var lang: String?

    @Option(
        help:
            "A handout about one group beside all organisations: its label (\"QC · 10k-50k\") or its values in --by order (QC,10k-50k)."
    )
    var focus: String?

    @Option(help: "The Word document's paper: a4 or letter (US Letter).")
    var paper: WordDocument.Paper = .a4

    /// How the handout is made: its language, the rubric's names, the group in focus.
    func handoutOptions(_ index: RubricIndex) -> Handout.Options {
        Handout.Options(language: lang ?? index.rubric.defaultLanguage, index: index, focus: focus)
    }

    func validate() throws {
        if let threads, !(1...256).contains(threads) { throw ValidationError("--threads must be from 1 to 256") }
        if let epsilon, !LaplaceRelease.epsilonRange.contains(epsilon) {
            throw ValidationError(
                "--epsilon must be from \(LaplaceRelease.epsilonRange.lowerBound.formatted()) to \(LaplaceRelease.epsilonRange.upperBound.formatted())"
            )
        }
        if let privacyBudget, !(privacyBudget > 0 && privacyBudget <= 100) {
            throw ValidationError("--privacy-budget must be a positive ε of at most 100")
        }
        if privacyBudget != nil && epsilon == nil { throw ValidationError("--privacy-budget goes with --epsilon") }
        if let lang, !["en", "fr", "es"].contains(lang.split(separator: "-").first.map(String.init) ?? lang) {
            throw ValidationError("--lang must be en, fr or es, not \"\(lang)\"")
        }
        if noLedger && ledger != nil { throw ValidationError("--no-ledger and --ledger cannot both be given") }
        if noLedger && epsilon != nil {
            throw ValidationError("--epsilon needs the ledger, which keeps the privacy budget: leave out --no-ledger")
        }
    }

    func run() throws {
        let ledgerPath = noLedger ? nil : ledger ?? ReleaseLedger.defaultPath(forResponses: responses)
        try refuseOverwriting([responses, rubricFile(rubric), keyFile, policy, ledgerPath], with: out)
        try refuseOverwriting([responses, rubricFile(rubric), keyFile, policy], with: ledger, option: "--ledger")
        if selfVsConfirmed { return try runSelfVsConfirmed() }
        try reportingErrors {
            let groupBy = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
            guard !groupBy.isEmpty else { throw ValidationError("--by needs at least one attribute, such as region") }
            let format = try OutputFormat(path: out)
            if (lang != nil || focus != nil) && format != .html && format != .docx {
                throw ValidationError("--lang and --focus shape the handout: give --out a .html or .docx file")
            }
            let (disclosure, policyDocument) = try loadPolicy()
            let pseudonymiser = try loadKey()
            let argument = try RubricArgument(rubric)
            for warning in argument.warnings { printError(warning.description) }
            let scorer = try argument.scorer()
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
            if epsilon != nil && options.perOrganisation != .latest {
                throw ValidationError("--epsilon needs --per-organisation latest: one response per organisation")
            }
            if ledger == nil && !noLedger
                && (responses == "-" || responses.hasPrefix("/dev/") || responses.hasPrefix("/proc/"))
            {
                throw ValidationError(
                    "a response set read from a stream has no folder to keep its ledger in: name one with --ledger PATH"
                )
            }
            let aggregate = try ResponseSetAggregator(scorer: scorer, options: options).aggregate(responses)
            for problem in aggregate.problems { printError(problem.description) }
            if aggregate.skippedCount > aggregate.problems.count {
                printError("… and \(aggregate.skippedCount - aggregate.problems.count) more bad lines")
            }
            for warning in aggregate.warnings { printError(warning.description) }
            if aggregate.warningCount > aggregate.warnings.count {
                printError("… and \(aggregate.warningCount - aggregate.warnings.count) more warnings")
            }
            // A band the policy's order does not list would be placed by guess in every output: refused before
            // anything is written or recorded.
            if let policyDocument {
                let unordered = disclosure.orderProblems(groupBy: groupBy, values: aggregate.groups.map(\.values))
                if !unordered.isEmpty { throw InputError(diagnostics: policyDocument.locate(unordered)) }
            }
            let builder = SummaryBuilder(index: scorer.index, policy: disclosure, pseudonymiser: pseudonymiser)
            let privacy = epsilon.map {
                LaplaceRelease(epsilon: $0, scopeCount: scorer.index.rubric.dimensions.count + 1)
            }
            func encode(_ summary: ComparisonSummary) throws(LedgerError) -> [UInt8] {
                switch format {
                case .csv: return Array(summary.csv().utf8)
                case .html, .docx:
                    do {
                        let handout = try Handout(summary: summary, options: handoutOptions(scorer.index))
                        let language = handout.strings.language
                        for phrase in handout.untranslated {
                            printError(
                                "warning: the handout (\(language)) shows \(phrase) as written: it has no \(language) text; attribute names and values take labels in the --policy file's \"attributes\""
                            )
                        }
                        if format == .docx { return try WordHandout(handout, paper: paper).document() }
                        return Array(HandoutPage.html(handout).utf8)
                    } catch let error as HandoutError {
                        throw LedgerError(path: out, message: error.description)
                    } catch {
                        throw LedgerError(path: out, message: "the Word document cannot be written: \(error)")
                    }
                case .json:
                    guard let text = try? JSONOutput.string(summary) else {
                        throw LedgerError(path: out, message: "the summary cannot be encoded as JSON")
                    }
                    return Array(text.utf8)
                }
            }
            var request = ReleaseRequest(name: releaseName ?? out, privacy: privacy, privacyBudget: privacyBudget)
            request.linksReleases = linkReleases
            let published = try publish(aggregate, builder: builder, request: request, encode: encode)
            let summary = published.summary
            let budgetLine = published.budgetLeft.map { "Budget left: \($0.formatted()) of this rubric's total." }
            if let note = summary.differentialPrivacy {
                output(
                    "Differential privacy: ε = \(note.epsilon.formatted()) (\(note.epsilonPerQuery.formatted()) per count or sum); noise scale \(note.countNoiseScale.formatted()) on counts, \(note.sumNoiseScale.formatted()) on sums of scores. \(budgetLine ?? "")"
                )
                // Every exact figure would undo the noise: how many lines, responses and groups there were is not
                // printed.
                output("Read the response set: \(summary.totals.organisations) organisations after noise.")
                output("\(summary.groups.count) peer groups by \(groupBy.joined(separator: ", ")) released.")
                if !aggregate.carriedForward.isEmpty {
                    let versions = aggregate.carriedForward.map(\.fromVersion).joined(separator: ", ")
                    output(
                        "Answers given against \(versions) were carried onto \(scorer.index.rubric.version)'s questions through the rubric's changes."
                    )
                }
            } else {
                let unit = options.perOrganisation == .latest ? "latest response per organisation" : "every response"
                output(
                    "Read \(aggregate.linesRead) \(isFolder ? "files" : "lines"): \(aggregate.responsesCounted) responses from \(aggregate.organisationCount) organisations counted (\(unit))."
                )
                for carried in aggregate.carriedForward {
                    output(Self.carriedLine(carried, to: scorer.index.rubric.version))
                }
                if aggregate.skippedCount > 0 {
                    output(
                        "Skipped \(aggregate.skippedCount) bad \(aggregate.skippedCount == 1 ? "line" : "lines") (listed above)."
                    )
                }
                output(
                    "\(summary.totals.groups) peer groups by \(groupBy.joined(separator: ", ")): \(summary.totals.groupsReleased) released."
                )
            }
            for suppression in summary.suppressions { output("  \(suppression)") }
            published.printRecorded()
            output("Wrote \(out).")
        }
    }

    /// "Carried 2 responses given against 1.0.0 onto 2.0.0's questions: …", for the analyst; a release never says
    /// how many responses came from which version.
    static func carriedLine(_ carried: CarriedVersion, to version: String) -> String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        return
            "Carried \(count(carried.responses, "response", "responses")) given against \(carried.fromVersion) onto \(version)'s questions through the rubric's changes: \(count(carried.answersMoved, "answer", "answers")) moved to renamed, split or merged questions, \(count(carried.answersLeftOut, "answer", "answers")) left out (questions \(version) removed); questions new in \(version) are unanswered in them."
    }

    enum OutputFormat {
        case json, csv, html, docx

        init(path: String) throws {
            switch (path as NSString).pathExtension.lowercased() {
            case "json": self = .json
            case "csv": self = .csv
            case "html", "htm": self = .html
            case "docx": self = .docx
            default: throw ValidationError("--out must end in .json, .csv, .html or .docx")
            }
        }
    }

    func loadPolicy() throws -> (DisclosurePolicy, JSONDocument?) {
        guard let policy else { return (DisclosurePolicy(), nil) }
        let document = try JSONDocument.read(policy)
        let decoded = try document.decode(DisclosurePolicy.self)
        for warning in decoded.warnings { printError(warning.description) }
        let problems = decoded.value.diagnostics()
        guard problems.isEmpty else { throw InputError(diagnostics: document.locate(problems)) }
        return (decoded.value, document)
    }

    func loadKey() throws -> Pseudonymiser? {
        guard let keyFile else { return nil }
        guard let contents = FileManager.default.contents(atPath: keyFile).map(Array.init) else {
            printError("\(keyFile): error: the key file cannot be read")
            throw ExitCode(1)
        }
        do {
            return try Pseudonymiser(key: Pseudonymiser.key(fromFile: contents))
        } catch {
            printError("\(keyFile): error: \(error); make one with: openssl rand -hex 32 > \(keyFile)")
            throw ExitCode(1)
        }
    }
}

/// A file written in full to a temporary file beside it, then renamed into place: nothing half-written is ever
/// seen at its path. A symbolic link at the path is written through: the file it points to is replaced.
struct OutputFile {
    let path: String
    let target: String
    let temporary: String

    init(path: String) {
        self.path = path
        target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        temporary = target + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
    }

    func writeTemporary(_ bytes: [UInt8]) throws(LedgerError) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw LedgerError(
                path: path, message: "the output cannot be written there (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard result > 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw LedgerError(path: path, message: "the output cannot be written (\(reason)); nothing was released")
            }
            written += result
        }
        guard fsync(descriptor) == 0 else {
            discard()
            throw LedgerError(path: path, message: "the output cannot be flushed to disk; nothing was released")
        }
    }

    func commit() throws(LedgerError) {
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw LedgerError(path: path, message: "the output cannot be put in place (\(reason))")
        }
    }

    func discard() { unlink(temporary) }
}

extension AggregateCommand {
    /// Where the release was recorded and how many earlier ones it was checked against; for a ledger's first
    /// release, a reminder that releases recorded elsewhere are not among them.
    static func printRecorded(in ledger: ReleaseLedger, checked: Int) {
        output(
            "Recorded in \(ledger.path), checked against \(checked) earlier \(checked == 1 ? "release" : "releases").")
        if checked == 0 {
            printError(
                "note: this is the first release in \(ledger.path): releases recorded in another ledger, or made with --no-ledger, are not checked against it, so keep one ledger per programme"
            )
        }
    }
}
