/// How one official incident and the crowd episode it overlaps compare in time.
public struct OutageLag: Sendable, Equatable, Codable {
    /// Index of the incident in the list the lag was computed from.
    public var incident: Int
    /// Index of the episode in the list the lag was computed from.
    public var episode: Int
    /// Minutes from the crowd's first detection to the vendor's first post; negative when the
    /// vendor posted first.
    public var detectedBeforeMinutes: Int
    /// Minutes from the crowd's return to normal to the vendor's resolution; negative when the
    /// vendor resolved first; nil while either is still open.
    public var backToNormalBeforeResolutionMinutes: Int?

    public init(incident: Int, episode: Int, detectedBeforeMinutes: Int, backToNormalBeforeResolutionMinutes: Int?) {
        self.incident = incident
        self.episode = episode
        self.detectedBeforeMinutes = detectedBeforeMinutes
        self.backToNormalBeforeResolutionMinutes = backToNormalBeforeResolutionMinutes
    }
}

/// A service's lags over a period: each matched incident, the medians, and what went unmatched.
public struct OutageLagSummary: Sendable, Equatable, Codable {
    public var lags: [OutageLag]
    /// Median of `detectedBeforeMinutes`, nil with no lag.
    public var medianDetectedBeforeMinutes: Double?
    /// Median of the known `backToNormalBeforeResolutionMinutes`, nil with none.
    public var medianBackToNormalBeforeResolutionMinutes: Double?
    /// Official incidents that overlap no crowd episode (people did not notice).
    public var incidentsWithoutEpisode: Int
    /// Crowd episodes that overlap no official incident (the vendor never said).
    public var episodesWithoutIncident: Int

    public init(
        lags: [OutageLag], medianDetectedBeforeMinutes: Double?, medianBackToNormalBeforeResolutionMinutes: Double?,
        incidentsWithoutEpisode: Int, episodesWithoutIncident: Int
    ) {
        self.lags = lags
        self.medianDetectedBeforeMinutes = medianDetectedBeforeMinutes
        self.medianBackToNormalBeforeResolutionMinutes = medianBackToNormalBeforeResolutionMinutes
        self.incidentsWithoutEpisode = incidentsWithoutEpisode
        self.episodesWithoutIncident = episodesWithoutIncident
    }
}
