import Foundation
import Model
import XCTest

@testable import Collect

/// Instatus's `summary.json`: synthetic documents in the documented shape (no real answer
/// was found; see Tests/Fixtures/status-pages/SOURCES.md).
final class InstatusSummaryParserTests: XCTestCase {
    func testDocumentedExampleWithJavaScriptDates() throws {
        let status = try InstatusSummaryParser.parse(
            Fixture.bytes("instatus/synthetic-docs-example.json"), url: "https://instat.us/summary.json")
        XCTAssertEqual(status.rawIndicator, "HASISSUES")
        XCTAssertEqual(status.incidents.map(\.title), ["We're facing an issue with our API", "Database maintenance"])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .scheduled])
        XCTAssertEqual(status.incidents.map(\.rawStatus), ["INVESTIGATING", "NOTSTARTEDYET"])
        XCTAssertEqual(status.incidents.map(\.impact), [.major, .maintenance])
        XCTAssertEqual(status.incidents[0].rawImpact, "MAJOROUTAGE")
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(iso8601: "2022-06-11T18:55:50Z"))
        XCTAssertEqual(status.incidents[1].startedAt, Timestamp(iso8601: "2022-06-11T18:55:54Z"))
        XCTAssertEqual(
            status.incidents[0].url, "https://testing-widget.instatus.com/incident/cl4a8n3070721qtmzvts760c4")
        XCTAssertTrue(status.components.isEmpty, "summary.json lists no components")
        XCTAssertEqual(status.indicator, .major)
    }

    func testAllUp() throws {
        let status = try InstatusSummaryParser.parse(Fixture.bytes("instatus/synthetic-all-up.json"))
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.rawIndicator, "UP")
        XCTAssertTrue(status.incidents.isEmpty)
    }

    func testMaintenanceInProgressBesideAMonitoredIncident() throws {
        let status = try InstatusSummaryParser.parse(
            Fixture.bytes("instatus/synthetic-maintenance-in-progress.json"),
            url: "https://status.example-shop.test/summary.json")
        XCTAssertEqual(status.rawIndicator, "UNDERMAINTENANCE")
        XCTAssertEqual(status.incidents.map(\.status), [.monitoring, .inProgress])
        XCTAssertEqual(status.incidents.map(\.impact), [.minor, .maintenance])
        XCTAssertEqual(
            status.incidents[0].url, "https://status.example-shop.test/incident/cm0b1c2d3e4f5g6h7i8j9k0l1",
            "a relative link is resolved against the document")
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(iso8601: "2026-04-07T08:15:00Z"))
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-04-07T09:02:11Z"))
        XCTAssertEqual(status.incidents[1].startedAt, Timestamp(iso8601: "2026-04-07T09:00:00Z"))
        // A degraded-performance incident is minor, which outranks maintenance.
        XCTAssertEqual(status.indicator, .minor)
    }

    func testJavaScriptDateForms() {
        XCTAssertEqual(
            InstatusSummaryParser.date("Tue Mar 03 2026 01:02:03 GMT+0100 (Central European Standard Time)"),
            Timestamp(iso8601: "2026-03-03T00:02:03Z"))
        XCTAssertEqual(
            InstatusSummaryParser.date("Sat Jun 11 2022 18:55:50 GMT-0700 (Pacific Daylight Time)"),
            Timestamp(iso8601: "2022-06-12T01:55:50Z"))
        XCTAssertEqual(
            InstatusSummaryParser.date("2020-09-12T19:05:17.398Z"), Timestamp(iso8601: "2020-09-12T19:05:17Z"))
        XCTAssertNil(InstatusSummaryParser.date("soon"))
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try InstatusSummaryParser.parse(Fixture.bytes("instatus/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try InstatusSummaryParser.parse(Array(#"{"components":[]}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(
            try InstatusSummaryParser.parse(Array(#"{"page":{"status":"UP"},"activeIncidents":{}}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        for path in ["instatus/synthetic-docs-example.json", "instatus/synthetic-all-up.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(InstatusSummaryParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "statuspage/reddit-components.json",
            "slack/synthetic-all-ok.json", "incident-io/neon-docs-summary-all-operational.json",
            "fedora-status/fedora-statuses-major.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(InstatusSummaryParser.matches(json), other)
        }
        XCTAssertTrue(InstatusSummaryParser.matches(url: "https://status.railway.com/summary.json"))
        XCTAssertFalse(InstatusSummaryParser.matches(url: "https://status.example.test/api/v2/summary.json"))
        XCTAssertEqual(StatusSourceKind(rawValue: "instatus"), .instatus)
    }
}
