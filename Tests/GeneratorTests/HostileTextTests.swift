import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// Vendor text and editors' raw HTML reach the published files only as inert text.
final class HostileTextTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!
    let source = "https://status.chat.example.com"

    func build(_ site: TestSite, _ database: DowntrackDatabase) throws {
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: database)
            .build(BuildOptions(root: site.root, output: site.output, now: now, full: false))
    }

    /// Records a vendor status full of traps for `chatapp`'s official source.
    func recordHostileStatus(in database: DowntrackDatabase) throws {
        let status = OfficialStatus(
            indicator: .major, rawIndicator: "major\u{1B}[31m", description: "Down\u{0}\u{7}\u{1B}]0;pwned\u{7} now",
            components: [OfficialComponent(name: "API\u{8}\u{85}", status: .majorOutage, rawStatus: "major_outage")],
            incidents: [
                OfficialIncident(
                    title: "Script link\u{0C}", status: .investigating, impact: .major,
                    startedAt: now.adding(seconds: -600), url: "javascript:alert(document.domain)"),
                OfficialIncident(
                    title: "Hidden scheme", status: .investigating, impact: .minor,
                    startedAt: now.adding(seconds: -300), url: " JaVaScRiPt:alert(1)"),
                OfficialIncident(
                    title: "Data link", status: .identified, impact: .minor,
                    startedAt: now.adding(seconds: -200), url: "data:text/html,<script>alert(1)</script>"),
                OfficialIncident(
                    title: "Good link", status: .monitoring, impact: .minor,
                    startedAt: now.adding(seconds: -100), url: "https://status.chat.example.com/incidents/abc"),
            ])
        try database.record([
            OfficialCheckRecord(
                slug: "chatapp", sourceURL: source, checkedAt: now.adding(seconds: -60), outcome: .parsed,
                status: status)
        ])
    }

    func testVendorLinksThatAreNotHTTPAreNeverPublished() throws {
        let site = TestSite()
        let db = TestDatabase()
        try recordHostileStatus(in: db.database)
        try build(site, db.database)
        for path in [
            "output/services/chatapp/index.html", "output/services/chatapp/feed.xml",
            "output/api/v1/services/chatapp.json",
        ] {
            let text = try XCTUnwrap(site.directory.read(path)).lowercased()
            XCTAssertFalse(text.contains("javascript:"), path)
            XCTAssertFalse(text.contains("data:text"), path)
        }
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("href=\"https://status.chat.example.com/incidents/abc\""), "http(s) links stay")
        XCTAssertTrue(page.contains("Script link"), "the incident is still listed, as text")
    }

    func testControlCharactersFromVendorsReachNoOutput() throws {
        let site = TestSite()
        let db = TestDatabase()
        try recordHostileStatus(in: db.database)
        try build(site, db.database)
        for path in [
            "output/services/chatapp/index.html", "output/services/chatapp/feed.xml",
            "output/api/v1/services/chatapp.json",
        ] {
            let text = try XCTUnwrap(site.directory.read(path))
            let controls = text.unicodeScalars.filter {
                ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || ($0.value >= 0x7F && $0.value <= 0x9F)
            }
            XCTAssertEqual(controls.count, 0, "\(path) carries control characters \(controls.map(\.value))")
            XCTAssertFalse(text.contains("\\u001b"), "\(path) carries an escaped ESC")
        }
        let feed = try XCTUnwrap(site.directory.read("output/services/chatapp/feed.xml"))
        XCTAssertTrue(feed.contains("Script link"))
    }

    func testRawHTMLInBodiesAndAnswersIsOmittedByDefault() throws {
        var services = TestSite.services
        services["mailbox"] = """
            ---
            name: Mailbox
            category: Messaging
            related: [chatapp]
            faq:
              - q: Safe?
                a: "Yes <img src=x onerror=alert(2)> [link](javascript:alert(3))"
            ---
            Mail <img src=x onerror=alert(1)> for everyone.

            <div onclick="alert(4)">block</div>
            """
        let site = TestSite(services: services)
        let db = TestDatabase()
        try build(site, db.database)
        let page = try XCTUnwrap(site.directory.read("output/services/mailbox/index.html"))
        XCTAssertFalse(page.contains("onerror"), "raw HTML in the body or FAQ must be omitted")
        XCTAssertFalse(page.contains("onclick"))
        XCTAssertFalse(page.contains("javascript:"))
        XCTAssertTrue(page.contains("for everyone"))
    }

    func testRawHTMLIsKeptWhenTheSiteOptsIn() throws {
        var services = TestSite.services
        services["mailbox"] = """
            ---
            name: Mailbox
            category: Messaging
            ---
            Mail for <abbr title="everyone">all</abbr>.
            """
        let site = TestSite(
            services: services,
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                content: {allow_raw_html: true}
                """)
        let db = TestDatabase()
        try build(site, db.database)
        let page = try XCTUnwrap(site.directory.read("output/services/mailbox/index.html"))
        XCTAssertTrue(page.contains("<abbr title=\"everyone\">all</abbr>"))
    }
}
