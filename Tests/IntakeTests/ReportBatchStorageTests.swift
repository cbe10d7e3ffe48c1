import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

@testable import Intake

/// The intake's batch writes: the same rows as `record(_:)`, durable before the writer answers,
/// and a WAL that stays bounded while the writer leaves checkpoints to a connection of its own.
final class ReportBatchStorageTests: XCTestCase {
    static let start = Timestamp(iso8601: "2026-11-26T14:00:00Z")!

    /// Reports over two minutes and two 15-minute buckets, with repeated services, countries,
    /// a demo report and one with no count.
    static func reports() -> [ReportRecord] {
        var reports: [ReportRecord] = []
        for index in 0..<120 {
            reports.append(
                ReportRecord(
                    slug: ["chatapp", "mailbox", "maps"][index % 3], problem: ["login", "outage"][index % 2],
                    at: start.adding(seconds: Int64(index * 8)), count: 1,
                    clientKey: index % 5 == 0 ? nil : "key\(index)",
                    source: index == 7 ? "demo" : "web", country: [nil, "DE", "FR"][index % 3]))
        }
        reports.append(ReportRecord(slug: "chatapp", problem: "login", at: start, count: 0, source: "web"))
        reports.append(ReportRecord(slug: "chatapp", problem: "login", at: start, count: 3, source: "cli"))
        return reports
    }

    static func contents(_ database: DowntrackDatabase) throws -> [String: [String]] {
        let queries = [
            "report": "SELECT id, slug, problem, at, count, client_key, source FROM report ORDER BY id",
            "report_minute": "SELECT * FROM report_minute ORDER BY slug, problem, minute, demo",
            "report_bucket": "SELECT * FROM report_bucket ORDER BY slug, problem, bucket, demo",
            "report_country": "SELECT * FROM report_country ORDER BY slug, country, bucket, demo",
        ]
        return try database.pool.read { db in
            try queries.mapValues { sql in try Row.fetchAll(db, sql: sql).map { $0.description } }
        }
    }

    func testABatchStoresTheSameRowsAsRecord() async throws {
        let recorded = TestDatabase()
        let batched = TestDatabase()
        let reports = Self.reports()
        try recorded.database.record(Array(reports.prefix(50)))
        try recorded.database.record(Array(reports.dropFirst(50)))
        try await batched.database.recordUnsynced(Array(reports.prefix(50)))
        try await batched.database.recordUnsynced(Array(reports.dropFirst(50)))
        let expected = try Self.contents(recorded.database)
        XCTAssertEqual(expected["report_minute"]?.isEmpty, false)
        XCTAssertEqual(try Self.contents(batched.database), expected)
    }

    func testEveryAcknowledgedReportIsStoredAndOtherWritesStillCommitWithFull() async throws {
        let holder = TestDatabase()
        let writer = ReportWriter(database: holder.database)
        await writer.start()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<300 {
                group.addTask {
                    try await writer.submit(
                        ReportRecord(
                            slug: "chatapp", problem: "login", at: Self.start, clientKey: "k\(index)", source: "web"))
                }
            }
            try await group.waitForAll()
        }
        let count = try await holder.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report")
        }
        XCTAssertEqual(count, 300)
        await writer.close()
        let synchronous = try await holder.database.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA synchronous")
        }
        XCTAssertEqual(synchronous, 2, "after a batch the writer connection commits with FULL again")
    }

    func testTheWALStaysBoundedUnderSteadyWrites() async throws {
        let holder = TestDatabase()
        let checkpointer = WALCheckpointer(database: holder.database, interval: .milliseconds(20), restartFrames: 200)
        await checkpointer.start()
        let automatic = try await holder.database.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
        }
        XCTAssertEqual(automatic, 0, "the writer leaves checkpoints to the checkpointer")
        let wal = holder.path + "-wal"
        var largest = 0
        for round in 0..<150 {
            let reports = (0..<40).map { index in
                ReportRecord(
                    slug: "svc-\(index)", problem: "login", at: Self.start.adding(seconds: Int64(round * 60)),
                    clientKey: String(repeating: "\(round)-\(index)-", count: 6), source: "web")
            }
            try await holder.database.recordUnsynced(reports)
            try await holder.database.walFile().sync()
            let size = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int) ?? 0
            largest = max(largest, size)
            try await Task.sleep(for: .milliseconds(2))
        }
        await checkpointer.stop()
        // 200 frames is under 1 MB; the WAL may pass it by what is written between two checks.
        XCTAssertLessThan(largest, 4_000_000, "the WAL grew to \(largest) bytes")
        let stored = try await holder.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM report")
        }
        XCTAssertEqual(stored, 150 * 40)
        let automaticAfter = try await holder.database.pool.writeWithoutTransaction { db in
            try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint")
        }
        XCTAssertEqual(automaticAfter, 1000)
    }
}
