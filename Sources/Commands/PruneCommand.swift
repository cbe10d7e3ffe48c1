import ArgumentParser
import Foundation
import Model

/// `downtrack prune`: enforces the retention periods.
struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Delete raw reports, minute counts and history past their retention.")

    @OptionGroup var site: SiteOptions
    @Option(help: "As-of time, ISO 8601 (default: now).") var now: String?

    func validate() throws { _ = try parseTime(now, option: "--now") }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 600, command: "prune")
            defer { withExtendedLifetime(lock) {} }
            let time = try parseTime(now, option: "--now") ?? currentTime()
            let removed = try database.prune(
                now: time, minuteRetentionDays: configuration.reports.minuteRetentionDays,
                historyRetentionDays: configuration.reports.historyRetentionDays)
            let parts = removed.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
            print(
                "prune: removed \(parts.joined(separator: ", ")) (raw and minute data older than "
                    + "\(configuration.reports.minuteRetentionDays) days, history older than \(configuration.reports.historyRetentionDays) days)"
            )
        }
    }
}
