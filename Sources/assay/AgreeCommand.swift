import ArgumentParser
import AssayAgreement
import AssayCore
import AssayJSON
import AssaySession
import Foundation

extension AgreementReportFormat: ExpressibleByArgument {}
extension MissingAnswers: ExpressibleByArgument {}

struct AgreeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agree",
        abstract:
            "How far two or more views of one organisation agree: κ, α, the scores, and what the differences change.",
        discussion: """
            Each view is a session file or a response document of the same rubric: a self-assessment and a \
            facilitator's session, or two facilitators rating the same organisation independently.

            Per question, whether the views agree; per dimension and overall, Cohen's κ (two views; \
            quadratic-weighted for scale questions, unweighted for yes/no and choice questions) and \
            Krippendorff's α (any number of views; ordinal for scale questions, nominal for yes/no and choice, \
            interval for numeric). A multiple-choice answer is compared as the set chosen; text answers are \
            compared for equality but take no part in κ or α. Unanswered and not-asked questions are always \
            left out of κ and α; --missing says what happens to "na" and "unknown".

            Then each view's score and level, the levels crossed and gates passed in one view only, and the \
            disagreements ordered by how much taking the other view's answer moves the overall score.

            Example:
              assay agree Rubrics/examples/digital-capacity.self-assessment.json \\
                Rubrics/examples/digital-capacity.example.json --names "Self-assessment,Marie Tremblay"
            """
    )

    @Argument(help: "Two or more session files or response documents of one organisation.")
    var views: [String]

    @Option(help: "The rubric, by id or path; defaults to the bundled rubric the first view names.")
    var rubric: String?

    @Option(
        help:
            "The views' names, comma-separated, in order; defaults to each session's facilitator, else the file's name."
    )
    var names: String?

    @Option(
        help:
            "exclude: \"na\" and \"unknown\" are missing values; as-category: they are categories in the nominal κ and α."
    )
    var missing: MissingAnswers = .exclude

    @Option(help: "text, markdown, json or html.")
    var format: AgreementReportFormat = .text

    @Option(help: "The language of the rubric's texts, such as fr.")
    var lang: String?

    @Option(help: "The file to write; standard output when left out.")
    var out: String?

    func validate() throws {
        guard views.count >= 2 else { throw ValidationError("give at least two views to compare") }
        if let names, names.split(separator: ",", omittingEmptySubsequences: false).count != views.count {
            throw ValidationError(
                "--names gives \(names.split(separator: ",", omittingEmptySubsequences: false).count) names for \(views.count) views"
            )
        }
    }

    func run() throws {
        try refuseOverwriting(views + [rubricFile(rubric)], with: out)
        try reportingErrors {
            let loaded = try loadViews(views, names: names, rubric: rubric)
            warnIfUntranslated(loaded.scorer.index.rubric, into: lang)
            let comparison = try ViewComparison(views: loaded.views, scorer: loaded.scorer, missing: missing)
            let report = AgreementReport(
                comparison: comparison, index: loaded.scorer.index,
                organisation: loaded.views.first?.response.organisation, language: lang)
            try write(try report.render(format), to: out)
        }
    }
}

/// Views read from files, and the scorer of their one rubric.
struct LoadedViews {
    var views: [AssessmentView]
    var scorer: Scorer
    /// The sessions among the files, by position; `nil` for response documents.
    var sessions: [SessionFile?]
}

