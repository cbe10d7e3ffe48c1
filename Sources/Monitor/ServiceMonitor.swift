import Analysis
import Collect
import Foundation
import Model
import Store

/// Watches the services: select due sources → fetch and read → record checks → refresh
/// baselines → decide → record changes, each a named step whose failures say which step failed.
/// The collector's counterpart of the generator's `SiteGenerator`.
public struct ServiceMonitor {
    public let configuration: SiteConfiguration
    public let database: DowntrackDatabase

    public init(configuration: SiteConfiguration, database: DowntrackDatabase) {
        self.configuration = configuration
        self.database = database
    }

    /// The fetcher for real official sources, with the configuration's limits and address rules.
    public static func sourceCollector(for configuration: SiteConfiguration) -> SourceCollector {
        SourceCollector(
            configuration: FetchConfiguration(configuration.collect, siteBaseURL: configuration.site.baseURL))
    }

    /// The fetcher `check --online` probes sources with: the same limits and address rules.
    public static func statusFetcher(for configuration: SiteConfiguration) -> StatusFetcher {
        StatusFetcher(configuration: FetchConfiguration(configuration.collect, siteBaseURL: configuration.site.baseURL))
    }

    /// One collect run at `now` and its record in the run log.
    /// - Parameters:
    ///   - services: the services to cover (already narrowed by `--only`).
    ///   - fetcher: checks official sources; nil skips them (`--offline`).
    ///   - everySource: checks every source not backing off, whatever the schedule (`--only`).
    ///   - startedAt: the wall-clock start, kept in the run log.
    ///   - progress: called with a line now and then while many sources are checked.
    /// - Throws: `MonitorError` naming the step that failed.
    public func collect(
        services: [Service], now: Timestamp, fetcher: (any SourceChecking)?, everySource: Bool = false,
        startedAt: Date = Date(), progress: ((String) -> Void)? = nil
    ) async throws -> CollectSummary {
        var official: OfficialCheckSummary?
        if let fetcher {
            official = try await checkSources(
                services: services, now: now, fetcher: fetcher, everySource: everySource, progress: progress)
        }
        let decisions = try decide(services: services, now: now)
        let summary = CollectSummary(services: services.count, official: official, decisions: decisions)
        try step(.recordChanges) { try database.recordCollect(asOf: now, startedAt: startedAt, summary: summary.line) }
        return summary
    }

    /// Checks the due official sources (every one not backing off with `everySource`) and
    /// records what each said.
    public func checkSources(
        services: [Service], now: Timestamp, fetcher: any SourceChecking, everySource: Bool = false,
        progress: ((String) -> Void)? = nil
    ) async throws -> OfficialCheckSummary {
        let states = try step(.selectSources) { try database.officialSourceStates() }
        let schedule = everySource ? nil : PollSchedule(intervalMinutes: configuration.collect.intervalMinutes)
        let due = DueSources(services: services, states: states, now: now, schedule: schedule)
        let total = due.requests.count
        let results = await fetcher.collect(due.requests, now: now) { done, _ in
            if total >= 200 && done % 100 == 0 { progress?("collect: \(done)/\(total) sources checked") }
        }
        let (records, checked) = CheckRecording.records(for: results, states: states, backingOff: due.backingOff)
        var summary = checked
        summary.notYet = due.notYet
        try step(.recordChecks) { try database.record(records) }
        try step(.recordChecks) { try database.recordIncidents(from: records) }
        return summary
    }

    /// Refreshes baselines, decides every service's state minute by minute up to `now` (from
    /// the last decided minute, at most 24 hours back) and records the changes at the minutes
    /// they happened.
    /// - Throws: `MonitorError` naming the step that failed.
    /// How many services' baselines are estimated and held at once while deciding.
    static let decisionBatchSize = 100

    public func decide(services: [Service], now: Timestamp) throws -> DecisionSummary {
        let settings = DetectionSettings(configuration.detection)
        let decision = StateDecision(settings: settings, staleAfter: configuration.collect.staleAfterMinutes * 60)
        let plan = try step(.refreshBaselines) { try decision.plan(services: services, database: database, now: now) }
        let inputs = try step(.decide) { try decision.inputs(plan: plan, database: database) }
        // A replay may need a day of hourly baselines per service: services go through in
        // batches, so only one batch's baselines are held at a time.
        var updates: [StateUpdate] = []
        for start in stride(from: 0, to: services.count, by: Self.decisionBatchSize) {
            let batch = Array(services[start..<min(start + Self.decisionBatchSize, services.count)])
            let baselines = try step(.refreshBaselines) {
                try BaselineRefresh.run(services: batch, ranges: plan.ranges, settings: settings, database: database)
            }
            updates += decision.decide(services: batch, plan: plan, baselines: baselines, inputs: inputs)
        }
        let changes = try step(.recordChanges) { try database.apply(updates, at: now) }
        try step(.recordChanges) { try database.recordEpisodes(for: changes) }
        return DecisionSummary(changes: changes, troubled: updates.filter { $0.state >= .possible }.count)
    }
}
