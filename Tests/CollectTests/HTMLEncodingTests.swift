import XCTest

@testable import Collect

/// Pages in other encodings must come out as correct UTF-8.
final class HTMLEncodingTests: XCTestCase {
    /// "Café Zürich – état" in ISO-8859-1 bytes (é = 0xE9, ü = 0xFC), built here.
    private func latin1Page(meta: String) -> [UInt8] {
        var bytes = Array("<html><head>\(meta)<title>x</title></head><body><p id='t'>Caf".utf8)
        bytes.append(0xE9)
        bytes += Array(" Z".utf8)
        bytes.append(0xFC)
        bytes += Array("rich ".utf8)
        bytes.append(0xE9)
        bytes += Array("tat</p></body></html>".utf8)
        return bytes
    }

    private func text(_ bytes: [UInt8], contentType: String? = nil) throws -> String? {
        try LibXMLDocument.html(bytes, contentType: contentType).select("//p[@id='t']").first?.text
    }

    func testLatin1PageWithMetaCharsetComesOutAsUTF8() throws {
        XCTAssertEqual(try text(latin1Page(meta: "<meta charset=\"ISO-8859-1\">")), "Café Zürich état")
    }

    func testLatin1PageWithHttpEquivComesOutAsUTF8() throws {
        let meta = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
        XCTAssertEqual(try text(latin1Page(meta: meta)), "Café Zürich état")
    }

    func testContentTypeHeaderCharsetIsHonoured() throws {
        XCTAssertEqual(try text(latin1Page(meta: ""), contentType: "text/html; charset=ISO-8859-1"), "Café Zürich état")
    }

    func testContentTypeHeaderWinsOverAContradictingMeta() throws {
        let page = latin1Page(meta: "<meta charset=\"utf-8\">")
        XCTAssertEqual(try text(page, contentType: "text/html; charset=iso-8859-1"), "Café Zürich état")
    }

    func testUndeclaredLatin1FallsBackWithoutLosingText() throws {
        XCTAssertEqual(try text(latin1Page(meta: "")), "Café Zürich état")
    }

    func testUTF8PageStaysUTF8() throws {
        let html = "<html><head><meta charset='utf-8'></head><body><p id='t'>Zürich ✓ 東京</p></body></html>"
        XCTAssertEqual(try text(Array(html.utf8)), "Zürich ✓ 東京")
        XCTAssertEqual(try text(Array(html.utf8), contentType: "text/html"), "Zürich ✓ 東京")
    }

    func testUTF16PageWithByteOrderMarkIsTranscoded() throws {
        let html = "<html><head><meta charset='utf-16'></head><body><p id='t'>Zürich ✓</p></body></html>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in html.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        XCTAssertEqual(try text(bytes), "Zürich ✓")
    }

    func testUTF16JSONIsReadThroughTheEntryPoint() throws {
        let json = #"{"page":{"id":"x"},"status":{"indicator":"minor","description":"Zürich slow"}}"#
        var bytes: [UInt8] = [0xFE, 0xFF]
        for unit in json.utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let status = try StatusDocumentParser.parse(
            kind: .auto, url: "https://x.test/", body: bytes, contentType: nil, xpath: nil)
        XCTAssertEqual(status.description, "Zürich slow")
    }

    func testCharsetDetection() {
        XCTAssertEqual(HTMLCharset.detect(contentType: "text/html; charset=\"utf-8\"", document: []), "UTF-8")
        XCTAssertEqual(
            HTMLCharset.detect(contentType: nil, document: Array("<META CHARSET=latin1>".utf8)), "WINDOWS-1252")
        XCTAssertNil(HTMLCharset.detect(contentType: "text/html; charset=no-such-thing", document: []))
        XCTAssertNil(HTMLCharset.detect(contentType: nil, document: Array("<html>".utf8)))
    }
}
