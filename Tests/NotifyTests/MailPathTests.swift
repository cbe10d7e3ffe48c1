import Foundation
import GRDB
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Notify

/// The real mail path: the `downtrack` binary hands messages to a sendmail-compatible relay
/// (Tests/NotifyTests/Fixtures/sendmail_relay.py), which delivers them over SMTP to a server on
/// 127.0.0.1 (smtp_sink.py); webhooks go to a receiver on 127.0.0.1 that checks the signature.
final class MailPathTests: XCTestCase {
    static let service = """
        ---
        name: WeChat
        category: Social Media
        ---
        Messages.
        """
    var children: [ChildProcess] = []
    let folders = TemporaryDirectory(prefix: "downtrack-mail")

    override func tearDown() {
        // The fixtures need no goodbye; an intake still running is killed too.
        for child in children.reversed() { child.stop(signal: SIGKILL) }
    }

    private func start(_ child: ChildProcess) -> ChildProcess {
        children.append(child)
        return child
    }

    /// A site whose mail goes to a fresh SMTP sink; returns the site and the sink's folder.
    private func site(extraSendmail: String = "", webhookPort: Int? = nil) throws -> (TestSite, MailFolder) {
        let mailFolder = folders.url.appendingPathComponent("mail-\(children.count)")
        let sink = start(try .fixture("NotifyTests/Fixtures/smtp_sink.py", [mailFolder.path]))
        let smtpPort = try sink.waitForNumber(after: "port ")
        let relay = ChildProcess.fixturePath("NotifyTests/Fixtures/sendmail_relay.py")
        var configuration = """
            site: {title: Test Tracker, base_url: "https://status.example.org"}
            notify:
              from: "Downtrack <noreply@status.example.org>"
              sendmail: "/usr/bin/env python3 \(relay) --port \(smtpPort) -t -i\(extraSendmail)"
            """
        if let webhookPort {
            configuration += """

                  webhooks: ["http://127.0.0.1:\(webhookPort)/hook"]
                  webhook_secret: "hook-secret"
                """
        }
        return (TestSite(services: ["wechat": Self.service], configuration: configuration), MailFolder(url: mailFolder))
    }

    private func apply(_ database: DowntrackDatabase, _ state: ServiceState, at time: String) throws {
        try database.apply(
            [StateUpdate(slug: "wechat", state: state, reason: "312 reports in 15 minutes", memory: nil)],
            at: Timestamp(iso8601: time)!)
    }

    /// `https://status.example.org/api/v1/…` from a mail, as a path for the local intake.
    private func localPath(of link: String) -> String { String(link.dropFirst("https://status.example.org".count)) }

    private func line(in body: String, startingWith prefix: String) throws -> String {
        String(try XCTUnwrap(body.split(separator: "\n").first { $0.hasPrefix(prefix) }, body))
    }

