import Foundation
import Model
import Store

/// Everything the pages show that comes from the database, read in one go.
struct SiteData {
    var asOf: Timestamp
    var lastCollect: Timestamp?
    var states: [String: CurrentState]
    var buckets: [String: [Int64: Int]]
    var lastHour: [String: Int]
    var problemCounts: [String: [ProblemCount]]
    /// Reports by known country in the last hour and the last 24 hours (chart buckets), every
    /// country: the minimum is applied when they are published.
    var countriesLastHour: [String: [CountryCount]] = [:]
    var countries24Hours: [String: [CountryCount]] = [:]
    /// Country names for the page, read once per build.
    var countryNames = CountryNames()
    var baselines: [String: [Double]]
    var official: [String: [OfficialSnapshot]]
    var changesByService: [String: [StateChange]]
    var recentChanges: [StateChange]
    /// The stored episodes that the feeds' state changes start or end, by slug.
    var feedEpisodes: [String: [OutageEpisode]] = [:]

    /// The first bucket of the 24-hour chart (96 buckets ending with the one holding `asOf`).
    var chartStart: Timestamp { asOf.floored(to: BucketSize.chart).adding(seconds: -95 * BucketSize.chart) }

    /// Reads the site's data as of `asOf`.
    /// - Parameters:
    ///   - builtAt: when the build runs, for the freshness check (`asOf` when not given).
    ///   - staleAfterMinutes: when the last collect run is older than this at `builtAt`, every
    ///     crowd state is shown as unknown, saying when data last came in.
    static func load(
        from database: DowntrackDatabase, asOf: Timestamp, builtAt: Timestamp? = nil,
        staleAfterMinutes: Int = SiteConfiguration.Detection().staleAfterMinutes
    ) throws -> SiteData {
        let chartStart = asOf.floored(to: BucketSize.chart).adding(seconds: -95 * BucketSize.chart)
        let chartEnd = asOf.floored(to: BucketSize.chart).adding(seconds: BucketSize.chart)
        let minuteEnd = asOf.floored(to: BucketSize.minute).adding(seconds: BucketSize.minute)
        let minutes = try database.minuteCounts(from: minuteEnd.adding(seconds: -3600), to: minuteEnd)
        var data = SiteData(
            asOf: asOf,
            lastCollect: try database.lastCollectTime(),
            // A service never decided beyond "unknown" shows as never decided.
            states: try database.currentStates().filter { $0.value.state != .unknown },
            buckets: try database.bucketCounts(from: chartStart, to: chartEnd),
            lastHour: minutes.mapValues { $0.values.reduce(0, +) },
            problemCounts: try database.problemCounts(from: chartStart, to: chartEnd),
            baselines: try database.baselines().mapValues(\.slots),
            official: try database.officialSnapshots(),
            changesByService: try database.recentStateChangesByService(perService: 20),
            recentChanges: try database.stateChanges(limit: 50))
        data.countriesLastHour = try database.countryCounts(from: chartEnd.adding(seconds: -3600), to: chartEnd)
        data.countries24Hours = try database.countryCounts(from: chartStart, to: chartEnd)
        data.countryNames = CountryNames(path: CountryNames.debianPath)
        let feedChanges = data.recentChanges + data.changesByService.values.joined()
        if let oldest = feedChanges.map(\.at).min() { data.feedEpisodes = try database.episodes(since: oldest) }
        data.states = CrowdFreshness(lastCollect: data.lastCollect, staleAfterMinutes: staleAfterMinutes)
            .states(data.states, at: builtAt ?? asOf)
        return data
    }

    /// The chart series of one service: 96 buckets, oldest first, with expectations.
    func series(for slug: String) -> [ReportBucket] {
        let counts = buckets[slug] ?? [:]
        let slots = baselines[slug]
        var result: [ReportBucket] = []
        result.reserveCapacity(96)
        var start = chartStart
        for _ in 0..<96 {
            var expected = 0.0
            if let slots, slots.count == 672 {
                expected = slots[start.secondOfWeek / Int(BucketSize.chart)]
            }
            result.append(
                ReportBucket(
                    start: start, count: counts[start.seconds] ?? 0, expected: (expected * 100).rounded() / 100))
            start = start.adding(seconds: BucketSize.chart)
        }
        return result
    }

    /// The state to show: stored state, or `unknown` when nothing was ever decided.
    func state(for slug: String) -> CurrentState? { states[slug] }
}
