import Analysis
import Model
import Store

/// `demo`'s simulated report history, drawn from `SimulatedTraffic` (the model `evaluate`
/// scores the detector on): each service's minutes over the weeks before `end`, with a few
/// past outages, and an outage still running at the end for three of them. Kept as 15-minute
/// buckets for the history and per minute for the last hour; each count is split across the
/// service's problems. Deterministic for a seed and an end.
public struct DemoSimulation: Sendable {
    /// The seed of the simulation; the same seed and end give the same data.
    public let seed: UInt64
    /// The end of the simulated history (exclusive).
    public let end: Timestamp
    /// Weeks of history.
    public let weeks: Int

    /// Sizes from a niche service (about 0.02 reports a minute at its peak) to a very popular
    /// one (about 3); noise, outage strengths and lengths as in the evaluation.
    public static let traffic = TrafficParameters(minimumPeakPerMinute: 0.02, maximumPeakPerMinute: 3)
    /// Mean number of past outages per service in 28 days of history.
    public static let pastOutagesPer28Days = 1.0
    /// How many services are in an outage at the end (at most).
    public static let outagesAtTheEnd = 3

    /// A simulation of `weeks` weeks up to `end`.
    public init(seed: UInt64, end: Timestamp, weeks: Int) {
        self.seed = seed
        self.end = end
        self.weeks = weeks
    }

    /// The simulated counts, for `DowntrackDatabase.recordDemo`.
    public struct Output: Sendable {
        /// Reports per 15 minutes over the whole history.
        public var buckets: [SlotCount] = []
        /// Reports per minute over the last hour.
        public var minutes: [SlotCount] = []
        /// Names of the services in an outage at the end.
        public var outages: [String] = []
        /// Reports per country and 15 minutes over the last `countryHours` hours.
        public var countries: [CountrySlotCount] = []
        /// Crowd episodes of the past outages, ended (the running ones come from the detector).
        public var episodes: [OutageEpisode] = []
        /// Official incidents, most of them overlapping an episode.
        public var incidents: [IncidentRecord] = []
    }

    /// The history of `services`, from `weeks` before `end` to `end`.
    public func generate(_ services: [Service]) -> Output {
        var output = Output()
        var random = SplitMix64(seed: seed)
        let start = end.adding(seconds: -Int64(weeks) * 7 * 86_400).floored(to: BucketSize.chart)
        let minutes = max(0, Int((end.seconds - start.seconds) / 60))
        let troubled = Set(
            services.map(\.slug).sorted().shuffled(using: &random).prefix(min(Self.outagesAtTheEnd, services.count)))
        for service in services {
            let stream = UInt64(StableHasher.digest(service.slug).prefix(16), radix: 16) ?? 0
            var local = SplitMix64(seed: seed ^ stream)
            let weights = service.problems.map { _ in 0.2 + local.uniform() }
            var traffic = SimulatedTraffic(
                seed: seed, stream: stream, start: start, minutes: minutes, parameters: Self.traffic)
            if troubled.contains(service.slug), minutes > 60 {
                // Started 10–49 minutes ago and still running, strong enough to be seen at
                // any hour: at least 25× normal and 3 reports a minute.
                let begin = minutes - 10 - local.integer(below: 40)
                let multiplier = max(25, 3 / max(traffic.normal(at: begin), 1e-6))
                traffic.inject(.init(start: begin, duration: minutes - begin + 60, multiplier: multiplier))
                output.outages.append(service.name)
            }
            let past = traffic.placeOutages(
                mean: Self.pastOutagesPer28Days * Double(weeks) / 4, from: 0, to: minutes - 1440)
            let history = history(of: service, outages: past, traffic: traffic, start: start)
            output.episodes += history.episodes
            output.incidents += history.incidents
            let counts = traffic.reports()
            let audience = audience(of: service.slug)
            for (index, count) in SimulatedTraffic.sums(counts, per: 15).enumerated() where count > 0 {
                let time = start.adding(seconds: Int64(index) * BucketSize.chart)
                split(count, service, time, weights, &local, into: &output.buckets)
                if time.seconds >= end.seconds - Self.countryHours * 3600 {
                    output.countries += countryCounts(count, service.slug, time, audience: audience)
                }
            }
            // The last hour minute by minute, for the detector's live window.
            for t in max(0, minutes - 60)..<minutes where counts[t] > 0 {
                split(
                    Int(counts[t]), service, start.adding(seconds: Int64(t) * 60), weights, &local,
                    into: &output.minutes)
            }
        }
        return output
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
}
