import Model
import XCTest

@testable import Collect

/// Upptime's `history/summary.json` capture.
final class UpptimeSummaryParserTests: XCTestCase {
    func testDemoSummaryHasOneSiteDown() throws {
        let status = try UpptimeSummaryParser.parse(Fixture.bytes("upptime/upptime-demo-summary.json"))
        XCTAssertEqual(status.components.map(\.name), ["Google", "Wikipedia", "Hacker News", "Test Broken Site"])
        XCTAssertEqual(status.componentCounts, [.operational: 3, .majorOutage: 1])
        XCTAssertEqual(status.componentNames(.majorOutage), ["Test Broken Site"])
        XCTAssertEqual(status.components.last?.rawStatus, "down")
        XCTAssertEqual(status.indicator, .major)
        XCTAssertEqual(status.description, "1 of 4 sites not up")
    }

    func testUpptimeIsDetectedAutomatically() throws {
        let body = try Fixture.bytes("upptime/upptime-demo-summary.json")
        XCTAssertEqual(
            FormatDetector.detect(url: "https://x.test/history/summary.json", body: body, contentType: nil),
            .upptimeJSON)
        let status = try StatusDocumentParser.parse(
            kind: .auto, url: "https://x.test/history/summary.json", body: body, contentType: "application/json",
            xpath: nil)
        XCTAssertEqual(status.components.count, 4)
    }
}
