import XCTest

@testable import Collect

/// Documents built to hurt a parser: entity tricks, absurd depth, NUL bytes, sheer size.
final class HostileDocumentTests: XCTestCase {
    private let passwdProbe = "root:"

    func testExternalEntityToLocalFileIsNeitherExpandedNorLeaked() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Before &xxe; after</title>
            <entry><title>Entry &xxe;</title><updated>2024-01-01T00:00:00Z</updated></entry></feed>
            """
        let document = try LibXMLDocument.xml(Array(xml.utf8))
        let titles = try document.select("//a:title").map(\.text)
        XCTAssertEqual(titles.count, 2)
        for title in titles { XCTAssertFalse(title.contains(passwdProbe), "leaked: \(title)") }
        XCTAssertEqual(titles.first, "Before after")

        let feed = try FeedParser.parseFeed(Array(xml.utf8))
        XCTAssertFalse(feed.title?.contains(passwdProbe) ?? false)
        XCTAssertFalse(feed.entries.contains { $0.title.contains(passwdProbe) })
    }

    func testExternalEntityInRSSDescriptionIsNotLeaked() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><title>T</title><item><title>I</title>
            <description>&xxe;</description></item></channel></rss>
            """
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://example.com/feed.rss", body: Array(xml.utf8), contentType: nil, xpath: nil)
        XCTAssertFalse(String(describing: status).contains(passwdProbe))
    }

    func testBillionLaughsIsRejectedOrLeftUnexpanded() throws {
        var dtd = "<!ENTITY lol0 \"lol\">"
        for level in 1...9 {
            let previous = "&lol\(level - 1);"
            dtd += "<!ENTITY lol\(level) \"\(String(repeating: previous, count: 10))\">"
        }
        let xml =
            "<?xml version=\"1.0\"?><!DOCTYPE rss [\(dtd)]><rss version=\"2.0\"><channel>"
            + "<title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>"
        let started = Date()
        do {
            let document = try LibXMLDocument.xml(Array(xml.utf8))
            let titles = try document.select("//title").map(\.text)
            XCTAssertTrue(titles.allSatisfy { $0.count < 1000 }, "entities were expanded")
        } catch let error as StatusParseError {
            guard case .notXML = error else { return XCTFail("unexpected error \(error)") }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 2, "billion laughs took too long")
    }

    func testAbsurdNestingDepthIsRejectedWithoutCrashing() throws {
        let depth = 100_000
        let html =
            "<html><body>" + String(repeating: "<div>", count: depth) + "deep"
            + String(repeating: "</div>", count: depth) + "</body></html>"
        XCTAssertThrowsError(try LibXMLDocument.html(Array(html.utf8))) { error in
            XCTAssertEqual(error as? StatusParseError, .tooDeep(limit: DocumentLimits.standard.maxDepth))
        }
        let xml = "<a>" + String(repeating: "<b>", count: depth) + String(repeating: "</b>", count: depth) + "</a>"
        XCTAssertThrowsError(try LibXMLDocument.xml(Array(xml.utf8))) { error in
            guard case .tooDeep = error as? StatusParseError else { return XCTFail("\(error)") }
        }
    }

    func testDepthThatLibxml2WouldSilentlyCutIsRefusedEvenWithAHighLimit() {
        // libxml2 stops at 256 levels and drops the rest; a raised limit must not hide that.
        let html = "<html><body>" + String(repeating: "<div>", count: 300) + "</body></html>"
        XCTAssertThrowsError(try LibXMLDocument.html(Array(html.utf8), limits: DocumentLimits(maxDepth: 10_000))) {
            XCTAssertEqual($0 as? StatusParseError, .tooDeep(limit: LibXMLDocument.deepestSupportedNesting))
        }
    }

    func testNestingWithinTheLimitParses() throws {
        let html =
            "<html><body>" + String(repeating: "<div>", count: 150) + "<p id='x'>deep</p>"
            + String(repeating: "</div>", count: 150) + "</body></html>"
        let document = try LibXMLDocument.html(Array(html.utf8))
        XCTAssertEqual(try document.select("//p[@id='x']").first?.text, "deep")
    }

    func testNULBytesDoNotTruncateTheDocument() throws {
        var bytes = Array("<html><body><p class='a'>before</p>".utf8)
        bytes.append(0)
        bytes += Array("<p class='b'>after</p>".utf8)
        bytes.append(0)
        bytes += Array("<p class='c'>end</p></body></html>".utf8)
        let document = try LibXMLDocument.html(bytes)
        XCTAssertEqual(try document.select("//p").map(\.text), ["before", "after", "end"])

        var feed = Array("<rss version='2.0'><channel><title>T</title><item><title>One</title></item>".utf8)
        feed.append(0)
        feed += Array("<item><title>Two</title></item></channel></rss>".utf8)
        XCTAssertEqual(try FeedParser.parseFeed(feed).entries.map(\.title), ["One", "Two"])
    }

    func testOversizedDocumentIsRefusedBeforeParsing() {
        let limits = DocumentLimits(maxBytes: 1024)
        let big = Array(repeating: UInt8(ascii: "a"), count: 2048)
        XCTAssertThrowsError(try LibXMLDocument.html(big, limits: limits)) { error in
            XCTAssertEqual(error as? StatusParseError, .tooLarge(limit: 1024))
        }
        XCTAssertThrowsError(
            try StatusDocumentParser.parse(
                kind: .auto, url: "https://x.test/", body: big, contentType: nil, xpath: nil, limits: limits)
        ) { error in
            XCTAssertEqual(error as? StatusParseError, .tooLarge(limit: 1024))
            XCTAssertTrue(String(describing: error).contains("1 KiB"))
        }
    }

    func testEmptyAndBlankDocumentsAreReportedAsEmpty() {
        for body in [[], Array("  \n\t ".utf8), [0xFF, 0xFE], [0, 0, 0], [0xFE, 0xFF, 0, 0x20]] as [[UInt8]] {
            XCTAssertThrowsError(
                try StatusDocumentParser.parse(
                    kind: .auto, url: "https://x.test/", body: body, contentType: nil, xpath: nil)
            ) { error in
                XCTAssertEqual(error as? StatusParseError, .emptyDocument, "\(body)")
            }
            XCTAssertThrowsError(try LibXMLDocument.html(body)) {
                XCTAssertEqual($0 as? StatusParseError, .emptyDocument)
            }
            XCTAssertThrowsError(try LibXMLDocument.xml(body)) {
                XCTAssertEqual($0 as? StatusParseError, .emptyDocument)
            }
        }
    }

    func testMalformedXMLNamesTheLine() {
        let xml = "<rss version='2.0'>\n<channel>\n<title>x</titl>\n</channel></rss>"
        XCTAssertThrowsError(try LibXMLDocument.xml(Array(xml.utf8))) { error in
            guard case .notXML(let detail) = error as? StatusParseError else { return XCTFail("\(error)") }
            XCTAssertTrue(detail.contains("line 3"), detail)
        }
    }
}
