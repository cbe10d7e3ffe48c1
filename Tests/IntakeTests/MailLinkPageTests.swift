import Foundation
import IntakeRules
import Model
import Notify
import Store
import TestSupport
import XCTest

@testable import Intake

/// Links in mail only show a page; the page's button POSTs. Mail scanners that open every link
/// confirm and unsubscribe nobody. Notices carry RFC 8058 one-click unsubscribe.
final class MailLinkPageTests: XCTestCase {
    static let csp = "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    var harness: IntakeHarness!

    override func setUp() async throws { harness = try await IntakeHarness() }
    override func tearDown() async throws { await harness.stop() }

    /// Signs up alice and returns the path of the confirmation link.
    private func confirmationPath() async throws -> String {
        let reply = try await harness.post(
            "/api/v1/subscriptions", json: #"{"service":"chatapp","email":"alice@example.com"}"#)
        XCTAssertEqual(reply.status, 202, reply.body)
        let mails = await harness.mail.waitForMails(1)
        let mail = try XCTUnwrap(mails.last)
        let prefix = "https://status.example.org/api/v1/subscriptions/confirm?token="
        let line = try XCTUnwrap(mail.split(separator: "\n").first { $0.hasPrefix(prefix) }, mail)
        return String(line.dropFirst("https://status.example.org".count))
    }

    private func token(in path: String) -> String { String(path.split(separator: "=", maxSplits: 1)[1]) }

    private func assertStrictPage(_ reply: RawHTTP.Reply, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(
            reply.headers["content-security-policy"]?.hasPrefix(Self.csp) == true, "\(reply.headers)", file: file,
            line: line)
        XCTAssertEqual(reply.headers["referrer-policy"], "no-referrer", file: file, line: line)
        for inline in ["<script", "<style", "style=", "onclick", "onload", "javascript:"] {
            XCTAssertFalse(reply.body.contains(inline), "\(inline) in \(reply.body)", file: file, line: line)
        }
    }

    func testOpeningTheConfirmationLinkChangesNothingAndShowsAButtonThatPosts() async throws {
        let path = try await confirmationPath()
        let page = try await harness.get(path)
        XCTAssertEqual(page.status, 200, page.body)
        assertStrictPage(page)
        XCTAssertTrue(page.body.contains(#"<form method="post" action="/api/v1/subscriptions/confirm">"#), page.body)
        XCTAssertTrue(page.body.contains(#"<input type="hidden" name="token" value="\#(token(in: path))">"#), page.body)
        XCTAssertTrue(page.body.contains("<button"), page.body)
        XCTAssertTrue(page.body.contains("Chat App"), page.body)
        XCTAssertEqual(
            try harness.database.database.confirmedSubscriptions(slug: "chatapp").count, 0, "GET must not confirm")

        let posted = try await harness.post("/api/v1/subscriptions/confirm", form: "token=\(token(in: path))")
        XCTAssertEqual(posted.status, 200, posted.body)
        assertStrictPage(posted)
        XCTAssertTrue(posted.body.contains("Confirmed: we will email alice@example.com"), posted.body)
        XCTAssertEqual(
            try harness.database.database.confirmedSubscriptions(slug: "chatapp").map(\.email), ["alice@example.com"])
    }

    func testOpeningTheUnsubscribeLinkChangesNothingAndOneClickPostUnsubscribes() async throws {
        let path = try await confirmationPath()
        _ = try await harness.post("/api/v1/subscriptions/confirm", form: "token=\(token(in: path))")
        let record = try XCTUnwrap(harness.database.database.confirmedSubscriptions(slug: "chatapp").first)
        // The notice mail names the one-click URL in its headers.
        let composer = NoticeComposer(
            links: harness.server.settings.links, from: "Downtrack <noreply@status.example.org>",
            tokens: SubscriptionTokens(secret: "test-token-secret"))
        let change = NumberedStateChange(
            id: 1,
            change: StateChange(slug: "chatapp", at: harness.clock.now, from: .ok, to: .outage, reason: "many reports"))
        let mail = try XCTUnwrap(composer.notice(change, serviceName: "Chat App", to: record, at: harness.clock.now))
            .payload
        let header = try XCTUnwrap(mail.split(separator: "\n").first { $0.hasPrefix("List-Unsubscribe: <") }, mail)
        XCTAssertTrue(mail.contains("\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\n"), mail)
        let url = header.dropFirst("List-Unsubscribe: <".count).dropLast()
        XCTAssertTrue(url.hasPrefix("https://status.example.org/api/v1/subscriptions/unsubscribe?token="), String(url))
        let unsubscribePath = String(url.dropFirst("https://status.example.org".count))

        let page = try await harness.get(unsubscribePath)
        XCTAssertEqual(page.status, 200, page.body)
        assertStrictPage(page)
        XCTAssertTrue(
            page.body.contains(#"<form method="post" action="/api/v1/subscriptions/unsubscribe">"#), page.body)
        XCTAssertNotNil(try harness.database.database.subscription(id: record.id), "GET must not unsubscribe")

        let oneClick = try await harness.post(unsubscribePath, form: "List-Unsubscribe=One-Click")
        XCTAssertEqual(oneClick.status, 200, oneClick.body)
        XCTAssertNil(try harness.database.database.subscription(id: record.id))
    }

    func testThePagesTheIntakeServesCarryTheStrictPolicy() async throws {
        let thanks = try await harness.post("/api/v1/reports", form: "service=chatapp&problem=login")
        XCTAssertEqual(thanks.status, 202)
        assertStrictPage(thanks)
        XCTAssertTrue(thanks.body.contains(#"<link rel="stylesheet" href="/api/v1/intake.css">"#), thanks.body)
        let style = try await harness.get("/api/v1/intake.css")
        XCTAssertEqual(style.status, 200)
        XCTAssertEqual(style.headers["content-type"], "text/css; charset=utf-8")
    }

    func testRepliesNeverRepeatOutsideTextUnescaped() async throws {
        let evil = "<img src=x onerror=alert(1)>"
        let reply = try await harness.post(
            "/api/v1/reports",
            form: "service=\(evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)&problem=login")
        XCTAssertEqual(reply.status, 400)
        XCTAssertFalse(reply.body.contains("<img"), reply.body)
        XCTAssertFalse(reply.body.contains("onerror"), reply.body)
    }
}
