import Foundation
import Model
import XCTest

@testable import Collect

/// Cachet's API v1: the components answer Yoti quotes in its developer documentation, and
/// synthetic cases (see Tests/Fixtures/status-pages/SOURCES.md).
final class CachetAPIParserTests: XCTestCase {
    func testYotiComponentsAreAllOperationalAndKeepEqualNames() throws {
        let status = try CachetAPIParser.parse(
            Fixture.bytes("cachet/yoti-docs-components.json"), url: "https://status.yoti.com/api/v1/components")
        XCTAssertEqual(
            status.components.map(\.name),
            [
                "Yoti Website", "Yoti Age Scan", "Yoti App", "Yoti Doc Scan", "Yoti Doc Scan", "Yoti Sign",
                "Yoti Hub",
            ])
        XCTAssertTrue(status.components.allSatisfy { $0.status == .operational })
        XCTAssertTrue(status.components.allSatisfy { $0.rawStatus == "Operational" })
        XCTAssertTrue(status.incidents.isEmpty)
        XCTAssertEqual(status.indicator, .none)
    }

    func testComponentsInOutage() throws {
        let status = try CachetAPIParser.parse(Fixture.bytes("cachet/synthetic-components-outage.json"))
        // "Legacy import" is disabled and left out.
        XCTAssertEqual(status.components.map(\.name), ["Website", "API", "Mail delivery", "Search"])
        XCTAssertEqual(
            status.components.map(\.status), [.operational, .majorOutage, .partialOutage, .degradedPerformance])
        XCTAssertEqual(status.components.map(\.rawStatus)[2], "Partial Outage", "status sent as the string \"3\"")
        XCTAssertEqual(status.indicator, .major)
    }

    func testIncidents() throws {
        let status = try CachetAPIParser.parse(
            Fixture.bytes("cachet/synthetic-incidents.json"), url: "https://status.example-mail.test/api/v1/incidents")
        // The invisible "Internal drill" is left out.
        XCTAssertEqual(
            status.incidents.map(\.title), ["API requests failing", "Database failover", "Delayed mail"])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .scheduled, .resolved])
        XCTAssertEqual(status.incidents.map(\.rawStatus), ["Investigating", "Scheduled", "Fixed"])
        XCTAssertEqual(status.incidents.map(\.impact), [nil, .maintenance, nil])
        XCTAssertEqual(status.incidents[0].url, "https://status.example-mail.test/incidents/41")
        XCTAssertNil(status.incidents[1].url, "a javascript: link is dropped")
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(iso8601: "2026-05-04T10:10:00Z"))
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-05-04T10:20:00Z"))
        XCTAssertEqual(status.openIncidents.map(\.title), ["API requests failing", "Database failover"])
        XCTAssertEqual(status.indicator, .minor, "an open incident of unknown impact counts as minor")
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try CachetAPIParser.parse(Fixture.bytes("cachet/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try CachetAPIParser.parse(Array(#"{"meta":{}}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try CachetAPIParser.parse(Array(#"{"data":{"id":1}}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        for path in ["cachet/yoti-docs-components.json", "cachet/synthetic-incidents.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(CachetAPIParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "slack/synthetic-all-ok.json", "instatus/synthetic-all-up.json",
            "incident-io/synthetic-incident-and-maintenance.json", "upptime/upptime-demo-summary.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(CachetAPIParser.matches(json), other)
        }
        let empty = try JSONSerialization.jsonObject(with: Data(#"{"meta":{"pagination":{}},"data":[]}"#.utf8))
        XCTAssertTrue(CachetAPIParser.matches(empty))
        XCTAssertTrue(CachetAPIParser.matches(url: "https://status.yoti.com/api/v1/components"))
        XCTAssertTrue(CachetAPIParser.matches(url: "https://status.example.test/api/v1/incidents/"))
        XCTAssertFalse(CachetAPIParser.matches(url: "https://status.example.test/api/v1/summary"))
        XCTAssertEqual(StatusSourceKind(rawValue: "cachet"), .cachet)
    }
}
