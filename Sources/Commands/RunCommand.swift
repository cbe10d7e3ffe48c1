import ArgumentParser
import Foundation
import Model

/// `downtrack run`: collect, build, then send notices, under one lock.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Collect, build, then notify, under a lock (a second run exits at once).")

    @OptionGroup var site: SiteOptions
    @Option(help: "As-of time, ISO 8601 (default: now).") var now: String?
    @Flag(help: "Do not fetch official status sources.") var offline = false

    func validate() throws { _ = try parseTime(now, option: "--now") }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, command: "run")
            defer { withExtendedLifetime(lock) {} }
            let time = try parseTime(now, option: "--now") ?? currentTime()
            try await collectPrinting(
                site: site, configuration: configuration, database: database, now: time, offline: offline, only: [])
            try Build.perform(
                site: site, configuration: configuration, database: database, output: nil, now: time, full: false)
            let notices = try await NotifyStep.perform(
                site: site, configuration: configuration, database: database, now: time)
            print(notices.line)
        }
    }
}
