/// An official incident as kept over time: first posted, and resolved (nil while open, or
/// when the vendor never said). One per source and incident.
public struct IncidentRecord: Sendable, Equatable, Codable {
    public var slug: String
    public var sourceURL: String
    /// What tells this incident apart from the source's others: its link, or its title and start.
    public var key: String
    public var title: String
    /// `minor | major | critical`, when the source says.
    public var impact: OfficialIndicator?
    /// The vendor's first post: the incident's own creation time, or when it was first seen.
    public var firstPost: Timestamp
    /// When the vendor marked it resolved, or when it left the status page.
    public var resolved: Timestamp?
    /// A link to the incident, when the source gives an absolute http(s) one.
    public var url: String?

    public init(
        slug: String, sourceURL: String, key: String, title: String, impact: OfficialIndicator? = nil,
        firstPost: Timestamp, resolved: Timestamp? = nil, url: String? = nil
    ) {
        self.slug = slug
        self.sourceURL = sourceURL
        self.key = key
        self.title = title
        self.impact = impact
        self.firstPost = firstPost
        self.resolved = resolved
        self.url = url
    }

    /// The key of an incident read from a source: its link when it has one (links carry the
    /// vendor's incident id), else its title and start time.
    public static func key(of incident: OfficialIncident) -> String {
        if let url = incident.url, !url.isEmpty { return url }
        return "\(incident.title)|\(incident.startedAt?.seconds ?? 0)"
    }

    /// Whether an incident is planned work rather than trouble (kept out of the history).
    public static func isMaintenance(_ incident: OfficialIncident) -> Bool {
        if incident.impact == .maintenance { return true }
        switch incident.status {
        case .scheduled, .inProgress, .verifying, .completed: return true
        default: return false
        }
    }
}
