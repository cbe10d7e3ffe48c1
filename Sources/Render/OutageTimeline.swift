import Model

/// A service's crowd episodes and official incidents merged into one timeline, newest first:
/// each episode with the incidents paired to it, and each unpaired incident on its own.
public struct OutageTimeline: Sendable, Equatable {
    /// An official incident with its lag when it was paired with an episode.
    public struct PairedIncident: Sendable, Equatable {
        /// The incident as stored.
        public var record: IncidentRecord
        /// Its lag against the episode it was paired with; nil for an incident on its own.
        public var lag: OutageLag?

        public init(record: IncidentRecord, lag: OutageLag?) {
            self.record = record
            self.lag = lag
        }
    }

    /// One row of the timeline: an episode (with its incidents), or an incident no one noticed.
    public struct Entry: Sendable, Equatable {
        /// The crowd episode; nil for an official incident that no episode overlapped.
        public var episode: OutageEpisode?
        /// The incidents paired with the episode, oldest first (or the one lone incident).
        public var incidents: [PairedIncident]

        /// When the row starts: the episode's start, else the incident's first post.
        public var start: Timestamp { episode?.start ?? incidents.first?.record.firstPost ?? Timestamp(seconds: 0) }
    }

    /// Every row, newest first.
    public var entries: [Entry]
    /// The service's lag summary over the same lists.
    public var summary: OutageLagSummary

    /// Merges `episodes` and `incidents` by the pairs in `summary` (whose indexes point into them).
    public init(episodes: [OutageEpisode], incidents: [IncidentRecord], summary: OutageLagSummary) {
        var paired: [Int: [PairedIncident]] = [:]
        var lone: [Entry] = []
        var lagByIncident: [Int: OutageLag] = [:]
        for lag in summary.lags where incidents.indices.contains(lag.incident) && episodes.indices.contains(lag.episode)
        {
            lagByIncident[lag.incident] = lag
        }
        for (index, incident) in incidents.enumerated() {
            if let lag = lagByIncident[index] {
                paired[lag.episode, default: []].append(PairedIncident(record: incident, lag: lag))
            } else {
                lone.append(Entry(episode: nil, incidents: [PairedIncident(record: incident, lag: nil)]))
            }
        }
        var entries = lone
        for (index, episode) in episodes.enumerated() {
            let incidents = (paired[index] ?? []).sorted { $0.record.firstPost < $1.record.firstPost }
            entries.append(Entry(episode: episode, incidents: incidents))
        }
        // Newest first; at equal starts an episode before a lone incident, then by title.
        entries.sort { lhs, rhs in
            if lhs.start != rhs.start { return lhs.start > rhs.start }
            if (lhs.episode == nil) != (rhs.episode == nil) { return lhs.episode != nil }
            return (lhs.incidents.first?.record.key ?? "") < (rhs.incidents.first?.record.key ?? "")
        }
        self.entries = entries
        self.summary = summary
    }
}
