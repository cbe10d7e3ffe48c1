import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// "Where people report problems": the service JSON and page show countries with at least
/// `site.country_minimum_reports` reports and hide the rest; with none above it the section is
/// not there at all.
final class CountryPageTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    private func reports(_ slug: String, _ country: String?, _ count: Int, minutesAgo: Int64) -> ReportRecord {
        ReportRecord(
            slug: slug, problem: "login", at: now.adding(seconds: -minutesAgo * 60), count: count, source: "cli",
            country: country)
    }

    private func build(_ site: TestSite, _ db: TestDatabase) throws {
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: now, full: false))
    }

    /// The `countries` object of a service's JSON, as published.
    private struct Published: Decodable, Equatable {
        struct Entry: Decodable, Equatable {
            var country: String
            var count: Int
        }
        var lastHour: [Entry]
        var last24Hours: [Entry]
        enum CodingKeys: String, CodingKey {
            case lastHour = "last_hour"
            case last24Hours = "last_24_hours"
        }
    }

    private struct Document: Decodable { var countries: Published }

    private func countries(_ site: TestSite, _ slug: String) throws -> Published {
        let json = try XCTUnwrap(site.directory.read("output/api/v1/services/\(slug).json"))
        return try JSONDecoder().decode(Document.self, from: Data(json.utf8)).countries
    }

    func testCountriesAboveTheMinimumAreShownAndTheRestHidden() throws {
        let site = TestSite()
        let db = TestDatabase()
        try db.database.record([
            reports("chatapp", "DE", 7, minutesAgo: 10),
            reports("chatapp", "FR", 3, minutesAgo: 10),
            reports("chatapp", "CN", 6, minutesAgo: 600),
            reports("chatapp", nil, 40, minutesAgo: 10),
            reports("chatapp", "JP", 9, minutesAgo: 25 * 60),
            reports("mailbox", "DE", 4, minutesAgo: 10),
        ])
        try build(site, db)

        XCTAssertEqual(
            try countries(site, "chatapp"),
            Published(
                lastHour: [.init(country: "DE", count: 7)],
                last24Hours: [.init(country: "DE", count: 7), .init(country: "CN", count: 6)]),
            "France (3) is under the minimum; Japan is older than 24 hours; unknown is never listed")
        XCTAssertEqual(try countries(site, "mailbox"), Published(lastHour: [], last24Hours: []))

        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("<h2 id=\"countries-heading\">Where people report problems</h2>"), page)
        XCTAssertTrue(page.contains("<table class=\"countries\">\n<caption>Reports about Chat &lt;App&gt;"), page)
        XCTAssertTrue(page.contains("<th scope=\"col\">Country</th>"))
        // Shares are of the 16 reports whose country is known: 7/16 and 6/16.
        XCTAssertTrue(page.contains("<tr><th scope=\"row\">Germany</th><td>7</td><td><span class=\"share\">44%</span>"))
        XCTAssertTrue(page.contains("<tr><th scope=\"row\">China</th><td>6</td><td><span class=\"share\">38%</span>"))
        XCTAssertTrue(page.contains("<rect class=\"bar-fill\" width=\"44\" height=\"6\"/>"))
        XCTAssertFalse(page.contains("France"))
        XCTAssertFalse(page.contains("style="), "no inline styles under the CSP")
        let germany = try XCTUnwrap(page.range(of: "Germany")).lowerBound
        let china = try XCTUnwrap(page.range(of: "China")).lowerBound
        XCTAssertLessThan(germany, china, "most reported first")

        let quiet = try XCTUnwrap(site.directory.read("output/services/mailbox/index.html"))
        XCTAssertFalse(quiet.contains("countries-heading"), "nothing above the minimum: no section")
        XCTAssertTrue(
            quiet.contains("</ul>\n</section>\n\n<section aria-labelledby=\"official-heading\">"),
            "the hidden section leaves no trace in the page")
    }

    func testTheMinimumComesFromTheConfigurationAndTheTableUpdates() throws {
        let site = TestSite(
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org", country_minimum_reports: 2}
                collect: {allow_private_addresses: true}
                """)
        let db = TestDatabase()
        try db.database.record([reports("chatapp", "FR", 3, minutesAgo: 10)])
        try build(site, db)
        XCTAssertEqual(try countries(site, "chatapp").last24Hours, [.init(country: "FR", count: 3)])
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("<th scope=\"row\">France</th><td>3</td>"), page)
        XCTAssertTrue(page.contains("Countries with fewer than 2 reports are not shown."))
        let methodology = try XCTUnwrap(site.directory.read("output/methodology/index.html"))
        XCTAssertTrue(methodology.contains("<h2>Where reports come from</h2>"))
        XCTAssertTrue(methodology.contains("only when at least 2 reports came from it"), methodology)

        // A new country report changes the page on the next (incremental) build.
        try db.database.record([reports("chatapp", "BR", 5, minutesAgo: 5)])
        try build(site, db)
        let again = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(again.contains("<th scope=\"row\">Brazil</th><td>5</td>"), again)
    }
}
