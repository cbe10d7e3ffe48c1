import Analysis
import Collect
import Content
import Foundation
import Model
import Store

/// The collect step shared by `collect` and `run`: official sources → store; reports and
/// official status → detector → states and changes.
enum Collect {
    static func perform(
        site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, now: Timestamp, offline: Bool,
        only: [String]
    ) async throws {
        let started = Date()
        var services = try loadContent(site).services
        if !only.isEmpty {
            let known = Set(services.map(\.slug))
            if let unknown = only.first(where: { !known.contains($0) }) {
                throw CommandFailure("collect: unknown service '\(unknown)' in --only")
            }
            services = services.filter { only.contains($0.slug) }
        }
        var summary = "official sources skipped (--offline)"
        if !offline {
            summary = try await OfficialStep.run(services: services, configuration: configuration, database: database, now: now)
        }
        let decided = try DecisionStep.run(services: services, configuration: configuration, database: database, now: now)
        let line = "collect: \(services.count) services, \(summary); \(decided)"
        try database.recordCollect(asOf: now, startedAt: started, summary: line)
        print(line)
    }
}

/// Fetches every due official source and stores what each said.
enum OfficialStep {
    static func run(
        services: [Service], configuration: SiteConfiguration, database: DowntrackDatabase, now: Timestamp
    ) async throws -> String {
        let states = try database.officialSourceStates()
        var requests: [SourceCheckRequest] = []
        var backedOff = 0
        for service in services {
            for source in service.statusSources {
                let state = states["\(service.slug) \(source.url)"]
                if let next = state?.nextAttemptAt, next > now {
                    backedOff += 1
                    continue
                }
                requests.append(SourceCheckRequest(
                    slug: service.slug, source: source, etag: state?.etag, lastModified: state?.lastModified))
            }
        }
        let collector = SourceCollector(
            configuration: FetchConfiguration(configuration.collect, siteBaseURL: configuration.site.baseURL))
        let total = requests.count
        let results = await collector.collect(requests, now: now) { done, _ in
            if total >= 200 && done % 100 == 0 { printError("collect: \(done)/\(total) sources checked") }
        }
        var counts = (changed: 0, notModified: 0, failed: 0)
        var records: [OfficialCheckRecord] = []
        for result in results {
            let state = states["\(result.slug) \(result.sourceURL)"]
            var record = OfficialCheckRecord(
                slug: result.slug, sourceURL: result.sourceURL, checkedAt: result.checkedAt, outcome: .failed,
                httpStatus: result.httpStatus, etag: result.etag, lastModified: result.lastModified,
                bodyHash: result.bodySHA256, elapsedMilliseconds: result.elapsedMilliseconds)
            switch result.outcome {
            case .parsed(let status):
                record.outcome = .parsed
                record.status = status
                if result.bodySHA256 != state?.bodyHash { counts.changed += 1 }
            case .notModified:
                record.outcome = .notModified
                counts.notModified += 1
            case .failed(let reason):
                record.error = reason
                record.nextAttemptAt = BackoffPolicy.nextAttempt(
                    after: (state?.failures ?? 0) + 1, lastCheckedAt: result.checkedAt,
                    retryAfterSeconds: result.retryAfterSeconds)
                counts.failed += 1
                printError(
                    "collect: \(result.slug): \(InertText.escapedForLog(result.sourceURL)): "
                        + InertText.escapedForLog(reason, limit: 500))
            }
            records.append(record)
        }
        try database.record(records)
        return "\(total) sources checked, \(counts.changed) changed, \(counts.notModified) not modified, "
            + "\(counts.failed) failed, \(backedOff) backing off"
    }
}

/// Refreshes baselines and decides every service's state.
enum DecisionStep {
    /// Baselines older than this are refreshed (a share of them per run).
    static let baselineMaxAge: Int64 = 3600

    static func settings(_ configuration: SiteConfiguration) -> DetectionSettings {
        DetectionSettings(configuration.detection)
    }

