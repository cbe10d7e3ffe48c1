import IntakeRules
import XCTest

/// What a sign-up address may hold: nothing that makes a mail header name a second recipient.
final class EmailAddressTests: XCTestCase {
    func testSeparatorsHiddenBehindCombiningMarksAreRefused() {
        for text in [
            "victim@\u{301}x.org,\u{301}me@evil.example",  // found by the email-addresses fuzz target
            "a,\u{301}b@example.org",
            "a\u{20}\u{301}b@example.org",
            "a<\u{301}b@example.org",
            "a\"\u{301}b@example.org",
            "a@\u{301}b@example.org",
        ] {
            XCTAssertNil(EmailAddress(text), "accepted \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    func testOrdinaryAndInternationalAddressesAreKept() {
        XCTAssertEqual(EmailAddress("  Reader.Name+tag@Example.ORG ")?.value, "Reader.Name+tag@example.org")
        XCTAssertEqual(EmailAddress("josé@exämple.de")?.value, "josé@exämple.de")
        XCTAssertEqual(EmailAddress("用户@例子.中国")?.value, "用户@例子.中国")
    }
}
