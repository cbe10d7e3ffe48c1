import GRDB
import Model

/// One or more reports of one problem with one service at one time.
public struct ReportRecord: Sendable, Equatable {
    public var slug: String
    public var problem: String
    public var at: Timestamp
    public var count: Int
    /// Salted hash of the reporting client, never a raw address.
    public var clientKey: String?
    /// Where it came from: `web`, `cli`, `import`, `demo`.
    public var source: String
    /// The reporter's country (ISO 3166-1 alpha-2, as `CountryCode.normalized` gives it); nil when unknown.
    public var country: String?

    public init(
        slug: String, problem: String, at: Timestamp, count: Int = 1, clientKey: String? = nil, source: String,
        country: String? = nil
    ) {
        self.slug = slug
        self.problem = problem
        self.at = at
        self.count = count
        self.clientKey = clientKey
        self.source = source
        self.country = country
    }
}

extension DowntrackDatabase {
    /// Stores reports in one transaction: the raw rows, the per-minute and 15-minute counts, and
    /// the 15-minute counts by country.
    public func record(_ reports: [ReportRecord]) throws {
        guard !reports.isEmpty else { return }
        try write { db in try Self.insert(reports, into: db) }
    }

    static func insert(_ reports: [ReportRecord], into db: GRDB.Database) throws {
        let raw = try db.makeStatement(
            sql: """
                INSERT INTO report (slug, problem, at, count, client_key, source) VALUES (?, ?, ?, ?, ?, ?)
                """)
        let minute = try db.makeStatement(
            sql: """
                INSERT INTO report_minute (slug, problem, minute, count, demo) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        let bucket = try db.makeStatement(
            sql: """
                INSERT INTO report_bucket (slug, problem, bucket, count, demo) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
        let country = try countryStatement(db)
        for report in reports where report.count > 0 {
            let demo = report.source == "demo" ? 1 : 0
            try country.execute(arguments: [
                report.slug, report.country ?? "", report.at.floored(to: BucketSize.chart).seconds, report.count, demo,
            ])
            if demo == 0 {
                try raw.execute(arguments: [
                    report.slug, report.problem, report.at.seconds, report.count, report.clientKey, report.source,
                ])
            }
            try minute.execute(arguments: [
                report.slug, report.problem, report.at.floored(to: BucketSize.minute).seconds, report.count, demo,
            ])
            try bucket.execute(arguments: [
                report.slug, report.problem, report.at.floored(to: BucketSize.chart).seconds, report.count, demo,
            ])
        }
    }

    /// Report counts per service and 15-minute bucket start in `[from, to)`, all problems together.
    public func bucketCounts(from: Timestamp, to: Timestamp) throws -> [String: [Int64: Int]] {
        try read { db in
            var result: [String: [Int64: Int]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, bucket, SUM(count) FROM report_bucket WHERE bucket >= ? AND bucket < ?
                    GROUP BY slug, bucket
                    """, arguments: [from.seconds, to.seconds])
            while let row = try rows.next() { result[row[0], default: [:]][row[1]] = row[2] }
            return result
        }
    }

    /// Report counts per service and minute start in `[from, to)`, all problems together.
    public func minuteCounts(from: Timestamp, to: Timestamp) throws -> [String: [Int64: Int]] {
        try read { db in
            var result: [String: [Int64: Int]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, minute, SUM(count) FROM report_minute WHERE minute >= ? AND minute < ?
                    GROUP BY slug, minute
                    """, arguments: [from.seconds, to.seconds])
            while let row = try rows.next() { result[row[0], default: [:]][row[1]] = row[2] }
            return result
        }
    }

    /// Reports per service and problem in `[from, to)`, most reported first.
    public func problemCounts(from: Timestamp, to: Timestamp) throws -> [String: [ProblemCount]] {
        try read { db in
            var result: [String: [ProblemCount]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, problem, SUM(count) AS total FROM report_bucket WHERE bucket >= ? AND bucket < ?
                    GROUP BY slug, problem ORDER BY slug, total DESC, problem
                    """, arguments: [from.seconds, to.seconds])
            while let row = try rows.next() {
                result[row[0], default: []].append(ProblemCount(problemID: row[1], count: row[2]))
            }
            return result
        }
    }

    /// The 15-minute history of one service in `[from, to)`, for its baseline.
    public func history(slug: String, from: Timestamp, to: Timestamp) throws -> [ReportBucket] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT bucket, SUM(count) FROM report_bucket WHERE slug = ? AND bucket >= ? AND bucket < ?
                    GROUP BY bucket ORDER BY bucket
                    """, arguments: [slug, from.seconds, to.seconds]
            ).map { ReportBucket(start: Timestamp(seconds: $0[0]), count: $0[1]) }
        }
    }

    /// The 15-minute history of every service in `[from, to)`, by slug, oldest first.
    public func allHistory(from: Timestamp, to: Timestamp) throws -> [String: [ReportBucket]] {
        try read { db in
            var result: [String: [ReportBucket]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, bucket, SUM(count) FROM report_bucket WHERE bucket >= ? AND bucket < ?
                    GROUP BY slug, bucket ORDER BY slug, bucket
                    """, arguments: [from.seconds, to.seconds])
            while let row = try rows.next() {
                result[row[0], default: []].append(ReportBucket(start: Timestamp(seconds: row[1]), count: row[2]))
            }
            return result
        }
    }

    /// When this client last reported this service at or after `since`, if it did.
    public func lastReport(clientKey: String, slug: String, since: Timestamp) throws -> Timestamp? {
        try read { db in
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT MAX(at) FROM report WHERE client_key = ? AND slug = ? AND at >= ?
                    """, arguments: [clientKey, slug, since.seconds]
            ).map(Timestamp.init(seconds:))
        }
    }

    /// Stores imported reports whose line hashes are new, in one transaction; lines seen before
    /// are skipped, so importing the same file twice counts once.
    /// - Returns: how many lines were new.
    public func importReports(_ items: [(lineHash: String, report: ReportRecord)], at now: Timestamp) throws -> Int {
        try write { db in
            let mark = try db.makeStatement(
                sql: "INSERT OR IGNORE INTO report_import (line_hash, imported_at) VALUES (?, ?)")
            var fresh: [ReportRecord] = []
            for item in items {
                try mark.execute(arguments: [item.lineHash, now.seconds])
                if db.changesCount > 0 { fresh.append(item.report) }
            }
            try Self.insert(fresh, into: db)
            return fresh.count
        }
    }

    /// Removes raw reports and minute counts older than `minuteRetentionDays`, 15-minute
    /// counts older than `historyRetentionDays`, and old check rows.
    /// - Returns: rows removed per table.
    @discardableResult
    public func prune(now: Timestamp, minuteRetentionDays: Int, historyRetentionDays: Int) throws -> [String: Int] {
        let shortCutoff = now.seconds - Int64(minuteRetentionDays) * 86_400
        let longCutoff = now.seconds - Int64(historyRetentionDays) * 86_400
        // (table, its key, the time column, cutoff); tables without rowid name their key.
        let plan: [(table: String, key: String, column: String, cutoff: Int64)] = [
            ("report", "rowid", "at", shortCutoff),
            ("report_minute", "(slug, problem, minute, demo)", "minute", shortCutoff),
            ("report_import", "line_hash", "imported_at", longCutoff),
            ("report_bucket", "(slug, problem, bucket, demo)", "bucket", longCutoff),
            ("report_country", "(slug, country, bucket, demo)", "bucket", longCutoff),
            ("official_check", "rowid", "checked_at", shortCutoff), ("state_change", "rowid", "at", longCutoff),
            ("outage_episode", "rowid", "ended_at", longCutoff),
            ("official_incident", "rowid", "last_seen", longCutoff),
        ]
        var removed: [String: Int] = [:]
        for item in plan {
            removed[item.table] = try deleteInBatches(
                from: item.table, key: item.key, where: item.column, before: item.cutoff)
        }
        return removed
    }

    /// Rows deleted per transaction by `prune`: small enough that the intake's writes and a
    /// cron run wait milliseconds for the lock, not the minutes a week of rows would take.
    public static let pruneBatchSize = 5_000

    /// Deletes rows older than `cutoff` a batch per transaction, so writers interleave.
    private func deleteInBatches(from table: String, key: String, where column: String, before cutoff: Int64) throws
        -> Int
    {
        var total = 0
        let columns = key.hasPrefix("(") ? String(key.dropFirst().dropLast()) : key
        while true {
            let deleted = try write { db -> Int in
                try db.execute(
                    sql:
                        "DELETE FROM \(table) WHERE \(key) IN (SELECT \(columns) FROM \(table) WHERE \(column) < ? LIMIT ?)",
                    arguments: [cutoff, Self.pruneBatchSize])
                return db.changesCount
            }
            total += deleted
            if deleted < Self.pruneBatchSize { return total }
        }
    }

    /// Removes every simulated (demo) count.
    @discardableResult
    public func removeDemoData() throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM report_minute WHERE demo = 1")
            var removed = db.changesCount
            try db.execute(sql: "DELETE FROM report_bucket WHERE demo = 1")
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM report_country WHERE demo = 1")
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM outage_episode WHERE demo = 1")
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM official_incident WHERE demo = 1")
            removed += db.changesCount
            try db.execute(sql: "DELETE FROM meta WHERE key = 'demo'")
            try db.execute(sql: "DELETE FROM baseline")
            return removed
        }
    }
}

