import Foundation
import IntakeRules
import Model
import Store
import TestSupport
import XCTest

@testable import Notify

/// A notice of a service back to normal says how long the trouble lasted, from the stored
/// episode that the change ends; the webhook's own JSON carries the episode.
final class EpisodeNoticeTests: XCTestCase {
    let holder = TestDatabase()
    let transport = RecordingTransport()
    lazy var clock = ManualClock(Timestamp(iso8601: "2026-11-26T14:06:00Z")!)
    var database: DowntrackDatabase { holder.database }

    private func notifier(webhooks: [String]) -> Notifier {
        var configuration = SiteConfiguration()
        configuration.site.baseURL = "https://status.example.org"
        configuration.site.title = "Test Tracker"
        let composer = NoticeComposer(
            links: SiteLinks(configuration: configuration), from: "Downtrack <noreply@status.example.org>",
            tokens: SubscriptionTokens(secret: "t"))
        let deliverer = OutboxDeliverer(
            database: database, transport: transport.transport, webhookSecret: "hook-secret", clock: clock.clock)
        return Notifier(
            database: database, composer: composer, serviceNames: { ["chatapp": "Chat App"] }, webhooks: webhooks,
            deliverer: deliverer, clock: clock.clock)
    }

    private func subscribe(_ email: String) async throws {
        let at = Timestamp(iso8601: "2026-11-26T13:00:00Z")!
        let composer = NoticeComposer(
            links: SiteLinks(configuration: SiteConfiguration()), from: "Downtrack <noreply@status.example.org>",
            tokens: SubscriptionTokens(secret: "t"))
        let outcome = try await database.signUp(
            email: email, slug: "chatapp", at: at, nonce: "n", limits: SignUpLimits()
        ) { composer.confirmation($0, serviceName: "Chat App", at: at, lifetime: 3600) }
        guard case .confirmationQueued(let record) = outcome else { throw RawHTTP.Failure(description: "\(outcome)") }
        _ = try await database.confirmSubscription(id: record.id, nonce: record.nonce, at: at)
        for entry in try await database.claimDueOutbox(now: at, claimer: "test", purpose: .confirm, limit: 10) {
            try await database.finishOutbox(id: entry.id, status: .sent, at: at)
        }
    }

    /// A state change of Chat App recorded the way the collector does: the change, then the episodes.
    private func change(to state: ServiceState, at time: String, recordingEpisodes: Bool = true) throws {
        let changes = try database.apply(
            [StateUpdate(slug: "chatapp", state: state, reason: "312 reports in 15 minutes", memory: nil)],
            at: Timestamp(iso8601: time)!)
        if recordingEpisodes { try database.recordEpisodes(for: changes) }
    }

    func testTheNoticeOfTheEndSaysHowLongTheTroubleLasted() async throws {
        try await subscribe("alice@example.com")
        try change(to: .ok, at: "2026-11-26T13:10:00Z")
        try change(to: .possible, at: "2026-11-26T13:18:00Z")
        try change(to: .outage, at: "2026-11-26T13:30:00Z")
        try change(to: .ok, at: "2026-11-26T14:05:00Z")
        let summary = try await notifier(webhooks: ["http://127.0.0.1:9/hook", "https://discord.com/api/webhooks/1/x"])
            .run()
        XCTAssertEqual(summary.delivery.mailsSent, 3, summary.line)
        let mails = transport.sentMails
        let last = try XCTUnwrap(mails.last)
        XCTAssertTrue(last.contains("Subject: Chat App is back to normal after 47 minutes\n"), last)
        XCTAssertTrue(
            last.contains(
                "\n\nChat App is back to normal after 47 minutes.\n\nNo problems reported since 14:05 UTC; the trouble "
                    + "began at 13:18 UTC, at worst: problems detected.\n312 reports in 15 minutes\n"), last)
        XCTAssertTrue(mails[0].contains("Subject: Possible problems at Chat App\n"), mails[0])

        let generic = transport.webhookCalls.filter { $0.url.hasPrefix("http://127.0.0.1") }
        let end = try XCTUnwrap(generic.last)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(end.body.utf8)) as? [String: Any])
        XCTAssertEqual(object["title"] as? String, "Chat App is back to normal after 47 minutes")
        let episode = try XCTUnwrap(object["episode"] as? [String: Any], end.body)
        XCTAssertEqual(episode["start"] as? String, "2026-11-26T13:18:00Z")
        XCTAssertEqual(episode["end"] as? String, "2026-11-26T14:05:00Z")
        XCTAssertEqual(episode["duration_minutes"] as? Int, 47)
        XCTAssertEqual(episode["worst_state"] as? String, "outage")
        XCTAssertNil(
            (try JSONSerialization.jsonObject(with: Data(generic[0].body.utf8)) as? [String: Any])?["episode"],
            "a change into trouble carries no episode")
        let discord = transport.webhookCalls.filter { $0.url.contains("discord") }
        XCTAssertEqual(
            discord.last?.body,
            #"{"content":"Chat App is back to normal after 47 minutes https://status.example.org/services/chatapp/"}"#)
    }

    func testWithoutAStoredEpisodeTheNoticeSaysWhenItWasBack() async throws {
        try await subscribe("alice@example.com")
        try change(to: .outage, at: "2026-11-26T13:30:00Z", recordingEpisodes: false)
        try change(to: .ok, at: "2026-11-26T14:05:00Z", recordingEpisodes: false)
        _ = try await notifier(webhooks: []).run()
        let last = try XCTUnwrap(transport.sentMails.last)
        XCTAssertTrue(last.contains("Subject: Chat App is back: no problems reported since 14:05 UTC\n"), last)
        XCTAssertFalse(last.contains("the trouble began"), last)
    }

    func testDurationsReadLikeTheHistoryPages() {
        XCTAssertEqual(NoticeComposer.duration(minutes: 1), "1 minute")
        XCTAssertEqual(NoticeComposer.duration(minutes: 47), "47 minutes")
        XCTAssertEqual(NoticeComposer.duration(minutes: 120), "2 hours")
        XCTAssertEqual(NoticeComposer.duration(minutes: 185), "3 hours 5 minutes")
        XCTAssertEqual(NoticeComposer.duration(minutes: 2 * 1440 + 4 * 60 + 10), "2 days 4 hours")
        let open = OutageEpisode(slug: "w", start: Timestamp(seconds: 600), worstState: .outage)
        XCTAssertNil(NoticeComposer.durationMinutes(open))
        var reversed = open
        reversed.end = Timestamp(seconds: 0)
        XCTAssertNil(NoticeComposer.durationMinutes(reversed), "an end before the start is no duration")
    }
}
