import Foundation
import Model
import XCTest

@testable import Collect

/// The `rss` kind on the big clouds' feeds: AWS's per-service Service Health Dashboard feed (a
/// real capture and a synthetic outage) and Azure's status feed (synthetic; see
/// Tests/Fixtures/status-pages/SOURCES.md).
final class CloudProviderFeedTests: XCTestCase {
    func testAWSTokyoEC2FeedIsOperatingNormallyWithItsHistory() throws {
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://status.aws.amazon.com/rss/ec2-ap-northeast-1.rss",
            body: Fixture.bytes("aws/ec2-ap-northeast-1-rss-2019-09-07.rss"), contentType: "application/rss+xml",
            xpath: nil)
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.description, "No open incidents")
        XCTAssertEqual(status.components.map(\.name), ["Amazon Elastic Compute Cloud (Tokyo)"])
        XCTAssertEqual(status.components.first?.status, .operational)
        XCTAssertEqual(status.components.first?.rawStatus, "Service is operating normally")
        XCTAssertEqual(status.incidents.count, 15)
        XCTAssertTrue(status.incidents.allSatisfy { $0.status == .resolved })
        let newest = try XCTUnwrap(status.incidents.first)
        XCTAssertEqual(newest.title, "Service is operating normally: インスタンスの接続性について | Instance Availability")
        // "Fri, 23 Aug 2019 04:18:35 PDT"
        XCTAssertEqual(newest.startedAt, Timestamp(iso8601: "2019-08-23T11:18:35Z"))
        XCTAssertEqual(newest.url, "http://status.aws.amazon.com/")
        XCTAssertEqual(status.incidents.last?.title, "Service is operating normally: [RESOLVED] Network connectivity")
        XCTAssertEqual(status.incidents.last?.startedAt, Timestamp(iso8601: "2015-05-15T15:36:27Z"))
        let states = Dictionary(grouping: status.incidents, by: { $0.rawStatus ?? "" }).mapValues(\.count)
        XCTAssertEqual(
            states, ["Service is operating normally": 6, "Informational message": 6, "Service degradation": 3])
        XCTAssertEqual(
            FormatDetector.detect(
                url: "https://x.test/", body: try Fixture.bytes("aws/ec2-ap-northeast-1-rss-2019-09-07.rss"),
                contentType: nil), .rss)
    }

    func testAWSFeedWhoseNewestUpdateIsADisruption() throws {
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://status.aws.amazon.com/rss/s3-us-east-1.rss",
            body: Fixture.bytes("aws/synthetic-service-disruption.rss"), contentType: nil, xpath: nil)
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.components.map(\.name), ["Amazon Simple Storage Service (N. Virginia)"])
        XCTAssertEqual(status.components.map(\.status), [.majorOutage])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .resolved, .resolved])
        XCTAssertEqual(status.openIncidents.map(\.title), ["Service disruption: Increased Error Rates"])
        XCTAssertEqual(status.openIncidents.first?.impact, .major)
    }

    func testFeedsWithoutAWSStatesAreReadAsBefore() throws {
        let feed = ParsedFeed(
            format: .rss, title: "Example", updated: nil,
            entries: [FeedEntry(title: "Informational message: x"), FeedEntry(title: "Investigating - y")],
            totalEntries: 2)
        XCTAssertNil(AWSFeedStatus.status(of: feed))
        XCTAssertNil(
            AWSFeedStatus.status(of: ParsedFeed(format: .rss, title: nil, updated: nil, entries: [], totalEntries: 0)))
    }

    func testAzureQuietFeedIsOperational() throws {
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://rssfeed.azure.status.microsoft/en-us/status/feed/",
            body: Fixture.bytes("azure/synthetic-feed-quiet.rss"), contentType: "application/rss+xml", xpath: nil)
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.description, "No open incidents")
        XCTAssertTrue(status.incidents.isEmpty)
    }

    func testAzureFeedWithActiveItems() throws {
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://rssfeed.azure.status.microsoft/en-us/status/feed/",
            body: Fixture.bytes("azure/synthetic-feed-active.rss"), contentType: "application/rss+xml", xpath: nil)
        XCTAssertEqual(
            status.incidents.map(\.title),
            ["Azure Front Door - Investigating intermittent errors", "Virtual Machines - West Europe - Mitigated"])
        // Every item is a current issue unless its title says it is mitigated; the feed states
        // no severity, so an issue is minor unless its words name an outage.
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .resolved])
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.description, "Azure Front Door - Investigating intermittent errors")
        XCTAssertEqual(status.incidents.first?.startedAt, Timestamp(iso8601: "2026-08-12T10:31:00Z"))
        XCTAssertEqual(status.incidents.first?.url, "https://azure.status.microsoft/en-us/status/")
    }
}
