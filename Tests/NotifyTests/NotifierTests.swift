import Foundation
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Notify

final class NotifierTests: XCTestCase {
    let t0 = Timestamp(iso8601: "2026-11-26T13:30:00Z")!
    let links: SiteLinks = {
        var configuration = SiteConfiguration()
        configuration.site.baseURL = "https://status.example.org"
        configuration.site.title = "Test Tracker"
        return SiteLinks(configuration: configuration)
    }()
    let holder = TestDatabase()
    let transport = RecordingTransport()
    lazy var clock = ManualClock(Timestamp(iso8601: "2026-11-26T14:06:00Z")!)
    var database: DowntrackDatabase { holder.database }
    var composer: NoticeComposer {
        NoticeComposer(
            links: links, from: "Downtrack <noreply@status.example.org>", tokens: SubscriptionTokens(secret: "t"))
    }

    private func notifier(webhooks: [String] = [], cap: Int = 4) -> Notifier {
        var deliverer = OutboxDeliverer(
            database: database, transport: transport.transport, webhookSecret: "hook-secret", clock: clock.clock)
        deliverer.hourlyCapPerSubscriber = cap
        return Notifier(
            database: database, composer: composer, serviceNames: { ["chatapp": "Chat App"] }, webhooks: webhooks,
            deliverer: deliverer, clock: clock.clock)
    }

    /// A confirmed subscriber whose confirmation mail is already out of the way.
    @discardableResult
    private func subscribe(_ email: String, confirm: Bool = true) async throws -> SubscriptionRecord {
        let composer = composer
        let at = t0
        let outcome = try await database.signUp(
            email: email, slug: "chatapp", at: at, nonce: "n\(email.count)", limits: SignUpLimits()
        ) {
            composer.confirmation($0, serviceName: "Chat App", at: at, lifetime: 3600)
        }
        guard case .confirmationQueued(let record) = outcome else { throw RawHTTP.Failure(description: "\(outcome)") }
        if confirm { _ = try await database.confirmSubscription(id: record.id, nonce: record.nonce, at: t0) }
        for entry in try await database.claimDueOutbox(now: t0, claimer: "test", purpose: .confirm, limit: 10) {
            try await database.finishOutbox(id: entry.id, status: .sent, at: t0)
        }
        return record
    }

    private func change(to state: ServiceState, at time: String) throws {
        try database.apply(
            [StateUpdate(slug: "chatapp", state: state, reason: "312 reports in 15 minutes", memory: nil)],
            at: Timestamp(iso8601: time)!)
    }

