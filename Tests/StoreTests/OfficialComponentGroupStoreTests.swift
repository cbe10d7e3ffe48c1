import Foundation
import GRDB
import Model
import Store
import TestSupport
import XCTest

/// Stored official statuses carry each component's group, and rows stored before components
/// had groups still read back.
final class OfficialComponentGroupStoreTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func testGroupsRoundTripAndUngroupedRowsStayAsBefore() throws {
        let holder = TestDatabase()
        let db = holder.database
        let grouped = OfficialStatus(
            indicator: .major,
            components: [
                OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "major_outage", group: "Networking"),
                OfficialComponent(name: "Global", status: .operational, rawStatus: "operational", group: "Droplets"),
            ])
        let plain = OfficialStatus(
            indicator: .minor, components: [OfficialComponent(name: "API", status: .partialOutage, rawStatus: "p")])
        try db.record([
            OfficialCheckRecord(
                slug: "a", sourceURL: "https://a.example", checkedAt: now, outcome: .parsed, status: grouped),
            OfficialCheckRecord(
                slug: "b", sourceURL: "https://b.example", checkedAt: now, outcome: .parsed, status: plain),
        ])
        let snapshots = try db.officialSnapshots()
        XCTAssertEqual(snapshots["a"]?.first?.status, grouped)
        XCTAssertEqual(snapshots["b"]?.first?.status, plain)
        let stored: String? = try db.pool.read {
            try String.fetchOne($0, sql: "SELECT status_json FROM official_source WHERE slug = 'b'")
        }
        XCTAssertEqual(
            stored,
            #"{"components":[{"name":"API","rawStatus":"p","status":"partial_outage"}],"incidents":[],"indicator":"minor"}"#,
            "a status without groups is stored exactly as before")
    }

    func testRowStoredBeforeGroupsStillDecodes() throws {
        let holder = TestDatabase()
        let db = holder.database
        try db.record([
            OfficialCheckRecord(
                slug: "a", sourceURL: "https://a.example", checkedAt: now, outcome: .parsed,
                status: OfficialStatus(indicator: .none))
        ])
        // The JSON a release without component groups wrote.
        let old = """
            {"components":[{"name":"Global","rawStatus":"major_outage","status":"major_outage"}],\
            "description":"Partial outage","incidents":[],"indicator":"major","rawIndicator":"major"}
            """
        try db.pool.write {
            try $0.execute(sql: "UPDATE official_source SET status_json = ? WHERE slug = 'a'", arguments: [old])
        }
        let status = try XCTUnwrap(db.officialSnapshots()["a"]?.first?.status)
        XCTAssertEqual(
            status.components, [OfficialComponent(name: "Global", status: .majorOutage, rawStatus: "major_outage")])
        XCTAssertNil(status.components.first?.group)
        XCTAssertEqual(status.indicator, .major)
    }
}
