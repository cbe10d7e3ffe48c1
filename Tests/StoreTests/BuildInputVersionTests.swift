import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

/// The build input version moves with every change to what the build reads, and only then.
final class BuildInputVersionTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    /// Tables the build never reads: changes there cannot alter the site.
    static let notReadByTheBuild: Set<String> = [
        "report", "report_import", "official_check", "subscription", "outbox", "meta", "build_manifest",
        "content_cache", "build_fingerprint", "build_input_version", "grdb_migrations", "sqlite_sequence",
    ]

    func testEveryTableTheBuildMayReadMovesTheVersionOnEveryChange() throws {
        let db = TestDatabase()
        let (tables, triggers) = try db.database.pool.read { db in
            (
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"),
                try Row.fetchAll(db, sql: "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger'")
            )
        }
        for table in tables where !Self.notReadByTheBuild.contains(table) {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                let found = triggers.contains { row in
                    let sql: String = row[1]
                    return (row[0] as String) == table && sql.contains("AFTER \(event) ON \(table)")
                        && sql.contains("UPDATE build_input_version SET version = version + 1")
                }
                XCTAssertTrue(
                    found,
                    "\(table) has no \(event) trigger moving build_input_version: add one in a migration, "
                        + "or list the table here if the build never reads it")
            }
        }
    }

    func testWritesMoveTheVersionAndTheBuildsOwnBookkeepingDoesNot() throws {
        let db = TestDatabase()
        func version() throws -> Int64 { try db.database.buildInputs(output: "/out").version }
        let start = try version()
        try db.database.record([ReportRecord(slug: "chatapp", problem: "login", at: now, count: 2, source: "cli")])
        let afterReport = try version()
        XCTAssertGreaterThan(afterReport, start)
        try db.database.recordCollect(asOf: now, startedAt: Date(), summary: "collect: test")
        let afterCollect = try version()
        XCTAssertGreaterThan(afterCollect, afterReport)
        _ = try db.database.prune(
            now: now.adding(seconds: 400 * 86_400), minuteRetentionDays: 7, historyRetentionDays: 120)
        let afterPrune = try version()
        XCTAssertGreaterThan(afterPrune, afterCollect)
        try db.database.updateBuildManifest(
            output: "/out", changed: ["chatapp": ManifestEntry(inputHash: "h", files: ["a.html"])], removed: [])
        let record = BuildFingerprintRecord(inputs: "i", outputs: "o", files: 1, services: 1)
        try db.database.setBuildFingerprint(output: "/out", record)
        let (unmoved, stored) = try db.database.buildInputs(output: "/out")
        XCTAssertEqual(unmoved, afterPrune)
        XCTAssertEqual(stored, record)
        try db.database.setBuildFingerprint(output: "/out", nil)
        XCTAssertNil(try db.database.buildInputs(output: "/out").last)
    }
}