    func testNoticesReachConfirmedSubscribersAndWebhooksOnce() async throws {
        let alice = try await subscribe("alice@example.com")
        try await subscribe("pending@example.com", confirm: false)
        try change(to: .ok, at: "2026-11-26T13:40:00Z")
        try change(to: .outage, at: "2026-11-26T13:50:00Z")
        try change(to: .ok, at: "2026-11-26T14:05:00Z")
        let summary = try await notifier(webhooks: [
            "http://127.0.0.1:9/hook", "https://hooks.slack.com/services/T/B/x",
        ]).run()
        XCTAssertEqual(summary.changes, 3)
        XCTAssertEqual(summary.queued, 6)
        XCTAssertEqual(summary.delivery.mailsSent, 2)
        XCTAssertEqual(summary.delivery.webhooksSent, 4)
        XCTAssertTrue(
            summary.line.hasPrefix("notify: 3 state changes, 6 queued; sent 2 mails, 4 webhooks; 0 to retry"),
            summary.line)
        let mails = transport.sentMails
        XCTAssertTrue(mails[0].contains("To: alice@example.com\nSubject: Problems detected at Chat App\n"), mails[0])
        XCTAssertTrue(mails[1].contains("Subject: Chat App is back: no problems reported since 14:05 UTC\n"), mails[1])
        let token = SubscriptionTokens(secret: "t").make(.unsubscribe, id: alice.id, nonce: alice.nonce, expires: nil)
        XCTAssertTrue(
            mails[1].contains(
                "List-Unsubscribe: <https://status.example.org/api/v1/subscriptions/unsubscribe?token=\(token)>\n"))
        XCTAssertTrue(mails[1].contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\n"))
        XCTAssertTrue(
            mails[1].contains("\nhttps://status.example.org/api/v1/subscriptions/unsubscribe?token=\(token)\n"))
        let generic = transport.webhookCalls.filter { $0.url.hasPrefix("http://127.0.0.1") }
        XCTAssertEqual(generic.count, 2)
        XCTAssertEqual(
            generic[0].headers["X-Downtrack-Signature"],
            WebhookPayload.signature(body: generic[0].body, secret: "hook-secret"))
        XCTAssertTrue(generic[0].body.contains(#""state":"outage""#), generic[0].body)
        let slack = transport.webhookCalls.filter { $0.url.contains("slack") }
        XCTAssertEqual(
            slack.first?.body,
            #"{"text":"Problems detected at Chat App <https://status.example.org/services/chatapp/|Live status>"}"#)
        XCTAssertNil(slack.first?.headers["X-Downtrack-Signature"])

        // Running again sends nothing new.
        let again = try await notifier(webhooks: ["http://127.0.0.1:9/hook"]).run()
        XCTAssertEqual(again.changes, 0)
        XCTAssertEqual(transport.sentMails.count, 2)
    }

    func testTheFirstRunAnnouncesOnlyTheLastHour() async throws {
        try await subscribe("alice@example.com")
        try change(to: .outage, at: "2026-11-26T10:00:00Z")
        try change(to: .ok, at: "2026-11-26T13:20:00Z")
        let summary = try await notifier().run()
        XCTAssertEqual(summary.changes, 1)
        XCTAssertEqual(transport.sentMails.count, 1)
        XCTAssertEqual(try database.notifyCursor(), try database.latestStateChangeID())
    }

    func testAFailedDeliveryIsRetriedWithBackoff() async throws {
        try await subscribe("alice@example.com")
        try change(to: .outage, at: "2026-11-26T14:00:00Z")
        transport.answer(.retry("relay down"))
        let first = try await notifier().run()
        XCTAssertEqual(first.delivery.retrying, 1)
        XCTAssertTrue(first.line.contains("last error: relay down"))
        transport.answer(.delivered)
        clock.advance(seconds: 30)
        let early = try await notifier().run()
        XCTAssertEqual(early.delivery.mailsSent, 0, "not due before the first retry delay")
        clock.advance(seconds: 30)
        let due = try await notifier().run()
        XCTAssertEqual(due.delivery.mailsSent, 1)
        XCTAssertEqual(try database.outboxStatusCounts()[.sent], 2)
    }

    func testARefusedDeliveryIsGivenUp() async throws {
        try change(to: .ok, at: "2026-11-26T13:59:00Z")
        try change(to: .outage, at: "2026-11-26T14:00:00Z")
        transport.answer(.failed("HTTP 404 from example.org"))
        let summary = try await notifier(webhooks: ["https://example.org/hook"]).run()
        XCTAssertEqual(summary.delivery.failed, 1)
        XCTAssertEqual(try database.outboxStatusCounts()[.failed], 1)
    }

    func testEachSubscriberGetsAtMostTheHourlyCap() async throws {
        try await subscribe("alice@example.com")
        for (index, state) in [ServiceState.ok, .outage, .ok, .outage, .ok].enumerated() {
            try change(to: state, at: "2026-11-26T14:0\(index):00Z")
        }
        let summary = try await notifier(cap: 2).run()
        XCTAssertEqual(summary.delivery.mailsSent, 2)
        XCTAssertEqual(summary.delivery.capped, 2)
    }

    /// `notify.notices_per_address_per_hour` caps the site's notifier; `--hourly-cap` (here
    /// `hourlyCap`) overrides it. Mail goes to a sendmail that accepts everything (`true`).
    func testTheSiteNotifierTakesItsCapFromTheConfiguration() async throws {
        try await subscribe("alice@example.com")
        for (index, state) in [ServiceState.ok, .outage, .ok, .outage, .ok].enumerated() {
            try change(to: state, at: "2026-11-26T14:0\(index):00Z")
        }
        var configuration = SiteConfiguration()
        configuration.notify.sendmail = "/usr/bin/true"
        configuration.notify.noticesPerAddressPerHour = 1
        let configured = try Notifier(
            configuration: configuration, database: database, serviceNames: { ["chatapp": "Chat App"] },
            clock: clock.clock)
        let summary = try await configured.run()
        XCTAssertEqual(summary.delivery.mailsSent, 1, summary.line)
        XCTAssertEqual(summary.delivery.capped, 3, summary.line)

        try change(to: .outage, at: "2026-11-26T14:05:00Z")
        let overridden = try Notifier(
            configuration: configuration, database: database, serviceNames: { ["chatapp": "Chat App"] },
            clock: clock.clock, hourlyCap: 2)
        let second = try await overridden.run()
        XCTAssertEqual(second.delivery.mailsSent, 1, "one more fits under the cap of 2: \(second.line)")
    }

    func testTitlesSayWhatChanged() {
        func title(_ from: ServiceState, _ to: ServiceState) -> String? {
            NoticeComposer.title(
                for: StateChange(
                    slug: "w", at: Timestamp(iso8601: "2026-11-26T09:07:00Z")!, from: from, to: to, reason: ""),
                serviceName: "WeChat")
        }
        XCTAssertEqual(title(.ok, .outage), "Problems detected at WeChat")
        XCTAssertEqual(title(.possible, .outage), "Problems detected at WeChat")
        XCTAssertEqual(title(.ok, .possible), "Possible problems at WeChat")
        XCTAssertEqual(title(.outage, .ok), "WeChat is back: no problems reported since 09:07 UTC")
        XCTAssertNil(title(.unknown, .ok))
        XCTAssertNil(title(.ok, .unknown))
        XCTAssertNil(title(.outage, .possible))
    }

    func testMailHeadersAreCleanAndEncoded() {
        let message = MailMessage(
            from: "Downtrack <noreply@example.org>", to: "a@example.org\r\nBcc: evil@example.org",
            subject: "Problems detected at Wéchat", date: Timestamp(iso8601: "2026-11-26T22:00:00Z")!,
            messageID: MailMessage.messageID(key: "k", from: "Downtrack <noreply@example.org>"), body: "Hi\r\n")
        let text = message.rendered()
        XCTAssertTrue(text.contains("To: a@example.org  Bcc: evil@example.org\n"), text)
        XCTAssertFalse(text.contains("\nBcc:"))
        XCTAssertTrue(text.contains("Subject: =?UTF-8?B?"), text)
        XCTAssertTrue(text.contains("Date: Thu, 26 Nov 2026 22:00:00 +0000\n"))
        XCTAssertTrue(text.contains("Message-ID: <\(SHA256.hex(Array("k".utf8)).prefix(32))@example.org>\n"))
        XCTAssertTrue(text.hasSuffix("\n\nHi\n"))
    }

    func testWebhookFlavorsFollowTheHost() {
        XCTAssertEqual(WebhookPayload.flavor(of: "https://hooks.slack.com/services/x"), .slack)
        XCTAssertEqual(WebhookPayload.flavor(of: "https://discord.com/api/webhooks/1/x"), .discord)
        XCTAssertEqual(WebhookPayload.flavor(of: "https://example.org/hooks.slack.com"), .generic)
        let payload = WebhookPayload(
            changeID: 1, change: StateChange(slug: "w", at: t0, from: .ok, to: .outage, reason: "r"),
            serviceName: "WeChat",
            title: "Problems detected at WeChat", pageURL: "https://s.example/services/w/")
        XCTAssertEqual(
            payload.body(for: "https://discord.com/api/webhooks/1/x"),
            #"{"content":"Problems detected at WeChat https://s.example/services/w/"}"#)
    }
}