/// A count of reports in one time slot, for bulk loading.
public struct SlotCount: Sendable, Equatable {
    public var slug: String
    public var problem: String
    public var start: Timestamp
    public var count: Int

    public init(slug: String, problem: String, start: Timestamp, count: Int) {
        self.slug = slug
        self.problem = problem
        self.start = start
        self.count = count
    }
}

extension DowntrackDatabase {
    /// Stores simulated counts, marked as demo data (removable with `removeDemoData`).
    public func recordDemo(buckets: [SlotCount], minutes: [SlotCount], at now: Timestamp) throws {
        try write { db in
            let bucket = try db.makeStatement(
                sql: """
                    INSERT INTO report_bucket (slug, problem, bucket, count, demo) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET count = count + excluded.count
                    """)
            for item in buckets where item.count > 0 {
                try bucket.execute(arguments: [item.slug, item.problem, item.start.seconds, item.count])
            }
            let minute = try db.makeStatement(
                sql: """
                    INSERT INTO report_minute (slug, problem, minute, count, demo) VALUES (?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET count = count + excluded.count
                    """)
            for item in minutes where item.count > 0 {
                try minute.execute(arguments: [item.slug, item.problem, item.start.seconds, item.count])
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', ?)", arguments: [now.iso8601])
            // Baselines learned before the demo data arrived are stale now.
            try db.execute(sql: "DELETE FROM baseline")
        }
    }
}
