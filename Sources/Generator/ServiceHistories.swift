import Analysis
import Model
import Render
import Store

/// Every service's crowd episodes and official incidents over the history window, read once
/// per build for the pages: "Past outages", the 90-day strip, the history page and the
/// methodology's site-wide lag. Ended episodes carry their stored peak; an open one is shown
/// as still going on, without a peak, so the pages change only when an episode or incident
/// does, or when the day rolls over.
struct ServiceHistories {
    var asOf: Timestamp
    var episodes: [String: [OutageEpisode]]
    var incidents: [String: [IncidentRecord]]

    /// No history at all, as of the epoch.
    init() {
        asOf = Timestamp(seconds: 0)
        episodes = [:]
        incidents = [:]
    }

    init(asOf: Timestamp, episodes: [String: [OutageEpisode]], incidents: [String: [IncidentRecord]]) {
        self.asOf = asOf
        self.episodes = episodes
        self.incidents = incidents
    }

    /// The first moment of the window: whole days, the same window as the history files.
    static func from(asOf: Timestamp) -> Timestamp {
        asOf.floored(to: 86_400).adding(seconds: -Int64(HistoryFilesBuilder.days) * 86_400)
    }

    /// Reads every service's history as of `asOf`.
    static func load(from database: DowntrackDatabase, asOf: Timestamp) throws -> ServiceHistories {
        let from = from(asOf: asOf)
        return ServiceHistories(
            asOf: asOf, episodes: try database.episodes(since: from), incidents: try database.incidents(since: from))
    }

    /// One service's timeline with its lags, newest first.
    func timeline(for slug: String) -> OutageTimeline {
        let episodes = episodes[slug] ?? []
        let incidents = incidents[slug] ?? []
        let summary = OutageLagAnalysis.summary(incidents: incidents, episodes: episodes, now: asOf)
        return OutageTimeline(episodes: episodes, incidents: incidents, summary: summary)
    }

    /// One service's 90-day strip.
    func strip(for slug: String) -> [OutageStrip.Day] {
        OutageStrip.days(episodes: episodes[slug] ?? [], incidents: incidents[slug] ?? [], asOf: asOf)
    }

    /// Everything the service's pages take from the history, for its input hash: the day, every
    /// episode and incident as stored, and how many begin after `asOf` (each counts once `asOf`
    /// passes it).
    func hashInput(for slug: String) -> String {
        var hasher = StableHasher()
        hasher.combine("history-pages-v1|\(asOf.floored(to: 86_400).seconds)")
        var later = 0
        for episode in episodes[slug] ?? [] {
            hasher.combine("\(episode.start.seconds)|\(episode.end?.seconds ?? -1)|\(episode.worstState.rawValue)")
            if let peak = episode.peak { hasher.combine("\(peak.at.seconds)|\(peak.count)|\(peak.expected)") }
            for problem in episode.topProblems { hasher.combine("\(problem.id):\(problem.share)") }
            if episode.start > asOf { later += 1 }
        }
        for incident in incidents[slug] ?? [] {
            hasher.combine(
                "\(incident.key)|\(incident.title)|\(incident.impact?.rawValue ?? "-")|\(incident.firstPost.seconds)|"
                    + "\(incident.resolved?.seconds ?? -1)|\(incident.url ?? "-")|\(incident.sourceURL)")
            if incident.firstPost > asOf { later += 1 }
        }
        hasher.combine(Int64(later))
        return hasher.hexDigest
    }

    /// The lags of every service pooled: the site-wide figures of the methodology page.
    func siteSummary(slugs: [String]) -> SiteLagSummary {
        var detected: [Int] = []
        var recovered: [Int] = []
        var result = SiteLagSummary()
        for slug in slugs {
            let summary = timeline(for: slug).summary
            detected += summary.lags.map(\.detectedBeforeMinutes)
            recovered += summary.lags.compactMap(\.backToNormalBeforeResolutionMinutes)
            result.incidentsWithoutEpisode += summary.incidentsWithoutEpisode
            result.episodesWithoutIncident += summary.episodesWithoutIncident
            if !summary.lags.isEmpty { result.services += 1 }
        }
        result.pairs = detected.count
        result.medianDetectedBeforeMinutes = OutageLagAnalysis.median(detected)
        result.medianBackToNormalBeforeResolutionMinutes = OutageLagAnalysis.median(recovered)
        return result
    }
}
