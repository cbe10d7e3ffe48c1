import Model
import Render
import XCTest

final class MarkdownTests: XCTestCase {
    func testGFMExtensionsAreOn() {
        let html = Markdown.html(
            """
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

    func testTagFilterDisarmsScriptEvenWhenRawHTMLIsAllowed() {
        let html = Markdown.html("<script>alert(1)</script>\n\n<b>bold</b>", rawHTML: true)
        XCTAssertFalse(html.contains("<script>"), html)
        XCTAssertTrue(html.contains("&lt;script>"), html)
        XCTAssertTrue(html.contains("<b>bold</b>"))
    }

    func testRawHTMLIsOmittedByDefault() {
        let html = Markdown.html(
            "<img src=x onerror=alert(2)>\n\nText with <span onmouseover=alert(3)>inline</span> HTML.")
        XCTAssertFalse(html.contains("<img"), html)
        XCTAssertFalse(html.contains("onerror"), html)
        XCTAssertFalse(html.contains("<span"), html)
        XCTAssertTrue(html.contains("Text with"), html)
    }

    func testScriptLinksAreDroppedByDefault() {
        let html = Markdown.html("[click](javascript:alert(1)) and [ok](https://example.com/)")
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertTrue(html.contains("href=\"https://example.com/\""), html)
    }

    func testRawHTMLPassesWhenTheSiteOptsIn() {
        XCTAssertTrue(Markdown.html("<b>x</b>", rawHTML: true).contains("<b>x</b>"))
    }

    func testSnakeCaseIsNotEmphasised() {
        XCTAssertEqual(Markdown.html("foo_bar_baz"), "<p>foo_bar_baz</p>\n")
    }

}
