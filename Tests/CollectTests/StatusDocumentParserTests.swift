import Model
import TestSupport
import XCTest

@testable import Collect

/// The entry point: source kinds, automatic detection of every capture, and errors.
final class StatusDocumentParserTests: XCTestCase {
    private let expectedFormats: [(String, StatusFormat)] = [
        ("statuspage/1password-page.html", .statuspageHTML), ("statuspage/acmeapi-demo-page.html", .statuspageHTML),
        ("statuspage/aquafadas-page.html", .statuspageHTML), ("statuspage/box-page.html", .statuspageHTML),
        ("statuspage/circleci-page.html", .statuspageHTML), ("statuspage/clickfunnels-page.html", .statuspageHTML),
        ("statuspage/datadog-page.html", .statuspageHTML), ("statuspage/fastly-page.html", .statuspageHTML),
        ("statuspage/page-inactive-page.html", .statuspageHTML), ("statuspage/pythonstatus-page.html", .statuspageHTML),
        ("statuspage/stride-eol-page.html", .statuspageHTML), ("statuspage/zoom-page.html", .statuspageHTML),
        ("statuspage/codecov-history.atom", .atom), ("statuspage/saucelabs-uswest-history.atom", .atom),
        ("statuspage/streamyard-history.atom", .atom), ("statuspage/travisci-history.atom", .atom),
        ("statuspage/streamyard-history.rss", .rss), ("fedora-status/fedora-changes.rss", .rss),
        ("statuspage/coinbase-components.json", .statuspageJSON),
        ("statuspage/githubstatus-components-partial-outage.json", .statuspageJSON),
        ("statuspage/githubstatus-components.json", .statuspageJSON),
        ("statuspage/githubstatus-incident-critical.json", .statuspageJSON),
        ("statuspage/instructure-summary.json", .statuspageJSON),
        ("statuspage/lastpass-components.json", .statuspageJSON),
        ("statuspage/linode-components-partial-outage.json", .statuspageJSON),
        ("statuspage/qualys-components.json", .statuspageJSON), ("statuspage/reddit-components.json", .statuspageJSON),
        ("fedora-status/fedora-statuses-major.json", .fedoraJSON),
        ("fedora-status/fedora-statuses-scheduled.json", .fedoraJSON),
        ("upptime/upptime-demo-summary.json", .upptimeJSON), ("hund/indeed-page.html", .hundHTML),
        ("google-cloud/incidents-2023-09-18.json", .googleCloudJSON),
        ("google-cloud/synthetic-open-outage.json", .googleCloudJSON),
        ("slack/java-slack-sdk-v2-current-recorded.json", .slackJSON),
        ("slack/java-slack-sdk-v2-current-sample.json", .slackJSON),
        ("slack/synthetic-all-ok.json", .slackJSON), ("slack/synthetic-outage-and-maintenance.json", .slackJSON),
        ("incident-io/neon-docs-summary-all-operational.json", .incidentIOJSON),
        ("incident-io/synthetic-incident-and-maintenance.json", .incidentIOJSON),
        ("incident-io/synthetic-maintenance-only.json", .incidentIOJSON),
        ("instatus/synthetic-docs-example.json", .instatusJSON), ("instatus/synthetic-all-up.json", .instatusJSON),
        ("instatus/synthetic-maintenance-in-progress.json", .instatusJSON),
        ("cachet/yoti-docs-components.json", .cachetJSON), ("cachet/synthetic-components-outage.json", .cachetJSON),
        ("cachet/synthetic-incidents.json", .cachetJSON), ("cstate/torproject-index.json", .cstateJSON),
        ("cstate/synthetic-down-and-notice.json", .cstateJSON),
        ("status-io/gitlab-status-2023-06-29.json", .statusIOJSON),
        ("status-io/synthetic-incident-and-maintenance.json", .statusIOJSON),
        ("better-stack/synthetic-docs-operational.json", .betterStackJSON),
        ("better-stack/synthetic-incident-and-maintenance.json", .betterStackJSON),
        ("aws/synthetic-currentevents-utf16.json", .awsHealthJSON),
        ("aws/ec2-ap-northeast-1-rss-2019-09-07.rss", .rss), ("aws/synthetic-service-disruption.rss", .rss),
        ("azure/synthetic-feed-quiet.rss", .rss), ("azure/synthetic-feed-active.rss", .rss),
    ]

    /// Captures that are recognised only with their URL (an empty history) or not at all (cut off).
    private let unrecognisedByContent: Set<String> = [
        "google-cloud/synthetic-empty-history.json", "google-cloud/synthetic-truncated.json",
        "slack/synthetic-truncated.json", "incident-io/synthetic-truncated.json",
        "instatus/synthetic-truncated.json", "cachet/synthetic-truncated.json",
        "cstate/synthetic-truncated.json", "status-io/synthetic-truncated.json",
        "better-stack/synthetic-truncated.json", "aws/synthetic-currentevents-empty.json",
        "aws/synthetic-truncated.json",
    ]

