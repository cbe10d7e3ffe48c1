import Model

/// Everything the detector needs to decide one service's state at one moment.
public struct DetectorInput: Sendable {
    /// The service's slug, carried into the decision and its state change.
    public var slug: String
    /// The moment of the decision; the counts end here.
    public var now: Timestamp
    /// Reports per minute for the last minutes, oldest first; the last element is the minute
    /// that ends at `now`. Only the last `DetectionSettings.windowMinutes` are used; fewer
    /// are taken as they are.
    public var counts: [Int]
    /// What is normal for the service.
    public var baseline: Baseline
    /// The official indicator, already checked for freshness by the caller (`unknown`: no
    /// information).
    public var official: OfficialIndicator
    /// The memory returned by the previous decision, nil the first time.
    public var memory: DetectorMemory?

    /// An input; `official` defaults to `unknown` (no information), `memory` to none.
    public init(
        slug: String, now: Timestamp, counts: [Int], baseline: Baseline, official: OfficialIndicator = .unknown,
        memory: DetectorMemory? = nil
    ) {
        self.slug = slug
        self.now = now
        self.counts = counts
        self.baseline = baseline
        self.official = official
        self.memory = memory
    }
}
