import Foundation
import Model
import XCTest

@testable import Collect

/// incident.io's widget API (`api/v1/summary`): the answer Neon quotes in its documentation,
/// and synthetic cases (see Tests/Fixtures/status-pages/SOURCES.md).
final class IncidentIOSummaryParserTests: XCTestCase {
    static let documentURL = "https://status.example-cloud.test/api/v1/summary"

    func testNeonAnswerWithNothingOngoingIsOperational() throws {
        let status = try IncidentIOSummaryParser.parse(
            Fixture.bytes("incident-io/neon-docs-summary-all-operational.json"),
            url: "https://neonstatus.com/aws-europe-frankfurt/api/v1/summary")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertNil(status.rawIndicator)
        XCTAssertTrue(status.incidents.isEmpty)
        XCTAssertTrue(status.components.isEmpty)
    }

    func testOngoingIncidentsAndMaintenance() throws {
        let status = try IncidentIOSummaryParser.parse(
            Fixture.bytes("incident-io/synthetic-incident-and-maintenance.json"), url: Self.documentURL)
        XCTAssertEqual(
            status.incidents.map(\.title),
            [
                "Elevated errors creating databases", "Slow console in one region", "Storage engine upgrade",
                "Network switch replacement",
            ])
        XCTAssertEqual(status.incidents.map(\.status), [.identified, .monitoring, .inProgress, .scheduled])
        XCTAssertEqual(status.incidents.map(\.impact), [.critical, .minor, .maintenance, .maintenance])
        XCTAssertEqual(status.incidents[0].rawImpact, "full_outage")
        XCTAssertEqual(
            status.incidents[0].url,
            "https://status.example-cloud.test/incidents/01HZX4K2V8R1Q9M7T3B5N6C0DA")
        XCTAssertNil(status.incidents[1].url, "a javascript: link is dropped")
        XCTAssertEqual(
            status.incidents[2].url, "https://status.example-cloud.test/incidents/01HZX6M0N9B8V7C6X5Z4L3K2JA",
            "a relative link is resolved against the document")
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-03-02T14:05:31Z"))
        XCTAssertNil(status.incidents[0].startedAt, "the widget gives no start for an incident")
        XCTAssertEqual(status.incidents[2].startedAt, Timestamp(iso8601: "2026-03-02T12:00:00Z"))
        XCTAssertEqual(status.incidents[3].startedAt, Timestamp(iso8601: "2026-03-05T01:00:00Z"))
        // Components named by incidents and by maintenance in progress; scheduled maintenance
        // ("Connections") changes nothing yet. "API" is degraded in one incident and a partial
        // outage in the other: the worse wins.
        XCTAssertEqual(status.components.map(\.name), ["Database creation", "API", "Console", "Backups"])
        XCTAssertEqual(
            status.components.map(\.status),
            [.majorOutage, .partialOutage, .degradedPerformance, .underMaintenance])
        XCTAssertEqual(status.components[0].rawStatus, "full_outage")
        XCTAssertEqual(status.components.map(\.group), ["Control plane", "Control plane", nil, "Data plane"])
        XCTAssertEqual(status.indicator, .critical)
    }

    func testMaintenanceAloneIsMaintenance() throws {
        let status = try IncidentIOSummaryParser.parse(Fixture.bytes("incident-io/synthetic-maintenance-only.json"))
        XCTAssertEqual(status.indicator, .maintenance)
        XCTAssertEqual(status.incidents.map(\.status), [.inProgress])
        XCTAssertEqual(status.incidents.first?.rawStatus, "maintenance_in_progress")
        XCTAssertEqual(status.components.map(\.name), ["Backups"])
        XCTAssertEqual(status.components.map(\.status), [.underMaintenance])
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try IncidentIOSummaryParser.parse(Fixture.bytes("incident-io/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try IncidentIOSummaryParser.parse(Array(#"{"page_title":"x"}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try IncidentIOSummaryParser.parse(Array("<html></html>".utf8))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try IncidentIOSummaryParser.parse(Array(#"{"ongoing_incidents":{}}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        for path in [
            "incident-io/neon-docs-summary-all-operational.json", "incident-io/synthetic-incident-and-maintenance.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(IncidentIOSummaryParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "google-cloud/synthetic-open-outage.json",
            "upptime/upptime-demo-summary.json", "slack/java-slack-sdk-v2-current-recorded.json",
            "fedora-status/fedora-statuses-major.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(IncidentIOSummaryParser.matches(json), other)
        }
        XCTAssertTrue(IncidentIOSummaryParser.matches(url: "https://neonstatus.com/api/v1/summary"))
        XCTAssertTrue(IncidentIOSummaryParser.matches(url: "https://neonstatus.com/aws-us-east-ohio/api/v1/summary/"))
        XCTAssertFalse(IncidentIOSummaryParser.matches(url: "https://status.example.test/api/v2/summary.json"))
        // An empty answer at a widget address is still read by its URL.
        let empty = try StatusDocumentParser.parse(
            kind: .auto, url: "https://neonstatus.com/api/v1/summary", body: Array(#"{"ongoing_incidents":[]}"#.utf8),
            contentType: "application/json", xpath: nil)
        XCTAssertEqual(empty.indicator, .none)
    }

    func testSourceKindName() {
        XCTAssertEqual(StatusSourceKind(rawValue: "incident-io"), .incidentIO)
    }
}
