import Analysis
import Foundation
import Model
import Store

/// `demo`'s simulated report history: a daily and weekly rhythm, services of different sizes,
/// and a few outages in progress at the end. Deterministic for a seed, drawn from the same
/// generator as `evaluate`'s simulated services (`SplitMix64`).
public struct DemoSimulation: Sendable {
    public let seed: UInt64
    public let end: Timestamp
    public let weeks: Int

    public init(seed: UInt64, end: Timestamp, weeks: Int) {
        self.seed = seed
        self.end = end
        self.weeks = weeks
    }

    /// The simulated counts, for `DowntrackDatabase.recordDemo`.
    public struct Output: Sendable {
        public var buckets: [SlotCount] = []
        public var minutes: [SlotCount] = []
        /// Names of the services in trouble at the end.
        public var outages: [String] = []
    }

    /// The history of `services`, from `weeks` before `end` to `end`.
    public func generate(_ services: [Service]) -> Output {
        var output = Output()
        var random = SplitMix64(seed: seed)
        let start = end.adding(seconds: -Int64(weeks) * 7 * 86_400).floored(to: BucketSize.chart)
        // A few services are in trouble now: the first three in a seeded shuffle.
        let troubled = Set(services.map(\.slug).sorted().shuffled(using: &random).prefix(min(3, services.count)))
        for service in services {
            var local = SplitMix64(seed: seed ^ (UInt64(StableHasher.digest(service.slug).prefix(16), radix: 16) ?? 0))
            // Reports per minute at the daily peak: from ~0.02 (niche) to ~3 (very popular).
            let peak = 0.02 * pow(150, local.uniform())
            let weights = service.problems.map { _ in 0.2 + local.uniform() }
            let outageStart = end.adding(seconds: -Int64(10 + Int(local.uniform() * 40)) * 60)
            let isTroubled = troubled.contains(service.slug)
            if isTroubled { output.outages.append(service.name) }
            var time = start
            while time < end {
                let rate = peak * 15 * rhythm(at: time)
                var count = poisson(rate, &local)
                if isTroubled, time >= outageStart.floored(to: BucketSize.chart) {
                    count += poisson(max(30, peak * 15 * 25), &local)
                }
                if count > 0 { split(count, service, time, weights, &local, into: &output.buckets) }
                time = time.adding(seconds: BucketSize.chart)
            }
            // The last hour minute by minute, for the detector's live window.
            var minute = end.adding(seconds: -3600)
            while minute < end {
                var count = poisson(peak * rhythm(at: minute), &local)
                if isTroubled, minute >= outageStart { count += poisson(max(2, peak * 25), &local) }
                if count > 0 { split(count, service, minute, weights, &local, into: &output.minutes) }
                minute = minute.adding(seconds: 60)
            }
        }
        return output
    }

    /// Relative activity: low at night, high in the evening, a little higher at weekends (UTC).
    public func rhythm(at time: Timestamp) -> Double {
        let hour = Double(time.secondOfWeek % 86_400) / 3600
        let daily = 0.25 + 0.75 * exp(-pow((hour - 19) / 5, 2)) + 0.35 * exp(-pow((hour - 12) / 3, 2))
        return daily * (time.weekday >= 5 ? 1.2 : 1.0)
    }

    private func split(
        _ count: Int, _ service: Service, _ time: Timestamp, _ weights: [Double], _ random: inout SplitMix64,
        into list: inout [SlotCount]
    ) {
        let total = weights.reduce(0, +)
        var left = count
        for (index, problem) in service.problems.enumerated() {
            let share =
                index == service.problems.count - 1
                ? left : min(left, Int((Double(count) * weights[index] / total + random.uniform() - 0.5).rounded()))
            if share > 0 { list.append(SlotCount(slug: service.slug, problem: problem.id, start: time, count: share)) }
            left -= max(0, share)
            if left <= 0 { break }
        }
    }

    /// Exact for small means, the normal approximation for large ones (cheap, and close
    /// enough for a picture).
    private func poisson(_ mean: Double, _ random: inout SplitMix64) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 { return max(0, Int((mean + random.normal() * sqrt(mean)).rounded())) }
        return random.poissonByInversion(mean)
    }
}