    func testConfirmationAndNoticesArriveWithTheirHeadersAndLinks() async throws {
        let hookFolder = MailFolder(url: folders.url.appendingPathComponent("hooks"))
        let receiver = start(
            try .fixture("NotifyTests/Fixtures/webhook_receiver.py", ["hook-secret", hookFolder.url.path]))
        let (site, mail) = try site(webhookPort: try receiver.waitForNumber(after: "port "))
        let intake = start(try .downtrack(["intake", "--root", site.root.path, "--port", "0"]))
        let port = try intake.waitForNumber(after: "listening on http://127.0.0.1:")

        // Sign up, and confirm with the link from the mail.
        let signUp = try await RawHTTP.sendAsync(
            port: port, method: "POST", path: "/api/v1/subscriptions", headers: [("Content-Type", "application/json")],
            body: #"{"service":"wechat","email":"alice@example.com"}"#)
        XCTAssertEqual(signUp.status, 202, signUp.body)
        let confirmation = try XCTUnwrap(mail.waitForMessages(1).first, intake.stderr)
        XCTAssertEqual(confirmation.headers["to"], "alice@example.com")
        XCTAssertEqual(confirmation.headers["from"], "Downtrack <noreply@status.example.org>")
        XCTAssertEqual(confirmation.headers["subject"], "Confirm: email me about WeChat")
        let confirmLink = try line(
            in: confirmation.body, startingWith: "https://status.example.org/api/v1/subscriptions/confirm?token=")
        let confirmed = try await RawHTTP.sendAsync(
            port: port, method: "POST", path: localPath(of: confirmLink),
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: "")
        XCTAssertEqual(confirmed.status, 200, confirmed.body)

        // WeChat goes down, then comes back; notify announces both, by mail and webhook.
        let database = try DowntrackDatabase(path: site.databasePath)
        try apply(database, .ok, at: "2026-11-26T13:40:00Z")
        try apply(database, .outage, at: "2026-11-26T13:50:00Z")
        try apply(database, .ok, at: "2026-11-26T14:05:00Z")
        let run = try Binary.run(["notify", "--root", site.root.path, "--now", "2026-11-26T14:06:00Z"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(
            run.stdout.hasPrefix("notify: 3 state changes, 4 queued; sent 2 mails, 2 webhooks; 0 to retry, 0 failed"),
            run.stdout)
        let messages = mail.waitForMessages(3)
        XCTAssertEqual(
            messages.map { $0.headers["subject"] ?? "" },
            [
                "Confirm: email me about WeChat", "Problems detected at WeChat",
                "WeChat is back: no problems reported since 14:05 UTC",
            ])
        let back = messages[2]
        XCTAssertEqual(back.headers["to"], "alice@example.com")
        XCTAssertEqual(back.headers["from"], "Downtrack <noreply@status.example.org>")
        XCTAssertEqual(back.headers["date"], "Thu, 26 Nov 2026 14:06:00 +0000")
        XCTAssertNotNil(
            back.headers["message-id"]?.range(
                of: #"^<[0-9a-f]{32}@status\.example\.org>$"#, options: .regularExpression))
        XCTAssertNotEqual(back.headers["message-id"], messages[1].headers["message-id"])
        XCTAssertEqual(back.headers["list-unsubscribe-post"], "List-Unsubscribe=One-Click")
        let unsubscribeLink = try line(
            in: back.body, startingWith: "https://status.example.org/api/v1/subscriptions/unsubscribe?token=")
        XCTAssertEqual(back.headers["list-unsubscribe"], "<\(unsubscribeLink)>")
        XCTAssertTrue(back.body.contains("Live status: https://status.example.org/services/wechat/"), back.body)
        let envelopes = mail.records.map { $0["to"] as? [String] ?? [] }
        XCTAssertEqual(envelopes, [["alice@example.com"], ["alice@example.com"], ["alice@example.com"]])

        let calls = hookFolder.records
        XCTAssertEqual(calls.count, 2)
        XCTAssertEqual(calls.map { $0["signature_valid"] as? Bool }, [true, true])
        let body = try XCTUnwrap(
            (calls[1]["body"] as? String).map { try JSONSerialization.jsonObject(with: Data($0.utf8)) }
                as? [String: Any])
        XCTAssertEqual(body["state"] as? String, "ok")
        XCTAssertEqual(body["previous_state"] as? String, "outage")
        XCTAssertEqual(body["title"] as? String, "WeChat is back: no problems reported since 14:05 UTC")

        // A repeated run sends nothing twice.
        let again = try Binary.run(["notify", "--root", site.root.path, "--now", "2026-11-26T14:07:00Z"])
        XCTAssertTrue(
            again.stdout.hasPrefix("notify: 0 state changes, 0 queued; sent 0 mails, 0 webhooks"), again.stdout)
        XCTAssertEqual(mail.messages.count, 3)
        XCTAssertEqual(hookFolder.records.count, 2)

        // Opening the unsubscribe link changes nothing; the one-click POST (RFC 8058) deletes the address.
        let page = try await RawHTTP.sendAsync(port: port, method: "GET", path: localPath(of: unsubscribeLink))
        XCTAssertEqual(page.status, 200)
        XCTAssertEqual(try database.confirmedSubscriptions(slug: "wechat").count, 1)
        let unsubscribed = try await RawHTTP.sendAsync(
            port: port, method: "POST", path: localPath(of: unsubscribeLink),
            headers: [("Content-Type", "application/x-www-form-urlencoded")], body: "List-Unsubscribe=One-Click")
        XCTAssertEqual(unsubscribed.status, 200)
        XCTAssertEqual(try database.confirmedSubscriptions(slug: "wechat"), [])
        XCTAssertEqual(intake.stop(), 0)
    }

    func testACrashBetweenSendingAndRecordingDoesNotSendTwice() async throws {
        let flag = folders.url.appendingPathComponent("crash-once")
        let (site, mail) = try site(extraSendmail: " --crash-once \(flag.path)")
        let database = try DowntrackDatabase(path: site.databasePath)
        let at = Timestamp(iso8601: "2026-11-26T13:30:00Z")!
        let composer = NoticeComposer(
            links: SiteLinks(configuration: SiteConfiguration()), from: "x@example.org", tokens: .init(secret: "t"))
        let outcome = try await database.signUp(
            email: "bob@example.com", slug: "wechat", at: at, nonce: "n0", limits: .init()
        ) {
            composer.confirmation($0, serviceName: "WeChat", at: at, lifetime: 3600)
        }
        guard case .confirmationQueued(let record) = outcome else { return XCTFail("\(outcome)") }
        _ = try await database.confirmSubscription(id: record.id, nonce: record.nonce, at: at)
        try await database.pool.write { db in try db.execute(sql: "DELETE FROM outbox") }
        try apply(database, .ok, at: "2026-11-26T13:40:00Z")
        try apply(database, .outage, at: "2026-11-26T14:00:00Z")
        FileManager.default.createFile(atPath: flag.path, contents: Data())

        // The relay hands the mail over, then kills notify before it records the delivery.
        let crashed = try Binary.run(["notify", "--root", site.root.path, "--now", "2026-11-26T14:01:00Z"])
        XCTAssertEqual(crashed.status, SIGKILL, "notify should have been killed: \(crashed.stdout) \(crashed.stderr)")
        XCTAssertEqual(mail.waitForMessages(1).count, 1)
        XCTAssertEqual(try database.outboxStatusCounts()[.sending], 1)

        let next = try Binary.run(["notify", "--root", site.root.path, "--now", "2026-11-26T14:02:00Z"])
        XCTAssertEqual(next.status, 0, next.stderr)
        XCTAssertTrue(next.stdout.contains("sent 0 mails"), next.stdout)
        XCTAssertTrue(next.stdout.contains("1 interrupted earlier (not resent)"), next.stdout)
        try await Task.sleep(nanoseconds: 300_000_000)
        XCTAssertEqual(mail.messages.count, 1, "the mail must not be sent twice")
        XCTAssertEqual(try database.outboxStatusCounts()[.interrupted], 1)
        XCTAssertEqual(mail.messages.first?.headers["subject"], "Problems detected at WeChat")
    }
}
