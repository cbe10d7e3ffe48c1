import Foundation
import Model

/// One service's simulated reports, minute by minute: the project's one simulation model,
/// behind `evaluate`'s scored services and `demo`'s history.
///
/// A service has a size (reports per minute at its daily peak), an audience time zone and a
/// daily rhythm in its local time (low at night, a midday shoulder, an evening peak; shifted
/// later and scaled at weekends). Reports are Poisson around that rhythm times a noise factor
/// drawn per day and per hour of the timeline, times the multiplier of any injected outage.
///
/// Use: make it (draws the service), place or inject outages, then read `reports()`.
/// Deterministic: the same seed, stream and calls give the same numbers on every machine.
public struct SimulatedTraffic: Sendable {
    /// An outage injected into the traffic: its minutes have `multiplier` times the reports.
    public struct Outage: Sendable, Equatable {
        /// First minute, as an index into the timeline.
        public var start: Int
        /// Length in minutes.
        public var duration: Int
        /// Reports per minute are this many times normal while it lasts.
        public var multiplier: Double
        /// The first minute after it.
        public var end: Int { start + duration }

        /// An outage of `duration` minutes from timeline minute `start`.
        public init(start: Int, duration: Int, multiplier: Double) {
            self.start = start
            self.duration = duration
            self.multiplier = multiplier
        }
    }

    /// Minutes in a week: the period of the rhythm.
    public static let minutesPerWeek = 10_080

    /// The time of timeline minute 0.
    public let start: Timestamp
    /// Length of the timeline in minutes.
    public let minutes: Int
    /// What kind of service this is.
    public let parameters: TrafficParameters
    /// Normal reports per minute at the weekday's peak.
    public let peakPerMinute: Double
    /// The audience's time zone, in minutes east of UTC.
    public let utcOffsetMinutes: Int
    /// Weekend traffic relative to weekdays.
    public let weekendFactor: Double
    /// Every outage placed or injected so far, in that order.
    public private(set) var outages: [Outage] = []

    /// Normal reports per minute for each minute of the UTC week, without noise.
    private let normalRate: [Double]
    /// The UTC minute of the week of timeline minute 0.
    private let firstMinuteOfWeek: Int
    private var random: SplitMix64

    /// Draws the service of stream `stream` of `seed`: its size, time zone and weekend level.
    /// The timeline runs for `minutes` minutes from `start`.
    public init(seed: UInt64, stream: UInt64, start: Timestamp, minutes: Int, parameters: TrafficParameters) {
        random = SplitMix64(seed: seed, stream: stream)
        self.start = start
        self.minutes = max(minutes, 0)
        self.parameters = parameters
        peakPerMinute = random.logUniform(parameters.minimumPeakPerMinute, parameters.maximumPeakPerMinute)
        utcOffsetMinutes = (random.integer(below: 18) - 8) * 60
        weekendFactor = random.uniform(0.75, 1.25)
        firstMinuteOfWeek = start.secondOfWeek / 60
        var rate = [Double](repeating: 0, count: Self.minutesPerWeek)
        for m in 0..<Self.minutesPerWeek {
            let local = ((m + utcOffsetMinutes) % Self.minutesPerWeek + Self.minutesPerWeek) % Self.minutesPerWeek
            let weekend = local / 1440 >= 5
            let value = Self.shape(hour: Double(local % 1440) / 60, weekend: weekend) / Self.peakShape
            rate[m] = peakPerMinute * value * (weekend ? weekendFactor : 1)
        }
        normalRate = rate
    }

    /// Relative activity at a local hour (0 ≤ hour < 24): low at night, a midday shoulder and
    /// an evening peak, 90 minutes later at weekends. Not normalised (see `peakShape`).
    public static func shape(hour: Double, weekend: Bool) -> Double {
        let h = weekend ? hour - 1.5 : hour
        func bump(_ centre: Double, _ width: Double) -> Double {
            var d = abs(h - centre).truncatingRemainder(dividingBy: 24)
            if d > 12 { d = 24 - d }
            return exp(-0.5 * (d / width) * (d / width))
        }
        return 0.08 + bump(20.5, 3) + 0.6 * bump(12.5, 3.5)
    }

