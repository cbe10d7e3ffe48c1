import Model

/// Who knew first: pairs official incidents with the crowd episodes they overlap and measures
/// the gaps. Pure; the same lists and time give the same answer.
public enum OutageLagAnalysis {
    /// The lags of one service's incidents against its episodes.
    ///
    /// An incident and an episode overlap when the incident's span (first post to resolution)
    /// and the episode's span (start to end) share a moment; an open one lasts until `now`. An
    /// incident is paired with the earliest episode it overlaps. Each lag's indexes point into
    /// the lists given.
    /// - Parameters:
    ///   - incidents: the service's official incidents.
    ///   - episodes: the service's crowd episodes.
    ///   - now: the end of anything still open.
    public static func summary(
        incidents: [IncidentRecord], episodes: [OutageEpisode], now: Timestamp
    ) -> OutageLagSummary {
        var lags: [OutageLag] = []
        var matchedEpisodes = Set<Int>()
        var unmatchedIncidents = 0
        for (incidentIndex, incident) in incidents.enumerated() {
            let incidentEnd = max(incident.resolved ?? now, incident.firstPost)
            var best: Int?
            for (episodeIndex, episode) in episodes.enumerated() {
                let episodeEnd = max(episode.end ?? now, episode.start)
                guard episode.start <= incidentEnd, incident.firstPost <= episodeEnd else { continue }
                matchedEpisodes.insert(episodeIndex)
                if best.map({ episodes[$0].start > episode.start }) ?? true { best = episodeIndex }
            }
            guard let best else {
                unmatchedIncidents += 1
                continue
            }
            let episode = episodes[best]
            var resolution: Int?
            if let resolved = incident.resolved, let end = episode.end { resolution = minutes(from: end, to: resolved) }
            lags.append(
                OutageLag(
                    incident: incidentIndex, episode: best,
                    detectedBeforeMinutes: minutes(from: episode.start, to: incident.firstPost),
                    backToNormalBeforeResolutionMinutes: resolution))
        }
        return OutageLagSummary(
            lags: lags, medianDetectedBeforeMinutes: median(lags.map(\.detectedBeforeMinutes)),
            medianBackToNormalBeforeResolutionMinutes: median(lags.compactMap(\.backToNormalBeforeResolutionMinutes)),
            incidentsWithoutEpisode: unmatchedIncidents, episodesWithoutIncident: episodes.count - matchedEpisodes.count
        )
    }

    /// Whole minutes from `start` to `end`, rounded to the nearest; negative when `end` is earlier.
    public static func minutes(from start: Timestamp, to end: Timestamp) -> Int {
        let (difference, overflow) = end.seconds.subtractingReportingOverflow(start.seconds)
        guard !overflow else { return 0 }
        return Int((Double(difference) / 60).rounded())
    }

    /// The median of `values`, nil when there are none.
    public static func median(_ values: [Int]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return Double(sorted[middle]) }
        return (Double(sorted[middle - 1]) + Double(sorted[middle])) / 2
    }
}
