import Foundation
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Intake

final class SubscriptionTests: XCTestCase {
    var harness: IntakeHarness!

    override func setUp() async throws { harness = try await IntakeHarness() }
    override func tearDown() async throws { await harness.stop() }

    /// Signs up and returns the confirmation mail.
    private func signUp(_ email: String = "alice@example.com", service: String = "chatapp") async throws -> String {
        let before = harness.mail.sentMails.count
        let reply = try await harness.post(
            "/api/v1/subscriptions", json: #"{"service":"\#(service)","email":"\#(email)"}"#)
        XCTAssertEqual(reply.status, 202, reply.body)
        XCTAssertEqual(reply.json["accepted"] as? Bool, true)
        let mails = await harness.mail.waitForMails(before + 1)
        return try XCTUnwrap(mails.last)
    }

    /// The path and query of the first link in `mail` that starts with `prefix` on the public site.
    private func link(in mail: String, _ kind: String) throws -> String {
        let prefix = "https://status.example.org/api/v1/subscriptions/\(kind)?token="
        let line = try XCTUnwrap(mail.split(separator: "\n").first { $0.hasPrefix(prefix) }, mail)
        return String(line.dropFirst("https://status.example.org".count))
    }

    func testSignUpSendsAConfirmationMailWhoseLinkConfirms() async throws {
        let mail = try await signUp()
        XCTAssertTrue(mail.contains("To: alice@example.com\n"))
        XCTAssertTrue(mail.contains("Subject: Confirm: email me about Chat App\n"))
        XCTAssertTrue(mail.contains("\nMessage-ID: <"))
        XCTAssertTrue(mail.contains("@status.example.org>\n"))
        let confirm = try link(in: mail, "confirm")
        // The link shows a page; its button posts the token.
        let page = try await harness.get(confirm)
        XCTAssertEqual(page.status, 200, page.body)
        let token = String(confirm.split(separator: "=", maxSplits: 1)[1])
        let reply = try await harness.post("/api/v1/subscriptions/confirm", form: "token=\(token)")
        XCTAssertEqual(reply.status, 200, reply.body)
        XCTAssertTrue(
            reply.body.contains("Confirmed: we will email alice@example.com when Chat App has problems or is back."))
        let subscribers = try harness.database.database.confirmedSubscriptions(slug: "chatapp")
        XCTAssertEqual(subscribers.map(\.email), ["alice@example.com"])
        // Opening the link again changes nothing and still says so.
        let again = try await harness.get(confirm, headers: [("Accept", "application/json")])
        XCTAssertEqual(again.status, 200)
        XCTAssertEqual(again.json["confirmed"] as? Bool, true)
    }

    func testATamperedConfirmationLinkIs400() async throws {
        let confirm = try link(in: try await signUp(), "confirm")
        var tampered = Array(confirm)
        let index = tampered.index(tampered.endIndex, offsetBy: -40)
        tampered[index] = tampered[index] == "1" ? "2" : "1"
        for path in [
            String(tampered), String(confirm.dropLast(3)), "/api/v1/subscriptions/confirm?token=",
            "/api/v1/subscriptions/confirm",
        ] {
            let reply = try await harness.get(path, headers: [("Accept", "application/json")])
            XCTAssertEqual(reply.status, 400, path)
            XCTAssertTrue((reply.json["error"] as? String ?? "").contains("copy the whole link"), reply.body)
        }
        XCTAssertEqual(try harness.database.database.confirmedSubscriptions(slug: "chatapp").count, 0)
    }

    func testAnExpiredConfirmationLinkIs410() async throws {
        let confirm = try link(in: try await signUp(), "confirm")
        harness.clock.advance(seconds: 48 * 3600 + 1)
        let reply = try await harness.get(confirm)
        XCTAssertEqual(reply.status, 410)
        XCTAssertTrue(reply.body.contains("expired at 2026-11-28T14:00:00Z"), reply.body)
        XCTAssertEqual(try harness.database.database.confirmedSubscriptions(slug: "chatapp").count, 0)
    }

    func testUnsubscribeDeletesTheAddressAndTamperedLinksAre400() async throws {
        let confirm = try link(in: try await signUp(), "confirm")
        _ = try await harness.post(confirm, form: "")
        let record = try XCTUnwrap(harness.database.database.confirmedSubscriptions(slug: "chatapp").first)
        let tokens = SubscriptionTokens(secret: "test-token-secret")
        let good = tokens.make(.unsubscribe, id: record.id, nonce: record.nonce, expires: nil)
        // A confirmation token cannot unsubscribe, and a changed token is refused.
        let confirmToken = String(confirm.split(separator: "=")[1])
        for token in [confirmToken, good.replacingOccurrences(of: ".\(record.id).", with: ".\(record.id + 1).")] {
            let refused = try await harness.get("/api/v1/subscriptions/unsubscribe?token=\(token)")
            XCTAssertEqual(refused.status, 400, token)
        }
        // One-click POST (RFC 8058) and GET both work; the row is gone afterwards.
        let reply = try await harness.post(
            "/api/v1/subscriptions/unsubscribe?token=\(good)", form: "List-Unsubscribe=One-Click")
        XCTAssertEqual(reply.status, 200)
        XCTAssertTrue(reply.body.contains("your address was deleted"))
        XCTAssertNil(try harness.database.database.subscription(id: record.id))
        let again = try await harness.get("/api/v1/subscriptions/unsubscribe?token=\(good)")
        XCTAssertEqual(again.status, 200)
        XCTAssertTrue(again.body.contains("Already unsubscribed"))
        // The old confirmation link no longer brings the address back.
        let stale = try await harness.get(confirm)
        XCTAssertEqual(stale.status, 404)
    }

    func testFormSignUpGetsAPageAndBadInputIs400() async throws {
        let page = try await harness.post("/api/v1/subscriptions", form: "service=chatapp&email=bob%40example.com")
        XCTAssertEqual(page.status, 202)
        XCTAssertTrue(page.body.contains("Check your inbox"), page.body)
        for (body, message) in [
            (#"{"service":"chatapp","email":"not-an-address"}"#, "is not an email address"),
            (#"{"service":"chatapp","email":"a@b.com\r\nBcc: x@y.com"}"#, "is not an email address"),
            (#"{"service":"nope","email":"a@example.com"}"#, "unknown service 'nope'"),
            (#"{"service":"chatapp"}"#, "missing field 'email'"),
        ] {
            let reply = try await harness.post("/api/v1/subscriptions", json: body)
            XCTAssertEqual(reply.status, 400, body)
            XCTAssertTrue((reply.json["error"] as? String ?? "").contains(message), reply.body)
        }
    }

    func testOneClientMaySignUpOnlySoOftenPerHour() async throws {
        for index in 1...5 { _ = try await signUp("user\(index)@example.com") }
        let sixth = try await harness.post(
            "/api/v1/subscriptions", json: #"{"service":"chatapp","email":"user6@example.com"}"#)
        XCTAssertEqual(sixth.status, 429)
        XCTAssertEqual(sixth.headers["retry-after"], "720")
        XCTAssertEqual(harness.mail.sentMails.count, 5)
    }

    func testOneAddressGetsOnlyAFewConfirmationMailsADay() async throws {
        await harness.stop()
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.addressLimits.confirmationsPerAddressPerDay = 2
        }
        func attempt(_ service: String, from address: String) async throws -> RawHTTP.Reply {
            try await harness.post(
                "/api/v1/subscriptions", json: #"{"service":"\#(service)","email":"victim@example.com"}"#,
                headers: [("X-Forwarded-For", address)])
        }
        let replies = [
            try await attempt("chatapp", from: "198.51.100.1"),
            try await attempt("chatapp", from: "198.51.100.2"),  // repeated at once: no second mail
            try await attempt("mailbox", from: "198.51.100.3"),
            try await attempt("chatapp", from: "198.51.100.4"),
        ]
        harness.clock.advance(seconds: 3600)
        let limited = try await attempt("chatapp", from: "198.51.100.5")
        XCTAssertEqual(replies.map(\.status), [202, 202, 202, 202])
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["retry-after"], String(23 * 3600))
        let mails = await harness.mail.waitForMails(2)
        try await Task.sleep(nanoseconds: 200_000_000)
        XCTAssertEqual(mails.count, 2)
        XCTAssertEqual(harness.mail.sentMails.count, 2)
    }

    func testTokensRefuseEveryChange() {
        let tokens = SubscriptionTokens(secret: "s")
        let now = Timestamp(seconds: 1000)
        let token = tokens.make(.confirm, id: 7, nonce: "abc123", expires: Timestamp(seconds: 2000))
        XCTAssertEqual(try tokens.verify(token, purpose: .confirm, now: now).get().id, 7)
        XCTAssertEqual(tokens.verify(token, purpose: .unsubscribe, now: now), .failure(.invalid))
        XCTAssertEqual(
            tokens.verify(token, purpose: .confirm, now: Timestamp(seconds: 2001)),
            .failure(.expired(Timestamp(seconds: 2000))))
        XCTAssertEqual(
            SubscriptionTokens(secret: "other").verify(token, purpose: .confirm, now: now), .failure(.invalid))
        for index in token.indices {
            var changed = token
            changed.replaceSubrange(index...index, with: token[index] == "9" ? "8" : "9")
            if changed != token {
                XCTAssertEqual(tokens.verify(changed, purpose: .confirm, now: now), .failure(.invalid), changed)
            }
        }
    }

    func testEmailAddressesAreCheckedForHeaderSafety() {
        XCTAssertEqual(EmailAddress("  Alice.B+news@Example.COM ")?.value, "Alice.B+news@example.com")
        for bad in [
            "", "a", "a@b", "@example.com", "a@@example.com", "a b@example.com", "a@example.com\nBcc: x@y.z",
            "<a@example.com>", "a@-x.com",
        ] {
            XCTAssertNil(EmailAddress(bad), bad)
        }
    }
}
