import Model
import XCTest

@testable import Collect

/// Statuspage history feeds, Fedora's change log, and generic feeds.
final class FeedParserTests: XCTestCase {
    private let wide = DocumentLimits(maxEntries: 500)

    private func feed(_ path: String, limits: DocumentLimits? = nil) throws -> ParsedFeed {
        try FeedParser.parseFeed(
            Fixture.bytes(path), url: "https://status.example.test/history", limits: limits ?? wide)
    }

    func testStatusReadingAgreesWithTheFullReadingOnEveryCapture() throws {
        let url = "https://status.example.test/history"
        for name in [
            "statuspage/codecov-history.atom", "statuspage/travisci-history.atom",
            "statuspage/saucelabs-uswest-history.atom", "statuspage/streamyard-history.atom",
            "statuspage/streamyard-history.rss", "fedora-status/fedora-changes.rss",
        ] {
            let bytes = try Fixture.bytes(name)
            let full = try FeedParser.parseFeed(bytes, url: url)
            XCTAssertEqual(
                try FeedParser.parse(bytes, url: url), FeedStatus.status(of: full).collected(documentURL: url), name)
        }
    }

    func testCodecovAtomHistory() throws {
        let parsed = try feed("statuspage/codecov-history.atom")
        XCTAssertEqual(parsed.format, .atom)
        XCTAssertEqual(parsed.title, "Codecov Status - Incident History")
        XCTAssertEqual(parsed.updated, Timestamp(iso8601: "2016-07-01T08:01:04Z"))
        XCTAssertEqual(parsed.entries.count, 17)
        XCTAssertEqual(parsed.entries.first?.title, "Elevated error rate")
        XCTAssertEqual(parsed.entries.first?.published, Timestamp(iso8601: "2016-06-30T15:19:17Z"))
        XCTAssertEqual(parsed.entries.first?.newestStatusLabel, "Resolved")
    }

    func testTravisAtomHistory() throws {
        let parsed = try feed("statuspage/travisci-history.atom")
        XCTAssertEqual(parsed.title, "Travis CI Status - Incident History")
        XCTAssertEqual(parsed.updated, Timestamp(iso8601: "2016-07-01T19:18:37Z"))
        XCTAssertEqual(parsed.entries.count, 25)
        XCTAssertEqual(parsed.entries.first?.title, "All OS X builds delayed")
        XCTAssertEqual(parsed.entries.first?.published, Timestamp(iso8601: "2016-06-30T21:19:48Z"))
        XCTAssertEqual(parsed.entries.first?.newestStatusLabel, "Resolved")
    }

    func testSauceLabsAtomWithOffsetsAndMaintenance() throws {
        let parsed = try feed("statuspage/saucelabs-uswest-history.atom")
        XCTAssertEqual(parsed.title, "Sauce Labs US West Data Center Status - Incident History")
        XCTAssertEqual(parsed.updated, Timestamp(iso8601: "2020-11-15T00:17:45-08:00"))
        XCTAssertEqual(parsed.entries.count, 25)
        XCTAssertEqual(parsed.entries.first?.title, "2020-Nov-14 Service Incident")
        XCTAssertEqual(parsed.entries.first?.published, Timestamp(iso8601: "2020-11-14T14:07:38-08:00"))
        let maintenance = try XCTUnwrap(parsed.entries.first { $0.title == "Sauce Labs Planned Maintenance" })
        XCTAssertEqual(maintenance.published, Timestamp(iso8601: "2020-10-24T10:59:09-07:00"))
        XCTAssertEqual(Array(maintenance.updateLabels.prefix(3)), ["Completed", "In progress", "Scheduled"])
        let status = FeedStatus.status(of: parsed)
        XCTAssertEqual(status.incidents.first { $0.title == "Sauce Labs Planned Maintenance" }?.status, .completed)
    }

    func testStreamYardAtomAndRSSSayTheSame() throws {
        let atom = try feed("statuspage/streamyard-history.atom")
        let rss = try feed("statuspage/streamyard-history.rss")
        XCTAssertEqual(rss.format, .rss)
        XCTAssertEqual(atom.updated, Timestamp(iso8601: "2024-06-10T11:10:42Z"))
        XCTAssertEqual(rss.updated, Timestamp(iso8601: "2024-06-10T11:10:42Z"), "Mon, 10 Jun 2024 11:10:42 +0000")
        for parsed in [atom, rss] {
            XCTAssertEqual(parsed.entries.count, 17)
            let newest = try XCTUnwrap(parsed.entries.first)
            XCTAssertEqual(newest.title, "Networking issues")
            XCTAssertEqual(newest.published, Timestamp(iso8601: "2024-02-08T09:00:14Z"))
            XCTAssertEqual(newest.newestStatusLabel, "Resolved")
        }
        XCTAssertEqual(rss.entries.first?.id, "https://status.streamyard.com/incidents/l4222m9bmd6k")
        XCTAssertEqual(
            atom.entries.map { FeedStatus.entryStatus($0)?.status },
            rss.entries.map { FeedStatus.entryStatus($0)?.status })
    }

