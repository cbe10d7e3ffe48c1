import Foundation
import Model
import XCTest

@testable import Collect

/// Google Cloud Service Health's `incidents.json`: a real download (2023-09-18) and synthetic
/// cases for what it did not show. Expected facts are read from the documents (see
/// Tests/Fixtures/status-pages/SOURCES.md).
final class GoogleCloudIncidentsParserTests: XCTestCase {
    static let documentURL = "https://status.cloud.google.com/incidents.json"

    func testRealDownloadHasOneOpenKubernetesEngineIncident() throws {
        let status = try GoogleCloudIncidentsParser.parse(
            Fixture.bytes("google-cloud/incidents-2023-09-18.json"), url: Self.documentURL)
        XCTAssertEqual(status.openIncidents.count, 1)
        let open = try XCTUnwrap(status.openIncidents.first)
        XCTAssertEqual(open.title, "We are experiencing an issue with Google Kubernetes Engine")
        XCTAssertEqual(open.status, .investigating)
        XCTAssertEqual(open.rawImpact, "SERVICE_INFORMATION")
        XCTAssertEqual(open.impact, .minor)
        XCTAssertEqual(open.startedAt, Timestamp(iso8601: "2023-09-13T23:05:13Z"))
        XCTAssertEqual(open.updatedAt, Timestamp(iso8601: "2023-09-15T16:52:52Z"))
        XCTAssertEqual(open.url, "https://status.cloud.google.com/incidents/EBxyHQgEPnbM3Syag5yL")
        XCTAssertEqual(
            status.components,
            [
                OfficialComponent(
                    name: "Google Kubernetes Engine", status: .degradedPerformance, rawStatus: "SERVICE_INFORMATION")
            ])
        XCTAssertEqual(status.indicator, .minor)
    }

    func testRealDownloadKeepsTheNewestEndedIncidentsUpToTheLimit() throws {
        let body = try Fixture.bytes("google-cloud/incidents-2023-09-18.json")
        let status = try GoogleCloudIncidentsParser.parse(body, url: Self.documentURL)
        // 333 incidents in the document, 332 ended: 50 ended ones are kept, newest first.
        XCTAssertEqual(status.incidents.count, 1 + DocumentLimits.standard.maxEntries)
        let newestEnded = try XCTUnwrap(status.incidents.first { !$0.isOpen })
        XCTAssertEqual(
            newestEnded.title,
            "Google Compute Engine is experiencing elevated error rate with diskTypes.aggregatedList API method")
        XCTAssertEqual(newestEnded.status, .resolved)
        XCTAssertEqual(newestEnded.updatedAt, Timestamp(iso8601: "2023-09-17T04:51:53Z"))
        let few = try GoogleCloudIncidentsParser.parse(
            body, url: Self.documentURL, limits: DocumentLimits(maxEntries: 3))
        XCTAssertEqual(few.incidents.count, 4)
        XCTAssertEqual(few.openIncidents.count, 1)
    }

    func testOpenIncidentsWithNullAndBlankEnd() throws {
        let status = try GoogleCloudIncidentsParser.parse(
            Fixture.bytes("google-cloud/synthetic-open-outage.json"), url: Self.documentURL)
        XCTAssertEqual(
            status.openIncidents.map(\.title),
            [
                "Cloud Run and Compute Engine instances unreachable in us-central1",
                "Elevated latency creating Compute Engine disks",
            ])
        XCTAssertEqual(status.openIncidents.map(\.impact), [.critical, .minor])
        XCTAssertEqual(status.incidents.last?.title, "BigQuery jobs failed in europe-west1")
        XCTAssertEqual(status.incidents.last?.status, .resolved)
        // Compute Engine is named by the outage and by the disruption: the outage wins. BigQuery's
        // incident has ended, so BigQuery is not listed.
        XCTAssertEqual(status.components.map(\.name), ["Cloud Run", "Google Compute Engine"])
        XCTAssertEqual(status.components.map(\.status), [.majorOutage, .majorOutage])
        XCTAssertEqual(status.indicator, .critical)
    }

    func testEmptyHistoryIsAllClear() throws {
        let status = try GoogleCloudIncidentsParser.parse(Fixture.bytes("google-cloud/synthetic-empty-history.json"))
        XCTAssertEqual(status.indicator, .none)
        XCTAssertTrue(status.incidents.isEmpty)
        XCTAssertTrue(status.components.isEmpty)
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(
            try GoogleCloudIncidentsParser.parse(Fixture.bytes("google-cloud/synthetic-truncated.json"))
        ) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try GoogleCloudIncidentsParser.parse(Array(#"{"status":"ok"}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try GoogleCloudIncidentsParser.parse(Array(#"[{"name":"x"}]"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try GoogleCloudIncidentsParser.parse(Array("  ".utf8))) {
            XCTAssertEqual($0 as? StatusParseError, .emptyDocument)
        }
        let hostile = Array(#"[{"external_desc":"x","status_impact":7,"uri":"javascript:alert(1)"}]"#.utf8)
        XCTAssertThrowsError(try GoogleCloudIncidentsParser.parse(hostile))
        let unsafeLink = Array(#"[{"external_desc":"x","uri":"javascript:alert(1)","end":null}]"#.utf8)
        let status = try GoogleCloudIncidentsParser.parse(unsafeLink, url: Self.documentURL)
        XCTAssertEqual(status.openIncidents.count, 1)
        XCTAssertNil(status.openIncidents.first?.url)
        XCTAssertNil(status.openIncidents.first?.impact)
    }

    func testDetectionByContentAndURL() throws {
        let real = try JSONSerialization.jsonObject(with: Data(Fixture.bytes("google-cloud/incidents-2023-09-18.json")))
        XCTAssertTrue(GoogleCloudIncidentsParser.matches(real))
        let synthetic = try JSONSerialization.jsonObject(
            with: Data(Fixture.bytes("google-cloud/synthetic-open-outage.json")))
        XCTAssertTrue(GoogleCloudIncidentsParser.matches(synthetic))
        for other in [
            "upptime/upptime-demo-summary.json", "statuspage/githubstatus-components.json",
            "slack/java-slack-sdk-v2-current-recorded.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(GoogleCloudIncidentsParser.matches(json), other)
        }
        XCTAssertFalse(GoogleCloudIncidentsParser.matches([Any]()))
        XCTAssertTrue(GoogleCloudIncidentsParser.matches(url: "https://status.cloud.google.com/incidents.json"))
        XCTAssertTrue(GoogleCloudIncidentsParser.matches(url: "https://status.search.google.com/incidents.json"))
        XCTAssertTrue(
            GoogleCloudIncidentsParser.matches(url: "https://www.google.com/appsstatus/dashboard/incidents.json"))
        XCTAssertFalse(GoogleCloudIncidentsParser.matches(url: "https://status.cloud.google.com/en/feed.atom"))
        XCTAssertFalse(GoogleCloudIncidentsParser.matches(url: "https://example.test/incidents.json"))
    }
}
