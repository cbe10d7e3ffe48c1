import Model

/// One of the evaluation's services: its `SimulatedTraffic` over the whole timeline (warm-up
/// weeks, then the scored days) with past outages in the warm-up and scored ones in the
/// scored days.
struct SimulatedService {
    var index: Int
    /// The service's traffic, outages included.
    var traffic: SimulatedTraffic
    /// Outages in the scored days, by start.
    var outages: [SimulatedTraffic.Outage]
    /// Outages in the warm-up history, by start.
    var pastOutages: [SimulatedTraffic.Outage]
    /// Reports per minute over the timeline.
    var counts: [Int32]
    /// Reports per 15 minutes over the timeline.
    var buckets: [Double]

    var peakPerMinute: Double { traffic.peakPerMinute }

    /// Generates service number `index` of the main population; deterministic.
    init(index: Int, configuration c: EvaluationConfiguration) {
        self.init(
            index: index, stream: UInt64(index), traffic: c.traffic,
            outagesPerServicePer28Days: c.outagesPerServicePer28Days, nightOutages: false, configuration: c)
    }

    /// Generates service number `index` of cohort number `cohort` (0-based) of the
    /// configuration; deterministic, and drawn from streams the main population never uses.
    init(index: Int, cohort: Int, configuration c: EvaluationConfiguration) {
        let group = c.cohorts[cohort]
        self.init(
            index: index, stream: UInt64(cohort + 1) << 32 | UInt64(index), traffic: group.traffic,
            outagesPerServicePer28Days: group.outagesPerServicePer28Days, nightOutages: group.nightOutages,
            configuration: c)
    }

    private init(
        index: Int, stream: UInt64, traffic parameters: TrafficParameters, outagesPerServicePer28Days: Double,
        nightOutages: Bool, configuration c: EvaluationConfiguration
    ) {
        self.index = index
        let warmUp = c.warmUpWeeks * SimulatedTraffic.minutesPerWeek
        let scored = c.days * 1440
        traffic = SimulatedTraffic(
            seed: c.seed, stream: stream, start: c.start.adding(seconds: -Int64(c.warmUpWeeks) * 604_800),
            minutes: warmUp + scored, parameters: parameters)
        // Past outages end over a day before the scored days, so none spills into them.
        let pastMean = c.pastOutagesPerServicePer28Days * Double(c.warmUpWeeks) / 4
        pastOutages = traffic.placeOutages(mean: pastMean, from: 0, to: warmUp - 1440)
        let scoredMean = outagesPerServicePer28Days * Double(c.days) / 28
        if nightOutages {
            var random = SplitMix64(seed: c.seed ^ 0x4E49_4748_5400_0000, stream: stream)
            outages = Self.nightOutages(
                mean: scoredMean, traffic: &traffic, from: warmUp + 60, days: c.days, random: &random)
        } else {
            outages = traffic.placeOutages(mean: scoredMean, from: warmUp + 60, to: warmUp + scored)
        }
        counts = traffic.reports()
        buckets = SimulatedTraffic.sums(counts).map(Double.init)
    }

    /// Injects a Poisson number (mean `mean`) of outages into `traffic`, each on its own scored
    /// day and starting between 00:00 and 05:00 for the service's audience, with a strength and
    /// length drawn from the traffic's parameters. Returns them by start.
    private static func nightOutages(
        mean: Double, traffic: inout SimulatedTraffic, from: Int, days: Int, random: inout SplitMix64
    ) -> [SimulatedTraffic.Outage] {
        let parameters = traffic.parameters
        let count = min(random.poisson(mean), days)
        var freeDays = Array(0..<days)
        var result: [SimulatedTraffic.Outage] = []
        for _ in 0..<count {
            let day = freeDays.remove(at: random.integer(below: freeDays.count))
            let multiplier = random.logUniform(parameters.minimumMultiplier, parameters.maximumMultiplier)
            let duration = Int(
                random.logUniform(parameters.minimumDurationMinutes, parameters.maximumDurationMinutes).rounded())
            let offset = random.integer(below: 300)
            // The day's first minute at local midnight (time zones are whole hours).
            let dayStart = from - 60 + day * 1440
            guard let midnight = (dayStart..<(dayStart + 1440)).first(where: { traffic.localHour(at: $0) == 0 })
            else { continue }
            let start = max(midnight + offset, from)
            guard start + duration <= traffic.minutes else { continue }
            let outage = SimulatedTraffic.Outage(start: start, duration: duration, multiplier: multiplier)
            traffic.inject(outage)
            result.append(outage)
        }
        return result.sorted { $0.start < $1.start }
    }

    /// Normal reports per minute at timeline minute `t` (no noise, no outage).
    func normal(at t: Int) -> Double { traffic.normal(at: t) }

    /// The local hour of the service's audience at timeline minute `t`.
    func localHour(at t: Int) -> Int { traffic.localHour(at: t) }
}
