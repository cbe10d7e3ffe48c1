import GRDB
import Model

/// One client's newest report of one service, for the once-per-window rule.
public struct ClientReport: Sendable, Equatable {
    public var clientKey: String
    public var slug: String
    public var at: Timestamp

    public init(clientKey: String, slug: String, at: Timestamp) {
        self.clientKey = clientKey
        self.slug = slug
        self.at = at
    }
}

extension DowntrackDatabase {
    /// Stores reports in one transaction without blocking the caller's thread (the intake's
    /// writer uses this); the same rows as `record(_:)`.
    public func recordAsync(_ reports: [ReportRecord]) async throws {
        guard !reports.isEmpty else { return }
        try await writeAsync { db in try Self.insert(reports, into: db) }
    }

    /// The newest report per client and service at or after `since` (clients with a key only).
    public func recentClientReports(since: Timestamp) throws -> [ClientReport] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT client_key, slug, MAX(at) FROM report
                    WHERE at >= ? AND client_key IS NOT NULL GROUP BY client_key, slug
                    """, arguments: [since.seconds]
            ).map { ClientReport(clientKey: $0[0], slug: $0[1], at: Timestamp(seconds: $0[2])) }
        }
    }

    /// The value stored under `key`, storing `value` first when there is none. Safe when two
    /// processes race: both get the value that was stored first.
    public func meta(_ key: String, insertingIfAbsent value: String) throws -> String {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
            return try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) ?? value
        }
    }

    /// Runs a write transaction on GRDB's writer queue, suspending instead of blocking.
    func writeAsync<T: Sendable>(_ updates: @Sendable (GRDB.Database) throws -> T) async throws -> T {
        do { return try await pool.write(updates) } catch let error as StoreError { throw error } catch {
            throw StoreError.failed(path: path, reason: "\(error)")
        }
    }

    /// Runs a read on GRDB's reader pool, suspending instead of blocking.
    func readAsync<T: Sendable>(_ value: @Sendable (GRDB.Database) throws -> T) async throws -> T {
        do { return try await pool.read(value) } catch let error as StoreError { throw error } catch {
            throw StoreError.failed(path: path, reason: "\(error)")
        }
    }
}