/// Reads session files and response documents as views of one rubric: `rubric` when given, else the bundled rubric
/// the first file names. Names come from `names` (comma-separated), else a session's facilitator, else the file name.
func loadViews(_ paths: [String], names: String?, rubric: String?) throws -> LoadedViews {
    var seen: [String: String] = [:]
    for path in paths {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
        if let earlier = seen[resolved] {
            throw InputError(
                .invalidValue,
                "this file is given twice (also as \(earlier)): a view compared with itself always agrees; give each view once",
                file: path)
        }
        seen[resolved] = path
    }
    let documents = try paths.map { path throws(InputError) in try JSONDocument.read(path) }
    guard let first = documents.first else { throw ValidationError("give at least two views") }
    let argument: RubricArgument
    if let rubric {
        argument = try RubricArgument(rubric)
    } else {
        guard case .object(let object) = first.value, case .string(let id)? = object["rubric"] else {
            throw InputError(
                .invalidValue, "the first view names no rubric; pass one with --rubric", file: first.file, line: 1,
                column: 1, path: DocumentPath.root.key("rubric"))
        }
        argument = try RubricArgument(
            namedBy: first, id: id, at: DocumentPath.root.key("rubric"), hint: "pass the rubric with --rubric")
    }
    for warning in argument.warnings { printError(warning.description) }
    let scorer = try argument.scorer()
    let given = names?.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
    }
    var views: [AssessmentView] = []
    var sessions: [SessionFile?] = []
    for (position, (path, document)) in zip(paths, documents).enumerated() {
        var session: SessionFile?
        var response: AssessmentResponse
        if SessionFile.isSession(document.value) {
            let decoded = try document.decode(SessionFile.self).value
            try decoded.check(against: scorer.index, in: document)
            // A session of another version of the rubric is brought onto this one as `session resume` brings it:
            // answers whose questions still exist are kept.
            let engine = SessionEngine(session: decoded, scorer: scorer)
            if let change = engine.rubricChange {
                printError(
                    "note: \(path) was answered against \(decoded.rubric) \(change.fromVersion); compared on \(change.toVersion)"
                        + (change.droppedAnswers.isEmpty
                            ? "" : ", without the answers to \(change.droppedAnswers.joined(separator: ", "))"))
            }
            session = decoded
            response = engine.session.response
        } else {
            let loaded = try AssayFile.response(from: document, against: scorer.index)
            // A session of another version is brought onto this one above; a response document has no record of
            // the questions it was asked, so its answers could sit under questions that changed meaning.
            if let version = loaded.response.rubricVersion, version != scorer.index.rubric.version {
                let place = document.position(of: DocumentPath.root.key("rubric_version"))
                throw InputError(
                    .invalidValue,
                    "these answers were given against version \(version) of \(scorer.index.rubric.id), and are compared on \(scorer.index.rubric.version); a response document cannot be brought onto another version: pass that version's rubric with --rubric, or answer it again",
                    file: document.file, line: place.line, column: place.column,
                    path: DocumentPath.root.key("rubric_version"))
            }
            for warning in loaded.warnings { printError(warning.description) }
            response = loaded.response
        }
        if response.rubric != scorer.index.rubric.id {
            throw InputError(
                .invalidValue,
                "\(path) answers rubric \"\(response.rubric)\", not \"\(scorer.index.rubric.id)\"; every view must be of one rubric",
                file: document.file, line: 1, column: 1, path: DocumentPath.root.key("rubric"))
        }
        let fileName = String(path.split(separator: "/").last ?? Substring(path))
        let fallback = fileName.hasSuffix(".json") ? String(fileName.dropLast(5)) : fileName
        let name = given?[position].nilIfEmpty ?? session?.facilitator ?? fallback
        views.append(AssessmentView(name: name, source: path, response: response))
        sessions.append(session)
    }
    let organisations = Set(views.compactMap(\.response.organisation))
    if organisations.count > 1 {
        printError(
            "warning: the views name \(organisations.count) organisations (\(organisations.sorted().joined(separator: ", "))); agreement is meant for views of one"
        )
    }
    return LoadedViews(views: views, scorer: scorer, sessions: sessions)
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}

/// Writes `text` to `path` atomically, or to standard output when `path` is `nil`.
func write(_ text: String, to path: String?) throws {
    guard let path else {
        output(text, terminator: "")
        return
    }
    do throws(AtomicFile.Failure) {
        try AtomicFile.write(Array(text.utf8), to: path)
    } catch {
        let target = error.path == path ? "" : " (a link to \(error.path))"
        printError("error: cannot write \(path)\(target): \(error.reason)")
        throw ExitCode(1)
    }
    printError("wrote \(path)")
}
