import Foundation
import GRDB
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Intake

/// The report writer refuses work (503, Retry-After) before its queue passes a bound, and still
/// answers 202 only once a report's transaction committed.
final class WriterLoadSheddingTests: XCTestCase {
    func testTheWriterRefusesReportsPastItsQueueBound() async throws {
        let holder = TestDatabase()
        let writer = ReportWriter(database: holder.database, maximumWaiting: 2)
        let at = Timestamp(iso8601: "2026-11-26T14:00:00Z")!
        let done = Counter()
        let queued = (0..<2).map { index in
            Task {
                try await writer.submit(
                    ReportRecord(slug: "chatapp", problem: "login", at: at, clientKey: "k\(index)", source: "web"))
                done.increment()
            }
        }
        while await writer.waitingCount < 2 { try await Task.sleep(nanoseconds: 1_000_000) }
        do {
            try await writer.submit(
                ReportRecord(slug: "chatapp", problem: "login", at: at, clientKey: "k9", source: "web"))
            XCTFail("a full queue must refuse")
        } catch let error as ReportWriter.WriteError {
            XCTAssertEqual(error, .overloaded)
        }
        XCTAssertEqual(done.value, 0, "nothing is acknowledged before its commit")
        await writer.start()
        for task in queued { try await task.value }
        await writer.close()
        let written = await writer.written
        XCTAssertEqual(written, 2)
    }

    /// Over HTTP: the database is held busy, reports pile up, the ones past the bound get 503
    /// at once, and every 202 arrives after the commit and is stored.
    func testABusyDatabaseShedsLoadWith503AndEvery202IsStored() async throws {
        let harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.maximumQueuedReports = 2
        }
        // Another process holds the write lock for 1.5 s (Tests/IntakeTests/Fixtures/hold_write_lock.py).
        let blocker = try ChildProcess.fixture(
            "IntakeTests/Fixtures/hold_write_lock.py", [harness.database.path, "1.5"])
        defer { blocker.stop(signal: SIGKILL) }
        try blocker.waitForLine("locked")
        let replies = try await withThrowingTaskGroup(of: (Int, Date).self) { group in
            for index in 1...8 {
                group.addTask {
                    let reply = try await harness.post(
                        "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#,
                        headers: [("X-Forwarded-For", "198.51.100.\(index)")])
                    if reply.status == 503 { XCTAssertNotNil(reply.headers["retry-after"]) }
                    return (reply.status, Date())
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await harness.stop()
        XCTAssertEqual(blocker.waitForExit(), 0, blocker.stderr)
        let accepted = replies.filter { $0.0 == 202 }
        XCTAssertEqual(replies.filter { $0.0 == 503 }.count + accepted.count, 8, "\(replies.map(\.0))")
        XCTAssertGreaterThanOrEqual(replies.filter { $0.0 == 503 }.count, 4, "\(replies.map(\.0))")
        let line = try XCTUnwrap(
            blocker.stdout.split(separator: "\n").first { $0.hasPrefix("committing ") }, blocker.stdout)
        let release = Date(timeIntervalSince1970: try XCTUnwrap(Double(line.dropFirst("committing ".count))))
        XCTAssertTrue(accepted.allSatisfy { $0.1 >= release }, "a 202 only after the commit")
        XCTAssertEqual(try harness.storedReports().count, accepted.count)
    }
}
