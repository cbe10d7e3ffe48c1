import Foundation
import Model

/// Reads Slack's status API (`https://slack-status.com/api/v2.0.0/current`, and the older
/// `status.slack.com/api/v2.0.0/current`): a top-level `status` (`ok`, `active`, `broken`) and
/// `active_incidents`.
///
/// - Incidents: every entry of `active_incidents`. `type` `incident` → impact minor,
///   `outage` → major. A `notice` is maintenance when it is `scheduled` or its title speaks of
///   maintenance (impact maintenance); any other notice is informational (impact minor).
///   Status: `active` → `investigating` (Slack has no finer stage; active maintenance is
///   `in_progress`), `resolved` → `resolved`, `scheduled` → `scheduled`, `completed` /
///   `cancelled` → `completed` (maintenance) or `resolved`.
/// - Components: the `services` named by open entries: major outage for an outage, partial
///   outage for an incident, degraded performance for an informational notice, under
///   maintenance for maintenance in progress. Slack lists no healthy services here.
/// - Indicator: derived from the open entries (`StatusWords.derivedIndicator`); `broken` is at
///   least major. The top-level word is kept as `rawIndicator`.
public enum SlackStatusParser {
    struct Document: Decodable {
        var status: String?
        var dateUpdated: String?
        var activeIncidents: [Incident]?
    }

    struct Incident: Decodable {
        var title: String?
        var type: String?
        var status: String?
        var url: String?
        var services: [String]?
        var dateCreated: String?
        var dateUpdated: String?
    }

    /// Parses a `current` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for relative incident links.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `status` or `active_incidents`).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard document.status != nil || document.activeIncidents != nil else {
            throw StatusParseError.unexpectedJSON("no status or active_incidents")
        }
        var tally = ComponentTally()
        var incidents: [OfficialIncident] = []
        for item in document.activeIncidents ?? [] {
            let incident = incident(item, documentURL: url)
            incidents.append(incident)
            guard let status = componentStatus(item, incident: incident) else { continue }
            for service in item.services ?? [] {
                tally.add(name: service, status: status, rawStatus: item.type ?? "incident")
            }
        }
        let components = tally.components
        var indicator = StatusWords.derivedIndicator(components: components, incidents: incidents)
        if document.status?.lowercased() == "broken" {
            indicator = StatusWords.worst([indicator, .major], fallback: .major)
        }
        return OfficialStatus(
            indicator: indicator, rawIndicator: document.status, description: nil, components: components,
            incidents: incidents
        ).collected(documentURL: url)
    }

    /// A notice that announces maintenance rather than a problem.
    static func isMaintenance(_ item: Incident) -> Bool {
        guard item.type?.lowercased() == "notice" else { return false }
        return item.status?.lowercased() == "scheduled"
            || StatusWords.indicator(forText: item.title ?? "") == .maintenance
    }

    private static func incident(_ item: Incident, documentURL: String?) -> OfficialIncident {
        let title = item.title?.trimmingCharacters(in: .whitespacesAndNewlines)
        return OfficialIncident(
            title: (title?.isEmpty ?? true) ? "Untitled incident" : (title ?? ""),
            status: status(item), rawStatus: item.status, impact: impact(item), rawImpact: item.type,
            startedAt: item.dateCreated.flatMap(DateText.parse), updatedAt: item.dateUpdated.flatMap(DateText.parse),
            url: item.url.flatMap { SafeLink.absoluteHTTP($0, base: documentURL) })
    }

    /// The normalised status of one entry (see the type's notes); nil for a word Slack has
    /// not been seen to use.
    static func status(_ item: Incident) -> IncidentStatus? {
        let maintenance = isMaintenance(item)
        switch item.status?.lowercased() {
        case "active": return maintenance ? .inProgress : .investigating
        case "resolved": return maintenance ? .completed : .resolved
        case "scheduled": return .scheduled
        case "completed", "cancelled", "canceled": return maintenance ? .completed : .resolved
        default: return item.status.flatMap(IncidentStatus.parse)
        }
    }

    private static func impact(_ item: Incident) -> OfficialIndicator {
        if isMaintenance(item) { return .maintenance }
        return item.type?.lowercased() == "outage" ? .major : .minor
    }

    private static func componentStatus(_ item: Incident, incident: OfficialIncident) -> ComponentStatus? {
        guard incident.isOpen, incident.status != .scheduled else { return nil }
        if isMaintenance(item) { return .underMaintenance }
        switch item.type?.lowercased() {
        case "outage": return .majorOutage
        case "notice": return .degradedPerformance
        default: return .partialOutage
        }
    }

    /// Whether a decoded JSON value has the shape of Slack's `current`: an object with an
    /// `active_incidents` array and a `status`, and no Statuspage `page`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["active_incidents"] is [Any] && object["status"] != nil && object["page"] == nil
    }

    /// Whether the URL is Slack's status API (`slack-status.com` or `status.slack.com`, path
    /// under `/api/`).
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return false
        }
        return (host == "slack-status.com" || host == "status.slack.com") && components.path.hasPrefix("/api/")
    }
}
