import IntakeRules
import Model
import XCTest

/// The one once-per-window rule the intake and `import-reports` share.
final class ReportWindowRuleTests: XCTestCase {
    let rule = ReportWindowRule(minutes: 15)
    let last = Timestamp(seconds: 1_795_730_400)

    func testAReportInsideTheWindowWaitsForItsEnd() {
        XCTAssertEqual(rule.wait(lastCounted: last, now: last), 900)
        XCTAssertEqual(rule.wait(lastCounted: last, now: last.adding(seconds: 899)), 1)
        XCTAssertNil(rule.wait(lastCounted: last.adding(seconds: 0), now: last.adding(seconds: 900)))
    }

    func testNoEarlierReportOrALaterOneHoldsNothingBack() {
        XCTAssertNil(rule.wait(lastCounted: nil, now: last))
        XCTAssertNil(
            rule.wait(lastCounted: last, now: last.adding(seconds: -1)), "older lines imported after newer ones")
    }

    func testExpiryAndWindowStartAgreeWithTheWait() {
        XCTAssertFalse(rule.hasExpired(lastCounted: last, now: last.adding(seconds: 899)))
        XCTAssertTrue(rule.hasExpired(lastCounted: last, now: last.adding(seconds: 900)))
        XCTAssertEqual(rule.windowStart(before: last.adding(seconds: 900)), last)
        XCTAssertEqual(ReportWindowRule(minutes: -3).seconds, 0)
    }
}
