import Foundation
import GRDB
import TestSupport
import XCTest

/// `demo` and `evaluate` as a user runs them: the same seed and time give the same database;
/// `evaluate --root` measures the site's own detection settings.
final class DemoAndEvaluateTests: XCTestCase {
    func testTwoDemoRunsIntoFreshSitesGiveTheSameCounts() throws {
        var tables: [[String]] = []
        var summaries: [String] = []
        for _ in 0..<2 {
            let site = TestSite()
            let result = try Binary.run([
                "demo", "--root", site.root.path, "--now", "2026-11-26T22:00:00Z", "--weeks", "2",
            ])
            XCTAssertEqual(result.status, 0, result.stderr)
            summaries.append(result.stdout)
            let database = try DatabaseQueue(path: site.databasePath)
            tables.append(
                try database.read { db in
                    let buckets = try String.fetchAll(
                        db,
                        sql: """
                            SELECT slug || ' ' || problem || ' ' || bucket || ' ' || count || ' ' || demo
                            FROM report_bucket ORDER BY slug, problem, bucket
                            """)
                    let minutes = try String.fetchAll(
                        db,
                        sql: """
                            SELECT slug || ' ' || problem || ' ' || minute || ' ' || count || ' ' || demo
                            FROM report_minute ORDER BY slug, problem, minute
                            """)
                    return buckets + ["--"] + minutes
                })
        }
        XCTAssertGreaterThan(tables[0].count, 1_000, "two weeks of history for three services")
        XCTAssertTrue(tables[0].allSatisfy { $0 == "--" || $0.hasSuffix(" 1") }, "every row is marked as demo data")
        XCTAssertEqual(tables[0], tables[1])
        XCTAssertEqual(summaries[0], summaries[1])
        XCTAssertTrue(summaries[0].contains("outages in progress: "), summaries[0])
    }

    func testEvaluateMeasuresTheSiteDetectionSettingsWithRoot() throws {
        let site = TestSite(configuration: "detection: {minimum_reports: 4, window_minutes: 20}\n")
        let small = ["evaluate", "--services", "2", "--days", "1"]
        let standard = try Binary.run(small)
        XCTAssertEqual(standard.status, 0, standard.stderr)
        XCTAssertTrue(standard.stdout.contains("with at least 5 reports"), standard.stdout)
        XCTAssertTrue(standard.stderr.contains("standard detection settings"), standard.stderr)

        let own = try Binary.run(small + ["--root", site.root.path])
        XCTAssertEqual(own.status, 0, own.stderr)
        XCTAssertTrue(own.stdout.contains("with at least 4 reports"), own.stdout)
        XCTAssertTrue(own.stderr.contains("downtrack.yml"), own.stderr)

        site.directory.write("downtrack.yml", "detection: {minimum_reports: many}\n")
        let broken = try Binary.run(small + ["--root", site.root.path])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.stderr.contains("downtrack.yml"), broken.stderr)
    }
}