    /// The weekday maximum of `shape` over the minutes of a day: the peak's value.
    public static let peakShape: Double = (0..<1440).reduce(0) { max($0, shape(hour: Double($1) / 60, weekend: false)) }

    /// Normal reports per minute at timeline minute `t` (no noise, no outage).
    public func normal(at t: Int) -> Double {
        normalRate[((t + firstMinuteOfWeek) % Self.minutesPerWeek + Self.minutesPerWeek) % Self.minutesPerWeek]
    }

    /// The audience's local hour (0–23) at timeline minute `t`.
    public func localHour(at t: Int) -> Int {
        (((t + firstMinuteOfWeek + utcOffsetMinutes) % 1440) + 1440) % 1440 / 60
    }

    /// Adds `outage` as given (it draws nothing). Later placements keep 12 hours away from it.
    /// Where injected outages overlap, the later one's multiplier holds.
    public mutating func inject(_ outage: Outage) {
        outages.append(outage)
    }

    /// Places a Poisson number (mean `mean`) of outages, each with a strength and length drawn
    /// from the parameters, starting and ending within timeline minutes `from..<to`, at least
    /// 12 hours from every other outage. An outage that finds no free place in 20 tries is
    /// dropped. Returns the ones placed, by start.
    @discardableResult
    public mutating func placeOutages(mean: Double, from: Int, to: Int) -> [Outage] {
        let count = random.poisson(mean)
        var result: [Outage] = []
        for _ in 0..<count {
            let multiplier = random.logUniform(parameters.minimumMultiplier, parameters.maximumMultiplier)
            let duration = Int(
                random.logUniform(parameters.minimumDurationMinutes, parameters.maximumDurationMinutes).rounded())
            guard to - duration > from else { continue }
            for _ in 0..<20 {
                let start = from + random.integer(below: to - duration - from)
                let candidate = Outage(start: start, duration: duration, multiplier: multiplier)
                let clear = outages.allSatisfy { candidate.start >= $0.end + 720 || candidate.end + 720 <= $0.start }
                if clear {
                    outages.append(candidate)
                    result.append(candidate)
                    break
                }
            }
        }
        return result.sorted { $0.start < $1.start }
    }

    /// The reports of every timeline minute: Poisson around normal × a daily factor × an hourly
    /// factor × any outage's multiplier. The same for the same simulation, however often asked
    /// (it draws from a copy of the generator).
    public func reports() -> [Int32] {
        var random = self.random
        var multiplier = [Double](repeating: 1, count: minutes)
        for outage in outages {
            let from = max(outage.start, 0)
            let to = min(outage.end, minutes)
            if from < to { for t in from..<to { multiplier[t] = outage.multiplier } }
        }
        var counts = [Int32](repeating: 0, count: minutes)
        var dayFactor = 1.0
        var hourFactor = 1.0
        for t in 0..<minutes {
            if t % 1440 == 0 { dayFactor = random.logNormalFactor(sigma: parameters.dailyNoise) }
            if t % 60 == 0 { hourFactor = random.logNormalFactor(sigma: parameters.hourlyNoise) }
            let lambda =
                normalRate[(t + firstMinuteOfWeek) % Self.minutesPerWeek] * dayFactor * hourFactor * multiplier[t]
            counts[t] = Int32(clamping: random.poisson(lambda))
        }
        return counts
    }

    /// Sums of `counts` over consecutive groups of `size` minutes (the last one may be short):
    /// per-minute reports as 15-minute buckets.
    public static func sums(_ counts: [Int32], per size: Int = 15) -> [Int] {
        let size = max(size, 1)
        var result = [Int](repeating: 0, count: (counts.count + size - 1) / size)
        for (t, count) in counts.enumerated() { result[t / size] += Int(count) }
        return result
    }
}
