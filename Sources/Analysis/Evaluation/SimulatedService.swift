import Foundation
import Model

/// One simulated service: its normal rhythm, its injected outages and its per-minute reports
/// over the whole simulated timeline (warm-up weeks, then the scored days).
struct SimulatedService {
    /// An outage injected into the simulation.
    struct Outage {
        /// First minute, as an index into the timeline.
        var start: Int
        var duration: Int
        var multiplier: Double
        var end: Int { start + duration }
    }

    static let minutesPerWeek = 10_080

    var index: Int
    var peakPerMinute: Double
    /// The service's audience time zone, in minutes east of UTC.
    var utcOffsetMinutes: Int
    /// Normal reports per minute for each minute of the UTC week, without noise.
    var normalRate: [Double]
    /// Outages in the scored days.
    var outages: [Outage]
    /// Outages in the warm-up history.
    var pastOutages: [Outage]
    /// Reports per minute over the timeline.
    var counts: [Int32]
    /// Reports per 15 minutes over the timeline.
    var buckets: [Double]
    /// The UTC minute of the week of timeline minute 0.
    var firstMinuteOfWeek: Int

    /// Generates service number `index` of the configuration; deterministic.
    init(index: Int, configuration c: EvaluationConfiguration) {
        var rng = SplitMix64(seed: c.seed, stream: UInt64(index))
        self.index = index
        peakPerMinute = rng.logUniform(c.minimumPeakPerMinute, c.maximumPeakPerMinute)
        utcOffsetMinutes = (rng.integer(below: 18) - 8) * 60
        let weekendFactor = rng.uniform(0.75, 1.25)
        let timelineStart = c.start.adding(seconds: -Int64(c.warmUpWeeks) * 604_800)
        firstMinuteOfWeek = timelineStart.secondOfWeek / 60

        // The daily rhythm in local time: low at night, a midday shoulder and an evening peak,
        // shifted 90 minutes later at weekends.
        func shape(hour: Double, weekend: Bool) -> Double {
            let h = weekend ? hour - 1.5 : hour
            func bump(_ centre: Double, _ width: Double) -> Double {
                var d = abs(h - centre).truncatingRemainder(dividingBy: 24)
                if d > 12 { d = 24 - d }
                return exp(-0.5 * (d / width) * (d / width))
            }
            return 0.08 + bump(20.5, 3) + 0.6 * bump(12.5, 3.5)
        }
        var peakShape = 0.0
        for m in 0..<1440 { peakShape = max(peakShape, shape(hour: Double(m) / 60, weekend: false)) }
        var rate = [Double](repeating: 0, count: SimulatedService.minutesPerWeek)
        for m in 0..<SimulatedService.minutesPerWeek {
            let local = ((m + utcOffsetMinutes) % 10_080 + 10_080) % 10_080
            let weekend = local / 1440 >= 5
            let value = shape(hour: Double(local % 1440) / 60, weekend: weekend) / peakShape
            rate[m] = peakPerMinute * value * (weekend ? weekendFactor : 1)
        }
        normalRate = rate

        // Outages: past ones in the warm-up (over a day before the scored days, so none spills
        // into them), scored ones in the evaluated days, at least 12 hours apart.
        let warmUp = c.warmUpWeeks * SimulatedService.minutesPerWeek
        let scored = c.days * 1440
        var placed: [Outage] = []
        func place(count: Int, from: Int, to: Int) -> [Outage] {
            var result: [Outage] = []
            for _ in 0..<count {
                let multiplier = rng.logUniform(c.minimumMultiplier, c.maximumMultiplier)
                let duration = Int(rng.logUniform(c.minimumDurationMinutes, c.maximumDurationMinutes).rounded())
                guard to - duration > from else { continue }
                for _ in 0..<20 {
                    let start = from + rng.integer(below: to - duration - from)
                    let candidate = Outage(start: start, duration: duration, multiplier: multiplier)
                    let clear = placed.allSatisfy {
                        candidate.start >= $0.end + 720 || candidate.end + 720 <= $0.start
                    }
                    if clear {
                        placed.append(candidate)
                        result.append(candidate)
                        break
                    }
                }
            }
            return result.sorted { $0.start < $1.start }
        }
        let pastMean = c.pastOutagesPerServicePer28Days * Double(c.warmUpWeeks) / 4
        pastOutages = place(count: rng.poisson(pastMean), from: 0, to: warmUp - 1440)
        let scoredMean = c.outagesPerServicePer28Days * Double(c.days) / 28
        outages = place(count: rng.poisson(scoredMean), from: warmUp + 60, to: warmUp + scored)

        // Reports: Poisson around normal × a daily factor × an hourly factor × any outage.
        let total = warmUp + scored
        var multiplier = [Double](repeating: 1, count: total)
        for outage in pastOutages + outages {
            for t in outage.start..<min(outage.end, total) { multiplier[t] = outage.multiplier }
        }
        var minuteCounts = [Int32](repeating: 0, count: total)
        var bucketCounts = [Double](repeating: 0, count: (total + 14) / 15)
        var dayFactor = 1.0
        var hourFactor = 1.0
        for t in 0..<total {
            if t % 1440 == 0 { dayFactor = rng.logNormalFactor(sigma: c.dailyNoise) }
            if t % 60 == 0 { hourFactor = rng.logNormalFactor(sigma: c.hourlyNoise) }
            let lambda = rate[(t + firstMinuteOfWeek) % 10_080] * dayFactor * hourFactor * multiplier[t]
            let n = rng.poisson(lambda)
            minuteCounts[t] = Int32(n)
            bucketCounts[t / 15] += Double(n)
        }
        counts = minuteCounts
        buckets = bucketCounts
    }

    /// Normal reports per minute at timeline minute `t` (no noise, no outage).
    func normal(at t: Int) -> Double {
        normalRate[(t + firstMinuteOfWeek) % 10_080]
    }

    /// The local hour of the service's audience at timeline minute `t`.
    func localHour(at t: Int) -> Int {
        (((t + firstMinuteOfWeek + utcOffsetMinutes) % 1440) + 1440) % 1440 / 60
    }
}
