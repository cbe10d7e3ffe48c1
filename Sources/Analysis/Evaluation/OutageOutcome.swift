import Model

/// How the detector did on one injected outage.
public struct OutageOutcome: Sendable, Equatable {
    /// The simulated service (0-based).
    public var service: Int
    /// Normal reports per minute at the service's daily peak.
    public var servicePeakPerMinute: Double
    /// Minutes from the start of the scored days to the outage's start.
    public var startMinute: Int
    /// How long it lasted.
    public var durationMinutes: Int
    /// Reports per minute were this many times normal.
    public var multiplier: Double
    /// Whether it started at night for the service's audience (00:00–06:00 local).
    public var atNight: Bool
    /// Extra reports expected in the outage's first 15 minutes (or its whole length if
    /// shorter) over the normal count: what the detector has to go on.
    public var expectedExcess: Double
    /// Whether `expectedExcess` reaches the evaluation's yardstick
    /// (`EvaluationConfiguration.detectableExcess`, 10 extra reports): the main figures are
    /// about these. Smaller outages are scored in the cohorts.
    public var detectable: Bool
    /// Whether `expectedExcess` reaches 1.5 × the yardstick: enough that any sensible rule
    /// should see it.
    public var clearlyDetectable: Bool
    /// Whether the state turned `possible` or `outage` while the outage lasted.
    public var detected: Bool
    /// Minutes from its start to the first decision that showed it (1 = the first minute's).
    public var minutesToDetection: Int?
    /// Minutes from its end until the state was `ok` again (nil when not detected or when the
    /// scored days ended first).
    public var minutesToClear: Int?
    /// The worst state reached while it lasted.
    public var worstState: ServiceState

    /// Whether the state reached `outage` while it lasted.
    public var reachedOutage: Bool { worstState >= .outage }

    /// Whether it is one of those the targets are about: at least 5× normal, at least 15 minutes.
    public var isStrong: Bool { multiplier >= 5 && durationMinutes >= 15 }
}
