import Model
import XCTest

@testable import Collect

/// Generic HTML pages read with the content file's XPath rules.
final class XPathHTMLParserTests: XCTestCase {
    private let page = """
        <html><body>
        <div id="status"> Partial outage affecting
          some customers </div>
        <ul><li class="incident">Login failures in EU</li><li class="incident">  </li><li class="incident">Slow API</li></ul>
        <table>
          <tr class="component"><td>API</td><td>Operational</td></tr>
          <tr class="component"><td>Website</td><td>Major Outage</td></tr>
        </table>
        <p class="svc">Dashboard Degraded Performance</p><p class="svc">Billing Under Maintenance</p><p class="svc">Mystery</p>
        </body></html>
        """

    private func parse(_ rules: XPathRules, html: String? = nil) throws -> OfficialStatus {
        try XPathHTMLParser.parse(Array((html ?? page).utf8), rules: rules, url: "https://x.test/status")
    }

    func testIndicatorTextBecomesDescriptionAndKeywordIndicator() throws {
        let status = try parse(XPathRules(indicator: "//div[@id='status']"))
        XCTAssertEqual(status.description, "Partial outage affecting some customers")
        XCTAssertEqual(status.rawIndicator, "Partial outage affecting some customers")
        XCTAssertEqual(status.indicator, .minor)
    }

    func testKeywordIndicators() {
        let cases: [(String, OfficialIndicator)] = [
            ("All Systems Operational", .none), ("No issues detected", .none), ("Everything is up", .none),
            ("Degraded performance", .minor), ("Minor delays", .minor), ("Major outage", .major),
            ("Service down", .major), ("Scheduled maintenance in progress", .maintenance), ("Hello", .unknown),
            ("Updates are being rolled out", .unknown),
        ]
        for (text, expected) in cases { XCTAssertEqual(StatusWords.indicator(forText: text), expected, text) }
    }

    func testEachIncidentMatchIsAnOpenIncident() throws {
        let status = try parse(XPathRules(indicator: "//div[@id='status']", incidents: "//li[@class='incident']"))
        XCTAssertEqual(status.incidents.map(\.title), ["Login failures in EU", "Slow API"])
        XCTAssertTrue(status.incidents.allSatisfy(\.isOpen))
    }

    func testComponentsFromChildCellsAndFromTrailingWords() throws {
        let rows = try parse(XPathRules(components: "//tr[@class='component']"))
        XCTAssertEqual(rows.components.map(\.name), ["API", "Website"])
        XCTAssertEqual(rows.components.map(\.status), [.operational, .majorOutage])
        XCTAssertEqual(rows.indicator, .major, "derived when there is no indicator rule")

        let lines = try parse(XPathRules(components: "//p[@class='svc']"))
        XCTAssertEqual(lines.components.map(\.name), ["Dashboard", "Billing"], "unreadable statuses are skipped")
        XCTAssertEqual(lines.components.map(\.status), [.degradedPerformance, .underMaintenance])
    }

    func testStringResultRulesWork() throws {
        let status = try parse(XPathRules(indicator: "normalize-space(//div[@id='status'])"))
        XCTAssertEqual(status.description, "Partial outage affecting some customers")
    }

    func testInvalidXPathIsReportedWithTheExpression() {
        XCTAssertThrowsError(try parse(XPathRules(indicator: "//div[@id='status'"))) { error in
            XCTAssertEqual(error as? StatusParseError, .xpathInvalid("//div[@id='status'"))
            XCTAssertTrue(String(describing: error).contains("content file"))
        }
        XCTAssertThrowsError(try parse(XPathRules(incidents: "//x:li"))) { error in
            XCTAssertEqual(error as? StatusParseError, .xpathInvalid("//x:li"), "undefined namespace prefix")
        }
    }

    func testIndicatorRuleMatchingNothingIsNoData() {
        XCTAssertThrowsError(try parse(XPathRules(indicator: "//div[@id='nope']"))) { error in
            guard case .noStatusData = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }

    func testHtmlSourceWithoutRulesAndUnknownPageAsksForRules() {
        XCTAssertThrowsError(
            try StatusDocumentParser.parse(
                kind: .html, url: "https://x.test/", body: Array(page.utf8), contentType: nil, xpath: nil)
        ) { error in
            XCTAssertEqual(error as? StatusParseError, .missingXPathRules)
        }
    }

    func testExpensiveRuleIsStoppedByTheWorkBudget() throws {
        var html = "<html><body>"
        for index in 0..<400 {
            html +=
                "<div class='component'><div class='component inner'><span class='name'>c\(index)</span></div></div>"
        }
        html += "</body></html>"
        let limits = DocumentLimits(maxXPathOperations: 10_000)
        XCTAssertThrowsError(
            try XPathHTMLParser.parse(
                Array(html.utf8),
                rules: XPathRules(incidents: "//div[contains(@class,'component')]//span[@class='name']"),
                limits: limits)
        ) { error in
            XCTAssertEqual(
                error as? StatusParseError,
                .xpathTooExpensive("//div[contains(@class,'component')]//span[@class='name']"))
        }
        // The same facts through a cheap expression fit the default budget.
        let status = try XPathHTMLParser.parse(
            Array(html.utf8),
            rules: XPathRules(incidents: "//span[@class='name'][ancestor::div[contains(@class,'component')]]"))
        XCTAssertEqual(status.incidents.count, 400)
    }
}
