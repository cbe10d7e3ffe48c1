/// One crowd episode of a service: from the moment its crowd state left "no problems" for
/// "possible problems" or "outage" until it came back to "no problems" (nil while it lasts).
public struct OutageEpisode: Sendable, Equatable, Codable {
    public var slug: String
    public var start: Timestamp
    /// When the state returned to `ok`; nil while the episode is open.
    public var end: Timestamp?
    /// The worst state reached: `possible` or `outage`.
    public var worstState: ServiceState
    /// The 15-minute bucket with the most reports, filled in when the episode is published.
    public var peak: Peak?
    /// The most reported problems during the episode, largest share first.
    public var topProblems: [ProblemShare]

    /// The busiest 15 minutes of an episode, against what was expected for that slot.
    public struct Peak: Sendable, Equatable, Codable {
        public var at: Timestamp
        public var count: Int
        public var expected: Double

        public init(at: Timestamp, count: Int, expected: Double) {
            self.at = at
            self.count = count
            self.expected = expected
        }
    }

    /// A problem's share of an episode's reports (0…1).
    public struct ProblemShare: Sendable, Equatable, Codable {
        public var id: String
        public var share: Double

        public init(id: String, share: Double) {
            self.id = id
            self.share = share
        }
    }

    public init(
        slug: String, start: Timestamp, end: Timestamp? = nil, worstState: ServiceState, peak: Peak? = nil,
        topProblems: [ProblemShare] = []
    ) {
        self.slug = slug
        self.start = start
        self.end = end
        self.worstState = worstState
        self.peak = peak
        self.topProblems = topProblems
    }

    /// Whether the episode is still going on.
    public var isOpen: Bool { end == nil }

    /// Whether a state counts as trouble, so that it opens or extends an episode.
    public static func isTrouble(_ state: ServiceState) -> Bool { state == .possible || state == .outage }

    /// Applies state changes (oldest first) to a service's open episode, if any: a change into
    /// trouble opens an episode or raises its worst state, a change to `ok` ends it. A change
    /// to `unknown` neither ends nor extends it (no data is not "back to normal").
    /// - Returns: the episodes touched, oldest first; the last one may still be open.
    public static func apply(_ changes: [StateChange], to open: OutageEpisode?) -> [OutageEpisode] {
        var result: [OutageEpisode] = []
        var current = open
        for change in changes {
            if isTrouble(change.to) {
                if var episode = current {
                    if change.to > episode.worstState { episode.worstState = change.to }
                    current = episode
                } else {
                    current = OutageEpisode(slug: change.slug, start: change.at, worstState: change.to)
                }
            } else if change.to == .ok, var episode = current {
                episode.end = change.at
                result.append(episode)
                current = nil
            }
        }
        if let current { result.append(current) }
        return result
    }
}