    static func run(
        services: [Service], configuration: SiteConfiguration, database: DowntrackDatabase, now: Timestamp,
        quiet: Bool = false
    ) throws -> String {
        let settings = settings(configuration)
        let baselines = try refreshBaselines(services: services, settings: settings, database: database, now: now)
        let window = settings.windowMinutes
        let end = now.floored(to: BucketSize.minute)
        let minutes = try database.minuteCounts(from: end.adding(seconds: -Int64(window - 1) * 60), to: end.adding(seconds: 60))
        let memories = try database.detectorMemories()
        let official = try database.officialSnapshots()
        let staleAfter = configuration.collect.staleAfterMinutes * 60
        let detector = Detector(settings: settings)
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var updates: [StateUpdate] = []
        for service in services {
            let perMinute = minutes[service.slug] ?? [:]
            var counts = [Int](repeating: 0, count: window)
            for index in 0..<window {
                counts[index] = perMinute[end.adding(seconds: -Int64(window - 1 - index) * 60).seconds] ?? 0
            }
            let indicator = worstIndicator(official[service.slug] ?? [], sources: service.statusSources, now: now, staleAfter: staleAfter)
            let memory = memories[service.slug].flatMap { try? decoder.decode(DetectorMemory.self, from: Data($0.utf8)) }
            let decision = detector.decide(DetectorInput(
                slug: service.slug, now: now, counts: counts, baseline: baselines[service.slug] ?? .flat(perSlot: 0),
                official: indicator, memory: memory))
            let memoryJSON = (try? encoder.encode(decision.memory)).map { String(decoding: $0, as: UTF8.self) }
            updates.append(StateUpdate(slug: service.slug, state: decision.state, reason: decision.reason, memory: memoryJSON))
        }
        let changes = try database.apply(updates, at: now)
        if !quiet && changes.count > 20 { printError("collect: \(changes.count) state changes, the first 20:") }
        for change in changes.prefix(20) where !quiet {
            printError("collect: \(change.slug): \(change.from.rawValue) → \(change.to.rawValue): \(change.reason)")
        }
        let troubled = updates.filter { $0.state >= .possible }.count
        return "\(changes.count) state changes, \(troubled) with problems"
    }

    /// The worst fresh official indicator among a service's sources (`unknown` when none is fresh).
    static func worstIndicator(
        _ snapshots: [OfficialSnapshot], sources: [StatusSource], now: Timestamp, staleAfter: Int
    ) -> OfficialIndicator {
        var worst = OfficialIndicator.unknown
        for source in sources {
            guard let snapshot = snapshots.first(where: { $0.sourceURL == source.url }) else { continue }
            let indicator = snapshot.effectiveStatus(at: now, staleAfter: staleAfter).indicator
            if indicator.severity > worst.severity { worst = indicator }
        }
        return worst
    }

    static func refreshBaselines(
        services: [Service], settings: DetectionSettings, database: DowntrackDatabase, now: Timestamp
    ) throws -> [String: Baseline] {
        let stored = try database.baselines()
        var result: [String: Baseline] = [:]
        var due: [(slug: String, age: Int64)] = []
        for service in services {
            if let item = stored[service.slug], item.slots.count == Baseline.slotCount {
                result[service.slug] = Baseline(
                    slots: item.slots, source: Baseline.Source(rawValue: item.source) ?? .prior,
                    historyDays: item.historyDays, overdispersion: item.overdispersion, computedAt: item.computedAt)
                let age = now.seconds - item.computedAt.seconds
                if age >= baselineMaxAge || age < 0 { due.append((service.slug, age)) }
            } else {
                due.append((service.slug, Int64.max))
            }
        }
        // Missing baselines now; stale ones a slice per run, oldest first, so no minute carries them all.
        due.sort { $0.age > $1.age }
        let missing = due.filter { $0.age == Int64.max }.count
        let budget = max(missing, max(200, services.count / 30))
        let from = now.adding(seconds: -Int64(settings.baselineWeeks) * 7 * 86_400)
        var fresh: [String: StoredBaseline] = [:]
        for item in due.prefix(budget) {
            let history = try database.history(slug: item.slug, from: from, to: now.floored(to: BucketSize.chart))
            let baseline = BaselineEstimator.estimate(history: history, now: now, settings: settings)
            result[item.slug] = baseline
            fresh[item.slug] = StoredBaseline(
                computedAt: now, slots: baseline.slots, source: baseline.source.rawValue,
                historyDays: baseline.historyDays, overdispersion: baseline.overdispersion)
        }
        try database.saveBaselines(fresh)
        return result
    }
}
