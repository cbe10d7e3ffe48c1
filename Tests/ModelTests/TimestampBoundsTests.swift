import Model
import XCTest

/// Dates read from outside: absurd fields are refused, never trapped on.
final class TimestampBoundsTests: XCTestCase {
    func testCheckedInitializerRefusesFieldsOutsideTheirRanges() {
        XCTAssertEqual(
            Timestamp(checkedYear: 2026, month: 11, day: 26, hour: 22)?.iso8601, "2026-11-26T22:00:00Z")
        XCTAssertNil(Timestamp(checkedYear: Int.max, month: 1, day: 1))
        XCTAssertNil(Timestamp(checkedYear: Int.min, month: 1, day: 1))
        XCTAssertNil(Timestamp(checkedYear: 999_999_999_999, month: 1, day: 1))
        XCTAssertNil(Timestamp(checkedYear: 1969, month: 12, day: 31))
        XCTAssertNil(Timestamp(checkedYear: 10_000, month: 1, day: 1))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 13, day: 1))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 0))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, hour: Int.max))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, hour: -1))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, minute: Int.min))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, second: 61))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, offsetSeconds: Int.max))
        XCTAssertNil(Timestamp(checkedYear: 2026, month: 1, day: 1, offsetSeconds: 86_400))
        XCTAssertEqual(
            Timestamp(checkedYear: 2026, month: 11, day: 26, hour: 23, offsetSeconds: 3600)?.iso8601,
            "2026-11-26T22:00:00Z")
        XCTAssertEqual(
            Timestamp(checkedYear: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)?.iso8601,
            "9999-12-31T23:59:59Z")
    }

    func testISO8601OutsideTheSaneRangeIsNotADate() {
        XCTAssertNil(Timestamp(iso8601: "0000-01-01T00:00:00Z"))
        XCTAssertNil(Timestamp(iso8601: "1969-12-31T23:59:59Z"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-26T22:00:00+99:99"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-26T22:00:00+24:00"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-26T22:00:00+01:60"))
        XCTAssertNil(Timestamp(iso8601: "999999999999-01-01T00:00:00Z"))
        XCTAssertNil(Timestamp(iso8601: "2026-11-26T99:00:00Z"))
        let manyDigits = "2026-11-26T22:00:00." + String(repeating: "9", count: 10_000) + "Z"
        XCTAssertEqual(Timestamp(iso8601: manyDigits)?.iso8601, "2026-11-26T22:00:00Z")
    }

    func testArithmeticOnTimestampsSaturatesInsteadOfTrapping() {
        XCTAssertEqual(Timestamp(seconds: .max).adding(seconds: 1).seconds, .max)
        XCTAssertEqual(Timestamp(seconds: .min).adding(seconds: -1).seconds, .min)
        XCTAssertEqual(Timestamp(seconds: .min).floored(to: 60).seconds, .min)
        XCTAssertEqual(Timestamp(seconds: 125).floored(to: 0).seconds, 125)
        // The unchecked initializer is for constants; with absurd fields it clamps, never traps.
        _ = Timestamp(year: .max, month: 1, day: 1, hour: .max, minute: .max, second: .max)
        _ = Timestamp(year: .min, month: .min, day: .min)
        _ = Timestamp(seconds: .max).iso8601
        _ = Timestamp(seconds: .min).civil
    }
}
