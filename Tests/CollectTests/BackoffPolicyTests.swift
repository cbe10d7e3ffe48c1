import Model
import XCTest

@testable import Collect

/// When a failing source is tried again.
final class BackoffPolicyTests: XCTestCase {
    private let last = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    private func minutes(_ failures: Int, retryAfter: Int? = nil) -> Int64 {
        (BackoffPolicy.nextAttempt(after: failures, lastCheckedAt: last, retryAfterSeconds: retryAfter).seconds
            - last.seconds) / 60
    }

    func testWaitDoublesFromOneMinuteAndIsCappedAtAnHour() {
        XCTAssertEqual((0...9).map { minutes($0) }, [0, 1, 2, 4, 8, 16, 32, 60, 60, 60])
        XCTAssertEqual(minutes(10_000), 60)
    }

    func testRetryAfterIsRespectedWhenLonger() {
        XCTAssertEqual(minutes(1, retryAfter: 600), 10)
        XCTAssertEqual(minutes(7, retryAfter: 600), 60, "a shorter Retry-After does not shorten the backoff")
        XCTAssertEqual(minutes(0, retryAfter: 120), 2)
        XCTAssertEqual(minutes(1, retryAfter: 10 * 86_400), 24 * 60, "an absurd Retry-After is capped at a day")
    }

    func testRetryAfterHeaderForms() {
        XCTAssertEqual(RetryAfter.seconds("120", responseDate: nil), 120)
        XCTAssertEqual(
            RetryAfter.seconds("Wed, 21 Oct 2015 07:28:00 GMT", responseDate: "Wed, 21 Oct 2015 07:26:30 GMT"), 90)
        XCTAssertEqual(
            RetryAfter.seconds("Wed, 21 Oct 2015 07:28:00 GMT", responseDate: "Wed, 21 Oct 2015 08:00:00 GMT"), 0)
        XCTAssertNil(RetryAfter.seconds("soon", responseDate: nil))
        XCTAssertNil(RetryAfter.seconds(nil, responseDate: nil))
    }
}
