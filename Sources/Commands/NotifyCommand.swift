import ArgumentParser
import Foundation
import IntakeRules
import Model
import Notify
import Store

/// `downtrack notify`: announces new state changes by mail and webhook, from the outbox.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send notices of new state changes: mail to confirmed subscribers, and webhooks.",
        discussion:
            "Safe to repeat: each notice is queued once, and a notice already handed to sendmail is never sent again.")

    @OptionGroup var site: SiteOptions
    @Option(help: "As-of time, ISO 8601 (default: now).") var now: String?
    @Option(help: "Notice mails one address gets per hour at most.") var hourlyCap = 4

    func validate() throws {
        _ = try parseTime(now, option: "--now")
        if hourlyCap < 1 { throw ValidationError("--hourly-cap must be at least 1, not \(hourlyCap)") }
    }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 120, command: "notify")
            defer { withExtendedLifetime(lock) {} }
            let summary = try await NotifyStep.perform(
                site: site, configuration: configuration, database: database, now: try parseTime(now, option: "--now"),
                hourlyCap: hourlyCap)
            print(summary.line)
        }
    }
}

/// The notify step, shared by `notify` and `run`.
enum NotifyStep {
    static func perform(
        site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, now: Timestamp?,
        hourlyCap: Int = 4
    ) async throws -> NotifySummary {
        let clock = now.map(IntakeClock.fixed) ?? .system
        let links = SiteLinks(configuration: configuration)
        let tokens = SubscriptionTokens(secret: try subscriptionSecret(database))
        var deliverer = OutboxDeliverer(
            database: database, transport: .live(sendmailCommand: configuration.notify.sendmail),
            webhookSecret: configuration.notify.webhookSecret, clock: clock)
        deliverer.hourlyCapPerSubscriber = hourlyCap
        let notifier = Notifier(
            database: database, composer: NoticeComposer(links: links, from: configuration.notify.from, tokens: tokens),
            serviceNames: {
                Dictionary(
                    try loadContent(site).services.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
            },
            webhooks: configuration.notify.webhooks, deliverer: deliverer, clock: clock)
        do { return try await notifier.run() } catch let error as StoreError {
            throw CommandFailure("notify: \(error)")
        }
    }
}
