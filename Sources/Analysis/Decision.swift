import Model

/// The detector's verdict on one service at one moment.
public struct Decision: Sendable, Equatable {
    /// The service.
    public var slug: String
    /// When it was decided.
    public var at: Timestamp
    /// The state to publish.
    public var state: ServiceState
    /// The state before this decision (`unknown` when there was no memory).
    public var previousState: ServiceState
    /// Why, in a sentence a reader understands.
    public var reason: String
    /// What to pass back next time.
    public var memory: DetectorMemory
    /// Whether `state` differs from `previousState`: a change to record.
    public var changed: Bool
    /// Reports in the live window (`windowMinutes` minutes ending at `at`).
    public var observed: Int
    /// Reports expected in the same window.
    public var expected: Double
    /// The length of the live window in minutes.
    public var windowMinutes: Int

    /// A decision from its parts; `Detector.decide` makes them.
    public init(
        slug: String, at: Timestamp, state: ServiceState, previousState: ServiceState, reason: String,
        memory: DetectorMemory, changed: Bool, observed: Int, expected: Double, windowMinutes: Int
    ) {
        self.slug = slug
        self.at = at
        self.state = state
        self.previousState = previousState
        self.reason = reason
        self.memory = memory
        self.changed = changed
        self.observed = observed
        self.expected = expected
        self.windowMinutes = windowMinutes
    }

    /// The state change to record, when there is one.
    public var stateChange: StateChange? {
        changed ? StateChange(slug: slug, at: at, from: previousState, to: state, reason: reason) : nil
    }
}
