import Model
import XCTest

@testable import Collect

/// The Hund.io capture (Indeed), wrapped in a code fence like the Statuspage ones.
final class HundHTMLParserTests: XCTestCase {
    func testIndeedHundPageIsOperatingNormallyWithFourComponents() throws {
        let status = try HundHTMLParser.parse(
            Fixture.bytes("hund/indeed-page.html"), url: "https://appsstatus.indeed.com/")
        XCTAssertEqual(status.indicator, .none)
        XCTAssertEqual(status.rawIndicator, "operational")
        XCTAssertEqual(status.description, "Operating Normally")
        XCTAssertEqual(
            status.components.map(\.name), ["Indeed Analytics", "Sponsored Job Campaigns API", "Ads Web", "ZapInfo"])
        XCTAssertEqual(status.componentCounts, [.operational: 4])
        XCTAssertFalse(status.components.contains { $0.name == "Advertising Services" }, "groups are not components")
        XCTAssertTrue(status.incidents.isEmpty, "\"Nothing has happened recently.\"")
    }

    func testHundPageIsDetectedAutomatically() throws {
        let body = try Fixture.bytes("hund/indeed-page.html")
        XCTAssertEqual(
            FormatDetector.detect(url: "https://appsstatus.indeed.com/", body: body, contentType: "text/html"),
            .hundHTML)
        let status = try StatusDocumentParser.parse(
            kind: .html, url: "https://appsstatus.indeed.com/", body: body, contentType: "text/html", xpath: nil)
        XCTAssertEqual(status.components.count, 4)
    }

    func testDegradedHundComponentAndBar() throws {
        let html = """
            <html><body><aside class='degraded state-bar'><span class='status'>Degraded Service</span></aside>
            <section class='groups'><section class='group'><header><h2>Core</h2><span class='degraded state'>Degraded</span></header>
            <div class='item'><div class='info'><span class='name'><a href='/c/1'>API</a></span></div>
            <div class='status'><span class='degraded state icon' title='Degraded'></span></div></div>
            <div class='item'><div class='info'><span class='name'><a href='/c/2'>Web</a></span></div>
            <div class='status'><span class='outage state icon' title='Outage'></span></div></div>
            </section></section><footer>Powered By Hund.io</footer></body></html>
            """
        let status = try HundHTMLParser.parse(Array(html.utf8))
        XCTAssertEqual(status.indicator, .minor)
        XCTAssertEqual(status.components.map(\.status), [.degradedPerformance, .majorOutage])
    }
}
