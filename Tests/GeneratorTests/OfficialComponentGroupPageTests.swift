import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// A grouped official component is published with its group: "Networking › Global" on the
/// page and `"group"` in the service JSON; an ungrouped one exactly as before.
final class OfficialComponentGroupPageTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!
    let source = "https://status.chat.example.com"

    func testGroupedComponentsShowTheirGroup() throws {
        let site = TestSite()
        let db = TestDatabase()
        let status = OfficialStatus(
            indicator: .major, rawIndicator: "major",
            components: [
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "major_outage", group: "Networking"),
                OfficialComponent(name: "Global", status: .partialOutage, rawStatus: "partial_outage", group: "Spaces"),
                OfficialComponent(name: "Global", status: .operational, rawStatus: "operational", group: "Droplets"),
                OfficialComponent(name: "API", status: .degradedPerformance, rawStatus: "degraded_performance"),
            ])
        try build(site, db, status)

        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("<li>Networking › Global: Major outage</li>"), "grouped name on the page")
        XCTAssertTrue(page.contains("<li>Spaces › Global: Partial outage</li>"), "the other Global stays apart")
        XCTAssertTrue(page.contains("<li>API: Degraded performance</li>"), "ungrouped name unchanged")

        let json = try XCTUnwrap(site.directory.read("output/api/v1/services/chatapp.json"))
        let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        let official = try XCTUnwrap(document?["official"] as? [String: Any])
        let components = try XCTUnwrap(official["components"] as? [[String: Any]])
        XCTAssertEqual(components.map { $0["name"] as? String }, ["Global", "Global", "API"])
        XCTAssertEqual(components.map { $0["group"] as? String }, ["Networking", "Spaces", nil])
        XCTAssertEqual(components.map { $0.keys.sorted() }.last, ["name", "raw_status", "status"], "no group key")
        let groups = try XCTUnwrap(official["groups"] as? [[String: String]])
        XCTAssertEqual(
            groups,
            [
                ["name": "Networking", "status": "major_outage"], ["name": "Spaces", "status": "partial_outage"],
                ["name": "Droplets", "status": "operational"],
            ], "every group as a whole, with its worst child's status")
    }

    func testUngroupedComponentsPublishNoGroupKeys() throws {
        let site = TestSite()
        let db = TestDatabase()
        let status = OfficialStatus(
            indicator: .minor,
            components: [OfficialComponent(name: "API", status: .partialOutage, rawStatus: "partial_outage")])
        try build(site, db, status)
        let json = try XCTUnwrap(site.directory.read("output/api/v1/services/chatapp.json"))
        XCTAssertFalse(json.contains("\"group"), "neither group nor groups without groups")
        XCTAssertTrue(
            json.contains(#""components":[{"name":"API","raw_status":"partial_outage","status":"partial_outage"}]"#))
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("<li>API: Partial outage</li>"))
    }

    /// Records `status` as chatapp's last official check, then builds the site.
    private func build(_ site: TestSite, _ db: TestDatabase, _ status: OfficialStatus) throws {
        try db.database.record([
            OfficialCheckRecord(
                slug: "chatapp", sourceURL: source, checkedAt: now.adding(seconds: -60), outcome: .parsed,
                status: status)
        ])
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: now, full: false))
    }
}
