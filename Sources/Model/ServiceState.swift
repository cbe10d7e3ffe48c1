/// What Downtrack says about a service.
public enum ServiceState: String, Sendable, Codable, CaseIterable, Comparable {
    /// Not enough data to say anything.
    case unknown
    case ok
    case possible
    case outage

    /// How serious the state is, for ordering and fusion: unknown < ok < possible < outage.
    public var severity: Int {
        switch self {
        case .unknown: 0
        case .ok: 1
        case .possible: 2
        case .outage: 3
        }
    }

    public static func < (lhs: ServiceState, rhs: ServiceState) -> Bool { lhs.severity < rhs.severity }

    /// The headline a reader sees, in words rather than colour.
    public var headline: String {
        switch self {
        case .unknown: "Not enough data"
        case .ok: "No problems reported"
        case .possible: "Possible problems"
        case .outage: "Problems detected"
        }
    }
}

/// One recorded change of a service's state.
public struct StateChange: Sendable, Equatable, Codable {
    public var slug: String
    public var at: Timestamp
    public var from: ServiceState
    public var to: ServiceState
    /// Why, in words a reader understands ("312 reports in 15 minutes against 11 expected").
    public var reason: String

    public init(slug: String, at: Timestamp, from: ServiceState, to: ServiceState, reason: String) {
        self.slug = slug
        self.at = at
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A service's current state as stored.
public struct CurrentState: Sendable, Equatable, Codable {
    public var slug: String
    public var state: ServiceState
    public var since: Timestamp
    public var reason: String

    public init(slug: String, state: ServiceState, since: Timestamp, reason: String) {
        self.slug = slug
        self.state = state
        self.since = since
        self.reason = reason
    }
}
