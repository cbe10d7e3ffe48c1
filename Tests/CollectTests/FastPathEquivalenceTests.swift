import CLibXML2
import Foundation
import Model
import XCTest

@testable import Collect

/// The byte-level text, class, date, status-word and URL code against plain String /
/// Foundation versions of the same rules (`ReferenceDateText`, `ReferenceStatusWords`, the
/// originals below), on the fixtures and on seeded random input.
/// `DOWNTRACK_FUZZ_ITERATIONS` raises the number of random cases.
final class FastPathEquivalenceTests: XCTestCase {
    private let iterations =
        ProcessInfo.processInfo.environment["DOWNTRACK_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 3000

    // MARK: Text, classes

    func testCollapseWhitespaceMatchesUnicodeWhiteSpace() {
        var text = ""
        for value in 0..<0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            text.unicodeScalars.append(scalar)
            text += "x"
        }
        XCTAssertEqual(TreeWalker.collapseWhitespace(text), originalCollapse(text))
        var random = SeededRandom(seed: 7)
        let pieces = [
            "a", " ", "\u{00A0}", "\u{2003}", "\u{200B}", "\u{3000}", "\r\n", "\t", "é", "😀", "\u{0085}", "\u{FEFF}",
        ]
        for _ in 0..<iterations {
            let sample = (0..<random.next(in: 0...12)).map { _ in random.pick(pieces) }.joined()
            XCTAssertEqual(TreeWalker.collapseWhitespace(sample), originalCollapse(sample), sample.debugDescription)
        }
        // Invalid UTF-8 is repaired as String(decoding:) does.
        let invalid: [UInt8] = [0x61, 0xE2, 0x80, 0x20, 0x20, 0xC2, 0xFF, 0x62, 0xC2, 0xA0, 0x63]
        XCTAssertEqual(
            TreeWalker.collapseWhitespace(invalid), originalCollapse(String(decoding: invalid, as: UTF8.self)))
    }

    func testElementTextMatchesTheOriginalWalk() throws {
        for name in ["statuspage/pythonstatus-page.html", "hund/indeed-page.html", "statuspage/datadog-page.html"] {
            let document = try LibXMLDocument.html(Fixture.bytes(name))
            for node in try document.select("//*") {
                XCTAssertEqual(node.text, originalText(node.pointer), name)
            }
        }
        let html =
            "<div> a<script>x</script><p>b</p>c<br>d<h2>e</h2><table><tr><td>f</td><td>g</td></tr></table><details>h</details><figcaption>i</figcaption><blockquote>j</blockquote><article>k</article><ph>l</ph><hx>m</hx><li>n</li><dt>o</dt><dd>p</dd><dl>q</dl><tbodyx>r</tbodyx><style>s</style>t</div>"
        let document = try LibXMLDocument.html(Array(html.utf8))
        for node in try document.select("//* | //@* | //text() | /") {
            XCTAssertEqual(node.text, originalText(node.pointer))
        }
    }

    func testHasClassMatchesTheOriginal() throws {
        let values = [
            "a b", " a\tb\n", "a\r\nb", "a\rb", "ab", "a  b", "é a", "a\u{0301} b", "", "b a", "A", "a-b", "\u{212A}",
        ]
        for value in values {
            let escaped = value.replacingOccurrences(of: "\"", with: "&quot;")
            let document = try LibXMLDocument.html(Array("<div class=\"\(escaped)\">x</div><p>y</p>".utf8))
            for node in try document.select("//div | //p") {
                for name in ["a", "b", "ab", "a b", "", "A", "K", "é", "a-b"] {
                    XCTAssertEqual(
                        node.hasClass(name), NodeAccess.slowHasClass(node.pointer, name),
                        "\(value.debugDescription) \(name)")
                }
            }
        }
        let xml = "<!DOCTYPE r [<!ATTLIST e class CDATA \"a b\">]><r><e/><e class='c'/></r>"
        let document = try LibXMLDocument.xml(Array(xml.utf8))
        let elements = try document.select("//e")
        XCTAssertEqual(elements.map { $0.hasClass("a") }, [true, false], "DTD defaults count, as in xmlGetProp")
    }

