import Foundation
import GRDB
import Model

extension DowntrackDatabase {
    /// Records that a collect run for `asOf` finished, with its one-line summary.
    public func recordCollect(asOf: Timestamp, startedAt: Date, summary: String) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO collect_run (as_of, started_at, finished_at, summary) VALUES (?, ?, ?, ?)
                    """,
                arguments: [asOf.seconds, startedAt.timeIntervalSince1970, Date().timeIntervalSince1970, summary])
        }
    }

    /// The as-of time of the newest finished collect run, if any.
    public func lastCollectTime() throws -> Timestamp? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(as_of) FROM collect_run WHERE finished_at IS NOT NULL")
                .map(Timestamp.init(seconds:))
        }
    }

    /// A value from the small key-value table.
    public func meta(_ key: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key]) }
    }

    /// Sets a value in the small key-value table.
    public func setMeta(_ key: String, _ value: String) throws {
        try write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key, value])
        }
    }
}
