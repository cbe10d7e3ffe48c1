import Foundation
import Model
import XCTest

@testable import Collect

/// Better Stack's public `index.json`: synthetic documents in the shape the vendor documents
/// (see Tests/Fixtures/status-pages/SOURCES.md; no real answer was found).
final class BetterStackIndexParserTests: XCTestCase {
    func testOperationalPageWithResolvedHistory() throws {
        let status = try BetterStackIndexParser.parse(
            Fixture.bytes("better-stack/synthetic-docs-operational.json"), url: "https://status.example.com/index.json")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.rawIndicator, "operational")
        XCTAssertEqual(status.components.map(\.name), ["Website", "Help center"])
        // The section's name, trailing space and all in the document, is the group.
        XCTAssertEqual(status.components.map(\.group), ["Platform", "Platform"])
        XCTAssertEqual(status.components.map(\.status), [.operational, .operational])
        XCTAssertEqual(status.components.map(\.rawStatus), ["operational", "not_monitored"])
        let report = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(status.incidents.count, 1)
        XCTAssertEqual(report.title, "Delayed data processing in the Europe region")
        XCTAssertEqual(report.status, .resolved)
        XCTAssertFalse(report.isOpen)
        XCTAssertEqual(report.startedAt, Timestamp(iso8601: "2026-06-04T13:50:00Z"))
        XCTAssertEqual(report.updatedAt, Timestamp(iso8601: "2026-06-04T19:53:00Z"))
    }

    func testDowntimeMaintenanceAndGroups() throws {
        let status = try BetterStackIndexParser.parse(
            Fixture.bytes("better-stack/synthetic-incident-and-maintenance.json"))
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.rawIndicator, "downtime")
        XCTAssertEqual(
            status.components.map(\.displayName),
            ["Core › API", "Core › Databases", "Dashboard › API", "Dashboard › Docs", "Status emails"])
        // A not-monitored resource takes the status an open report gives it.
        XCTAssertEqual(
            status.components.map(\.status),
            [.majorOutage, .underMaintenance, .degradedPerformance, .degradedPerformance, .operational])
        XCTAssertEqual(
            status.incidents.map(\.title),
            ["API unavailable in Europe", "Database upgrade", "Network switch replacement", "Slow dashboard"])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .inProgress, .scheduled, .resolved])
        XCTAssertEqual(status.incidents.map(\.impact), [.major, .maintenance, .maintenance, nil])
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-07-20T08:31:00Z"))
        XCTAssertEqual(status.incidents[1].updatedAt, Timestamp(iso8601: "2026-07-20T07:00:00Z"))
        XCTAssertEqual(status.incidents[2].startedAt, Timestamp(iso8601: "2026-07-25T01:00:00Z"))
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try BetterStackIndexParser.parse(Fixture.bytes("better-stack/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        for foreign in [#"{"data":{"type":"status_page","attributes":{}}}"#, #"{"data":[]}"#, "[]"] {
            XCTAssertThrowsError(try BetterStackIndexParser.parse(Array(foreign.utf8)), foreign) {
                guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
            }
        }
    }

    func testDetectionByContentAndURL() throws {
        for path in [
            "better-stack/synthetic-docs-operational.json", "better-stack/synthetic-incident-and-maintenance.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(BetterStackIndexParser.matches(json), path)
        }
        for other in [
            "cstate/torproject-index.json", "cachet/yoti-docs-components.json", "statuspage/instructure-summary.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(BetterStackIndexParser.matches(json), other)
        }
        XCTAssertTrue(BetterStackIndexParser.matches(url: "https://example.betteruptime.com/index.json"))
        XCTAssertTrue(BetterStackIndexParser.matches(url: "https://status.betterstack.com/index.json"))
        XCTAssertFalse(BetterStackIndexParser.matches(url: "https://status.torproject.org/index.json"))
        XCTAssertEqual(StatusSourceKind(rawValue: "better-stack"), .betterStack)
    }
}
