import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

/// The decision reads official indicators from plain columns, never from the stored JSON.
final class OfficialIndicatorColumnTests: XCTestCase {
    let url = "https://status.example.com/api/v2/summary.json"
    let start = Timestamp(seconds: 1_795_723_200)

    func at(_ minute: Int) -> Timestamp { start.adding(seconds: Int64(minute) * 60) }

    func check(
        _ minute: Int, _ outcome: OfficialCheckRecord.Outcome, _ indicator: OfficialIndicator? = nil,
        hash: String? = nil
    ) -> OfficialCheckRecord {
        OfficialCheckRecord(
            slug: "a", sourceURL: url, checkedAt: at(minute), outcome: outcome,
            status: indicator.map { OfficialStatus(indicator: $0, description: "\($0)") },
            error: outcome == .failed ? "HTTP 503" : nil, bodyHash: hash)
    }

    func testTheLatestIndicatorSurvivesNotModifiedAndFailedChecks() throws {
        let store = TestDatabase()
        try store.database.record([check(0, .parsed, .minor, hash: "x")])
        try store.database.record([check(5, .notModified)])
        XCTAssertEqual(
            try store.database.officialIndicators()["a"],
            [OfficialSourceIndicator(sourceURL: url, indicator: .minor, lastGoodAt: at(5))])
        try store.database.record([check(10, .failed)])
        XCTAssertEqual(
            try store.database.officialIndicators()["a"],
            [OfficialSourceIndicator(sourceURL: url, indicator: .minor, lastGoodAt: at(5))],
            "a failure keeps the last good answer and its time")
        let columns = try store.database.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT checked_at, indicator FROM official_check ORDER BY checked_at")
                .map { ($0[0] as Int64, $0[1] as String?) }
        }
        XCTAssertEqual(columns.map(\.0), [at(0).seconds, at(10).seconds], "the unchanged check adds no row")
        XCTAssertEqual(columns.map(\.1), ["minor", nil])
    }

    func testHistoryHoldsTheRowsSinceAndWhatHeldBefore() throws {
        let store = TestDatabase()
        try store.database.record([check(0, .parsed, .major, hash: "a")])
        try store.database.record([check(10, .parsed, OfficialIndicator.none, hash: "b")])
        try store.database.record([check(20, .failed)])
        try store.database.record([check(30, .parsed, .minor, hash: "c")])
        let history = try XCTUnwrap(store.database.officialCheckHistory(since: at(25))["a"])
        XCTAssertEqual(
            history,
            [
                OfficialCheckEntry(sourceURL: url, checkedAt: at(10), failed: false, indicator: OfficialIndicator.none),
                OfficialCheckEntry(sourceURL: url, checkedAt: at(20), failed: true, indicator: nil),
                OfficialCheckEntry(sourceURL: url, checkedAt: at(30), failed: false, indicator: .minor),
            ], "the last row before, the last answer before, then every row since")
        let all = try XCTUnwrap(store.database.officialCheckHistory(since: at(0))["a"])
        XCTAssertEqual(all.map(\.checkedAt), [at(0), at(10), at(20), at(30)])
    }

    /// A database from before the columns: the migration fills them from the stored JSON.
    func testTheMigrationFillsTheColumnsFromTheStoredJSON() throws {
        let folder = TemporaryDirectory(prefix: "downtrack-indicator")
        let path = folder.url.appendingPathComponent("old.sqlite").path
        do {
            let database = try DowntrackDatabase(path: path)
            try database.record([check(0, .parsed, .critical, hash: "a")])
            try database.record([check(3, .failed)])
        }
        // Back to the schema before the migration, keeping the JSON.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    ALTER TABLE official_check DROP COLUMN indicator;
                    ALTER TABLE official_source DROP COLUMN indicator;
                    DELETE FROM grdb_migrations WHERE identifier = '2026-11-v7-official-indicator';
                    """)
        }
        try queue.close()
        let database = try DowntrackDatabase(path: path)
        XCTAssertEqual(
            try database.officialIndicators()["a"],
            [OfficialSourceIndicator(sourceURL: url, indicator: .critical, lastGoodAt: at(0))])
        XCTAssertEqual(
            try database.officialCheckHistory(since: at(0))["a"]?.map(\.indicator), [.critical, nil])
    }
}
