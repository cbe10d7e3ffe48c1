import Model
import XCTest

@testable import Collect

/// Only absolute http(s) links leave the collector; script links in every format are dropped.
final class SafeLinkTests: XCTestCase {
    private let hostileLinks = [
        "javascript:alert(document.domain)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "java\nscript:alert(1)", "\u{0}javascript:alert(1)", "\u{1B}javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://x.example/",
        "https://status.example.com@evil.example/", "http://", "https:///path-only", "http:\\\\evil.example",
        "https://exa mple.com/", "https://example.com/\u{85}x", "https://example.com/\u{7F}",
    ]

    func testHostileLinksAreDropped() {
        for link in hostileLinks {
            XCTAssertNil(SafeLink.absoluteHTTP(link, base: "https://status.example.com/history"), link.debugDescription)
            XCTAssertNil(URLText.resolve(link, against: "https://status.example.com/history"), link.debugDescription)
        }
        XCTAssertNil(SafeLink.absoluteHTTP("/incidents/1", base: "javascript:alert(1)//x/"), "the base must be http(s)")
        XCTAssertNil(SafeLink.absoluteHTTP("/incidents/1", base: nil))
        XCTAssertNil(SafeLink.absoluteHTTP("https://x.example/" + String(repeating: "a", count: 5000), base: nil))
    }

    func testGoodLinksAreKeptOrResolved() {
        let base = "https://status.example.com/history.atom"
        XCTAssertEqual(SafeLink.absoluteHTTP("https://stspg.io/abc", base: base), "https://stspg.io/abc")
        XCTAssertEqual(
            SafeLink.absoluteHTTP("HTTPS://Status.Example.com/a", base: base), "https://Status.Example.com/a")
        XCTAssertEqual(SafeLink.absoluteHTTP(" /incidents/x1 ", base: base), "https://status.example.com/incidents/x1")
        XCTAssertEqual(SafeLink.absoluteHTTP("incidents/x1", base: base), "https://status.example.com/incidents/x1")
        XCTAssertEqual(SafeLink.absoluteHTTP("//cdn.example.com/a", base: base), "https://cdn.example.com/a")
        XCTAssertEqual(SafeLink.absoluteHTTP("http://[2001:db8::1]:8080/a", base: nil), "http://[2001:db8::1]:8080/a")
        XCTAssertEqual(
            SafeLink.absoluteHTTP("https://x.example/a b\"<c>?q=é#f", base: nil),
            "https://x.example/a%20b%22%3Cc%3E?q=%C3%A9#f")
        XCTAssertEqual(SafeLink.scheme(of: " Java\tScript:alert(1)"), "javascript")
    }

    func testStatuspageJSONLinksAreHTTPOnly() throws {
        let json = """
            {"page": {"id": "p", "name": "P", "url": "javascript:alert(document.domain)//"},
             "status": {"indicator": "major", "description": "Down"},
             "incidents": [
               {"id": "a1", "name": "Script shortlink", "status": "investigating", "shortlink": "javascript:alert(document.domain)"},
               {"id": "../../a2?x", "name": "Odd id", "status": "investigating", "shortlink": " JAVA\\tSCRIPT:alert(1)"},
               {"id": "a3", "name": "Good", "status": "investigating", "shortlink": "https://stspg.io/a3"}
             ]}
            """
        let status = try StatusDocumentParser.parse(
            kind: .statuspage, url: "https://status.example.com/api/v2/summary.json", body: Array(json.utf8),
            contentType: nil, xpath: nil)
        XCTAssertEqual(
            status.incidents.map(\.url),
            [
                "https://status.example.com/incidents/a1",
                "https://status.example.com/incidents/%2E%2E%2F%2E%2E%2Fa2%3Fx",
                "https://stspg.io/a3",
            ])
    }

    func testFeedLinksAreHTTPOnlyAndResolvedAgainstTheFeed() throws {
        let rss = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>[Investigating] A</title><link>javascript:alert(1)</link></item>
            <item><title>[Investigating] B</title><link>/incidents/b</link></item>
            <item><title>[Investigating] C</title><link>data:text/html,x</link></item>
            <item><title>[Investigating] D</title><link>java&#9;script:alert(1)</link></item>
            </channel></rss>
            """
        let rssStatus = try StatusDocumentParser.parse(
            kind: .rss, url: "https://status.example.com/history.rss", body: Array(rss.utf8), contentType: nil,
            xpath: nil)
        // The tab in D's text is white space to the feed reader, so "java script:" is no scheme:
        // it is a relative path, published (harmlessly) as an https link on the feed's site.
        XCTAssertEqual(
            rssStatus.incidents.map(\.url),
            [nil, "https://status.example.com/incidents/b", nil, "https://status.example.com/java%20script:alert(1)"])

        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><title>[Investigating] A</title><link rel="alternate" href=" JAVASCRIPT:alert(1)"/></entry>
            <entry><title>[Investigating] B</title><link href="../incidents/b"/></entry>
            <entry><title>[Investigating] C</title><link href="vbscript:x"/></entry>
            </feed>
            """
        let feed = try FeedParser.parseFeed(Array(atom.utf8), url: "https://status.example.com/feeds/history.atom")
        XCTAssertEqual(feed.entries.map(\.link), [nil, "https://status.example.com/incidents/b", nil])
        let atomStatus = try StatusDocumentParser.parse(
            kind: .atom, url: "https://status.example.com/feeds/history.atom", body: Array(atom.utf8),
            contentType: nil, xpath: nil)
        XCTAssertEqual(atomStatus.incidents.map(\.url), [nil, "https://status.example.com/incidents/b", nil])
    }

    func testStatuspageHTMLLinksAreHTTPOnly() throws {
        let html = """
            <html><body>
            <div class="unresolved-incident impact-major"><div class="incident-title"><a href="javascript:alert(1)">A</a></div></div>
            <div class="unresolved-incident impact-minor"><div class="incident-title"><a href="/incidents/b">B</a></div></div>
            <div class="unresolved-incident impact-minor"><div class="incident-title"><a href="java&#x0A;script:alert(1)">C</a></div></div>
            </body></html>
            """
        let status = try StatusDocumentParser.parse(
            kind: .html, url: "https://status.example.com/", body: Array(html.utf8), contentType: "text/html",
            xpath: nil)
        XCTAssertEqual(status.incidents.map(\.url), [nil, "https://status.example.com/incidents/b", nil])
    }

    func testACollectedIncidentNeverKeepsAScriptLink() {
        let incident = OfficialIncident(title: "x", url: "javascript:alert(1)")
        XCTAssertNil(incident.collected(documentURL: "https://status.example.com/").url)
    }
}
