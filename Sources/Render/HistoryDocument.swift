import Foundation
import Model

/// A service's history as open data (`api/v1/services/<slug>/history.json`): its crowd
/// episodes, its official incidents and the lags between them over the history window.
/// Times are ISO 8601 UTC; a missing end or resolution is `null`, never left out.
public struct HistoryDocument: Encodable, Sendable, Equatable {
    public var slug: String
    public var name: String
    /// The service's page.
    public var url: String
    /// The licence the data is published under (`site.data_license`), null when none is set.
    public var license: String?
    /// The first moment the window covers and its length in days.
    public var from: String
    public var days: Int
    /// The newest time in the document (an episode's or incident's start or end), else `from`.
    public var updatedAt: String
    public var episodes: [Episode]
    public var incidents: [Incident]
    public var lags: [OutageLag]
    public var summary: Summary

    public init(
        slug: String, name: String, url: String, license: String?, from: String, days: Int, updatedAt: String,
        episodes: [Episode], incidents: [Incident], lags: [OutageLag], summary: Summary
    ) {
        self.slug = slug
        self.name = name
        self.url = url
        self.license = license
        self.from = from
        self.days = days
        self.updatedAt = updatedAt
        self.episodes = episodes
        self.incidents = incidents
        self.lags = lags
        self.summary = summary
    }

    enum CodingKeys: String, CodingKey {
        case slug, name, url, license, from, days, updatedAt, episodes, incidents, lags, summary
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(slug, forKey: .slug)
        try container.encode(name, forKey: .name)
        try container.encode(url, forKey: .url)
        try container.encode(license, forKey: .license)
        try container.encode(from, forKey: .from)
        try container.encode(days, forKey: .days)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encode(episodes, forKey: .episodes)
        try container.encode(incidents, forKey: .incidents)
        try container.encode(lags.map(Lag.init), forKey: .lags)
        try container.encode(summary, forKey: .summary)
    }

    /// A crowd episode: `possible` or `outage` at its worst.
    public struct Episode: Encodable, Sendable, Equatable {
        public var state: String
        public var start: String
        public var end: String?
        public var durationMinutes: Int?
        public var peak: OutageEpisode.Peak?
        public var topProblems: [OutageEpisode.ProblemShare]

        public init(_ episode: OutageEpisode) {
            state = episode.worstState.rawValue
            start = episode.start.iso8601
            end = episode.end?.iso8601
            durationMinutes = episode.end.map { Int(($0.seconds - episode.start.seconds) / 60) }
            peak = episode.peak
            topProblems = episode.topProblems
        }

        enum CodingKeys: String, CodingKey { case state, start, end, durationMinutes, peak, topProblems }
        enum PeakKeys: String, CodingKey { case at, count, expected }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(state, forKey: .state)
            try container.encode(start, forKey: .start)
            try container.encode(end, forKey: .end)
            try container.encode(durationMinutes, forKey: .durationMinutes)
            if let peak {
                var nested = container.nestedContainer(keyedBy: PeakKeys.self, forKey: .peak)
                try nested.encode(peak.at.iso8601, forKey: .at)
                try nested.encode(peak.count, forKey: .count)
                try nested.encode(peak.expected, forKey: .expected)
            } else {
                try container.encodeNil(forKey: .peak)
            }
            try container.encode(topProblems, forKey: .topProblems)
        }
    }

    /// An official incident, as the vendor posted it.
    public struct Incident: Encodable, Sendable, Equatable {
        public var title: String
        public var impact: String?
        public var firstPost: String
        public var resolved: String?
        public var url: String?
        /// The status source it was read from.
        public var source: String

        public init(_ record: IncidentRecord) {
            title = InertText.clean(record.title, limit: 1000)
            impact = record.impact?.rawValue
            firstPost = record.firstPost.iso8601
            resolved = record.resolved?.iso8601
            url = InertText.httpURL(record.url)
            source = record.sourceURL
        }

        enum CodingKeys: String, CodingKey { case title, impact, firstPost, resolved, url, source }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(title, forKey: .title)
            try container.encode(impact, forKey: .impact)
            try container.encode(firstPost, forKey: .firstPost)
            try container.encode(resolved, forKey: .resolved)
            try container.encode(url, forKey: .url)
            try container.encode(source, forKey: .source)
        }
    }

    /// The lags' medians and what went unmatched.
    public struct Summary: Encodable, Sendable, Equatable {
        public var medianDetectedBeforeMinutes: Double?
        public var medianBackToNormalBeforeResolutionMinutes: Double?
        public var incidentsWithoutEpisode: Int
        public var episodesWithoutIncident: Int

        public init(_ summary: OutageLagSummary) {
            medianDetectedBeforeMinutes = summary.medianDetectedBeforeMinutes
            medianBackToNormalBeforeResolutionMinutes = summary.medianBackToNormalBeforeResolutionMinutes
            incidentsWithoutEpisode = summary.incidentsWithoutEpisode
            episodesWithoutIncident = summary.episodesWithoutIncident
        }

        enum CodingKeys: String, CodingKey {
            case medianDetectedBeforeMinutes, medianBackToNormalBeforeResolutionMinutes
            case incidentsWithoutEpisode, episodesWithoutIncident
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(medianDetectedBeforeMinutes, forKey: .medianDetectedBeforeMinutes)
            try container.encode(
                medianBackToNormalBeforeResolutionMinutes, forKey: .medianBackToNormalBeforeResolutionMinutes)
            try container.encode(incidentsWithoutEpisode, forKey: .incidentsWithoutEpisode)
            try container.encode(episodesWithoutIncident, forKey: .episodesWithoutIncident)
        }
    }

    /// A lag as published: the back-to-normal gap is `null` while either side is open.
    struct Lag: Encodable {
        let lag: OutageLag

        init(_ lag: OutageLag) { self.lag = lag }

        enum CodingKeys: String, CodingKey {
            case incident, episode, detectedBeforeMinutes, backToNormalBeforeResolutionMinutes
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(lag.incident, forKey: .incident)
            try container.encode(lag.episode, forKey: .episode)
            try container.encode(lag.detectedBeforeMinutes, forKey: .detectedBeforeMinutes)
            try container.encode(
                lag.backToNormalBeforeResolutionMinutes, forKey: .backToNormalBeforeResolutionMinutes)
        }
    }
}
