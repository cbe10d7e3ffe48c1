import Analysis
import Model
import Store

/// The baselines in force over a stretch of minutes, one per scheduled estimate.
struct BaselineSeries {
    /// Estimates by the moment they were made, oldest first.
    var estimates: [(at: Timestamp, baseline: Baseline)]

    /// The baseline in force at `time` (the latest estimate at or before it; else the first).
    func baseline(at time: Timestamp) -> Baseline {
        var result = estimates.first?.baseline ?? .flat(perSlot: 0)
        for estimate in estimates where estimate.at <= time { result = estimate.baseline }
        return result
    }
}

/// Step four: every service's baselines for the minutes about to be decided, on the schedule
/// of `BaselineSchedule`: the stored estimate when it is the one in force, otherwise estimated
/// from the history before its scheduled moment. The latest is stored for the next run.
enum BaselineRefresh {
    static func run(
        services: [Service], ranges: [String: ClosedRange<Timestamp>], settings: DetectionSettings,
        database: DowntrackDatabase
    ) throws -> [String: BaselineSeries] {
        // Only this batch's: reading all 20,000 for each batch of 100 cost more than the decisions.
        let stored = try database.baselines(slugs: services.map(\.slug))
        let weeks = Int64(max(settings.baselineWeeks, 1)) * 7 * 86_400
        var result: [String: BaselineSeries] = [:]
        var fresh: [String: StoredBaseline] = [:]
        for service in services {
            guard let range = ranges[service.slug] else { continue }
            var moments: [Timestamp] = []
            var moment = BaselineSchedule.estimateTime(at: range.lowerBound, slug: service.slug)
            while moment <= range.upperBound {
                moments.append(moment)
                moment = moment.adding(seconds: BaselineSchedule.interval)
            }
            let kept = stored[service.slug].flatMap { item -> Baseline? in
                guard item.slots.count == Baseline.slotCount else { return nil }
                return Baseline(
                    slots: item.slots, source: Baseline.Source(rawValue: item.source) ?? .prior,
                    historyDays: item.historyDays, overdispersion: item.overdispersion, computedAt: item.computedAt)
            }
            let missing = moments.filter { $0 != kept?.computedAt }
            var history: [ReportBucket] = []
            if let first = missing.first, let last = missing.last {
                history = try database.history(
                    slug: service.slug, from: first.floored(to: BucketSize.chart).adding(seconds: -weeks),
                    to: last.floored(to: BucketSize.chart))
            }
            var series = BaselineSeries(estimates: [])
            for moment in moments {
                if let kept, kept.computedAt == moment {
                    series.estimates.append((moment, kept))
                    continue
                }
                let end = moment.floored(to: BucketSize.chart)
                let before = history.filter { $0.start < end && $0.start >= end.adding(seconds: -weeks) }
                let baseline = BaselineEstimator.estimate(history: before, now: moment, settings: settings)
                series.estimates.append((moment, baseline))
                if moment == moments.last {
                    fresh[service.slug] = StoredBaseline(
                        computedAt: moment, slots: baseline.slots, source: baseline.source.rawValue,
                        historyDays: baseline.historyDays, overdispersion: baseline.overdispersion)
                }
            }
            result[service.slug] = series
        }
        try database.saveBaselines(fresh)
        return result
    }
}
