import Model
import XCTest

/// The one set of character rules for text from outside: what each way of cleaning keeps.
final class InertTextTests: XCTestCase {
    func testCleaningTurnsTabsAndLineBreaksIntoSpacesUnlessKept() {
        let text = "a\tb\r\nc\rd\ne\u{1B}[2J\u{7F}\u{85}f"
        XCTAssertEqual(InertText.clean(text), "a b c d e[2Jf")
        XCTAssertEqual(InertText.clean(text, keepingLineBreaks: true), "a b\nc\nd\ne[2Jf")
        XCTAssertEqual(InertText.clean(text, keepingLineBreaks: true, keepingTabs: true), "a\tb\nc\nd\ne[2Jf")
        XCTAssertEqual(InertText.clean("plain é ü ©"), "plain é ü ©")
    }

    func testALimitCutsTheCleanedTextWithAnEllipsis() {
        XCTAssertEqual(InertText.clean(String(repeating: "x", count: 2000), limit: 10), "xxxxxxxxx…")
        let accents = String(repeating: "é", count: 10)
        XCTAssertEqual(InertText.clean("\u{0}" + accents, limit: 10), accents)
        XCTAssertEqual(InertText.clean("abc", limit: 0), "…")
    }

    func testLogTextShowsControlsAsEscapesAndIsBounded() {
        XCTAssertEqual(InertText.escapedForLog("x\u{1B}]0;owned\u{7}y\u{9B}"), "x\\u{1B}]0;owned\\u{7}y\\u{9B}")
        XCTAssertEqual(InertText.escapedForLog("abcdef", limit: 3), "abc…")
        XCTAssertEqual(InertText.escapedForLog("abc", limit: 3), "abc")
    }

    func testOnlyAbsoluteHTTPLinksPass() {
        XCTAssertEqual(InertText.httpURL("HTTPS://status.example.com/a?b#c"), "HTTPS://status.example.com/a?b#c")
        for link in [
            "javascript:alert(1)", "data:text/html,x", "/relative", "https:///nohost", "https://:80/",
            "https://a b/", "https://x.example/\u{85}", "https://x.example/\"",
            "https://x.example/" + String(repeating: "a", count: InertText.maximumURLLength),
        ] {
            XCTAssertNil(InertText.httpURL(link), link.debugDescription)
        }
    }
}
