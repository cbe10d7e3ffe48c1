import Model
import XCTest

@testable import Collect

/// Checking rules before any page is fetched.
final class XPathRuleCheckTests: XCTestCase {
    func testInvalidExpressionsAreListed() {
        let rules = XPathRules(
            indicator: "//div[@id='status'", incidents: "//li[@class='incident']", components: "//tr[")
        XCTAssertEqual(XPathRuleCheck.invalidExpressions(in: rules), ["//div[@id='status'", "//tr["])
        XCTAssertTrue(XPathRuleCheck.compiles("//a:entry/a:title"))
        XCTAssertFalse(XPathRuleCheck.compiles("   "))
    }
}
