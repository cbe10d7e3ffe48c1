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

    /// Stores a batch of the intake's reports in one transaction that commits without waiting
    /// for the disk (`synchronous = NORMAL` for this transaction only): the batch is durable once
    /// a `WALFile.sync()` started after this returns has returned. The same rows as
    /// `record(_:)`; the batch's per-minute, 15-minute and country counts are summed first, so
    /// each count row is written once per batch.
    public func recordUnsynced(_ reports: [ReportRecord]) async throws {
        guard !reports.isEmpty else { return }
        try await writeWithoutTransactionAsync { db in
            try db.cachedStatement(sql: "PRAGMA synchronous = NORMAL").execute()
            // Every other write on this connection commits with FULL, as the database was opened.
            defer { try? db.cachedStatement(sql: "PRAGMA synchronous = FULL").execute() }
            try db.inTransaction {
                try Self.insertSummed(reports, into: db)
                return .commit
            }
        }
    }

    /// The WAL of this database, for `recordUnsynced`'s callers to sync.
    public func walFile() -> WALFile { WALFile(databasePath: path) }

    /// The rows of `insert(_:into:)`, with the counts of equal keys summed before they are written.
    static func insertSummed(_ reports: [ReportRecord], into db: GRDB.Database) throws {
        let raw = try db.cachedStatement(
            sql: "INSERT INTO report (slug, problem, at, count, client_key, source) VALUES (?, ?, ?, ?, ?, ?)")
        var minutes = SummedCounts()
        var buckets = SummedCounts()
        var countries = SummedCounts()
        for report in reports where report.count > 0 {
            let demo = report.source == "demo" ? 1 : 0
            let bucket = report.at.floored(to: BucketSize.chart).seconds
            try countries.add(report.slug, report.country ?? "", bucket, demo, report.count)
            if demo == 0 {
                try raw.execute(arguments: [
                    report.slug, report.problem, report.at.seconds, report.count, report.clientKey, report.source,
                ])
            }
            try minutes.add(
                report.slug, report.problem, report.at.floored(to: BucketSize.minute).seconds, demo, report.count)
            try buckets.add(report.slug, report.problem, bucket, demo, report.count)
        }
        let upserts = [
            ("report_country (slug, country, bucket, count, demo)", countries),
            ("report_minute (slug, problem, minute, count, demo)", minutes),
            ("report_bucket (slug, problem, bucket, count, demo)", buckets),
        ]
        for (table, counts) in upserts {
            let statement = try db.cachedStatement(
                sql:
                    "INSERT INTO \(table) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET count = count + excluded.count"
            )
            for (key, count) in counts.entries {
                try statement.execute(arguments: [key.first, key.second, key.time, count, key.demo])
            }
        }
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

    /// Stops the writer connection's own checkpoints (`wal_autocheckpoint = 0`): a commit then
    /// only appends to the WAL, and copying the WAL back into the database is left to a
    /// `CheckpointConnection` beside it. `automaticCheckpoints(pages:)` turns them back on.
    public func stopAutomaticCheckpoints() async throws {
        try await automaticCheckpoints(pages: 0)
    }

    /// Lets the writer connection checkpoint after a commit that leaves more than `pages` pages in
    /// the WAL (SQLite's default is 1000; 0 stops it).
    public func automaticCheckpoints(pages: Int) async throws {
        try await writeWithoutTransactionAsync { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = \(max(0, pages))")
        }
    }

    /// A passive checkpoint on the writer connection, between two write transactions: it copies
    /// what is still only in the WAL, so the next transaction starts the WAL over from its
    /// beginning instead of making it longer.
    @discardableResult
    public func checkpointOnWriter() async throws -> CheckpointResult {
        try await writeWithoutTransactionAsync { db in CheckpointResult(try db.checkpoint(.passive)) }
    }

    /// A second connection that only runs checkpoints.
    public func checkpointConnection() throws -> CheckpointConnection {
        try CheckpointConnection(path: path)
    }

    /// Runs `updates` on GRDB's writer queue outside a transaction, suspending instead of blocking.
    func writeWithoutTransactionAsync<T: Sendable>(_ updates: @Sendable @escaping (GRDB.Database) throws -> T)
        async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            pool.asyncWriteWithoutTransaction { db in
                do { continuation.resume(returning: try updates(db)) } catch let error as StoreError {
                    continuation.resume(throwing: error)
                } catch { continuation.resume(throwing: StoreError.failed(path: self.path, reason: "\(error)")) }
            }
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

/// Counts summed by row key, in the order the keys first came.
struct SummedCounts {
    struct Key: Hashable {
        var first: String
        var second: String
        var time: Int64
        var demo: Int
    }

    private(set) var entries: [(key: Key, count: Int)] = []
    private var positions: [Key: Int] = [:]

    /// Adds `count` to the row of this key. - Throws: `StoreError` when the sum does not fit.
    mutating func add(_ first: String, _ second: String, _ time: Int64, _ demo: Int, _ count: Int) throws {
        let key = Key(first: first, second: second, time: time, demo: demo)
        guard let position = positions[key] else {
            positions[key] = entries.count
            entries.append((key, count))
            return
        }
        let (sum, overflow) = entries[position].count.addingReportingOverflow(count)
        guard !overflow else { throw StoreError.failed(path: "", reason: "a report count is too large to add up") }
        entries[position].count = sum
    }
}
