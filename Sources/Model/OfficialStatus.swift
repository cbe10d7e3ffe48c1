import Foundation

/// The overall indicator of an official status page, on Statuspage's scale.
public enum OfficialIndicator: String, Sendable, Codable, CaseIterable {
    case none, minor, major, critical, maintenance, unknown

    /// Higher is worse; maintenance ranks between none and minor.
    public var severity: Int {
        switch self {
        case .unknown: -1
        case .none: 0
        case .maintenance: 1
        case .minor: 2
        case .major: 3
        case .critical: 4
        }
    }

    /// Words for a reader.
    public var label: String {
        switch self {
        case .none: "Operational"
        case .minor: "Minor problems"
        case .major: "Major outage"
        case .critical: "Critical outage"
        case .maintenance: "Maintenance"
        case .unknown: "Unknown"
        }
    }
}

/// The status of one component on an official page.
public enum ComponentStatus: String, Sendable, Codable, CaseIterable {
    case operational
    case degradedPerformance = "degraded_performance"
    case partialOutage = "partial_outage"
    case majorOutage = "major_outage"
    case underMaintenance = "under_maintenance"

    public var label: String {
        switch self {
        case .operational: "Operational"
        case .degradedPerformance: "Degraded performance"
        case .partialOutage: "Partial outage"
        case .majorOutage: "Major outage"
        case .underMaintenance: "Under maintenance"
        }
    }

    /// Higher is worse; maintenance ranks between operational and degraded performance.
    public var severity: Int {
        switch self {
        case .operational: 0
        case .underMaintenance: 1
        case .degradedPerformance: 2
        case .partialOutage: 3
        case .majorOutage: 4
        }
    }
}

/// The status of an official incident or maintenance.
public enum IncidentStatus: String, Sendable, Codable, CaseIterable {
    case investigating, identified, monitoring, resolved
    case scheduled
    case inProgress = "in_progress"
    case verifying, completed

    /// Whether the incident is over.
    public var isClosed: Bool { self == .resolved || self == .completed }

    /// Parses a vendor's word ("Investigating", "in progress", "postmortem") into a status, if it is one.
    public static func parse(_ raw: String) -> IncidentStatus? {
        let word = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if word == "postmortem" { return .resolved }
        return IncidentStatus(rawValue: word)
    }
}

/// One component of an official status page.
public struct OfficialComponent: Sendable, Equatable, Codable {
    public var name: String
    public var status: ComponentStatus
    /// The vendor's own word for the status.
    public var rawStatus: String
    /// The name of the group the page puts the component in ("Networking"), or nil when the
    /// page does not group it. Two components with the same name in different groups are
    /// different components. Absent from stored and published JSON when nil.
    public var group: String?

    public init(name: String, status: ComponentStatus, rawStatus: String, group: String? = nil) {
        self.name = name
        self.status = status
        self.rawStatus = rawStatus
        self.group = group
    }

    /// The name a reader sees: "Networking › Global" in a group, else just the name.
    public var displayName: String { group.map { "\($0) › \(name)" } ?? name }
}

/// One incident (or maintenance) from an official source.
public struct OfficialIncident: Sendable, Equatable, Codable {
    public var title: String
    public var status: IncidentStatus?
    public var rawStatus: String?
    /// `none | minor | major | critical | maintenance`, when the source says.
    public var impact: OfficialIndicator?
    public var rawImpact: String?
    public var startedAt: Timestamp?
    public var updatedAt: Timestamp?
    public var url: String?

    public init(
        title: String, status: IncidentStatus? = nil, rawStatus: String? = nil,
        impact: OfficialIndicator? = nil, rawImpact: String? = nil, startedAt: Timestamp? = nil,
        updatedAt: Timestamp? = nil, url: String? = nil
    ) {
        self.title = title
        self.status = status
        self.rawStatus = rawStatus
        self.impact = impact
        self.rawImpact = rawImpact
        self.startedAt = startedAt
        self.updatedAt = updatedAt
        self.url = url
    }

    /// Open unless its status says it is over.
    public var isOpen: Bool { !(status?.isClosed ?? false) }
}

/// What one official source said when it was read, normalised.
public struct OfficialStatus: Sendable, Equatable, Codable {
    public var indicator: OfficialIndicator
    /// The vendor's own indicator word, kept beside the normalised one.
    public var rawIndicator: String?
    public var description: String?
    public var components: [OfficialComponent]
    /// Incidents as the source lists them, open and (for feeds) recent closed ones.
    public var incidents: [OfficialIncident]

    public init(
        indicator: OfficialIndicator, rawIndicator: String? = nil, description: String? = nil,
        components: [OfficialComponent] = [], incidents: [OfficialIncident] = []
    ) {
        self.indicator = indicator
        self.rawIndicator = rawIndicator
        self.description = description
        self.components = components
        self.incidents = incidents
    }

    public var openIncidents: [OfficialIncident] { incidents.filter(\.isOpen) }
}

/// The latest official view of one service, as the store knows it.
public struct OfficialSnapshot: Sendable, Equatable {
    public var sourceURL: String
    /// The status from the last good check, if there was one.
    public var status: OfficialStatus?
    /// When the source was last read successfully.
    public var lastGoodAt: Timestamp?
    /// When the source was last tried.
    public var lastCheckedAt: Timestamp?
    /// The error of the last check, if it failed.
    public var lastError: String?

    public init(
        sourceURL: String, status: OfficialStatus?, lastGoodAt: Timestamp?, lastCheckedAt: Timestamp?,
        lastError: String?
    ) {
        self.sourceURL = sourceURL
        self.status = status
        self.lastGoodAt = lastGoodAt
        self.lastCheckedAt = lastCheckedAt
        self.lastError = lastError
    }

    /// The status a reader may rely on at `now`: `unknown` when the last good check is older
    /// than `staleAfter` seconds, never a stale green.
    public func effectiveStatus(at now: Timestamp, staleAfter: Int) -> OfficialStatus {
        guard let status, let lastGoodAt, now.seconds - lastGoodAt.seconds <= Int64(staleAfter) else {
            return OfficialStatus(
                indicator: .unknown, rawIndicator: nil,
                description: lastGoodAt == nil ? "Not checked yet" : "No recent check",
                components: [], incidents: [])
        }
        return status
    }
}
