import Foundation
import GRDB
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Intake

final class GracefulShutdownTests: XCTestCase {
    /// The real binary under load gets SIGTERM: it exits 0, and every report it answered 202
    /// is in the database.
    func testSIGTERMLosesNoAcknowledgedReport() async throws {
        let site = TestSite(
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                intake: {trusted_proxies: ["127.0.0.1"]}
                """)
        let intake = try ChildProcess.downtrack(["intake", "--root", site.root.path, "--port", "0"])
        defer { intake.stop(signal: SIGKILL) }
        let port = try intake.waitForNumber(after: "listening on http://127.0.0.1:")

        // 12 senders, 60 reports each, every report from its own client; SIGTERM once 150 were answered.
        let answered = Counter()
        let outcomes = try await withThrowingTaskGroup(of: [(String, Int?)].self) { group in
            for sender in 0..<12 {
                group.addTask {
                    var results: [(String, Int?)] = []
                    for index in 0..<60 {
                        let address = "198.51.\(sender).\(index + 1)"
                        let reply = try? await RawHTTP.sendAsync(
                            port: port, method: "POST", path: "/api/v1/reports",
                            headers: [("Content-Type", "application/json"), ("X-Forwarded-For", address)],
                            body: #"{"service":"chatapp","problem":"login"}"#)
                        results.append((address, reply?.status))
                        answered.increment()
                    }
                    return results
                }
            }
            group.addTask {
                while answered.value < 150 { try await Task.sleep(nanoseconds: 2_000_000) }
                kill(intake.process.processIdentifier, SIGTERM)
                return []
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        XCTAssertEqual(intake.waitForExit(), 0, intake.stderr)
        XCTAssertTrue(intake.stdout.contains("intake: stopped;"), intake.stdout)

        let accepted = outcomes.filter { $0.1 == 202 }.map(\.0)
        XCTAssertGreaterThanOrEqual(accepted.count, 150)
        XCTAssertLessThan(accepted.count, 720, "the server should have stopped before all reports were sent")
        XCTAssertTrue(outcomes.allSatisfy { $0.1 == nil || $0.1 == 202 || $0.1 == 503 }, "\(Set(outcomes.map(\.1)))")
        let database = try DowntrackDatabase(path: site.databasePath)
        let secret = try XCTUnwrap(database.meta("client_secret"))
        let stored = try await database.pool.read { db in
            try Set(String.fetchAll(db, sql: "SELECT client_key FROM report"))
        }
        let today = Timestamp(seconds: Int64(Date().timeIntervalSince1970))
        let keys = ClientKeyMaker(secret: secret)
        let missing = accepted.filter { address in
            !stored.contains(keys.key(for: address, at: today))
                && !stored.contains(keys.key(for: address, at: today.adding(seconds: -600)))
        }
        XCTAssertEqual(missing, [], "acknowledged but not stored")
    }

    /// The writer batches concurrent reports into few transactions and stores all of them on close.
    func testTheWriterBatchesAndDrainsOnClose() async throws {
        let holder = TestDatabase()
        let writer = ReportWriter(database: holder.database)
        await writer.start()
        let at = Timestamp(iso8601: "2026-11-26T14:00:00Z")!
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<2000 {
                group.addTask {
                    try await writer.submit(
                        ReportRecord(slug: "chatapp", problem: "login", at: at, clientKey: "k\(index)", source: "web"))
                }
            }
            try await group.waitForAll()
        }
        await writer.close()
        let written = await writer.written
        let batches = await writer.batches
        XCTAssertEqual(written, 2000)
        XCTAssertLessThan(batches, 2000 / 2, "reports should share transactions")
        XCTAssertEqual(
            try holder.database.minuteCounts(from: at, to: at.adding(seconds: 60))["chatapp"]?[at.seconds], 2000)
        do {
            try await writer.submit(ReportRecord(slug: "chatapp", problem: "login", at: at, source: "web"))
            XCTFail("a closed writer must refuse reports")
        } catch let error as ReportWriter.WriteError {
            XCTAssertEqual(error, .closed)
        }
    }
}

/// A thread-safe counter.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func increment() { lock.withLock { count += 1 } }
}
