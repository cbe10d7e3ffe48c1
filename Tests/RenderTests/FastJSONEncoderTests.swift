import Foundation
import Render
import XCTest

final class FastJSONEncoderTests: XCTestCase {
    func document() -> ServiceDocument {
        ServiceDocument(
            slug: "a", name: "A \"quoted\" / <name>\n", category: "Cat", url: "https://x.example/services/a/",
            updatedAt: "2026-11-26T22:00:00Z", state: "ok", stateSince: nil, stateReason: "quiet",
            reports: .init(
                bucketMinutes: 15, series: [.init(start: "2026-11-26T21:45:00Z", count: 3, expected: 2)], lastHour: 1,
                last24h: 3, problems: [.init(id: "login", title: "Login", count: 3, share: 1)]),
            official: .init(
                indicator: "none", rawIndicator: nil, description: "All good", checkedAt: nil,
                source: "https://s.example",
                error: nil, components: [], incidents: []))
    }

    func testOutputMatchesFoundationsEncoderWithTheSameOptions() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        var expected = try encoder.encode(document())
        expected.append(0x0A)
        XCTAssertEqual(
            String(decoding: try FastJSONEncoder.encode(document()), as: UTF8.self),
            String(decoding: expected, as: UTF8.self))
    }

    func testKeysFollowTheContract() throws {
        let object =
            try JSONSerialization.jsonObject(with: Data(try FastJSONEncoder.encode(document()))) as! [String: Any]
        let reports = object["reports"] as! [String: Any]
        XCTAssertEqual(Set(reports.keys), ["bucket_minutes", "series", "last_hour", "last_24h", "problems"])
        XCTAssertNil(object["state_since"])
        XCTAssertEqual(object["state_reason"] as? String, "quiet")
    }
}
