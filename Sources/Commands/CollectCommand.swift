import ArgumentParser
import Content
import Foundation
import Model
import Monitor
import Store

/// `downtrack collect`: official sources, report counts, states.
struct CollectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Fetch official status sources, count reports, decide every service's state, record changes.")

    @OptionGroup var site: SiteOptions
    @Option(help: "As-of time, ISO 8601 (default: now).") var now: String?
    @Flag(help: "Do not fetch official status sources.") var offline = false
    @Option(name: .customLong("only"), parsing: .upToNextOption, help: "Only these services (slugs).") var only:
        [String] = []
    @Flag(help: "Check every official source now, not only the ones due in this minute (--only implies it).")
    var allSources = false

    func validate() throws { _ = try parseTime(now, option: "--now") }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, command: "collect")
            defer { withExtendedLifetime(lock) {} }
            let time = try parseTime(now, option: "--now") ?? currentTime()
            try await collectPrinting(
                site: site, configuration: configuration, database: database, now: time, offline: offline, only: only,
                everySource: allSources || !only.isEmpty)
        }
    }
}

/// The collect run of `collect` and `run`: the monitor does the work; this prints its lines
/// (failed sources and state changes on standard error, the summary on standard output).
func collectPrinting(
    site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, now: Timestamp, offline: Bool,
    only: [String], everySource: Bool = false
) async throws {
    let started = Date()
    do {
        let services = try DueSources.services(loadCachedContent(site, database: database).services, only: only)
        let monitor = ServiceMonitor(configuration: configuration, database: database)
        let fetcher = offline ? nil : ServiceMonitor.sourceCollector(for: configuration)
        let summary = try await monitor.collect(
            services: services, now: now, fetcher: fetcher, everySource: everySource, startedAt: started,
            progress: { printError($0) })
        for failure in summary.official?.failures ?? [] { printError(failure.line) }
        for line in summary.decisions.changeLines { printError(line) }
        print(summary.line)
    } catch let error as MonitorError {
        throw CommandFailure(error.description)
    }
}

/// Loads the content through the build's content cache (files unchanged since the last
/// collect or build are not read or parsed again) and keeps the cache up to date.
func loadCachedContent(_ site: SiteOptions, database: DowntrackDatabase) throws -> SiteContent {
    let root = site.rootURL.standardizedFileURL
    let rootKey = root.path
    do {
        let cache = try database.contentCache(root: rootKey)
        let (content, entries) = try ContentLoader.load(root: root, cache: cache)
        let changed = entries.filter { cache[$0.key] != $0.value }
        let removed = cache.keys.filter { entries[$0] == nil }
        try database.updateContentCache(root: rootKey, changed: changed, removed: removed)
        return content
    } catch let error as ContentError {
        throw CommandFailure(error.description)
    }
}
