import CSQLite

/// A thin handle on one SQLite database file: statements, typed columns, and immediate transactions.
///
/// The ledger needs few things of SQLite — a file that survives concurrent runs, a write lock taken before
/// anything is read, and all-or-nothing commits — so this wraps the C API directly rather than bringing in a
/// database framework every embedder of `AssayCompare` would then build.
final class SQLiteDatabase {
    private var handle: OpaquePointer?
    let path: String

    /// Opens (and creates, when `create`) the database at `path`, waiting up to `busyTimeout` milliseconds for
    /// another process's lock.
    init(path: String, create: Bool, busyTimeout: Int32 = 60_000) throws(LedgerError) {
        self.path = path
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let status = sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            handle = nil
            throw LedgerError(path: path, message: "the ledger cannot be opened: \(message)")
        }
        sqlite3_busy_timeout(handle, busyTimeout)
        sqlite3_extended_result_codes(handle, 1)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs `sql`, which may hold several statements and binds nothing.
    func execute(_ sql: String) throws(LedgerError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        guard status == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_free(error)
            throw LedgerError(path: path, message: message)
        }
    }

    /// A prepared statement for `sql`.
    func prepare(_ sql: String) throws(LedgerError) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw LedgerError(path: path, message: String(cString: sqlite3_errmsg(handle)))
        }
        return Statement(statement: statement, database: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`: the write lock is taken before `body` reads anything, so two
    /// releases never check against the same state; anything `body` throws rolls the whole transaction back.
    func immediateTransaction<T>(_ body: () throws(LedgerError) -> T) throws(LedgerError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// One prepared statement: bind, step, read columns.
    final class Statement {
        private let statement: OpaquePointer
        private let database: SQLiteDatabase

        fileprivate init(statement: OpaquePointer, database: SQLiteDatabase) {
            self.statement = statement
            self.database = database
        }

        deinit { sqlite3_finalize(statement) }

        @discardableResult
        func bind(_ values: [SQLiteValue]) -> Statement {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
            for (offset, value) in values.enumerated() {
                let position = Int32(offset + 1)
                switch value {
                case .null: sqlite3_bind_null(statement, position)
                case .integer(let number): sqlite3_bind_int64(statement, position, number)
                case .real(let number): sqlite3_bind_double(statement, position, number)
                case .text(let text): sqlite3_bind_text(statement, position, text, -1, assay_sqlite_transient())
                case .blob(let bytes):
                    bytes.withUnsafeBytes { raw in
                        _ = sqlite3_bind_blob(
                            statement, position, raw.baseAddress, Int32(raw.count), assay_sqlite_transient())
                    }
                }
            }
            return self
        }

        /// Steps once: `true` while a row is ready.
        func step() throws(LedgerError) -> Bool {
            let status = sqlite3_step(statement)
            if status == SQLITE_ROW { return true }
            if status == SQLITE_DONE { return false }
            throw LedgerError(path: database.path, message: database.lastError)
        }

        /// Runs the statement to its end.
        func run() throws(LedgerError) { while try step() {} }

        /// Every row, each read by `row`.
        func rows<T>(_ row: (Statement) -> T) throws(LedgerError) -> [T] {
            var result: [T] = []
            while try step() { result.append(row(self)) }
            return result
        }

        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
        func real(_ column: Int32) -> Double { sqlite3_column_double(statement, column) }
        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }
        func text(_ column: Int32) -> String {
            sqlite3_column_text(statement, column).map { String(cString: $0) } ?? ""
        }
        func blob(_ column: Int32) -> [UInt8] {
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let bytes = sqlite3_column_blob(statement, column) else { return [] }
            return Array(UnsafeRawBufferPointer(start: bytes, count: count))
        }
    }
}

/// A value bound to a statement.
enum SQLiteValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}
