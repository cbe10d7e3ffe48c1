import Analysis
import Model
import Store

/// Step four: every service's baseline, re-estimating the missing ones and a slice of the
/// stale ones (oldest first, so no single run carries them all).
enum BaselineRefresh {
    /// Baselines older than this are refreshed (a share of them per run).
    static let maxAge: Int64 = 3600

    static func run(
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
                if age >= maxAge || age < 0 { due.append((service.slug, age)) }
            } else {
                due.append((service.slug, Int64.max))
            }
        }
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
