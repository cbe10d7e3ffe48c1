import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// A build after collection has stopped shows the crowd state as unknown and says when data
/// last came in; a recent collect run leaves the state as decided.
final class CrowdFreshnessTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func build(lastCollect: Timestamp, staleAfter: String? = nil) throws -> (page: String, state: String?) {
        let site = TestSite(
            configuration: TestSite.defaultConfiguration
                + (staleAfter.map { "\ndetection: {stale_after_minutes: \($0)}\n" } ?? ""))
        let db = TestDatabase()
        try db.database.apply(
            [StateUpdate(slug: "chatapp", state: .outage, reason: "312 reports against 11 expected", memory: nil)],
            at: lastCollect)
        try db.database.recordCollect(asOf: lastCollect, startedAt: Date(), summary: "collect: test")
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: now))
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        let json = try XCTUnwrap(site.directory.read("output/api/v1/services/chatapp.json"))
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (page, object?["state"] as? String)
    }

    func testAStateDecidedLongAgoIsShownAsUnknownWithWhenDataLastCameIn() throws {
        let built = try build(lastCollect: now.adding(seconds: -3 * 3600))
        XCTAssertEqual(built.state, "unknown")
        XCTAssertTrue(
            built.page.contains(
                "id=\"state-reason\">No report data since 2026-11-26 19:00 UTC: collection has not run for 3 hours."),
            "the page says when data last came in")
    }

    func testARecentCollectRunKeepsTheDecidedState() throws {
        let built = try build(lastCollect: now.adding(seconds: -10 * 60))
        XCTAssertEqual(built.state, "outage")
        XCTAssertTrue(built.page.contains("id=\"state-reason\">312 reports against 11 expected"))
    }

    func testTheLimitComesFromTheConfiguration() throws {
        XCTAssertEqual(try build(lastCollect: now.adding(seconds: -10 * 60), staleAfter: "5").state, "unknown")
        XCTAssertEqual(try build(lastCollect: now.adding(seconds: -3 * 3600), staleAfter: "600").state, "outage")
    }
}
