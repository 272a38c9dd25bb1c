import Crypto
import Foundation

/// The record of everything a programme has released from its response sets, kept in a SQLite file.
///
/// Every `assay aggregate` that writes a summary records its release here, in one transaction taken before the
/// release is checked: its cells (each released group, the merged group, the overall, each trend point), the
/// organisations behind each cell as keyed pseudonyms, and what each cell published. Before a release is written,
/// its cells are checked together with every earlier release in the ledger (see ``DifferencingCheck``), so
/// that no set of fewer than the policy's minimum can be recovered by subtracting one release from another.
///
/// The ledger holds no organisation name, note, evidence or unreleased score. Its pseudonyms are keyed with a
/// random key kept in the ledger itself, so the ledger links releases without naming anyone to someone who has
/// only the ledger; it belongs with the response set, not with the publications.
///
/// Releases and cells are append-only (triggers refuse updates and deletes), and the differential-privacy budget
/// of each rubric lives here too, so that it cannot be reset by swapping a file. Concurrent releases wait for one
/// another on SQLite's write lock.
public final class ReleaseLedger {
    /// Where the ledger is.
    public let path: String
    private let database: SQLiteDatabase
    private let organisationKey: [UInt8]

    /// The ledger's format, kept in its metadata.
    public static let format = "assay-release-ledger/1"

