import Model
import XCTest

@testable import Collect

/// JSON built to hurt: absurd nesting and numbers where texts belong. Each is an error
/// (a source failure), never a crash.
final class HostileNumberAndNestingTests: XCTestCase {
    private let url = "https://status.example.com/api/v2/summary.json"

    func testDeeplyNestedJSONIsAnErrorNotAStackOverflow() {
        for depth in [600, 100_000] {
            let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            let objects = String(repeating: "{\"page\":", count: depth) + "1" + String(repeating: "}", count: depth)
            for body in [arrays, objects] {
                for kind in [StatusSourceKind.statuspage, .auto] {
                    XCTAssertThrowsError(
                        try StatusDocumentParser.parse(
                            kind: kind, url: url, body: Array(body.utf8), contentType: nil, xpath: nil))
                }
            }
        }
    }

    func testNumbersWhereTextsBelongAreShapeErrors() {
        let bodies = [
            #"{"page": {"id": 1e999999}, "status": {"indicator": 99999999999999999999999999999999}}"#,
            #"{"page": {"id": "p"}, "incidents": [{"name": -9223372036854775809, "status": 1}]}"#,
            #"[{"slug": 1e400, "uptimeDay": 1e400, "status": 18446744073709551616}]"#,
        ]
        for body in bodies {
            XCTAssertThrowsError(
                try StatusDocumentParser.parse(
                    kind: .auto, url: url, body: Array(body.utf8), contentType: nil, xpath: nil))
        }
    }
}

/// What a vendor body can put in the database is bounded, whatever the body's size.
final class CollectedValueLimitTests: XCTestCase {
    func testComponentsIncidentsAndTextsAreBounded() throws {
        let longTitle = String(repeating: "T", count: 5_000)
        let components = (0..<2000).map { #"{"id": "c\#($0)", "name": "C\#($0)", "status": "operational"}"# }
        let incidents = (0..<600).map {
            #"{"id": "i\#($0)", "name": "\#(longTitle)", "status": "investigating", "impact": "\#(longTitle)"}"#
        }
        let json = """
            {"page": {"id": "p", "url": "https://status.example.com"},
             "status": {"indicator": "minor", "description": "\(longTitle)"},
             "components": [\(components.joined(separator: ","))],
             "incidents": [\(incidents.joined(separator: ","))]}
            """
        let status = try StatuspageJSONParser.parse(
            Array(json.utf8), url: "https://status.example.com/api/v2/summary.json",
            limits: DocumentLimits(maxBytes: 1 << 30, maxEntries: 5000))
        XCTAssertEqual(status.components.count, OfficialStatus.maximumComponents)
        XCTAssertEqual(status.incidents.count, OfficialStatus.maximumIncidents)
        XCTAssertEqual(status.description?.count, VendorText.Limit.text)
        XCTAssertTrue(status.incidents.allSatisfy { $0.title.count == VendorText.Limit.text })
        XCTAssertTrue(status.incidents.allSatisfy { ($0.rawImpact?.count ?? 0) == VendorText.Limit.word })
    }
}
