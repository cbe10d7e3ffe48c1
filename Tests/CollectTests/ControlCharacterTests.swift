import Model
import XCTest

@testable import Collect

/// Control characters from a vendor never survive into model values, reasons or log text.
final class ControlCharacterTests: XCTestCase {
    private func assertInert(_ text: String?, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let text else { return }
        for scalar in text.unicodeScalars where scalar != "\t" && scalar != "\n" {
            XCTAssertFalse(InertText.isControl(scalar), "\(message): \(text.debugDescription)", file: file, line: line)
        }
    }

    private func assertInert(_ status: OfficialStatus, file: StaticString = #filePath, line: UInt = #line) {
        assertInert(status.description, "description", file: file, line: line)
        assertInert(status.rawIndicator, "rawIndicator", file: file, line: line)
        for component in status.components {
            assertInert(component.name, "component name", file: file, line: line)
            assertInert(component.rawStatus, "component rawStatus", file: file, line: line)
        }
        for incident in status.incidents {
            assertInert(incident.title, "incident title", file: file, line: line)
            assertInert(incident.rawStatus, "incident rawStatus", file: file, line: line)
            assertInert(incident.rawImpact, "incident rawImpact", file: file, line: line)
            assertInert(incident.url, "incident url", file: file, line: line)
        }
    }

    func testCleaningKeepsTabsAndLinesAndDropsTheRest() {
        XCTAssertEqual(VendorText.text("a\u{1B}[31mred\u{1B}[0m\u{0}b"), "a[31mred[0mb")
        XCTAssertEqual(VendorText.text("one\r\ntwo\rthree\tfour\u{7F}\u{85}\u{9B}2J"), "one\ntwo\nthree\tfour2J")
        XCTAssertEqual(VendorText.line("a\tb\nc"), "a b c")
        XCTAssertEqual(VendorText.text(String(repeating: "x", count: 2000), limit: 10), "xxxxxxxxx…")
        XCTAssertEqual(VendorText.text("plain é ü ©"), "plain é ü ©")
        XCTAssertEqual(InertText.escapedForLog("x\u{1B}]0;owned\u{7}y"), "x\\u{1B}]0;owned\\u{7}y")
        XCTAssertNil(VendorText.validator("\"v1\"\r\nX-Injected: 1"))
        XCTAssertEqual(VendorText.validator("\"v1\""), "\"v1\"")
    }

    func testStatuspageJSONTextsAreCleaned() throws {
        let json = """
            {"page": {"id": "p", "name": "P", "url": "https://status.example.com"},
             "status": {"indicator": "minor\\u001b[2J", "description": "Degraded\\u0000\\u001b]0;pwned\\u0007 \\u0085now"},
             "components": [{"id": "c", "name": "API\\u001b[31m\\u009b", "status": "partial_outage"}],
             "incidents": [{"id": "i", "name": "Errors\\u0000 \\u001b[1mbold", "status": "investigating",
                            "impact": "minor\\u0001", "shortlink": "https://stspg.io/\\u001bx"}]}
            """
        let status = try StatusDocumentParser.parse(
            kind: .statuspage, url: "https://status.example.com/api/v2/summary.json", body: Array(json.utf8),
            contentType: nil, xpath: nil)
        assertInert(status)
        XCTAssertEqual(status.description, "Degraded]0;pwned now")
        XCTAssertEqual(status.components.first?.name, "API[31m")
        XCTAssertEqual(status.incidents.first?.title, "Errors [1mbold")
        XCTAssertEqual(status.incidents.first?.url, "https://status.example.com/incidents/i")
    }

    func testFeedTextsAreCleaned() throws {
        // XML allows C1 characters (U+0085 NEL, U+009B CSI) and DEL; C0 bytes make it not well-formed.
        let rss = """
            <rss version="2.0"><channel><title>T&#x9B;2J</title>
            <item><title>[Investigating] Down&#x85;&#x9B;31m&#x7F;</title><description>&lt;strong&gt;Investigating&#x9B;&lt;/strong&gt; - x&#x85;</description>
            <link>https://status.example.com/i/1</link></item></channel></rss>
            """
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://status.example.com/history.rss", body: Array(rss.utf8), contentType: nil,
            xpath: nil)
        assertInert(status)
        // NEL is white space to the text reader: it becomes a space; CSI and DEL go.
        XCTAssertEqual(status.incidents.first?.title, "[Investigating] Down 31m")
        let feed = try FeedParser.parseFeed(Array(rss.utf8), url: "https://status.example.com/history.rss")
        assertInert(feed.title, "feed title")
        for entry in feed.entries {
            assertInert(entry.title, "entry title")
            assertInert(entry.summary, "entry summary")
            for label in entry.updateLabels { assertInert(label, "label") }
        }
    }

    func testHTMLPageTextsAreCleaned() throws {
        let html = Array(
            """
            <html><body>
            <div class="page-status status-major\u{1B}"><span class="status">Major\u{1B}[5m Outage\u{0}</span></div>
            <div data-component-status="major_outage"><span class="name">Web\u{1B}[31m\u{C2}\u{85}</span></div>
            <div class="unresolved-incident impact-major"><div class="incident-title"><a href="/i/1">Down\u{1B}[2J</a></div>
            <div class="update"><strong>Investigating\u{7}</strong> - x</div></div>
            </body></html>
            """.utf8)
        let status = try StatusDocumentParser.parse(
            kind: .html, url: "https://status.example.com/", body: html, contentType: "text/html; charset=utf-8",
            xpath: nil)
        assertInert(status)
        let rules = XPathRules(indicator: "//span[@class='status']", incidents: "//div[@class='incident-title']")
        let byRules = try StatusDocumentParser.parse(
            kind: .html, url: "https://status.example.com/", body: html, contentType: "text/html; charset=utf-8",
            xpath: rules)
        assertInert(byRules)
    }

    func testFailureReasonsQuoteNoControlCharacters() {
        let reasons = [
            FetchFailure.unsafeRedirect("\u{1B}[31mred").description,
            FetchFailure.hostNotFound("evil\u{1B}]0;x\u{7}.example").description,
            FetchFailure.transport("curl says \u{1B}[2J").description,
            FetchFailure.invalidURL("http://x\u{0}").description,
        ]
        for reason in reasons { assertInert(reason, "reason") }
    }
}