    /// The ledger beside a response set: `responses.ndjson` → `responses.ledger.sqlite`; a folder's inside it.
    public static func defaultPath(forResponses responses: String) -> String {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: responses, isDirectory: &isDirectory), isDirectory.boolValue {
            return (responses as NSString).appendingPathComponent("assay.ledger.sqlite")
        }
        return ((responses as NSString).deletingPathExtension) + ".ledger.sqlite"
    }

    /// Opens the ledger at `path`, creating it when `create` and it does not exist.
    public init(path: String, create: Bool = true) throws(LedgerError) {
        self.path = path
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw LedgerError(path: path, message: "no ledger here")
        }
        let database = try SQLiteDatabase(path: path, create: create)
        self.database = database
        try database.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON")
        organisationKey = try database.immediateTransaction { () throws(LedgerError) in
            try Self.createSchema(database)
            let read = try database.prepare("SELECT value FROM ledger_meta WHERE key = 'organisation_key'")
            if try read.step() { return read.blob(0) }
            let format = try database.prepare("SELECT value FROM ledger_meta WHERE key = 'format'")
            if try format.step() {
                throw LedgerError(path: database.path, message: "the ledger has no organisation key; it was damaged")
            }
            var key = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in key.indices { key[index] = generator.next() }
            let insert = try database.prepare("INSERT INTO ledger_meta(key, value) VALUES (?, ?)")
            try insert.bind([.text("format"), .blob(Array(Self.format.utf8))]).run()
            try insert.bind([.text("organisation_key"), .blob(key)]).run()
            return key
        }
        guard organisationKey.count == 32 else {
            throw LedgerError(path: path, message: "the ledger's organisation key is damaged")
        }
    }

    private static func createSchema(_ database: SQLiteDatabase) throws(LedgerError) {
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS ledger_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
            CREATE TABLE IF NOT EXISTS releases (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL,
                data_set TEXT NOT NULL,
                rubric_version TEXT NOT NULL,
                group_by TEXT NOT NULL,
                per_organisation TEXT NOT NULL,
                policy TEXT NOT NULL,
                epsilon REAL CHECK (epsilon IS NULL OR epsilon > 0),
                key_fingerprint TEXT,
                summary_sha256 TEXT NOT NULL,
                disclosure TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS cells (
                id INTEGER PRIMARY KEY,
                release_id INTEGER NOT NULL REFERENCES releases(id),
                label TEXT NOT NULL,
                kind TEXT NOT NULL,
                exact INTEGER NOT NULL,
                organisations INTEGER NOT NULL,
                members BLOB NOT NULL,
                families TEXT NOT NULL,
                statistics TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS cells_by_release ON cells(release_id);
            CREATE TABLE IF NOT EXISTS budgets (
                data_set TEXT PRIMARY KEY,
                total REAL NOT NULL CHECK (total > 0)
            );
            CREATE TRIGGER IF NOT EXISTS releases_append_only_update BEFORE UPDATE ON releases
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS releases_append_only_delete BEFORE DELETE ON releases
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS cells_append_only_update BEFORE UPDATE ON cells
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS cells_append_only_delete BEFORE DELETE ON cells
                BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS budgets_append_only_update BEFORE UPDATE ON budgets
                BEGIN SELECT RAISE(ABORT, 'a budget cannot be changed once set'); END;
            CREATE TRIGGER IF NOT EXISTS budgets_append_only_delete BEFORE DELETE ON budgets
                BEGIN SELECT RAISE(ABORT, 'a budget cannot be changed once set'); END;
            """
        )
    }

    /// The ledger's pseudonym of the organisation whose name hashes to `organisation`: SipHash-2-4 under the
    /// ledger's key, so one organisation has one pseudonym in every release recorded here.
    package func pseudonym(_ organisation: UInt64) -> UInt64 {
        SipHash24.hash(organisation, key: organisationKey)
    }

    /// Runs `body` holding the ledger's write lock; what `body` records is committed only if it returns.
    package func transaction<T>(_ body: (LedgerTransaction) throws(LedgerError) -> T) throws(LedgerError) -> T {
        try database.immediateTransaction { () throws(LedgerError) in try body(LedgerTransaction(ledger: self)) }
    }

    fileprivate var db: SQLiteDatabase { database }

    /// Every release recorded, oldest first.
    public func releases() throws(LedgerError) -> [LedgerRelease] {
        let statement = try database.prepare(
            """
            SELECT r.id, r.name, r.created_at, r.data_set, r.rubric_version, r.group_by, r.per_organisation,
                   r.epsilon, r.key_fingerprint, r.summary_sha256, r.disclosure,
                   (SELECT COUNT(*) FROM cells c WHERE c.release_id = r.id), r.policy
            FROM releases r ORDER BY r.id
            """
        )
        return try statement.rows { row in
            LedgerRelease(
                id: Int(row.integer(0)),
                name: row.text(1),
                createdAt: row.text(2),
                dataSet: row.text(3),
                rubricVersion: row.text(4),
                groupBy: row.text(5),
                perOrganisation: row.text(6),
                policy: row.text(12),
                epsilon: row.isNull(7) ? nil : row.real(7),
                keyFingerprint: row.isNull(8) ? nil : row.text(8),
                summarySHA256: row.text(9),
                disclosure: row.text(10),
                cellCount: Int(row.integer(11))
            )
        }
    }

    /// The cells of release `id`, or of every release of `dataSet` when `id` is `nil`.
    public func cells(release id: Int? = nil, dataSet: String? = nil) throws(LedgerError) -> [LedgerCell] {
        var sql = """
            SELECT c.release_id, r.name, c.label, c.kind, c.exact, c.organisations, c.members, c.families,
                   c.statistics
            FROM cells c JOIN releases r ON r.id = c.release_id
            """
        var bindings: [SQLiteValue] = []
        if let id {
            sql += " WHERE c.release_id = ?"
            bindings.append(.integer(Int64(id)))
        } else if let dataSet {
            sql += " WHERE r.data_set = ?"
            bindings.append(.text(dataSet))
        }
        sql += " ORDER BY c.id"
        let statement = try database.prepare(sql)
        statement.bind(bindings)
        return try statement.rows { row in
            LedgerCell(
                release: Int(row.integer(0)),
                releaseName: row.text(1),
                label: row.text(2),
                kind: row.text(3),
                exact: row.integer(4) != 0,
                organisations: Int(row.integer(5)),
                members: LedgerCell.decode(row.blob(6)),
                families: Set(row.text(7).split(separator: " ").map(String.init)),
                statistics: row.text(8)
            )
        }
    }

    /// The ε budget of `dataSet`, if one was set, and what its releases have spent.
    public func budget(dataSet: String) throws(LedgerError) -> (total: Double?, spent: Double) {
        let total = try database.prepare("SELECT total FROM budgets WHERE data_set = ?")
        total.bind([.text(dataSet)])
        let value = try total.step() ? total.real(0) : nil
        let spent = try database.prepare("SELECT COALESCE(SUM(epsilon), 0) FROM releases WHERE data_set = ?")
        spent.bind([.text(dataSet)])
        _ = try spent.step()
        return (value, spent.real(0))
    }
}

/// What a release does inside the ledger's transaction.
package struct LedgerTransaction {
    fileprivate let ledger: ReleaseLedger

    /// The exact cells released earlier, of every rubric.
    package func earlierCells() throws(LedgerError) -> [LedgerCell] {
        try ledger.cells().filter(\.exact)
    }

    /// The earlier release that used a key with `fingerprint`, if any.
    package func release(usingKey fingerprint: String) throws(LedgerError) -> String? {
        let statement = try ledger.db.prepare("SELECT name FROM releases WHERE key_fingerprint = ? LIMIT 1")
        statement.bind([.text(fingerprint)])
        return try statement.step() ? statement.text(0) : nil
    }

    /// Sets `dataSet`'s ε budget to `total`, or checks it is the one already set.
    package func setBudget(dataSet: String, total: Double) throws(LedgerError) {
        let existing = try ledger.budget(dataSet: dataSet).total
        if let existing {
            guard existing == total else {
                throw LedgerError(
                    path: ledger.path,
                    message:
                        "the ε budget of \(dataSet) is \(existing.formatted()) in this ledger and cannot be changed to \(total.formatted())"
                )
            }
            return
        }
        try ledger.db.prepare("INSERT INTO budgets(data_set, total) VALUES (?, ?)")
            .bind([.text(dataSet), .real(total)]).run()
    }

    package func budget(dataSet: String) throws(LedgerError) -> (total: Double?, spent: Double) {
        try ledger.budget(dataSet: dataSet)
    }

    /// Records a release and its cells.
    package func record(_ release: LedgerRelease, cells: [LedgerCell]) throws(LedgerError) {
        try ledger.db.prepare(
            """
            INSERT INTO releases(name, created_at, data_set, rubric_version, group_by, per_organisation, policy,
                                 epsilon, key_fingerprint, summary_sha256, disclosure)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        ).bind([
            .text(release.name), .text(release.createdAt), .text(release.dataSet), .text(release.rubricVersion),
            .text(release.groupBy), .text(release.perOrganisation), .text(release.policy),
            release.epsilon.map { .real($0) } ?? .null, release.keyFingerprint.map { .text($0) } ?? .null,
            .text(release.summarySHA256), .text(release.disclosure),
        ]).run()
        let id = try ledger.db.prepare("SELECT last_insert_rowid()")
        _ = try id.step()
        let releaseID = id.integer(0)
        let insert = try ledger.db.prepare(
            """
            INSERT INTO cells(release_id, label, kind, exact, organisations, members, families, statistics)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        )
        for cell in cells {
            try insert.bind([
                .integer(releaseID), .text(cell.label), .text(cell.kind), .integer(cell.exact ? 1 : 0),
                .integer(Int64(cell.organisations)), .blob(LedgerCell.encode(cell.members)),
                .text(cell.families.sorted().joined(separator: " ")), .text(cell.statistics),
            ]).run()
        }
    }
}

/// One release as the ledger keeps it.
public struct LedgerRelease: Sendable, Hashable, Codable {
    /// Its number in the ledger, from 1.
    public var id: Int
    /// What it was (the output's path unless named with `--release-name`).
    public var name: String
    /// When it was made, ISO 8601 UTC.
    public var createdAt: String
    /// The data set it belongs to: the rubric's id. Every release of one data set is checked against the others.
    public var dataSet: String
    /// The rubric's version.
    public var rubricVersion: String
    /// The attributes that formed its groups, comma-separated.
    public var groupBy: String
    /// `latest` or `all`.
    public var perOrganisation: String
    /// The policy, as JSON.
    public var policy: String
    /// The ε it spent, when it was a differentially private release.
    public var epsilon: Double?
    /// The fingerprint (SHA-256, first 16 hex digits) of the pseudonym key it used, if any.
    public var keyFingerprint: String?
    /// The SHA-256 of the file written.
    public var summarySHA256: String
    /// Its disclosure report, as JSON.
    public var disclosure: String
    /// How many cells it released.
    public var cellCount: Int

    /// A release record; `id` is given by the ledger when it is recorded.
    public init(
        id: Int, name: String, createdAt: String, dataSet: String, rubricVersion: String, groupBy: String,
        perOrganisation: String, policy: String, epsilon: Double?, keyFingerprint: String?, summarySHA256: String,
        disclosure: String, cellCount: Int
    ) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
        self.dataSet = dataSet
        self.rubricVersion = rubricVersion
        self.groupBy = groupBy
        self.perOrganisation = perOrganisation
        self.policy = policy
        self.epsilon = epsilon
        self.keyFingerprint = keyFingerprint
        self.summarySHA256 = summarySHA256
        self.disclosure = disclosure
        self.cellCount = cellCount
    }

    enum CodingKeys: String, CodingKey {
        case id, name, epsilon, disclosure
        case createdAt = "created_at"
        case dataSet = "data_set"
        case rubricVersion = "rubric_version"
        case groupBy = "group_by"
        case perOrganisation = "per_organisation"
        case policy
        case keyFingerprint = "key_fingerprint"
        case summarySHA256 = "summary_sha256"
        case cellCount = "cells"
    }
}

/// One released cell as the ledger keeps it.
public struct LedgerCell: Sendable, Hashable {
    /// The release it belongs to.
    public var release: Int
    /// That release's name.
    public var releaseName: String
    /// The cell: a group's label, `all organisations`, or a group's round.
    public var label: String
    /// `group`, `merged`, `overall` or `trend`.
    public var kind: String
    /// Whether its figures are exact (not differentially private).
    public var exact: Bool
    /// How many organisations it covers.
    public var organisations: Int
    /// The ledger's pseudonyms of its organisations, sorted.
    public var members: [UInt64]
    /// The statistics it published: `count`, `mean:SCOPE`, `median:SCOPE`, `levels:SCOPE`, `gap:QUESTION`, `trend`.
    public var families: Set<String>
    /// What it published, as JSON.
    public var statistics: String

    static func encode(_ members: [UInt64]) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(members.count * 8)
        for member in members { withUnsafeBytes(of: member.littleEndian) { bytes.append(contentsOf: $0) } }
        return bytes
    }

    static func decode(_ bytes: [UInt8]) -> [UInt64] {
        stride(from: 0, to: bytes.count - bytes.count % 8, by: 8).map { start in
            var value: UInt64 = 0
            for offset in 0..<8 { value |= UInt64(bytes[start + offset]) << (8 * UInt64(offset)) }
            return value
        }
    }
}

/// A ledger that cannot be opened, read or written, or a release it refuses.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The ledger's path.
    public var path: String
    /// What is wrong, in words.
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): error: \(message)" }
}

/// The SHA-256 fingerprint of a key: the first 16 hex digits, enough to recognise reuse and reveal nothing.
package func keyFingerprint(_ key: [UInt8]) -> String {
    SHA256.hash(data: key).prefix(8).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
}

/// The SHA-256 of `bytes` in hex.
package func sha256Hex(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// SipHash-2-4 of one 64-bit word under a 128-bit key: a keyed pseudorandom function fast enough to pseudonymise a
/// million organisations in a few milliseconds.
enum SipHash24 {
    static func hash(_ message: UInt64, key: [UInt8]) -> UInt64 {
        func word(_ offset: Int) -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<8 { value |= UInt64(key[offset + index]) << (8 * UInt64(index)) }
            return value
        }
        let k0 = word(0)
        let k1 = word(8)
        var v0: UInt64 = 0x736f_6d65_7073_6575 ^ k0
        var v1: UInt64 = 0x646f_7261_6e64_6f6d ^ k1
        var v2: UInt64 = 0x6c79_6765_6e65_7261 ^ k0
        var v3: UInt64 = 0x7465_6462_7974_6573 ^ k1
        func round() {
            v0 &+= v1
            v1 = (v1 << 13) | (v1 >> 51)
            v1 ^= v0
            v0 = (v0 << 32) | (v0 >> 32)
            v2 &+= v3
            v3 = (v3 << 16) | (v3 >> 48)
            v3 ^= v2
            v0 &+= v3
            v3 = (v3 << 21) | (v3 >> 43)
            v3 ^= v0
            v2 &+= v1
            v1 = (v1 << 17) | (v1 >> 47)
            v1 ^= v2
            v2 = (v2 << 32) | (v2 >> 32)
        }
        v3 ^= message
        round()
        round()
        v0 ^= message
        let last: UInt64 = 8 << 56
        v3 ^= last
        round()
        round()
        v0 ^= last
        v2 ^= 0xff
        round()
        round()
        round()
        round()
        return v0 ^ v1 ^ v2 ^ v3
    }
}

extension ReleaseLedger {
    /// What `assay ledger verify` finds wrong, one sentence each; empty when the ledger is sound.
    ///
    /// It checks SQLite's own integrity, that the append-only triggers are in place, that every data set's
    /// releases spent no more ε than its budget and none a negative one, that each release's written file (when it
    /// is still at its name) has the hash recorded, and, over every data set's exact cells together, that no set of
    /// fewer than the smallest minimum any of its releases used can be derived by adding and subtracting cells.
    public func verify() throws(LedgerError) -> [String] {
        var problems: [String] = []
        let integrity = try database.prepare("PRAGMA integrity_check")
        let results = try integrity.rows { $0.text(0) }
        if results != ["ok"] { problems.append("SQLite integrity check: \(results.joined(separator: "; "))") }
        let triggers = try database.prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger'")
        _ = try triggers.step()
        if triggers.integer(0) < 6 { problems.append("append-only triggers are missing: the ledger was altered") }
        let releases = try releases()
        var thresholds: [String: Int] = [:]
        for release in releases {
            if let epsilon = release.epsilon, !(epsilon > 0) {
                problems.append("release \(release.id) (\(release.name)) spent a non-positive ε")
            }
            let minimum = Self.minimumOrganisations(inPolicy: release.policy)
            thresholds[release.dataSet] = min(thresholds[release.dataSet] ?? .max, minimum)
            if let bytes = FileManager.default.contents(atPath: release.name).map(Array.init),
                sha256Hex(bytes) != release.summarySHA256
            {
                problems.append(
                    "release \(release.id): \(release.name) is not the file that was released (its hash differs)")
            }
        }
        for dataSet in thresholds.keys.sorted() {
            let budget = try budget(dataSet: dataSet)
            if let total = budget.total, budget.spent > total + 1e-12 {
                problems.append("\(dataSet): releases spent ε = \(budget.spent) of a budget of \(total)")
            }
            if budget.total == nil && budget.spent > 0 {
                problems.append("\(dataSet): private releases were made with no budget set")
            }
        }
        // All cells together, whatever their rubric, as releases are checked: a rubric copied under a new id
        // gives the same contributions as the original.
        if let threshold = thresholds.values.min() {
            let cells = try cells().filter(\.exact)
            if let disclosure = DifferencingCheck(threshold: threshold).disclosure(in: cells.map(\.members)) {
                problems.append(
                    "the released cells together let a set of \(disclosure.organisations.count) organisations (fewer than \(threshold)) be derived"
                )
            }
        }
        return problems
    }

    /// The `minimum_organisations` of a recorded policy (the default when it is not there).
    static func minimumOrganisations(inPolicy json: String) -> Int {
        guard let range = json.range(of: "\"minimum_organisations\"") else {
            return DisclosurePolicy().minimumOrganisations
        }
        let digits = json[range.upperBound...].drop { !$0.isNumber }.prefix { $0.isNumber }
        return Int(digits) ?? DisclosurePolicy().minimumOrganisations
    }
}
