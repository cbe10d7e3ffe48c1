import Foundation
import Render
import XCTest

final class JSONOutputTests: XCTestCase {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    private let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/service-documents/google-cloud.json")

    /// The fixture was written by the hand-made encoder `JSONOutput` used before; read back and
    /// written again, its bytes must not change.
    func testARealServiceDocumentIsWrittenByteForByteAsBefore() throws {
        let bytes = try Data(contentsOf: fixture)
        let decoder = JSONDecoder()
        // snake_case back to the property names, except `last_24h`, which its CodingKeys spell out.
        decoder.keyDecodingStrategy = .custom { path in
            let key = path[path.count - 1].stringValue
            guard key != "last_24h" else { return path[path.count - 1] }
            let words = key.split(separator: "_")
            let name = words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }
            return AnyKey(stringValue: name.joined())
        }
        let document = try decoder.decode(ServiceDocument.self, from: bytes)
        XCTAssertEqual(document.reports.series.count, 96)
        XCTAssertEqual(
            String(decoding: try JSONOutput.encode(document), as: UTF8.self), String(decoding: bytes, as: UTF8.self))
    }

    func testKeysFollowTheContract() throws {
        let document = ServiceDocument(
            slug: "a", name: "A \"quoted\" / <name>\n", category: "Cat", url: "https://x.example/services/a/",
            updatedAt: "2026-11-26T22:00:00Z", state: "ok", stateSince: nil, stateReason: "quiet",
            reports: .init(
                bucketMinutes: 15, series: [.init(start: "2026-11-26T21:45:00Z", count: 3, expected: 2)], lastHour: 1,
                last24h: 3, problems: [.init(id: "login", title: "Login", count: 3, share: 1)]),
            official: nil)
        let text = String(decoding: try JSONOutput.encode(document), as: UTF8.self)
        XCTAssertTrue(text.hasPrefix(#"{"category":"Cat","name":"A \"quoted\" / <name>\n","reports":{"#), text)
        XCTAssertTrue(text.contains(#""last_24h":3,"last_hour":1,"#), text)
        XCTAssertTrue(text.contains(#"{"count":3,"expected":2,"start":"2026-11-26T21:45:00Z"}"#), text)
        XCTAssertTrue(text.hasSuffix("\"url\":\"https://x.example/services/a/\"}\n"), text)
        XCTAssertFalse(text.contains("state_since"), "a missing value is left out")
    }
}
