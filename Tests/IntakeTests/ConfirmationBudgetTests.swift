import Foundation
import GRDB
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Intake

/// Sign-up cannot be turned into a mail cannon: a site-wide hourly budget for confirmation
/// mail, and per-address caps that compare normalised addresses.
final class ConfirmationBudgetTests: XCTestCase {
    var harness: IntakeHarness!

    override func tearDown() async throws { await harness?.stop() }

    private func signUp(_ email: String, _ service: String = "chatapp", from address: String) async throws
        -> RawHTTP.Reply
    {
        try await harness.post(
            "/api/v1/subscriptions", json: #"{"service":"\#(service)","email":"\#(email)"}"#,
            headers: [("X-Forwarded-For", address)])
    }

    private func confirmRows() throws -> Int {
        try harness.database.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE purpose = 'confirm'") ?? -1
        }
    }

    func testSignUpsPastTheHourlyBudgetGet503WithRetryAfter() async throws {
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.addressLimits.confirmationsPerHour = 2
        }
        let first = try await signUp("a@example.com", from: "198.51.100.1")
        harness.clock.advance(seconds: 600)
        let second = try await signUp("b@example.com", from: "198.51.100.2")
        let third = try await signUp("c@example.com", from: "198.51.100.3")
        XCTAssertEqual([first.status, second.status, third.status], [202, 202, 503])
        XCTAssertEqual(third.headers["retry-after"], "3000", "the budget frees up when the oldest mail is an hour old")
        XCTAssertTrue((third.json["error"] as? String ?? "").contains("confirmation mail"), third.body)
        XCTAssertEqual(try confirmRows(), 2, "the outbox holds no more than the budget")
        harness.clock.advance(seconds: 3000)
        let later = try await signUp("c@example.com", from: "198.51.100.3")
        XCTAssertEqual(later.status, 202, later.body)
    }

    func testPerAddressCapsCompareNormalisedAddresses() async throws {
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.addressLimits.confirmationsPerAddressPerDay = 2
        }
        let first = try await signUp("Victim@Example.org", from: "198.51.100.1")
        // The same mailbox spelled differently, at once: the pending sign-up is found, no second mail.
        let again = try await signUp("victim@example.ORG", from: "198.51.100.2")
        let other = try await signUp("VICTIM@example.org", "mailbox", from: "198.51.100.3")
        harness.clock.advance(seconds: 3600)
        let capped = try await signUp(" victim@EXAMPLE.org ", from: "198.51.100.4")
        XCTAssertEqual([first.status, again.status, other.status, capped.status], [202, 202, 202, 429])
        XCTAssertEqual(try confirmRows(), 2)
        let rows =
            try await harness.database.database.pool.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subscription")
            } as Int?
        XCTAssertEqual(rows, 2, "one row per mailbox and service")
    }

    func testTheSubscriptionCapCountsOneMailboxHoweverItIsSpelled() async throws {
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.addressLimits.subscriptionsPerAddress = 1
        }
        let first = try await signUp("carol@example.org", from: "198.51.100.1")
        let second = try await signUp("Carol@Example.org", "mailbox", from: "198.51.100.2")
        XCTAssertEqual([first.status, second.status], [202, 409])
    }

    func testAddressesWithControlOrInvisibleCharactersAreRefused() {
        for bad in [
            "a\u{85}b@example.com", "a\u{2028}b@example.com", "a\u{200B}b@example.com", "a\u{0}b@example.com",
            "ab@exa\u{7F}mple.com",
        ] {
            XCTAssertNil(EmailAddress(bad), bad.debugDescription)
        }
        XCTAssertEqual(EmailAddress(" Victim@Example.ORG\n")?.value, "Victim@example.org")
        XCTAssertEqual(EmailAddress("Victim@Example.ORG")?.capKey, "victim@example.org")
    }
}
