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
    @Option(help: "Notice mails one address gets per hour at most (default: notify.notices_per_address_per_hour).")
    var hourlyCap: Int?

    func validate() throws {
        _ = try parseTime(now, option: "--now")
        if let hourlyCap, hourlyCap < 1 { throw ValidationError("--hourly-cap must be at least 1, not \(hourlyCap)") }
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
        hourlyCap: Int? = nil
    ) async throws -> NotifySummary {
        do {
            let notifier = try Notifier(
                configuration: configuration, database: database,
                serviceNames: {
                    Dictionary(
                        try loadContent(site).services.map { ($0.slug, $0.name) },
                        uniquingKeysWith: { first, _ in first })
                },
                clock: now.map(IntakeClock.fixed) ?? .system, hourlyCap: hourlyCap)
            return try await notifier.run()
        } catch let error as StoreError {
            throw CommandFailure("notify: \(error)")
        }
    }
}
