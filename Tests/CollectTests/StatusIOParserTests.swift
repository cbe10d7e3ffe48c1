import Foundation
import Model
import XCTest

@testable import Collect

/// status.io's public status API: GitLab's answer kept in a translation site's test suite, and
/// synthetic cases (see Tests/Fixtures/status-pages/SOURCES.md).
final class StatusIOParserTests: XCTestCase {
    func testGitLabOperationalWithUpcomingMaintenance() throws {
        let status = try StatusIOParser.parse(
            Fixture.bytes("status-io/gitlab-status-2023-06-29.json"),
            url: "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7")
        XCTAssertEqual(status.rawIndicator, "Operational")
        XCTAssertEqual(status.components.count, 17)
        XCTAssertEqual(status.components.first?.name, "Website")
        XCTAssertEqual(status.components.last?.name, "Canary")
        XCTAssertTrue(status.components.allSatisfy { $0.status == .operational && $0.rawStatus == "Operational" })
        XCTAssertEqual(status.incidents.map(\.title), ["CI Cluster PostgreSQL 14 Upgrade"])
        let upcoming = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(upcoming.status, .scheduled)
        XCTAssertEqual(upcoming.impact, .maintenance)
        XCTAssertEqual(upcoming.startedAt, Timestamp(iso8601: "2023-07-08T14:00:00Z"))
        XCTAssertEqual(upcoming.updatedAt, Timestamp(iso8601: "2023-06-29T13:56:10Z"))
        // Maintenance not yet begun does not change the overall state.
        XCTAssertEqual(status.indicator, .none)
    }

    func testIncidentAndMaintenanceInProgress() throws {
        let status = try StatusIOParser.parse(Fixture.bytes("status-io/synthetic-incident-and-maintenance.json"))
        XCTAssertEqual(status.rawIndicator, "Partial Service Disruption")
        XCTAssertEqual(status.components.map(\.name), ["Website", "API", "Backups"])
        XCTAssertEqual(status.components.map(\.status), [.operational, .partialOutage, .underMaintenance])
        XCTAssertEqual(status.incidents.map(\.title), ["API errors in Europe", "Backup storage migration"])
        // The newest message (state 200, status 400) decides the stage and the impact.
        XCTAssertEqual(status.incidents.map(\.status), [.identified, .inProgress])
        XCTAssertEqual(status.incidents.map(\.impact), [.major, .maintenance])
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(iso8601: "2026-07-14T09:12:44Z"))
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-07-14T09:31:02Z"))
        XCTAssertEqual(status.indicator, .major)
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try StatusIOParser.parse(Fixture.bytes("status-io/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try StatusIOParser.parse(Array(#"{"result":{}}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try StatusIOParser.parse(Array(#"{"result":{"status_overall":[]}}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        for path in ["status-io/gitlab-status-2023-06-29.json", "status-io/synthetic-incident-and-maintenance.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(StatusIOParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "cachet/yoti-docs-components.json", "cstate/torproject-index.json",
            "slack/synthetic-all-ok.json", "instatus/synthetic-all-up.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(StatusIOParser.matches(json), other)
        }
        XCTAssertTrue(StatusIOParser.matches(url: "https://api.status.io/1.0/status/5b36dc6502d06804c08349f7"))
        XCTAssertTrue(
            StatusIOParser.matches(url: "https://status-api.hostedstatus.com/1.0/status/5b36dc6502d06804c08349f7"))
        XCTAssertFalse(StatusIOParser.matches(url: "https://status.gitlab.com/pages/5b36dc6502d06804c08349f7/rss"))
        XCTAssertEqual(StatusSourceKind(rawValue: "status-io"), .statusIO)
    }
}
