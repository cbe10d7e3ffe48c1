import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

final class DatabaseTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func testDatabaseIsCreatedInWALModeWithFolders() throws {
        let directory = TemporaryDirectory()
        let path = directory.url.appendingPathComponent("nested/data/x.sqlite").path
        let database = try DowntrackDatabase(path: path)
        let mode = try database.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        XCTAssertEqual(mode, "wal")
        // Opening again applies no migration twice.
        _ = try DowntrackDatabase(path: path)
    }

    func testUnusableDatabaseGivesAClearError() {
        let directory = TemporaryDirectory()
        directory.write("not-a-db.sqlite", String(repeating: "garbage ", count: 1000))
        XCTAssertThrowsError(try DowntrackDatabase(path: directory.url.appendingPathComponent("not-a-db.sqlite").path))
        { error in
            XCTAssertTrue("\(error)".hasPrefix("cannot open the database"), "\(error)")
        }
    }

    func testReportsAreCountedPerMinuteAndPerBucket() throws {
        let holder = TestDatabase()
        let db = holder.database
        try db.record([
            ReportRecord(slug: "a", problem: "login", at: now.adding(seconds: -30), count: 2, source: "cli"),
            ReportRecord(slug: "a", problem: "login", at: now.adding(seconds: -10), count: 1, source: "cli"),
            ReportRecord(slug: "a", problem: "other", at: now.adding(seconds: -700), count: 4, source: "cli"),
        ])
        let minutes = try db.minuteCounts(from: now.adding(seconds: -3600), to: now.adding(seconds: 60))
        XCTAssertEqual(minutes["a"]?[now.adding(seconds: -60).seconds], 3)
        let buckets = try db.bucketCounts(from: now.adding(seconds: -3600), to: now.adding(seconds: 900))
        XCTAssertEqual(buckets["a"]?[now.adding(seconds: -900).seconds], 7)
        let problems = try db.problemCounts(from: now.adding(seconds: -3600), to: now.adding(seconds: 900))
        XCTAssertEqual(
            problems["a"], [ProblemCount(problemID: "other", count: 4), ProblemCount(problemID: "login", count: 3)])
    }

    func testStateChangesAreRecordedOnlyWhenTheStateChanges() throws {
        let holder = TestDatabase()
        let db = holder.database
        try db.apply([StateUpdate(slug: "a", state: .ok, reason: "quiet", memory: nil)], at: now)
        try db.apply(
            [StateUpdate(slug: "a", state: .ok, reason: "still quiet", memory: "{}")], at: now.adding(seconds: 60))
        let changes = try db.apply(
            [StateUpdate(slug: "a", state: .outage, reason: "312 reports", memory: nil)], at: now.adding(seconds: 120))
        XCTAssertEqual(changes.map(\.to), [.outage])
        XCTAssertEqual(try db.stateChanges(slug: "a").map(\.to), [.outage, .ok])
        let current = try db.currentStates()["a"]
        XCTAssertEqual(current?.since, now.adding(seconds: 120))
        XCTAssertEqual(current?.reason, "312 reports")
    }

    func testImportingTheSameLinesTwiceCountsOnce() throws {
        let holder = TestDatabase()
        let db = holder.database
        let items = [("h1", ReportRecord(slug: "a", problem: "x", at: now, count: 5, source: "import"))]
        XCTAssertEqual(try db.importReports(items, at: now), 1)
        XCTAssertEqual(try db.importReports(items, at: now), 0)
        XCTAssertEqual(
            try db.bucketCounts(from: now.adding(seconds: -900), to: now.adding(seconds: 900))["a"]?.values.reduce(
                0, +), 5)
    }

    func testPruneKeepsHistoryLongerThanMinutes() throws {
        let holder = TestDatabase()
        let db = holder.database
        let old = now.adding(seconds: -10 * 86_400)
        try db.record([ReportRecord(slug: "a", problem: "x", at: old, count: 1, source: "cli")])
        let removed = try db.prune(now: now, minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(removed["report"], 1)
        XCTAssertEqual(removed["report_minute"], 1)
        XCTAssertEqual(removed["report_bucket"], 0)
        try db.prune(now: now.adding(seconds: 200 * 86_400), minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(try db.bucketCounts(from: Timestamp(seconds: 0), to: now.adding(seconds: 86_400)).count, 0)
    }

    func testOfficialChecksKeepTheLastGoodStatus() throws {
        let holder = TestDatabase()
        let db = holder.database
        let status = OfficialStatus(indicator: .major, rawIndicator: "major", description: "Partial outage")
        try db.record([
            OfficialCheckRecord(
                slug: "a", sourceURL: "https://s.example", checkedAt: now, outcome: .parsed, status: status,
                etag: "\"v1\"")
        ])
        try db.record([
            OfficialCheckRecord(
                slug: "a", sourceURL: "https://s.example", checkedAt: now.adding(seconds: 60), outcome: .failed,
                error: "timed out", nextAttemptAt: now.adding(seconds: 180))
        ])
        let snapshot = try XCTUnwrap(db.officialSnapshots()["a"]?.first)
        XCTAssertEqual(snapshot.status, status)
        XCTAssertEqual(snapshot.lastGoodAt, now)
        XCTAssertEqual(snapshot.lastError, "timed out")
        let state = try XCTUnwrap(db.officialSourceStates()["a https://s.example"])
        XCTAssertEqual(state.failures, 1)
        XCTAssertEqual(state.etag, "\"v1\"")
        XCTAssertEqual(state.nextAttemptAt, now.adding(seconds: 180))
        // Fresh enough: the stored status; too old: unknown, never a stale green.
        XCTAssertEqual(snapshot.effectiveStatus(at: now.adding(seconds: 600), staleAfter: 1800).indicator, .major)
        XCTAssertEqual(snapshot.effectiveStatus(at: now.adding(seconds: 3600), staleAfter: 1800).indicator, .unknown)
    }
}

final class OfficialHistoryTests: XCTestCase {
    func testOnlyChangesAndFailuresGrowTheCheckHistory() throws {
        let holder = TestDatabase()
        let db = holder.database
        let start = Timestamp(iso8601: "2026-11-26T22:00:00Z")!
        let status = OfficialStatus(indicator: .none, description: "All Systems Operational")
        func check(_ minute: Int64, _ outcome: OfficialCheckRecord.Outcome, hash: String? = "h1") -> OfficialCheckRecord
        {
            OfficialCheckRecord(
                slug: "a", sourceURL: "https://s.example", checkedAt: start.adding(seconds: minute * 60),
                outcome: outcome,
                status: outcome == .parsed ? status : nil, error: outcome == .failed ? "HTTP 503" : nil,
                httpStatus: outcome == .failed ? 503 : 200, bodyHash: outcome == .parsed ? hash : nil)
        }
        try db.record([check(0, .parsed)])
        try db.record([check(1, .parsed)])
        try db.record([check(2, .notModified)])
        try db.record([check(3, .failed)])
        try db.record([check(4, .parsed)])
        try db.record([check(5, .parsed, hash: "h2")])
        let rows = try db.pool.read {
            try Row.fetchAll($0, sql: "SELECT outcome FROM official_check ORDER BY checked_at")
        }
        XCTAssertEqual(rows.map { $0[0] as String }, ["parsed", "failed", "parsed", "parsed"])
        let snapshot = try XCTUnwrap(db.officialSnapshots()["a"]?.first)
        XCTAssertEqual(snapshot.lastCheckedAt, start.adding(seconds: 300))
        XCTAssertNil(snapshot.lastError)
    }
}