    func testStatuspageFeedsWithOnlyResolvedIncidentsAreOperational() throws {
        for name in [
            "codecov-history.atom", "travisci-history.atom", "saucelabs-uswest-history.atom",
            "streamyard-history.atom", "streamyard-history.rss",
        ] {
            let status = try FeedParser.parse(Fixture.bytes("statuspage/\(name)"))
            XCTAssertEqual(status.indicator, .none, name)
            XCTAssertNil(status.rawIndicator, name)
            XCTAssertTrue(status.openIncidents.isEmpty, name)
            XCTAssertFalse(status.incidents.isEmpty, name)
        }
    }

    func testEntriesAreLimitedToTheNewest() throws {
        let parsed = try feed("statuspage/travisci-history.atom", limits: DocumentLimits(maxEntries: 5))
        XCTAssertEqual(parsed.entries.count, 5)
        XCTAssertEqual(parsed.totalEntries, 25)
        XCTAssertEqual(parsed.entries.first?.title, "All OS X builds delayed")
        let status = try FeedParser.parse(Fixture.bytes("statuspage/travisci-history.atom"))
        XCTAssertEqual(status.incidents.count, 25, "the default keeps up to 50")
    }

    func testFedoraSingleLineChangeLogReadsNewestTitleAsCurrentStatus() throws {
        let parsed = try feed("fedora-status/fedora-changes.rss")
        XCTAssertEqual(parsed.title, "Fedora Service Status")
        XCTAssertEqual(parsed.updated, Timestamp(iso8601: "2021-03-31T18:58:39Z"))
        XCTAssertEqual(parsed.totalEntries, 180)
        XCTAssertEqual(parsed.entries.count, 180)
        let newest = try XCTUnwrap(parsed.entries.first)
        XCTAssertEqual(newest.title, "All systems go")
        XCTAssertEqual(newest.published, Timestamp(iso8601: "2021-03-31T18:58:35Z"))
        XCTAssertEqual(
            newest.summary,
            "Service 'Package maintainers git repositories' now has status: good: Everything seems to be working.")
        let status = try FeedParser.parse(Fixture.bytes("fedora-status/fedora-changes.rss"))
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.description, "All systems go")
        XCTAssertEqual(status.incidents.count, 50)
        XCTAssertTrue(status.openIncidents.isEmpty)
    }

    func testOpenStatuspageIncidentInFeedMakesIndicatorMinor() throws {
        let atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xml:lang="en-US" xmlns="http://www.w3.org/2005/Atom">
              <title>X Status - Incident History</title><updated>2024-05-01T12:00:00Z</updated>
              <entry><id>1</id><published>2024-05-01T11:00:00Z</published><updated>2024-05-01T12:00:00Z</updated>
                <link rel="alternate" type="text/html" href="https://x.test/incidents/1"/><title>API errors</title>
                <content type="html">&lt;p&gt;&lt;small&gt;May 1, 12:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Update&lt;/strong&gt; - more&lt;/p&gt;&lt;p&gt;&lt;small&gt;May 1, 11:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Identified&lt;/strong&gt; - cause found&lt;/p&gt;</content>
              </entry>
              <entry><id>0</id><published>2024-04-01T11:00:00Z</published><updated>2024-04-01T12:00:00Z</updated>
                <link rel="alternate" href="https://x.test/incidents/0"/><title>Old</title>
                <content type="html">&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - done&lt;/p&gt;</content></entry>
            </feed>
            """
        let status = try FeedParser.parse(Array(atom.utf8))
        XCTAssertEqual(status.indicator, .minor, "unknown impact of an open incident counts as minor")
        XCTAssertEqual(status.openIncidents.map(\.title), ["API errors"])
        XCTAssertEqual(status.openIncidents.first?.status, .identified, "\"Update\" is not a status")
        XCTAssertEqual(status.openIncidents.first?.url, "https://x.test/incidents/1")
        XCTAssertEqual(status.incidents.last?.status, .resolved)
    }

    func testGenericRSSWithStatusWordsInTitles() throws {
        let rss = """
            <rss version="2.0"><channel><title>Cloud</title>
            <item><title>Service is operating normally: [RESOLVED] Increased latency</title><pubDate>Tue, 02 Jan 2024 10:00:00 PST</pubDate></item>
            <item><title>Investigating: Elevated errors in EU</title><pubDate>Wed, 03 Jan 2024 10:00:00 GMT</pubDate><link>https://cloud.test/i/2</link></item>
            </channel></rss>
            """
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://cloud.test/feed", body: Array(rss.utf8), contentType: nil, xpath: nil)
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.incidents.first?.title, "Investigating: Elevated errors in EU", "newest first by date")
        XCTAssertEqual(status.incidents.first?.status, .investigating)
        XCTAssertEqual(status.incidents.last?.status, .resolved)
        XCTAssertEqual(status.incidents.last?.startedAt, Timestamp(iso8601: "2024-01-02T18:00:00Z"))
    }

    func testNonFeedXMLIsUnrecognised() {
        XCTAssertThrowsError(try FeedParser.parseFeed(Array("<html><body/></html>".utf8))) { error in
            XCTAssertEqual(error as? StatusParseError, .unrecognisedFormat)
        }
    }
}
