import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

/// The database keeps what it acknowledged, keeps its secrets to its owner, and never hands
/// out an id twice.
final class DurabilityTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func testNewDatabaseIsReadableByItsOwnerOnly() throws {
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent("data/site.sqlite").path
        let database = try DowntrackDatabase(path: path)
        try database.record([ReportRecord(slug: "a", problem: "login", at: now, count: 1, source: "cli")])
        for file in [path, path + "-wal"] where FileManager.default.fileExists(atPath: file) {
            let mode = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            XCTAssertEqual(mode & 0o077, 0, "\(file) is readable by others (mode \(String(mode, radix: 8)))")
        }
        let folder = try XCTUnwrap(
            FileManager.default.attributesOfItem(atPath: directory.url.appendingPathComponent("data").path)[
                .posixPermissions] as? Int)
        XCTAssertEqual(folder & 0o077, 0, "the data folder it creates is private too")
    }

    func testCommitsAreFullySynchronous() throws {
        let holder = TestDatabase()
        let level = try holder.database.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") }
        XCTAssertEqual(level, 2, "synchronous = FULL: an acknowledged report survives a power cut")
    }

    func testStateChangeIdsAreNeverReusedAfterPrune() throws {
        let holder = TestDatabase()
        let db = holder.database
        let old = now.adding(seconds: -200 * 86_400)
        try db.apply([StateUpdate(slug: "a", state: .ok, reason: "quiet", memory: nil)], at: old)
        try db.apply(
            [StateUpdate(slug: "a", state: .outage, reason: "spike", memory: nil)], at: old.adding(seconds: 60))
        let before = try db.latestStateChangeID()
        XCTAssertEqual(before, 2)
        try db.prune(now: now, minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(try db.stateChanges().count, 0, "old changes pruned")
        try db.apply([StateUpdate(slug: "a", state: .ok, reason: "calm", memory: nil)], at: now)
        XCTAssertGreaterThan(try db.latestStateChangeID(), before, "a pruned id must never come back")
    }

    func testPruneRemovesMoreRowsThanOneBatch() throws {
        let holder = TestDatabase()
        let db = holder.database
        let old = now.adding(seconds: -30 * 86_400)
        let rows = DowntrackDatabase.pruneBatchSize * 2 + 17
        try db.record(
            (0..<rows).map {
                ReportRecord(
                    slug: "a", problem: "login", at: old.adding(seconds: Int64($0 % 3600)), count: 1, source: "cli")
            })
        try db.record([ReportRecord(slug: "a", problem: "login", at: now, count: 1, source: "cli")])
        let removed = try db.prune(now: now, minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(removed["report"], rows)
        let left = try db.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM report") }
        XCTAssertEqual(left, 1, "recent reports stay")
    }
}
