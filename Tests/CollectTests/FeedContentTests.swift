import Foundation
import Model
import XCTest

@testable import Collect

/// How feed entry bodies (escaped HTML) are read: update labels and plain text, checked
/// against libxml2's HTML parser told the text is UTF-8, on the real captures and on
/// seeded random Statuspage-like markup.
final class FeedContentTests: XCTestCase {
    private let iterations =
        ProcessInfo.processInfo.environment["DOWNTRACK_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 1500

    func testNonASCIILabelsAndTextComeOutAsWritten() throws {
        let atom = """
            <?xml version="1.0" encoding="UTF-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Status</title>
              <entry><id>1</id><updated>2024-05-01T12:00:00Z</updated><title>Störung im Zahlungsverkehr</title>
                <content type="html">&lt;p&gt;&lt;small&gt;Mai 1, 12:00 UTC&lt;/small&gt;&lt;br&gt;&lt;strong&gt;Störung behoben&lt;/strong&gt; - Der Dienst läuft wieder. 服务已恢复。&lt;/p&gt;&lt;p&gt;&lt;strong&gt;Resolved&lt;/strong&gt; - Zahlungen &amp;amp; Überweisungen&lt;/p&gt;</content>
              </entry>
            </feed>
            """
        let entry = try XCTUnwrap(FeedParser.parseFeed(Array(atom.utf8)).entries.first)
        XCTAssertEqual(entry.updateLabels, ["Störung behoben", "Resolved"])
        XCTAssertEqual(
            entry.summary,
            "Mai 1, 12:00 UTC Störung behoben - Der Dienst läuft wieder. 服务已恢复。 Resolved - Zahlungen & Überweisungen")
        XCTAssertEqual(entry.newestStatusLabel, "Resolved")
    }

    func testStatuspageMarkup() {
        let html =
            "<p><small>Feb <var data-var='date'> 8</var>, <var data-var='time'>09:00</var> UTC</small><br><strong>Resolved</strong> - Fixed &amp; verified.</p><p><small>Feb 8</small><br /><strong>Update</strong> - More <3</p>"
        XCTAssertEqual(
            read(html),
            FeedContent.Reading(
                labels: ["Resolved", "Update"],
                text: "Feb 8, 09:00 UTC Resolved - Fixed & verified. Feb 8 Update - More <3"))
        XCTAssertEqual(read(html, wantsText: false), FeedContent.Reading(labels: ["Resolved", "Update"], text: ""))
    }

    func testReferencesCommentsScriptsAndBrokenMarkup() {
        XCTAssertEqual(
            read("<p>a&#233;&#x4E2D;&nbsp;b &rsquo;&bogus; & &amp c&#0;</p>").text, "aé中 b ’&bogus; & &amp c\u{FFFD}")
        XCTAssertEqual(read("<p>x<!-- <strong>no</strong> -->y<script>if (a<b) {}</script>z</p>").text, "xyz")
        XCTAssertEqual(read("<p>x<!-- <strong>no</strong> -->y</p>").labels, [])
        XCTAssertEqual(read("<p><STRONG class=\"a>b\">Monitoring</STRONG> - x</p>").labels, ["Monitoring"])
        // A label left open ends with its paragraph.
        XCTAssertEqual(read("<p><strong>Identified - cause</p><p>more</p>").labels, ["Identified - cause"])
        XCTAssertEqual(read("<p><b>Investigating</b></p><p><strong></strong><b/></p>").labels, ["Investigating"])
        XCTAssertEqual(read("a < b <p unterminated").text, "a < b <p unterminated")
        XCTAssertEqual(read("plain &lt; text, no markup").text, "plain < text, no markup")
    }

    func testReadingForAStatusEndsAfterTheFirstStatusLabel() {
        let html = "<p><strong>Update</strong> a</p><p><b>Resolved</b> b</p><p><strong>Investigating</strong></p>"
        XCTAssertEqual(readForStatus(html), ["Update", "Resolved"])
        // A label still open when a status label inside it ends is read to its end.
        XCTAssertEqual(
            readForStatus("<b>Note: <strong>Resolved</strong> later</b><strong>Identified</strong>"),
            ["Note: Resolved later", "Resolved"])
        XCTAssertEqual(readForStatus("<p><strong>Update</strong></p><p><b>Note</b>"), ["Update", "Note"])
    }

    func testEveryCapturedEntryReadsAsLibXMLReadsIt() throws {
        var compared = 0
        for name in [
            "statuspage/codecov-history.atom", "statuspage/travisci-history.atom",
            "statuspage/saucelabs-uswest-history.atom", "statuspage/streamyard-history.atom",
            "statuspage/streamyard-history.rss", "fedora-status/fedora-changes.rss",
        ] {
            let document = try LibXMLDocument.xml(Fixture.bytes(name))
            for content in try document.select("//a:content | //a:summary | //description") {
                let expected = try libXMLReading(content.text)
                XCTAssertEqual(FeedContent.read(content), expected, "\(name): \(content.text)")
                XCTAssertEqual(FeedContent.read(content, wantsText: false).labels, expected.labels, name)
                assertReadForStatus(
                    FeedContent.read(content, wantsText: false, until: FeedStatus.isStatusLabel), expected)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 250)
    }

    func testRandomStatuspageMarkupReadsAsLibXMLReadsIt() throws {
        var random = SeededRandom(seed: 0x5eed_0002)
        for _ in 0..<iterations {
            let html = randomEntry(&random)
            let expected = try libXMLReading(html)
            XCTAssertEqual(read(html), expected, html)
            if read(html) != expected { return }
            var bytes = html
            assertReadForStatus(
                bytes.withUTF8 { EntryHTML.read($0, wantsText: false, until: FeedStatus.isStatusLabel) }, expected)
            // As a feed carries it: escaped in an element, or in CDATA.
            let escaped = html.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            for xml in ["<r><c>\n \(escaped) </c></r>", "<r><c><![CDATA[\(html)]]></c></r>"] {
                let content = try XCTUnwrap(LibXMLDocument.xml(Array(xml.utf8)).root?.children.first)
                XCTAssertEqual(FeedContent.read(content), expected, xml)
            }
        }
    }

    // MARK: Helpers

    private func readForStatus(_ html: String) -> [String] {
        var html = html
        return html.withUTF8 { EntryHTML.read($0, wantsText: false, until: FeedStatus.isStatusLabel).labels }
    }

    /// A reading for a status holds the full reading's labels up to its first status label.
    private func assertReadForStatus(
        _ reading: FeedContent.Reading, _ full: FeedContent.Reading, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(reading.text, "", file: file, line: line)
        XCTAssertEqual(Array(full.labels.prefix(reading.labels.count)), reading.labels, file: file, line: line)
        let firstStatus = { (labels: [String]) in labels.firstIndex(where: FeedStatus.isStatusLabel) }
        XCTAssertEqual(firstStatus(reading.labels), firstStatus(full.labels), file: file, line: line)
        if firstStatus(reading.labels) == nil {
            XCTAssertEqual(reading.labels, full.labels, file: file, line: line)
        }
    }

    private func read(_ html: String, wantsText: Bool = true) -> FeedContent.Reading {
        var html = html
        return html.withUTF8 { EntryHTML.read($0, wantsText: wantsText) }
    }

    /// The reference reading: libxml2's HTML parser (told UTF-8), then the `<strong>`/`<b>`
    /// texts and the body's text.
    private func libXMLReading(_ html: String) throws -> FeedContent.Reading {
        guard html.contains("<") || html.contains("&") else {
            return FeedContent.Reading(labels: [], text: TreeWalker.collapseWhitespace(html))
        }
        let document = try LibXMLDocument.html(Array(html.utf8), contentType: "text/html; charset=utf-8")
        let root = try XCTUnwrap(document.root)
        let labels = root.descendants { $0.name == "strong" || $0.name == "b" }.map(\.text).filter { !$0.isEmpty }
        return FeedContent.Reading(labels: labels, text: root.text)
    }

    /// Updates as Statuspage writes them, with words, inline markup and references between.
    private func randomEntry(_ random: inout SeededRandom) -> String {
        let words = [
            "Resolved", "fix", "09:00", "UTC", "-", "Störung", "服务已恢复", "’", "😀", "a\u{00A0}b", ">", "\"", "'", "=",
            ";", "\t", "\n", "  ", "<3", "< x", "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#x2019;", "&nbsp;",
            "&hellip;", "&euro;", "& ", "&unknown;", "http://x.test/?a=1&b=2",
        ]
        let labels = ["Resolved", "Update", "Investigating", "In progress", "Gelöst", "已解决", " Monitoring ", ""]
        let inline = ["em", "a href=\"https://x.test/a?b=1&amp;c\"", "code", "span class='x'", "i", "u", "var"]
        var html = ""
        for _ in 0..<random.next(in: 1...4) {
            html += "<p><small>Feb <var data-var='date'>8</var>, 09:00 UTC</small><br"
            html += random.pick([">", " />", "/>"])
            html +=
                random.next(in: 0...1) == 0
                ? "<strong>\(random.pick(labels))</strong>" : "<b>\(random.pick(labels))</b>"
            html += " - "
            for _ in 0..<random.next(in: 0...8) {
                switch random.next(in: 0...5) {
                case 0:
                    let tag = random.pick(inline)
                    let name = tag.split(separator: " ")[0]
                    html += "<\(tag)>\(random.pick(words))</\(name)>"
                case 1: html += random.pick(["<br>", "<!-- note -->", "<strong>x</strong>"])
                default: html += random.pick(words) + random.pick(["", " "])
                }
            }
            html += "</p>"
            if random.next(in: 0...4) == 0 { html += "<ul><li>\(random.pick(words))</li><li>b</li></ul>" }
        }
        return html
    }
}
