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
    /// Whether a detector can be asked to see it: `expectedExcess` reaches the minimum report
    /// count for `possible`. Below that, even a perfect rule would stay silent by design.
    public var detectable: Bool
    /// Whether `expectedExcess` reaches 1.5 × the minimum report count: enough that the
    /// minimum itself is passed with high probability (at exactly the minimum, a window of a
    /// quiet service reaches it only about half the time, by chance).
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

    /// Whether it is one of those the targets are about: at least 5× normal, at least 15 minutes.
    public var isStrong: Bool { multiplier >= 5 && durationMinutes >= 15 }
}
