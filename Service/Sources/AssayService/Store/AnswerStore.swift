import AssayCore
import AssayJSON
import GRDB

/// Invitations and the answers given through them, in one SQLite file.
///
/// A `DatabasePool` in WAL mode with `synchronous = FULL`: readers never wait for the writer, and a save that
/// returned has been written to the disk, so it survives the process being killed (or the power cut) after the
/// 200. Every save is one transaction: all the answers of the form, or none of them.
public struct AnswerStore: Sendable {
    private let database: DatabasePool

    /// Opens the store at `path`, creating the file and its tables when there are none.
    public init(path: String) throws(ServiceError) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.busyMode = .timeout(10)
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw ServiceError("\(path): cannot open the answer database: \(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE invitation (
                        id TEXT PRIMARY KEY NOT NULL,
                        organisation TEXT NOT NULL,
                        rubric TEXT NOT NULL,
                        rubric_version TEXT NOT NULL,
                        language TEXT NOT NULL,
                        expires_at INTEGER NOT NULL,
                        created_at INTEGER NOT NULL,
                        submitted_at INTEGER
                    );
                    CREATE INDEX invitation_by_organisation ON invitation(organisation);
                    CREATE TABLE answer (
                        invitation_id TEXT NOT NULL REFERENCES invitation(id),
                        question TEXT NOT NULL,
                        answer TEXT NOT NULL,
                        saved_at INTEGER NOT NULL,
                        PRIMARY KEY (invitation_id, question)
                    ) WITHOUT ROWID;
                    """
            )
        }
        return migrator
    }

    /// Records a new invitation.
    public func add(_ invitation: Invitation) async throws(ServiceError) {
        try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO invitation (id, organisation, rubric, rubric_version, language, expires_at, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    invitation.id, invitation.organisation, invitation.rubric, invitation.rubricVersion,
                    invitation.language, invitation.expiresAt, invitation.createdAt,
                ]
            )
        }
    }

    /// The invitation with `id`, if there is one.
    public func invitation(id: String) async throws(ServiceError) -> Invitation? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM invitation WHERE id = ?", arguments: [id]).map(Self.invitation)
        }
    }

    /// Every invitation made for `organisation`, newest first.
    public func invitations(organisation: String) async throws(ServiceError) -> [Invitation] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM invitation WHERE organisation = ? ORDER BY created_at DESC, id",
                arguments: [organisation]
            ).map(Self.invitation)
        }
    }

    /// The answers saved through the invitation with `id`, keyed by question id.
    public func answers(invitation id: String) async throws(ServiceError) -> [String: Answer] {
        let rows = try await read { db in
            try Row.fetchAll(db, sql: "SELECT question, answer FROM answer WHERE invitation_id = ?", arguments: [id])
                .map { (question: $0["question"] as String, answer: $0["answer"] as String) }
        }
        var answers: [String: Answer] = [:]
        for row in rows {
            do {
                let document = try JSONDocument(bytes: Array(row.answer.utf8), file: "stored answer \(row.question)")
                answers[row.question] = try document.decode(StoredAnswer.self).value.answer
            } catch {
                throw ServiceError("the stored answer to \(row.question) cannot be read: \(error)")
            }
        }
        return answers
    }

    /// What became of a save.
    public enum SaveOutcome: Sendable, Hashable {
        /// Every change is on disk.
        case saved
        /// The invitation was submitted before this save arrived; nothing was changed.
        case alreadySubmitted
    }

    /// Replaces the answers to `questions` with `answers`, in one transaction: a question of `questions` with no
    /// entry in `answers` is cleared, and answers to any other question are left as they are.
    public func save(
        invitation id: String,
        questions: [String],
        answers: [String: Answer],
        at now: Int
    ) async throws(ServiceError) -> SaveOutcome {
        var encoded: [String: String] = [:]
        for (question, answer) in answers {
            do {
                encoded[question] = try JSONOutput.string(StoredAnswer(answer: answer), pretty: false)
            } catch {
                throw ServiceError("the answer to \(question) cannot be written: \(error)")
            }
        }
        let rows = encoded
        return try await write { db in
            let submitted = try Row.fetchOne(
                db, sql: "SELECT submitted_at FROM invitation WHERE id = ?", arguments: [id])
            guard let submitted, (submitted["submitted_at"] as Int?) == nil else { return .alreadySubmitted }
            for question in questions {
                if let answer = rows[question] {
                    try db.execute(
                        sql: """
                            INSERT INTO answer (invitation_id, question, answer, saved_at) VALUES (?, ?, ?, ?)
                            ON CONFLICT (invitation_id, question) DO UPDATE SET answer = excluded.answer,
                                saved_at = excluded.saved_at
                            """,
                        arguments: [id, question, answer, now]
                    )
                } else {
                    try db.execute(
                        sql: "DELETE FROM answer WHERE invitation_id = ? AND question = ?",
                        arguments: [id, question]
                    )
                }
            }
            return .saved
        }
    }

    /// Marks the invitation as submitted, once: later saves are refused. Returns whether this call submitted it.
    @discardableResult
    public func submit(invitation id: String, at now: Int) async throws(ServiceError) -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE invitation SET submitted_at = ? WHERE id = ? AND submitted_at IS NULL",
                arguments: [now, id]
            )
            return db.changesCount == 1
        }
    }

    private static func invitation(_ row: Row) -> Invitation {
        Invitation(
            id: row["id"],
            organisation: row["organisation"],
            rubric: row["rubric"],
            rubricVersion: row["rubric_version"],
            language: row["language"],
            expiresAt: row["expires_at"],
            createdAt: row["created_at"],
            submittedAt: row["submitted_at"]
        )
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ServiceError) -> T {
        do {
            return try await database.read(body)
        } catch let error as ServiceError {
            throw error
        } catch {
            throw ServiceError("the answer database cannot be read: \(error)")
        }
    }

    private func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws(ServiceError) -> T
    {
        do {
            return try await database.write(body)
        } catch {
            throw ServiceError("the answer database cannot be written: \(error)")
        }
    }
}

/// An answer as a row holds it: `{"answer": …}`, in the response document's form of an answer, wrapped because
/// the JSON reader takes only an object or an array at the top.
private struct StoredAnswer: Codable {
    var answer: Answer
}
