import ArgumentParser
import AssayService
import Foundation
import Hummingbird
import Logging

/// `assay-service`: the web self-assessment's server and its two facilitator commands.
@main
struct AssayServiceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assay-service",
        abstract: "The web self-assessment an organisation fills in before its 1:1 session.",
        subcommands: [Serve.self, Invite.self, Export.self]
    )
}

/// Where the database and the signing key live.
struct StoreOptions: ParsableArguments {
    @Option(help: "The SQLite file of invitations and answers (created when missing).")
    var database = "assay-service.sqlite"

    @Option(name: .customLong("key-file"), help: "The signing key's file (created with mode 0600 when missing).")
    var keyFile = "assay-service.key"
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the self-assessment form.")

    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(help: "The port to listen on.") var port = 8080
    @OptionGroup var storage: StoreOptions

    func run() async throws {
        let service = try SelfAssessmentService(
            store: AnswerStore(path: storage.database),
            key: SigningKey.loadOrCreate(at: storage.keyFile),
            catalog: RubricCatalog.bundled()
        )
        var logger = Logger(label: "assay-service")
        logger.logLevel = .info
        logger.info("listening", metadata: ["address": "http://\(host):\(port)"])
        try await service.application(host: host, port: port, logger: logger).runService()
    }
}

struct Invite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make an invitation link for one organisation to fill in one rubric."
    )

    @Option(help: "The rubric's id.") var rubric: String
    @Option(help: "The organisation's name.") var org: String?
    @Option(
        name: .customLong("orgs-from"),
        help: "A file of organisation names, one a line: one link each, printed in the file's order.")
    var orgsFrom: String?
    @Option(help: "The form's language (one of the rubric's).") var lang = "en"
    @Option(help: "How long the link works: days (14d), hours (12h) or minutes (30m).") var expires = "14d"
    @Option(help: "The address the link starts with.") var baseURL = "http://127.0.0.1:8080"
    @OptionGroup var storage: StoreOptions

    func run() async throws {
        guard let lifetime = Self.seconds(expires) else {
            throw ValidationError(
                "--expires \(expires): expected a whole number of days, hours or minutes, such as 14d, 12h or 30m")
        }
        let organisations: [String]
        switch (org, orgsFrom) {
        case (let org?, nil): organisations = [org]
        case (nil, let file?):
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--orgs-from \(file): cannot read the file as UTF-8 text")
            }
            organisations = text.split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard !organisations.isEmpty else {
                throw ValidationError("--orgs-from \(file): the file names no organisation")
            }
        default: throw ValidationError("give either --org or --orgs-from")
        }
        let service = try SelfAssessmentService(
            store: AnswerStore(path: storage.database),
            key: SigningKey.loadOrCreate(at: storage.keyFile),
            catalog: RubricCatalog.bundled()
        )
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        for organisation in organisations {
            let (invitation, path) = try await service.invite(
                organisation: organisation, rubricID: rubric, language: lang, lifetime: lifetime)
            print(base + path)
            let expiry = ISO8601DateFormatter().string(
                from: Date(timeIntervalSince1970: TimeInterval(invitation.expiresAt)))
            FileHandle.standardError.write(
                Data(
                    "invitation \(invitation.id) for \(invitation.organisation), \(invitation.rubric) in \(invitation.language), until \(expiry)\n"
                        .utf8))
        }
    }

    /// `14d`, `12h`, `30m` in seconds; at most a year.
    static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count > 0 else { return nil }
        let seconds: Int
        switch unit {
        case "d": seconds = count.multipliedReportingOverflow(by: 86_400).partialValue
        case "h": seconds = count.multipliedReportingOverflow(by: 3_600).partialValue
        case "m": seconds = count.multipliedReportingOverflow(by: 60).partialValue
        default: return nil
        }
        return seconds > 0 && seconds <= 366 * 86_400 ? seconds : nil
    }
}

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a submitted self-assessment as a response document for `assay session start --from`."
    )

    @Option(help: "The organisation whose submitted self-assessment to write.") var org: String?
    @Option(help: "The invitation's id, when the organisation has several.") var invitation: String?
    @Flag(name: .customLong("include-draft"), help: "Write the answers saved so far, even if not submitted.")
    var includeDraft = false
    @Option(help: "The response file to write.") var out: String
    @OptionGroup var storage: StoreOptions

    func run() async throws {
        guard FileManager.default.fileExists(atPath: storage.database) else {
            throw ValidationError("\(storage.database): there is no such database")
        }
        let store = try AnswerStore(path: storage.database)
        let chosen = try await ResponseExport.invitation(
            in: store, organisation: org, id: invitation, includeDrafts: includeDraft)
        let answers = try await store.answers(invitation: chosen.id)
        let response = ResponseExport.response(of: chosen, answers: answers)
        try ResponseExport.write(response, to: out)
        FileHandle.standardError.write(
            Data("wrote \(answers.count) answers of \(chosen.organisation) to \(out)\n".utf8))
    }
}
