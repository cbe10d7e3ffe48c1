import XCTest

@testable import Collect

/// The libxml2 wrapper: parsing, XPath with namespaces, text and attributes.
final class LibXMLDocumentTests: XCTestCase {
    func testAtomNeedsTheRegisteredNamespacePrefix() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><title>One</title></entry><entry><title>Two</title></entry></feed>
            """
        let document = try LibXMLDocument.xml(Array(atom.utf8))
        XCTAssertEqual(try document.select("//entry/title").count, 0, "default namespace hides unprefixed names")
        XCTAssertEqual(try document.select("//a:entry/a:title").map(\.text), ["One", "Two"])
        XCTAssertEqual(document.root?.namespaceURI, "http://www.w3.org/2005/Atom")
    }

    func testMessyHTMLIsRepairedAndQueried() throws {
        let html =
            "<div class=component><span class='name'>API<div class=status>Major outage</div><p>a &amp; b &nbsp; <"
        let document = try LibXMLDocument.html(Array(html.utf8))
        XCTAssertEqual(try document.select("//div[@class='status']").first?.text, "Major outage")
        XCTAssertEqual(try document.select("//span[@class='name']").first?.text.hasPrefix("API Major outage"), true)
        XCTAssertEqual(try document.select("//div").first?.attribute("class"), "component")
        XCTAssertEqual(try document.select("//div").first?.hasClass("component"), true)
        XCTAssertEqual(try document.select("//p").first?.text, "a & b <")
    }

    func testBlockElementsSeparateWordsButInlineOnesDoNot() throws {
        let html = "<table><tr id='r'><td>API</td><td>Operational</td></tr></table><p id='i'>Part<b>ial</b> outage</p>"
        let document = try LibXMLDocument.html(Array(html.utf8))
        XCTAssertEqual(try document.select("//tr[@id='r']").first?.text, "API Operational")
        XCTAssertEqual(try document.select("//p[@id='i']").first?.text, "Partial outage")
    }

    func testScriptAndStyleTextIsLeftOut() throws {
        let html =
            "<html><body><div id='x'>Hello<script>var a = '</div>';</script><style>p{}</style> world</div></body></html>"
        let document = try LibXMLDocument.html(Array(html.utf8))
        XCTAssertEqual(try document.select("//div[@id='x']").first?.text, "Hello world")
    }

    func testRelativeXPathAndAttributeResults() throws {
        let html = "<html><body><ul><li data-s='up'>A</li><li data-s='down'>B</li></ul></body></html>"
        let document = try LibXMLDocument.html(Array(html.utf8))
        let list = try XCTUnwrap(document.select("//ul").first)
        XCTAssertEqual(try list.select("li").map(\.text), ["A", "B"])
        XCTAssertEqual(try document.evaluate("//li/@data-s", at: nil).texts, ["up", "down"])
        XCTAssertEqual(try document.evaluate("count(//li)", at: nil).texts, ["2.0"])
    }

    func testCodeFencedPageStillParses() throws {
        let html =
            "```<!DOCTYPE html>\n<html><head><title>T</title></head><body><div class='page-status status-none'>OK</div></body></html>\n```"
        let document = try LibXMLDocument.html(Array(html.utf8))
        XCTAssertEqual(try document.select("//title").first?.text, "T")
        XCTAssertEqual(try document.select("//div").first?.classSuffix(after: "status-"), "none")
    }

    func testDocumentsParseConcurrently() async throws {
        let bytes = try Fixture.bytes("statuspage/pythonstatus-page.html")
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try StatuspageHTMLParser.parse(bytes).components.count }
            }
            for try await count in group { XCTAssertEqual(count, 98) }
        }
    }
}
