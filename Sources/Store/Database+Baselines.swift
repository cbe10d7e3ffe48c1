import Foundation
import GRDB
import Model

/// A stored baseline: expected reports per 15-minute slot of the week, and how it was learned.
public struct StoredBaseline: Sendable, Equatable {
    public var computedAt: Timestamp
    /// 672 values, Monday 00:00 UTC first.
    public var slots: [Double]
    public var source: String
    public var historyDays: Double
    public var overdispersion: Double

    public init(computedAt: Timestamp, slots: [Double], source: String, historyDays: Double, overdispersion: Double) {
        self.computedAt = computedAt
        self.slots = slots
        self.source = source
        self.historyDays = historyDays
        self.overdispersion = overdispersion
    }
}

extension DowntrackDatabase {
    /// The stored baselines of `slugs` (every one when nil), by slug.
    public func baselines(slugs: [String]? = nil) throws -> [String: StoredBaseline] {
        try read { db in
            var result: [String: StoredBaseline] = [:]
            let columns = "SELECT slug, computed_at, slots, source, history_days, overdispersion FROM baseline"
            let rows =
                if let slugs {
                    try Row.fetchCursor(
                        db, sql: columns + " WHERE slug IN (SELECT value FROM json_each(?))",
                        arguments: [String(decoding: try JSONEncoder().encode(slugs), as: UTF8.self)])
                } else {
                    try Row.fetchCursor(db, sql: columns)
                }
            while let row = try rows.next() {
                let data: Data = row[2]
                let slots: [Double] = data.withUnsafeBytes { Array($0.bindMemory(to: Double.self)) }
                result[row[0]] = StoredBaseline(
                    computedAt: Timestamp(seconds: row[1]), slots: slots, source: row[3], historyDays: row[4],
                    overdispersion: row[5])
            }
            return result
        }
    }

    /// Stores baselines, replacing older ones.
    public func saveBaselines(_ baselines: [String: StoredBaseline]) throws {
        guard !baselines.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(
                sql: """
                    INSERT OR REPLACE INTO baseline (slug, computed_at, slots, source, history_days, overdispersion)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """)
            for (slug, baseline) in baselines {
                let data = baseline.slots.withUnsafeBufferPointer { Data(buffer: $0) }
                try statement.execute(arguments: [
                    slug, baseline.computedAt.seconds, data, baseline.source, baseline.historyDays,
                    baseline.overdispersion,
                ])
            }
        }
    }
}