    func testEveryCaptureIsRecognisedFromItsContent() throws {
        let listed = try FileManager.default.subpathsOfDirectory(atPath: FixtureFilesPath.statusPages)
            .filter { !$0.hasSuffix(".md") && $0.contains(".") }
        XCTAssertEqual(
            Set(listed), Set(expectedFormats.map(\.0)).union(unrecognisedByContent),
            "a capture without an expectation here")
        for path in unrecognisedByContent {
            XCTAssertNil(
                try FormatDetector.detect(url: "https://x.test/", body: Fixture.bytes(path), contentType: nil), path)
        }
        for (path, format) in expectedFormats {
            // A neutral URL: the content alone must decide.
            XCTAssertEqual(
                try FormatDetector.detect(url: "https://x.test/", body: Fixture.bytes(path), contentType: nil), format,
                path)
        }
    }

    func testEveryCaptureParsesThroughAuto() throws {
        for (path, _) in expectedFormats where !path.contains("page-inactive") {
            let status = try StatusDocumentParser.parse(
                kind: .auto, url: "https://x.test/", body: Fixture.bytes(path), contentType: nil, xpath: nil)
            XCTAssertNotEqual(status.indicator, .unknown, path)
        }
    }

    func testStatuspageKindReadsJSONOrFallsBackToHTML() throws {
        let json = try StatusDocumentParser.parse(
            kind: .statuspage, url: "https://x.test/api/v2/summary.json",
            body: Fixture.bytes("statuspage/instructure-summary.json"),
            contentType: "application/json", xpath: nil)
        XCTAssertEqual(json.indicator, .minor)
        let html = try StatusDocumentParser.parse(
            kind: .statuspage, url: "https://status.python.org/",
            body: Fixture.bytes("statuspage/pythonstatus-page.html"),
            contentType: "text/html; charset=utf-8", xpath: nil)
        XCTAssertEqual(html.indicator, .major)
        XCTAssertEqual(html.incidents.first?.url, "https://status.python.org/incidents/grk0k7sz6zkp")
        XCTAssertThrowsError(
            try StatusDocumentParser.parse(
                kind: .statuspage, url: "https://x.test/", body: Array("Service Unavailable".utf8), contentType: nil,
                xpath: nil)
        ) { error in
            guard case .notJSON = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }

    func testStatuspageKindAcceptsTheStatuspageHistoryFeed() throws {
        let status = try StatusDocumentParser.parse(
            kind: .statuspage, url: "https://status.streamyard.com/history.atom",
            body: Fixture.bytes("statuspage/streamyard-history.atom"), contentType: "application/atom+xml", xpath: nil)
        XCTAssertEqual(status.incidents.count, 17)
        XCTAssertNil(StatusFetcher.statuspageAPIURL("https://status.streamyard.com/history.atom"))
        XCTAssertEqual(
            StatusFetcher.statuspageAPIURL("https://status.example.com/?x=1"),
            "https://status.example.com/api/v2/summary.json")
        XCTAssertEqual(
            StatusFetcher.statuspageAPIURL("https://example.com/status/"),
            "https://example.com/status/api/v2/summary.json")
    }

    func testFeedKindsAcceptEitherSyntax() throws {
        let status = try StatusDocumentParser.parse(
            kind: .atom, url: "https://x.test/history.rss", body: Fixture.bytes("statuspage/streamyard-history.rss"),
            contentType: "application/rss+xml", xpath: nil)
        XCTAssertEqual(status.incidents.first?.title, "Networking issues")
    }

    func testDataBodyOverload() throws {
        let data = Data(try Fixture.bytes("statuspage/reddit-components.json"))
        let status = try StatusDocumentParser.parse(
            kind: .auto, url: "https://x.test/", body: data, contentType: nil, xpath: nil)
        XCTAssertEqual(status.components.count, 45)
    }

    func testUnknownContentIsUnrecognised() {
        for body in [
            "just some text", #"{"hello":"world"}"#, "<html><body><p>Welcome</p></body></html>",
            "<?xml version='1.0'?><note/>",
        ] {
            XCTAssertThrowsError(
                try StatusDocumentParser.parse(
                    kind: .auto, url: "https://x.test/", body: Array(body.utf8), contentType: nil, xpath: nil)
            ) { error in
                XCTAssertEqual(error as? StatusParseError, .unrecognisedFormat, body)
                XCTAssertTrue(String(describing: error).hasPrefix("could not recognise the format"))
            }
        }
    }

    func testAutoWithRulesReadsAGenericPage() throws {
        let body = Array("<html><body><h1 id='s'>All systems operational</h1></body></html>".utf8)
        let status = try StatusDocumentParser.parse(
            kind: .auto, url: "https://x.test/", body: body, contentType: nil,
            xpath: XPathRules(indicator: "//h1[@id='s']"))
        XCTAssertEqual(status.indicator, .none)
    }
}

/// Paths of the shared fixtures, for listing them.
enum FixtureFilesPath {
    static var statusPages: String { FixtureFiles.statusPageURL("").path }
}
