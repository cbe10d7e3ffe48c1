import GRDB
import Model

extension DowntrackDatabase {
    /// The statement that adds reports to `report_country`: slug, country (`""` when unknown),
    /// 15-minute bucket start, count, demo flag.
    static func countryStatement(_ db: GRDB.Database) throws -> Statement {
        try db.makeStatement(
            sql: """
                INSERT INTO report_country (slug, country, bucket, count, demo) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO UPDATE SET count = count + excluded.count
                """)
    }

    /// Reports per service and known country in `[from, to)`, most reported first (ties by
    /// code); reports of unknown origin are left out.
    public func countryCounts(from: Timestamp, to: Timestamp) throws -> [String: [CountryCount]] {
        try read { db in
            var result: [String: [CountryCount]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT slug, country, SUM(count) AS total FROM report_country
                    WHERE bucket >= ? AND bucket < ? AND country != ''
                    GROUP BY slug, country ORDER BY slug, total DESC, country
                    """, arguments: [from.seconds, to.seconds])
            while let row = try rows.next() {
                result[row[0], default: []].append(CountryCount(country: row[1], count: row[2]))
            }
            return result
        }
    }

    /// Stores simulated counts by country, marked as demo data (removed by `removeDemoData`).
    public func recordDemoCountries(_ counts: [CountrySlotCount]) throws {
        try write { db in
            let statement = try Self.countryStatement(db)
            for item in counts where item.count > 0 {
                try statement.execute(arguments: [item.slug, item.country, item.start.seconds, item.count, 1])
            }
        }
    }
}

/// A count of reports of one service from one country in one 15-minute bucket, for bulk loading.
public struct CountrySlotCount: Sendable, Equatable {
    public var slug: String
    /// ISO 3166-1 alpha-2 code.
    public var country: String
    public var start: Timestamp
    public var count: Int

    public init(slug: String, country: String, start: Timestamp, count: Int) {
        self.slug = slug
        self.country = country
        self.start = start
        self.count = count
    }
}
