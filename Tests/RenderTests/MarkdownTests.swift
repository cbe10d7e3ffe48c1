import Model
import Render
import XCTest

final class MarkdownTests: XCTestCase {
    func testGFMExtensionsAreOn() {
        let html = Markdown.html("""
            | a | b |
            |:-:|---|
            | 1 | 2 |

            ~~gone~~ and https://example.com

            - [x] done
            - [ ] todo
            """)
        XCTAssertTrue(html.contains("<th align=\"center\">a</th>"), html)
        XCTAssertTrue(html.contains("<del>gone</del>"), html)
        XCTAssertTrue(html.contains("<a href=\"https://example.com\">https://example.com</a>"), html)
        XCTAssertTrue(html.contains("type=\"checkbox\""), html)
    }

    func testTagFilterDisarmsScriptEvenInTrustedContent() {
        let html = Markdown.html("<script>alert(1)</script>\n\n<b>bold</b>")
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertTrue(html.contains("&lt;script>"), html)
        XCTAssertTrue(html.contains("<b>bold</b>"))
    }

    func testUntrustedMarkdownDropsRawHTML() {
        XCTAssertFalse(Markdown.html("<b>x</b>", trusted: false).contains("<b>"))
    }

    func testSnakeCaseIsNotEmphasised() {
        XCTAssertEqual(Markdown.html("foo_bar_baz"), "<p>foo_bar_baz</p>\n")
    }

    func testEscapeCoversHTMLSpecials() {
        XCTAssertEqual(HTML.escape("<a href=\"x\">Tom & Jerry's</a>"), "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;")
        XCTAssertEqual(HTML.escape("plain ünï"), "plain ünï")
    }
}
