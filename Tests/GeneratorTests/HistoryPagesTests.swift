import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// The history on the pages, from a real database: "Past outages", the strip and the lag on the
/// service page, the history page, the methodology's site-wide figures and the sitemap; and the
/// service page is rendered again only when the history changes or the day rolls over.
final class HistoryPagesTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!
    private let source = "https://status.chat.example.com"

    private func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    @discardableResult
    private func build(_ site: TestSite, _ db: TestDatabase, at time: Timestamp) throws -> BuildSummary {
        let configuration = try ConfigurationLoader.load(root: site.root)
        return try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: time, full: false))
    }

    private func page(_ site: TestSite, _ path: String) throws -> String {
        try XCTUnwrap(site.directory.read("output/\(path)"), path)
    }

    private func seed(_ db: TestDatabase) throws {
        try db.database.recordDemoHistory(
            episodes: [
                OutageEpisode(
                    slug: "chatapp", start: at("2026-11-19T09:34:00Z"), end: at("2026-11-19T10:03:00Z"),
                    worstState: .outage),
                OutageEpisode(
                    slug: "chatapp", start: at("2026-11-24T03:00:00Z"), end: at("2026-11-24T03:20:00Z"),
                    worstState: .possible),
            ],
            incidents: [
                IncidentRecord(
                    slug: "chatapp", sourceURL: source, key: "paired", title: "Messages delayed", impact: .major,
                    firstPost: at("2026-11-19T09:48:00Z"), resolved: at("2026-11-19T10:09:00Z")),
                IncidentRecord(
                    slug: "chatapp", sourceURL: source, key: "lone", title: "Search degraded", impact: .minor,
                    firstPost: at("2026-11-02T12:00:00Z"), resolved: at("2026-11-02T13:00:00Z")),
            ])
    }

    func testServicePageHistoryPageMethodologyAndSitemapShowTheHistory() throws {
        let site = TestSite(
            configuration: TestSite.defaultConfiguration.replacingOccurrences(
                of: "base_url: \"https://status.example.org\"",
                with: "base_url: \"https://status.example.org\", data_license: \"CC BY 4.0\""))
        let db = TestDatabase()
        try seed(db)
        try build(site, db, at: now)

        let service = try page(site, "services/chatapp/index.html")
        XCTAssertTrue(
            service.contains("<title>2026-11-19: Problems detected, 1 official incident</title><rect x=\"656.8\""))
        XCTAssertTrue(service.contains("<h2 id=\"history-heading\">Past outages</h2>"))
        XCTAssertTrue(
            service.contains(
                "<p class=\"lag\">People reported problems 14 minutes before Chat &lt;App&gt; &amp; &quot;Friends&quot;"
                    + "&#39;s status page. Reports were back to normal 6 minutes before"), service)
        XCTAssertTrue(service.contains("a median of 14 minutes before"), "the per-service median")
        XCTAssertTrue(service.contains("<title>2026-11-19: Problems detected, 1 official incident</title>"))
        XCTAssertTrue(service.contains("<tr><td>2026-11-24</td><td>Possible problems</td><td>0</td></tr>"))
        XCTAssertTrue(service.contains("<a href=\"/services/chatapp/history/\">"))
        XCTAssertTrue(service.contains("<a href=\"/api/v1/services/chatapp/history.csv\">"))
        XCTAssertTrue(service.contains("History data licence: CC BY 4.0"))
        XCTAssertFalse(service.contains("style="), "no inline styles under the CSP")
        let quiet = try page(site, "services/gamehub/index.html")
        XCTAssertTrue(quiet.contains("No outages recorded in the last 120 days."))
        XCTAssertFalse(quiet.contains("a median of"))

        let history = try page(site, "services/chatapp/history/index.html")
        XCTAssertTrue(
            history.contains("<link rel=\"canonical\" href=\"https://status.example.org/services/chatapp/history/\">"))
        XCTAssertTrue(history.contains("2 problems reported by people and 2 official incidents in the last 120 days."))
        XCTAssertTrue(
            history.contains(
                "1 official incident was not noticed by people; 1 problem reported by people was never acknowledged"),
            history)
        XCTAssertTrue(history.contains("Search degraded (impact minor)"), "older than the service page's few")
        XCTAssertTrue(history.contains("Licence: CC BY 4.0"))
        XCTAssertTrue(try page(site, "services/gamehub/history/index.html").contains("0 problems reported by people"))

        let methodology = try page(site, "methodology/index.html")
        XCTAssertTrue(
            methodology.contains(
                "People reported problems a median of 14 minutes before the services&#39; own status pages "
                    + "(1 incident compared). Reports were back to normal a median of 6 minutes"), methodology)
        XCTAssertTrue(methodology.contains("Official incidents not noticed by people: 1."))
        XCTAssertTrue(methodology.contains("never acknowledged on a status page: 1."))
        let sitemap = try page(site, "sitemap.xml")
        XCTAssertTrue(sitemap.contains("<loc>https://status.example.org/services/chatapp/history/</loc>"))
    }

    func testServicePageIsRenderedAgainOnlyWhenTheHistoryChangesOrTheDayRollsOver() throws {
        let site = TestSite()
        let db = TestDatabase()
        try seed(db)
        try build(site, db, at: now)
        let quiet = try build(site, db, at: now.adding(seconds: 60))
        XCTAssertEqual(quiet.servicesRendered, 0, "a minute later, with nothing new, no page is rewritten")

        try db.database.recordDemoHistory(
            episodes: [],
            incidents: [
                IncidentRecord(
                    slug: "chatapp", sourceURL: source, key: "new", title: "Login failures",
                    firstPost: at("2026-11-26T21:00:00Z"))
            ])
        let changed = try build(site, db, at: now.adding(seconds: 120))
        XCTAssertEqual(changed.servicesRendered, 1, "a new incident renders its service again")
        XCTAssertTrue(try page(site, "services/chatapp/history/index.html").contains("Login failures"))
        XCTAssertTrue(try page(site, "services/chatapp/index.html").contains("Login failures, posted"))

        let nextDay = try build(site, db, at: at("2026-11-27T00:05:00Z"))
        XCTAssertEqual(nextDay.servicesRendered, 3, "the strip moves with the day")
        let outageDay = "<title>2026-11-19: Problems detected, 1 official incident</title><rect x="
        XCTAssertTrue(
            try page(site, "services/chatapp/index.html").contains(outageDay + "\"648.8\""),
            "the strip now ends on the 27th, so the 19th is one bar further left (it was at 656.8)")
    }
}
