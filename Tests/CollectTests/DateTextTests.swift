import Model
import XCTest

@testable import Collect

/// The date formats status sources use.
final class DateTextTests: XCTestCase {
    func testFormats() {
        let cases: [(String, String)] = [
            ("2021-12-07T11:07:15.773-07:00", "2021-12-07T18:07:15Z"),
            ("Mon, 10 Jun 2024 11:10:42 +0000", "2024-06-10T11:10:42Z"),
            ("Sun, 06 Nov 1994 08:49:37 GMT", "1994-11-06T08:49:37Z"),
            ("Sunday, 06-Nov-94 08:49:37 GMT", "1994-11-06T08:49:37Z"),
            ("Sun Nov  6 08:49:37 1994", "1994-11-06T08:49:37Z"),
            ("Mon, 17 Aug 2026 21:01:19 PDT", "2026-08-18T04:01:19Z"),
            ("2021-05-13 12:00:00 +0000 UTC", "2021-05-13T12:00:00Z"),
            ("Wed, 31 Mar 2021 18:58:39 +0200", "2021-03-31T16:58:39Z"),
        ]
        for (text, expected) in cases {
            XCTAssertEqual(DateText.parse(text)?.iso8601, expected, text)
        }
        XCTAssertNil(DateText.parse("yesterday"))
        XCTAssertNil(DateText.parse(""))
    }

    func testStatuspageDatesTakeTheYearFromTheIssuedTime() {
        let issued = Timestamp(iso8601: "2021-01-22T17:40:35Z")
        XCTAssertEqual(StatuspageDates.parse("Jan 12, 16:04 UTC", issued: issued)?.iso8601, "2021-01-12T16:04:00Z")
        XCTAssertEqual(StatuspageDates.parse("Dec 28, 13:51 UTC", issued: issued)?.iso8601, "2020-12-28T13:51:00Z")
        XCTAssertEqual(StatuspageDates.parse("Jan 5, 08:05 CET", issued: issued)?.iso8601, "2021-01-05T07:05:00Z")
        XCTAssertNil(StatuspageDates.parse("Jan 5, 08:05 CET", issued: nil))
        XCTAssertNil(StatuspageDates.parse("Jan 5, 08:05 XYZT", issued: issued), "unknown zones are not guessed")
    }
}
