import Model
import XCTest

final class TimestampTests: XCTestCase {
    func testISO8601RoundTrips() {
        let time = Timestamp(iso8601: "2026-11-26T22:00:00Z")
        XCTAssertEqual(time?.iso8601, "2026-11-26T22:00:00Z")
        XCTAssertEqual(time?.seconds, 1_795_730_400)
    }

    func testOffsetsAndFractionsAreUnderstood() {
        XCTAssertEqual(Timestamp(iso8601: "2026-11-26T23:00:00.123+01:00")?.iso8601, "2026-11-26T22:00:00Z")
        XCTAssertEqual(Timestamp(iso8601: "2026-11-26T17:00:00-0500")?.iso8601, "2026-11-26T22:00:00Z")
        XCTAssertEqual(Timestamp(iso8601: "2026-11-26")?.iso8601, "2026-11-26T00:00:00Z")
        XCTAssertNil(Timestamp(iso8601: "yesterday"))
        XCTAssertNil(Timestamp(iso8601: "2026-13-01T00:00:00Z"))
    }

    func testWeekdayAndSlotOfWeek() {
        let thursday = Timestamp(iso8601: "2026-11-26T22:15:00Z")!
        XCTAssertEqual(thursday.weekday, 3)
        XCTAssertEqual(thursday.secondOfWeek, 3 * 86_400 + 22 * 3600 + 900)
        XCTAssertEqual(thursday.floored(to: 3600).iso8601, "2026-11-26T22:00:00Z")
    }

    func testSHA256MatchesKnownVectors() {
        XCTAssertEqual(
            SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            HMACSHA256.hex(key: Array("key".utf8), message: Array("The quick brown fox jumps over the lazy dog".utf8)),
            "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8")
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make(from: "Cloud & Hosting"), "cloud-hosting")
        XCTAssertTrue(Slug.isValid("a-b-1"))
        XCTAssertFalse(Slug.isValid("A"))
        XCTAssertFalse(Slug.isValid("-a"))
    }

    func testServiceCodingKeepsIndexFieldsAndLeavesDetailsForLater() throws {
        let service = Service(
            slug: "a", name: "A & B", category: "Cat", website: "https://a.example", aliases: ["Ä"],
            statusSources: [StatusSource(kind: .html, url: "https://s.example", xpath: XPathRules(indicator: "//p"))],
            problems: [Problem(id: "x", title: "X")], related: ["b"], faq: [FAQItem(question: "q", answer: "a")],
            body: "body", sourcePath: "content/services/a.md")
        let record = try XCTUnwrap(ServiceCoding.encode(service, slugLine: 3, relatedLines: ["b": 7]))
        let decoded = try XCTUnwrap(ServiceCoding.decode(record))
        var expected = service
        expected.body = ""
        expected.faq = []
        expected.detailsLoaded = false
        XCTAssertEqual(decoded.service, expected)
        XCTAssertEqual(decoded.slugLine, 3)
        XCTAssertEqual(decoded.relatedLines, ["b": 7])
        XCTAssertNil(
            ServiceCoding.encode(
                Service(slug: "a", name: "bad\u{1E}name", category: "c"), slugLine: 1, relatedLines: [:]))
    }
}
