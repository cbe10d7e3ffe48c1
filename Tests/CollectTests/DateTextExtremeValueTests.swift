import Model
import XCTest

@testable import Collect

/// Dates a hostile source can write: many digits, `Int.max`, negative fields, huge offsets.
/// Each is refused (nil) by the byte path and the String path alike; none traps.
final class DateTextExtremeValueTests: XCTestCase {
    private let hostile: [String] = [
        "Mon, 01 Jan 999999999999 00:00:00 GMT",
        "Mon, 01 Jan 9223372036854775807 00:00:00 GMT",
        "Mon, 01 Jan 99999999999999999999999 00:00:00 GMT",
        "Mon, 01 Jan -9223372036854775808 00:00:00 GMT",
        "Mon, 01 Jan 0001 00:00:00 GMT",
        "Mon, 01 Jan 1969 23:59:59 GMT",
        "Mon, 01 Jan 10000 00:00:00 GMT",
        "Mon, 01 Jan 2024 9223372036854775807:00:00 GMT",
        "Mon, 01 Jan 2024 99999999999999999999:00:00 GMT",
        "Mon, 01 Jan 2024 -5:00:00 GMT",
        "Mon, 01 Jan 2024 10:-9223372036854775808:00 GMT",
        "Mon, 01 Jan 2024 10:00:-1 GMT",
        "Mon, 01 Jan 2024 10:00:00 +99999",
        "Mon, 01 Jan 2024 10:00:00 +9999",
        "Mon, 01 Jan 2024 10:00:00 -2400",
        "Mon, 01 Jan 2024 10:00:00 +0160",
        "Sun Nov  6 08:49:37 99999999999999999999",
        "Sun Nov  6 08:49:37 9223372036854775807",
        "Sunday, 06-Nov-9223372036854775807 08:49:37 GMT",
        "2021-05-13 12:00:00 +9999 UTC",
        "2021-05-13T12:00:00+99:99",
        "9999-99-99T99:99:99Z",
    ]

    func testHostileDatesAreNotDates() {
        for text in hostile {
            XCTAssertNil(DateText.parse(text), text)
            XCTAssertNil(ReferenceDateText.parse(text), text)
        }
    }

    func testTheEdgesOfTheSaneRangeStillParse() {
        XCTAssertEqual(DateText.parse("Thu, 01 Jan 1970 00:00:00 GMT")?.seconds, 0)
        XCTAssertEqual(DateText.parse("Fri, 31 Dec 9999 23:59:59 GMT")?.iso8601, "9999-12-31T23:59:59Z")
        XCTAssertEqual(DateText.parse("Mon, 10 Jun 2024 11:10:42 -2359")?.iso8601, "2024-06-11T11:09:42Z")
        XCTAssertEqual(DateText.parse("Jan 12, 2024 - 16:04 UTC")?.iso8601, "2024-01-12T16:04:00Z")
    }

    func testEveryFieldAtIntMaxAndIntMinIsRefused() {
        for value in [Int.max, Int.min, Int(Int32.max), -1] {
            let texts = [
                "Mon, \(value) Jan 2024 10:00:00 GMT", "Mon, 01 Jan \(value) 10:00:00 GMT",
                "Mon, 01 Jan 2024 \(value):00:00 GMT", "Mon, 01 Jan 2024 10:\(value):00 GMT",
                "Mon, 01 Jan 2024 10:00:\(value) GMT", "Mon, 01 Jan 2024 10:00:00 +\(value)",
            ]
            for text in texts {
                XCTAssertNil(DateText.parse(text), text)
                XCTAssertNil(ReferenceDateText.parse(text), text)
            }
        }
    }

    func testStatuspageDatesWithAnAbsurdIssuedTimeAreNotDates() {
        for seconds: Int64 in [.max, .min, 253_402_300_800 * 1000] {
            XCTAssertNil(StatuspageDates.parse("Jan 12, 16:04 UTC", issued: Timestamp(seconds: seconds)))
        }
    }

    func testStatuspagePageWithAnAbsurdIssuedMetaStillParses() throws {
        let html = """
            <html><head><meta name="issued" content="9223372036854775807"></head><body>
            <div class="unresolved-incident impact-major"><div class="incident-title"><a href="/incidents/x">Down</a></div>
            <div class="update"><strong>Investigating</strong> - x <small>Jan <var>12</var>, <var>16:04</var> UTC</small></div>
            </div></body></html>
            """
        let status = try StatuspageHTMLParser.parse(Array(html.utf8), url: "https://status.example.com/")
        XCTAssertEqual(status.incidents.first?.title, "Down")
        XCTAssertNil(status.incidents.first?.startedAt)
    }

    func testRetryAfterWithAbsurdValuesIsBounded() {
        XCTAssertNil(RetryAfter.seconds("99999999999999999999999999", responseDate: nil))
        XCTAssertEqual(RetryAfter.seconds("9223372036854775807", responseDate: nil), Int.max)
        XCTAssertNil(RetryAfter.seconds("Mon, 01 Jan 999999999999 00:00:00 GMT", responseDate: nil))
        XCTAssertNotNil(
            RetryAfter.seconds(
                "Fri, 31 Dec 9999 23:59:59 GMT", responseDate: "Mon, 01 Jan 999999999999 00:00:00 GMT"))
        let later = BackoffPolicy.nextAttempt(
            after: .max, lastCheckedAt: Timestamp(seconds: .max - 10), retryAfterSeconds: .max)
        XCTAssertEqual(later.seconds, .max)
        _ = BackoffPolicy.nextAttempt(after: .min, lastCheckedAt: Timestamp(seconds: 0), retryAfterSeconds: .min)
    }

    func testFeedWithAHugeYearStillParsesItsOtherItems() throws {
        let rss = """
            <rss version="2.0"><channel><title>T</title>
            <item><title>[Investigating] Bad date</title><pubDate>Mon, 01 Jan 999999999999 00:00:00 GMT</pubDate></item>
            <item><title>[Resolved] Good date</title><pubDate>Mon, 10 Jun 2024 11:10:42 +0000</pubDate></item>
            </channel></rss>
            """
        let status = try StatusDocumentParser.parse(
            kind: .rss, url: "https://status.example.com/feed.rss", body: Array(rss.utf8), contentType: nil,
            xpath: nil)
        XCTAssertEqual(status.incidents.count, 2)
        XCTAssertEqual(status.incidents.map(\.startedAt?.iso8601), [nil, "2024-06-10T11:10:42Z"])
    }
}
