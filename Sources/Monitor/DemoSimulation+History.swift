import Analysis
import Model

extension DemoSimulation {
    /// An episode is simulated only for a past outage that adds at least this many reports a
    /// quarter-hour above normal, so a site shows what its detector would have seen.
    static let noticeableExcessPer15Minutes = 10.0

    /// Titles of simulated official incidents.
    static let demoIncidentTitles = [
        "Elevated error rates", "Degraded performance for some users", "Login failures",
        "Service disruption", "Delayed messages",
    ]

    /// The crowd episodes and official incidents of a service's past `outages` (timeline
    /// minutes from `start`): each noticeable outage becomes an episode that starts a few
    /// minutes after it and ends after the calm period; about two in three get an official
    /// incident posted a little later (sometimes earlier) and resolved around the episode's
    /// end, from the service's first status source. A service with a source also gets one
    /// incident that people never noticed. Drawn from a stream of its own, so the simulated
    /// counts are the same with or without it.
    func history(
        of service: Service, outages: [SimulatedTraffic.Outage], traffic: SimulatedTraffic, start: Timestamp
    ) -> (episodes: [OutageEpisode], incidents: [IncidentRecord]) {
        let stream = UInt64(StableHasher.digest("history|" + service.slug).prefix(16), radix: 16) ?? 0
        var random = SplitMix64(seed: seed ^ stream)
        let source = service.statusSources.first?.url
        var episodes: [OutageEpisode] = []
        var incidents: [IncidentRecord] = []
        for outage in outages {
            let excess = traffic.normal(at: outage.start) * (outage.multiplier - 1) * 15
            guard excess >= Self.noticeableExcessPer15Minutes else { continue }
            let began = start.adding(seconds: Int64(outage.start + 2 + random.integer(below: 4)) * 60)
            let ended = start.adding(seconds: Int64(outage.end + 20 + random.integer(below: 10)) * 60)
            let episode = OutageEpisode(
                slug: service.slug, start: began, end: ended, worstState: outage.multiplier >= 3 ? .outage : .possible)
            episodes.append(episode)
            guard let source, random.uniform() < 0.67 else { continue }
            let posted = began.adding(seconds: Int64(random.integer(below: 50) - 8) * 60)
            let resolved = max(posted, ended.adding(seconds: Int64(random.integer(below: 40) - 10) * 60))
            incidents.append(incident(service, source: source, posted: posted, resolved: resolved, &random))
        }
        if let source, outages.count > 0 || random.uniform() < 0.5 {
            let day = Int64(3 + random.integer(below: max(1, weeks * 7 - 4)))
            let posted = end.floored(to: 86_400).adding(
                seconds: -day * 86_400 + Int64(random.integer(below: 1440)) * 60)
            let resolved = posted.adding(seconds: Int64(20 + random.integer(below: 100)) * 60)
            let quiet = episodes.allSatisfy { $0.start > resolved || ($0.end ?? end) < posted }
            if quiet {
                incidents.append(incident(service, source: source, posted: posted, resolved: resolved, &random))
            }
        }
        return (episodes, incidents.sorted { $0.firstPost < $1.firstPost })
    }

    private func incident(
        _ service: Service, source: String, posted: Timestamp, resolved: Timestamp, _ random: inout SplitMix64
    ) -> IncidentRecord {
        let title = Self.demoIncidentTitles[random.integer(below: Self.demoIncidentTitles.count)]
        return IncidentRecord(
            slug: service.slug, sourceURL: source, key: "demo|\(posted.seconds)", title: title,
            impact: random.uniform() < 0.5 ? .major : .minor, firstPost: posted, resolved: resolved)
    }
}