    func testDepthLimitHoldsExactlyAtTheLimit() {
        // A node `limit` levels below the root element (text counts) is refused; one level
        // less is accepted, whether or not the parser's stack bound lets the walk be skipped.
        for maxDepth in [3, 4, 5, 9, 10, 11, 20, 40] {
            let limits = DocumentLimits(maxDepth: maxDepth)
            for nesting in 1...(maxDepth + 2) {
                for text in ["", "x"] {
                    let xml =
                        String(repeating: "<a>", count: nesting) + text + String(repeating: "</a>", count: nesting)
                    // Deepest node: the innermost <a> (nesting - 1), or its text (nesting).
                    let deepest = text.isEmpty ? nesting - 1 : nesting
                    let refused = (try? LibXMLDocument.xml(Array(xml.utf8), limits: limits)) == nil
                    XCTAssertEqual(refused, deepest >= maxDepth, "xml nesting \(nesting) \(text) maxDepth \(maxDepth)")
                    // HTML puts <html><body> above the divs: two levels more.
                    let html =
                        String(repeating: "<div>", count: nesting) + text + String(repeating: "</div>", count: nesting)
                    let htmlRefused = (try? LibXMLDocument.html(Array(html.utf8), limits: limits)) == nil
                    XCTAssertEqual(
                        htmlRefused, deepest + 2 >= maxDepth, "html nesting \(nesting) \(text) maxDepth \(maxDepth)")
                }
            }
        }
    }

    func testAttributeReadsAsXMLGetProp() throws {
        let xml = """
            <!DOCTYPE r [<!ENTITY e "ent"><!ATTLIST link rel CDATA "alternate" href CDATA #IMPLIED>]>
            <r xmlns:x="urn:x"><link/><link rel="self" href=""/><link href="a&amp;b&e;c"/><link x:href="ns"/>
            <link rel=""/><other/></r>
            """
        let document = try LibXMLDocument.xml(Array(xml.utf8))
        for node in try document.select("//*") {
            for name in ["rel", "href"] as [StaticString] {
                XCTAssertEqual(
                    NodeAccess.attributeString(node.pointer, name), node.attribute(name.description), "\(name)")
            }
        }
        let html = try LibXMLDocument.html(Array("<a href=x rel>t</a><a HREF='y'>u</a><p>v</p>".utf8))
        for node in try html.select("//*") {
            for name in ["rel", "href"] as [StaticString] {
                XCTAssertEqual(
                    NodeAccess.attributeString(node.pointer, name), node.attribute(name.description), "\(name)")
            }
        }
    }

    // MARK: Words, dates, links

    func testDatesMatchTheStringParser() {
        let samples = [
            "2016-06-30T15:19:17Z", "2020-11-15T00:17:45-08:00", "2021-12-07T11:07:15.773-07:00", "2024-01-01",
            "2024-01-01T10:00", "2024-01-01 10:00:00", "2024-13-01", "Mon, 10 Jun 2024 11:10:42 +0000",
            "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
            "2021-05-13 12:00:00 +0000 UTC", "Tue, 02 Jan 2024 10:00:00 PST", "Jan 12 16:04 UTC 2021", " 2024-01-01",
            "2024-01-01 ", "10 Jun 24 11:10 CEST", "10 Jun 2024 25:00", "x", "", "Jun", "1 2 3", "+0100",
            "10 Jun 2024 11:10:42 +01:00", "Wed, 31 Mar 2021 18:58:39 +0000", "10 JUNE 2024",
            "99999999999999999999 Jun 2024",
        ]
        for sample in samples {
            XCTAssertEqual(DateText.parse(sample), ReferenceDateText.parse(sample), sample)
        }
        var random = SeededRandom(seed: 11)
        let pieces = [
            "2024", "-", "06", "T", "10", ":", "42", "Z", "+", "0000", " ", ",", "Mon", "Jun", "june", "GMT", "utc",
            "pst",
            "CEST", "x", "1", "12", "99", "31", "32", "-07:00", ".5", "\t", "é", "\r\n", "+", "-", "24", "AKST",
        ]
        for _ in 0..<(iterations * 3) {
            let sample = (0..<random.next(in: 1...9)).map { _ in random.pick(pieces) }.joined()
            XCTAssertEqual(DateText.parse(sample), ReferenceDateText.parse(sample), sample.debugDescription)
        }
    }

