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

    /// Generates service number `index` of the configuration; deterministic.
    init(index: Int, configuration c: EvaluationConfiguration) {
        self.index = index
        let warmUp = c.warmUpWeeks * SimulatedTraffic.minutesPerWeek
        let scored = c.days * 1440
        traffic = SimulatedTraffic(
            seed: c.seed, stream: UInt64(index), start: c.start.adding(seconds: -Int64(c.warmUpWeeks) * 604_800),
            minutes: warmUp + scored, parameters: c.traffic)
        // Past outages end over a day before the scored days, so none spills into them.
        let pastMean = c.pastOutagesPerServicePer28Days * Double(c.warmUpWeeks) / 4
        pastOutages = traffic.placeOutages(mean: pastMean, from: 0, to: warmUp - 1440)
        let scoredMean = c.outagesPerServicePer28Days * Double(c.days) / 28
        outages = traffic.placeOutages(mean: scoredMean, from: warmUp + 60, to: warmUp + scored)
        counts = traffic.reports()
        buckets = SimulatedTraffic.sums(counts).map(Double.init)
    }

    /// Normal reports per minute at timeline minute `t` (no noise, no outage).
    func normal(at t: Int) -> Double { traffic.normal(at: t) }

    /// The local hour of the service's audience at timeline minute `t`.
    func localHour(at t: Int) -> Int { traffic.localHour(at: t) }
}
