import Foundation
import Model
import XCTest

@testable import Collect

/// Slack's status API (`api/v2.0.0/current`): the documents Slack's own Java SDK recorded, and
/// synthetic cases (see Tests/Fixtures/status-pages/SOURCES.md).
final class SlackStatusParserTests: XCTestCase {
    static let documentURL = "https://slack-status.com/api/v2.0.0/current"

    func testRecordedDocumentHasSixtyActiveEntries() throws {
        let status = try SlackStatusParser.parse(
            Fixture.bytes("slack/java-slack-sdk-v2-current-recorded.json"), url: Self.documentURL)
        XCTAssertEqual(status.rawIndicator, "ok")
        XCTAssertEqual(status.incidents.count, 60)
        XCTAssertEqual(status.openIncidents.count, 60)
        let first = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(first.title, "We are investigating timestamp issues for customers in Brazil")
        XCTAssertEqual(first.rawImpact, "notice")
        XCTAssertEqual(first.impact, .minor)
        XCTAssertEqual(first.status, .investigating)
        XCTAssertEqual(first.url, "https://status.slack.com/2019-11/268dad0bff822680")
        XCTAssertEqual(first.startedAt, Timestamp(iso8601: "2019-11-11T15:45:09-08:00"))
        let second = status.incidents[1]
        XCTAssertEqual(second.title, "Some Enterprise Grid customers are having trouble accessing Slack")
        XCTAssertEqual(second.rawImpact, "incident")
        // The services named by the entries, in first-seen order; every one has an open incident.
        XCTAssertEqual(
            status.components.map(\.name),
            [
                "Notifications", "Login/SSO", "Posts/Files", "Connections", "Messaging",
                "Workspace/Org Administration", "Link Previews", "Apps/Integrations/APIs", "Search", "Calls",
            ])
        XCTAssertEqual(status.components.first?.status, .partialOutage)
        XCTAssertEqual(status.indicator, .minor)
    }

    func testSDKSampleWithBlankValuesDoesNotTrap() throws {
        let status = try SlackStatusParser.parse(Fixture.bytes("slack/java-slack-sdk-v2-current-sample.json"))
        XCTAssertEqual(status.incidents.count, 1)
        XCTAssertEqual(status.incidents.first?.title, "Untitled incident")
        XCTAssertEqual(status.incidents.first?.url, "https://www.example.com/")
        XCTAssertNil(status.incidents.first?.startedAt)
        XCTAssertEqual(status.components, [])
    }

    func testAllOK() throws {
        let status = try SlackStatusParser.parse(Fixture.bytes("slack/synthetic-all-ok.json"))
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.rawIndicator, "ok")
        XCTAssertTrue(status.incidents.isEmpty)
    }

    func testOutageWithMaintenanceInProgressAndScheduled() throws {
        let status = try SlackStatusParser.parse(
            Fixture.bytes("slack/synthetic-outage-and-maintenance.json"), url: Self.documentURL)
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.rawIndicator, "broken")
        XCTAssertEqual(
            status.incidents.map(\.title),
            [
                "Messages are not being delivered", "Scheduled maintenance for Huddles",
                "Upcoming maintenance of workspace exports",
            ])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .inProgress, .scheduled])
        XCTAssertEqual(status.incidents.map(\.impact), [.major, .maintenance, .maintenance])
        XCTAssertEqual(status.incidents[0].url, "https://slack-status.com/2026-03/0a1b2c3d4e5f6071")
        XCTAssertNil(status.incidents[1].url, "a javascript: link is dropped")
        XCTAssertEqual(status.components.map(\.name), ["Messaging", "Connections", "Huddles"])
        XCTAssertEqual(status.components.map(\.status), [.majorOutage, .majorOutage, .underMaintenance])
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try SlackStatusParser.parse(Fixture.bytes("slack/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SlackStatusParser.parse(Array(#"{"page_title":"x"}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SlackStatusParser.parse(Array("<html></html>".utf8))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try SlackStatusParser.parse(Array(#"{"status":"ok","active_incidents":{}}"#.utf8)))
    }

    func testDetectionByContentAndURL() throws {
        for path in ["slack/java-slack-sdk-v2-current-recorded.json", "slack/synthetic-all-ok.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(SlackStatusParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "google-cloud/synthetic-open-outage.json",
            "upptime/upptime-demo-summary.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(SlackStatusParser.matches(json), other)
        }
        XCTAssertTrue(SlackStatusParser.matches(url: "https://slack-status.com/api/v2.0.0/current"))
        XCTAssertTrue(SlackStatusParser.matches(url: "https://status.slack.com/api/v2.0.0/current"))
        XCTAssertFalse(SlackStatusParser.matches(url: "https://slack-status.com/feed/rss"))
    }
}