    func testStatusWordsMatchTheStringVersions() {
        var random = SeededRandom(seed: 13)
        let pieces = [
            "Resolved", "resolved", "in", " ", "progress", "-", "In", "Progress", "postmortem", "Update", "\t",
            "\u{0B}",
            "\u{1F}", "\u{00A0}", "é", "[", "]", ":", "–", "Investigating", "monitoring", "x", "operational", "Partial",
            "outage", "_", "Major", "OUTAGE", "degraded", "performance", "\r\n", "K", "\u{212A}",
        ]
        for _ in 0..<(iterations * 3) {
            let sample = (0..<random.next(in: 0...5)).map { _ in random.pick(pieces) }.joined()
            XCTAssertEqual(StatusWords.incidentStatus(sample), IncidentStatus.parse(sample), sample.debugDescription)
            XCTAssertEqual(
                StatusWords.componentStatus(forText: sample), ReferenceStatusWords.componentStatus(sample),
                sample.debugDescription)
            let fast = FeedStatus.titleStatus(sample)
            let slow = ReferenceStatusWords.titleStatus(sample)
            XCTAssertEqual(fast?.status, slow?.status, sample.debugDescription)
            XCTAssertEqual(fast?.raw, slow?.raw, sample.debugDescription)
        }
    }

    func testPlainLinksResolveAsTheGeneralResolverDoes() {
        let bases: [String?] = [
            nil, "https://status.example.test/history", "file:///codecov-history.atom", "not a url", "",
        ]
        var random = SeededRandom(seed: 17)
        let pieces = [
            "http://", "https://", "HTTP://", "a", "b.c", "-", "0", ":", "8080", "/", "x", "?", "q=1", "&", "#", "%20",
            "@",
            "[", "]", " ", ".", "..", "/.", "~", "'", "(", ")", "*", "+", ",", ";", "=", "!", "$", "é", "\\", "|",
        ]
        for _ in 0..<(iterations * 3) {
            let href =
                random.pick(["http://", "https://"])
                + (0..<random.next(in: 0...10)).map { _ in random.pick(pieces) }.joined()
            for base in bases {
                XCTAssertEqual(
                    URLText.resolve(href, against: base), SafeLink.absoluteHTTP(href, base: base),
                    "\(href) against \(base ?? "nil")")
            }
        }
    }

    // MARK: The original implementations, as references

    private func originalCollapse(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace || scalar == "\u{00A0}" {
                pendingSpace = true
            } else {
                if pendingSpace && !result.isEmpty { result.append(" ") }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private func originalText(_ start: xmlNodePtr) -> String {
        let blockNames: Set<String> = [
            "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
            "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody",
            "td", "tfoot", "th", "thead", "tr", "ul", "option", "summary", "details", "figcaption",
        ]
        func isBlock(_ node: xmlNodePtr) -> Bool {
            guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return false }
            guard strlen(name) <= 10 else { return false }
            return blockNames.contains(String(cString: name))
        }
        var raw: [UInt8] = []
        if start.pointee.type == XML_ATTRIBUTE_NODE {
            var child = start.pointee.children
            while let node = child {
                if node.pointee.type == XML_TEXT_NODE, let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                }
                child = node.pointee.next
            }
            return originalCollapse(String(decoding: raw, as: UTF8.self))
        }
        let space = UInt8(ascii: " ")
        TreeWalker.walk(
            start, leave: { if isBlock($0) { raw.append(space) } },
            { node, _ in
                let type = node.pointee.type
                if type == XML_TEXT_NODE || type == XML_CDATA_SECTION_NODE, let content = node.pointee.content {
                    raw.append(contentsOf: UnsafeBufferPointer(start: content, count: strlen(content)))
                    return .skipChildren
                }
                guard type == XML_ELEMENT_NODE, node != start, let name = node.pointee.name else { return .descend }
                if isBlock(node) { raw.append(space) }
                if strcmp(name, "script") == 0 || strcmp(name, "style") == 0 { return .skipChildren }
                return .descend
            })
        return originalCollapse(String(decoding: raw, as: UTF8.self))
    }
}

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(nextUInt64() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[next(in: 0...(items.count - 1))] }
}
