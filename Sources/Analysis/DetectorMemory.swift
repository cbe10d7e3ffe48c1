import Model

/// What the detector remembers about one service between decisions; the caller stores it per
/// service (it is Codable with stable keys) and passes it back next time.
///
/// Streaks are kept as the time of their first minute rather than as counters, so a decision
/// repeated within the same minute does not count twice; a gap longer than
/// `DetectionSettings.maximumGapMinutes` restarts them.
public struct DetectorMemory: Sendable, Equatable, Codable {
    /// The published state (reports fused with the official status).
    public var state: ServiceState
    /// Since when `state` holds.
    public var since: Timestamp
    /// The state the reports alone support, with hysteresis: `ok`, `possible` or `outage`.
    public var communityState: ServiceState
    /// The first of the current run of minutes abnormal enough for `possible` (nil: none).
    public var elevatedSince: Timestamp?
    /// The first of the current run of minutes abnormal enough for `outage` (nil: none).
    public var severeSince: Timestamp?
    /// The first of the current run of minutes that no longer support `communityState`.
    public var calmSince: Timestamp?
    /// When the last decision was made.
    public var decidedAt: Timestamp
    /// The highest rate of reports per minute in the live window while the current problem
    /// lasted (nil while `communityState` is `ok`): a problem is left only once the reports are
    /// clearly below it.
    public var problemRate: Double?

    /// A memory from its parts; `Detector.decide` makes and updates them.
    public init(
        state: ServiceState, since: Timestamp, communityState: ServiceState = .ok,
        elevatedSince: Timestamp? = nil, severeSince: Timestamp? = nil, calmSince: Timestamp? = nil,
        decidedAt: Timestamp, problemRate: Double? = nil
    ) {
        self.state = state
        self.since = since
        self.communityState = communityState
        self.elevatedSince = elevatedSince
        self.severeSince = severeSince
        self.calmSince = calmSince
        self.decidedAt = decidedAt
        self.problemRate = problemRate
    }

    /// Consecutive abnormal minutes up to the last decision (0 when the last one was normal).
    public var consecutiveAbnormalMinutes: Int { DetectorMemory.minutes(from: elevatedSince, to: decidedAt) }

    /// Consecutive calm minutes while in a worse state than `ok`, up to the last decision.
    public var consecutiveCalmMinutes: Int { DetectorMemory.minutes(from: calmSince, to: decidedAt) }

    /// Whole minutes from `start` to `end`, counting both ends: 1 when they are the same minute.
    static func minutes(from start: Timestamp?, to end: Timestamp) -> Int {
        guard let start else { return 0 }
        return Int(max(end.seconds - start.seconds, 0) / 60) + 1
    }

    private enum CodingKeys: String, CodingKey {
        case state, since
        case communityState = "community_state"
        case elevatedSince = "elevated_since"
        case severeSince = "severe_since"
        case calmSince = "calm_since"
        case decidedAt = "decided_at"
        case problemRate = "problem_rate"
    }
}
