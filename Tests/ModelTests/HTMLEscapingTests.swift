import Model
import XCTest

final class HTMLEscapingTests: XCTestCase {
    func testEscapeCoversHTMLSpecials() {
        XCTAssertEqual(
            HTMLEscaping.escape("<a href=\"x\">Tom & Jerry's</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
    }

    func testTextWithoutSpecialsIsReturnedAsItIs() {
        XCTAssertEqual(HTMLEscaping.escape("plain ünï 🚦"), "plain ünï 🚦")
        XCTAssertEqual(HTMLEscaping.escape(""), "")
    }

    /// A quote followed by a combining mark is one Character in Swift but still a quote to an
    /// HTML parser: it must not slip through unescaped and close an attribute.
    func testQuoteFollowedByCombiningMarkIsEscaped() {
        let text = "\"\u{301} onmouseover=x '\u{308}"
        XCTAssertFalse(text.contains("\""), "to Swift the quote and its mark are one Character, not a quote")
        XCTAssertEqual(HTMLEscaping.escape(text), "&quot;\u{301} onmouseover=x &#39;\u{308}")
    }
}
