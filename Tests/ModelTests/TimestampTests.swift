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

    func testSlugs() {
        XCTAssertEqual(Slug.make(from: "Cloud & Hosting"), "cloud-hosting")
        XCTAssertTrue(Slug.isValid("a-b-1"))
        XCTAssertFalse(Slug.isValid("A"))
        XCTAssertFalse(Slug.isValid("-a"))
    }

}
