import ArgumentParser
import Foundation
import Model

/// `downtrack collect`: official sources, report counts, states.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Fetch official status sources, count reports, decide every service's state, record changes.")

    @OptionGroup var site: SiteOptions
    @Option(help: "As-of time, ISO 8601 (default: now).") var now: String?
    @Flag(help: "Do not fetch official status sources.") var offline = false
    @Option(name: .customLong("only"), parsing: .upToNextOption, help: "Only these services (slugs).") var only: [String] = []

    func validate() throws { _ = try parseTime(now, option: "--now") }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, command: "collect")
            defer { withExtendedLifetime(lock) {} }
            let time = try parseTime(now, option: "--now") ?? currentTime()
            try await Collect.perform(
                site: site, configuration: configuration, database: database, now: time, offline: offline, only: only)
        }
    }
}
