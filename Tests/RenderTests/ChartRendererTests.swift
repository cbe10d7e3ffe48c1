import Model
import Render
import XCTest

final class ChartRendererTests: XCTestCase {
    let start = Timestamp(iso8601: "2026-11-26T00:00:00Z")!

    func series(_ counts: [Int], expected: Double = 2) -> [ReportBucket] {
        counts.enumerated().map {
            ReportBucket(start: start.adding(seconds: Int64($0.offset) * 900), count: $0.element, expected: expected)
        }
    }

    func testBarsOnlyForNonEmptyBucketsAndSpikesMarked() {
        let svg = ChartRenderer.svg(series: series([0, 3, 0, 90]), title: "Reports about <X>")
        XCTAssertEqual(svg.components(separatedBy: "<rect class=\"bar").count - 1, 2)
        XCTAssertEqual(svg.components(separatedBy: "class=\"bar hot\"").count - 1, 1)
        XCTAssertTrue(svg.contains("<title id=\"chart-title\">Reports about &lt;X&gt;</title>"))
        XCTAssertTrue(svg.contains("class=\"band\""))
    }

    func testAxisLabelsAreWholeNumbers() {
        let svg = ChartRenderer.svg(series: series([0, 37]), title: "t")
        for label in ["0", "10", "20", "30", "40"] {
            XCTAssertTrue(svg.contains("dominant-baseline=\"middle\">\(label)</text>"), "missing \(label)")
        }
    }

    func testTableListsNewestFirst() {
        let table = ChartRenderer.table(series: series([1, 2]))
        let first = table.range(of: "00:15")!.lowerBound
        let second = table.range(of: "00:00")!.lowerBound
        XCTAssertLessThan(first, second)
    }

    func testBadgeSaysStateInWords() {
        let badge = BadgeRenderer.svg(name: "A & B", state: .outage)
        XCTAssertTrue(badge.contains("A &amp; B: problems detected"))
    }
}
