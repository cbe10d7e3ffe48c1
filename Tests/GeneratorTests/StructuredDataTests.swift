import Foundation
import Model
import XCTest

@testable import Generator

/// The schema.org blocks: valid JSON with the fields search engines read, and inert in a page.
final class StructuredDataTests: XCTestCase {
    func testFAQPageCarriesEveryQuestionWithItsPlainTextAnswer() throws {
        let block = try StructuredData.faq([
            FAQItem(question: "Is it down?", answer: "Check **this** page."),
            FAQItem(question: "Why?", answer: "Because."),
        ])
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        XCTAssertEqual(object["@context"] as? String, "https://schema.org")
        XCTAssertEqual(object["@type"] as? String, "FAQPage")
        let questions = try XCTUnwrap(object["mainEntity"] as? [[String: Any]])
        XCTAssertEqual(questions.map { $0["name"] as? String }, ["Is it down?", "Why?"])
        let answer = try XCTUnwrap(questions.first?["acceptedAnswer"] as? [String: Any])
        XCTAssertEqual(answer["@type"] as? String, "Answer")
        XCTAssertEqual(answer["text"] as? String, "Check this page.")
    }

    func testNoTextCanCloseTheScriptElement() throws {
        let block = try StructuredData.breadcrumbs([
            (name: "</script><script>alert(1)</script>", link: "https://example.test/"),
            (name: "<!-- x", link: "https://example.test/a/"),
        ])
        XCTAssertFalse(block.contains("<"))
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        let items = try XCTUnwrap(object["itemListElement"] as? [[String: Any]])
        XCTAssertEqual(items.first?["name"] as? String, "</script><script>alert(1)</script>")
        XCTAssertEqual(items.map { $0["position"] as? Int }, [1, 2])
        XCTAssertEqual(items.last?["item"] as? String, "https://example.test/a/")
    }
}
