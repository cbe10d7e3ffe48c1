import Foundation
import Model
import Store

/// Simulated report history with a daily and weekly rhythm, services of different sizes,
/// and a few outages in progress at the end. Deterministic for a seed.
struct DemoSimulation {
    let seed: UInt64
    let end: Timestamp
    let weeks: Int

    struct Output {
        var buckets: [SlotCount] = []
        var minutes: [SlotCount] = []
        var outages: [String] = []
    }

    func generate(_ services: [Service]) -> Output {
        var output = Output()
        var random = SeededRandom(seed: seed)
        let start = end.adding(seconds: -Int64(weeks) * 7 * 86_400).floored(to: BucketSize.chart)
        // A few services are in trouble now: the first three in a seeded shuffle.
        let troubled = Set(services.map(\.slug).sorted().shuffled(using: &random).prefix(min(3, services.count)))
        for service in services {
            var local = SeededRandom(seed: seed ^ (UInt64(StableHasher.digest(service.slug).prefix(16), radix: 16) ?? 0))
            // Reports per minute at the daily peak: from ~0.02 (niche) to ~3 (very popular).
            let peak = 0.02 * pow(150, local.nextDouble())
            let weights = service.problems.map { _ in 0.2 + local.nextDouble() }
            let outageStart = end.adding(seconds: -Int64(10 + Int(local.nextDouble() * 40)) * 60)
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
    func rhythm(at time: Timestamp) -> Double {
        let hour = Double(time.secondOfWeek % 86_400) / 3600
        let daily = 0.25 + 0.75 * exp(-pow((hour - 19) / 5, 2)) + 0.35 * exp(-pow((hour - 12) / 3, 2))
        return daily * (time.weekday >= 5 ? 1.2 : 1.0)
    }

    private func split(
        _ count: Int, _ service: Service, _ time: Timestamp, _ weights: [Double], _ random: inout SeededRandom,
        into list: inout [SlotCount]
    ) {
        let total = weights.reduce(0, +)
        var left = count
        for (index, problem) in service.problems.enumerated() {
            let share = index == service.problems.count - 1
                ? left : min(left, Int((Double(count) * weights[index] / total + random.nextDouble() - 0.5).rounded()))
            if share > 0 { list.append(SlotCount(slug: service.slug, problem: problem.id, start: time, count: share)) }
            left -= max(0, share)
            if left <= 0 { break }
        }
    }

    private func poisson(_ mean: Double, _ random: inout SeededRandom) -> Int {
        if mean <= 0 { return 0 }
        if mean > 30 {
            // Normal approximation for large means.
            let u1 = max(random.nextDouble(), 1e-12), u2 = random.nextDouble()
            let z = sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
            return max(0, Int((mean + z * sqrt(mean)).rounded()))
        }
        let limit = exp(-mean)
        var product = random.nextDouble()
        var count = 0
        while product > limit {
            count += 1
            product *= random.nextDouble()
        }
        return count
    }
}

/// SplitMix64: small, fast and deterministic.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func nextDouble() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
