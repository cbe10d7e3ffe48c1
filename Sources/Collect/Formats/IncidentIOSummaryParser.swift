import Foundation
import Model

/// Reads an incident.io status page's widget API (`https://<status-host>/api/v1/summary`):
/// `page_title`, `page_url`, and three lists — `ongoing_incidents`, `in_progress_maintenances`
/// and `scheduled_maintenances`. incident.io publishes no overall status and lists only the
/// components that incidents or maintenance touch.
///
/// - Incidents: every ongoing incident, with its `status` (`investigating`, `identified`,
///   `monitoring`, `resolved`) and its `current_worst_impact` as impact: `full_outage` →
///   critical, `partial_outage` → major, `degraded_performance` → minor. Maintenance in
///   progress is `in_progress`, scheduled maintenance `scheduled`, both with impact maintenance.
/// - Components: the `affected_components` of ongoing incidents, with their `current_status`
///   (`full_outage` → major outage), and those of maintenance in progress (under maintenance);
///   each in its `group_name` as group; each (group, name) once, with the worst status.
/// - Indicator: derived from the open incidents and components (`StatusWords.derivedIndicator`).
public enum IncidentIOSummaryParser {
    struct Document: Decodable {
        var pageTitle: String?
        var pageUrl: String?
        var ongoingIncidents: [Entry]?
        var inProgressMaintenances: [Entry]?
        var scheduledMaintenances: [Entry]?
    }

    struct Entry: Decodable {
        var name: String?
        var status: String?
        var url: String?
        var lastUpdateAt: String?
        var currentWorstImpact: String?
        var startedAt: String?
        var startsAt: String?
        var affectedComponents: [AffectedComponent]?
    }

    struct AffectedComponent: Decodable {
        var name: String?
        var groupName: String?
        var currentStatus: String?
    }

    /// Components named by the entries: each (group, name) once, in first-seen order, with
    /// the worst status any entry gave it.
    struct GroupedComponents {
        private var order: [String] = []
        private var found: [String: OfficialComponent] = [:]

        mutating func add(_ affected: AffectedComponent, status: ComponentStatus) {
            let name = affected.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !name.isEmpty else { return }
            let group = affected.groupName?.trimmingCharacters(in: .whitespacesAndNewlines)
            let component = OfficialComponent(
                name: name, status: status, rawStatus: affected.currentStatus ?? "",
                group: (group?.isEmpty ?? true) ? nil : group)
            let key = "\(component.group ?? "")\u{1F}\(name)"
            if let existing = found[key] {
                if ComponentTally.rank(status) > ComponentTally.rank(existing.status) { found[key] = component }
                return
            }
            guard order.count < OfficialStatus.maximumComponents else { return }
            order.append(key)
            found[key] = component
        }

        var list: [OfficialComponent] { order.compactMap { found[$0] } }
    }

    /// The three kinds of entry the widget lists.
    enum Kind {
        case incident, maintenanceInProgress, maintenanceScheduled
    }

    /// Parses a widget `summary` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for relative incident links.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (none of the three lists).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard
            document.ongoingIncidents != nil || document.inProgressMaintenances != nil
                || document.scheduledMaintenances != nil
        else {
            throw StatusParseError.unexpectedJSON("no ongoing_incidents or maintenances")
        }
        let base = url ?? document.pageUrl
        var components = GroupedComponents()
        var incidents: [OfficialIncident] = []
        let lists: [(Kind, [Entry])] = [
            (.incident, document.ongoingIncidents ?? []),
            (.maintenanceInProgress, document.inProgressMaintenances ?? []),
            (.maintenanceScheduled, document.scheduledMaintenances ?? []),
        ]
        for (kind, entries) in lists {
            for entry in entries {
                incidents.append(incident(entry, kind: kind, documentURL: base))
                for affected in entry.affectedComponents ?? [] {
                    guard let status = componentStatus(affected, kind: kind) else { continue }
                    components.add(affected, status: status)
                }
            }
        }
        return OfficialStatus(
            indicator: StatusWords.derivedIndicator(components: components.list, incidents: incidents),
            components: components.list, incidents: incidents
        ).collected(documentURL: url)
    }

    private static func incident(_ entry: Entry, kind: Kind, documentURL: String?) -> OfficialIncident {
        let title = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let started: String? =
            switch kind {
            case .incident: nil
            case .maintenanceInProgress: entry.startedAt
            case .maintenanceScheduled: entry.startsAt
            }
        return OfficialIncident(
            title: title.isEmpty ? "Untitled incident" : title, status: status(entry.status, kind: kind),
            rawStatus: entry.status, impact: kind == .incident ? impact(entry.currentWorstImpact) : .maintenance,
            rawImpact: entry.currentWorstImpact, startedAt: started.flatMap(DateText.parse),
            updatedAt: entry.lastUpdateAt.flatMap(DateText.parse),
            url: entry.url.flatMap { SafeLink.absoluteHTTP($0, base: documentURL) })
    }

    /// The normalised status of an entry; maintenance by the list it is in.
    static func status(_ raw: String?, kind: Kind) -> IncidentStatus? {
        switch kind {
        case .maintenanceInProgress: return .inProgress
        case .maintenanceScheduled: return .scheduled
        case .incident:
            if raw?.lowercased() == "maintenance_complete" { return .completed }
            return raw.flatMap(IncidentStatus.parse)
        }
    }

    /// An incident's impact from its worst component impact; unknown words are minor.
    static func impact(_ raw: String?) -> OfficialIndicator {
        switch raw?.lowercased() {
        case "full_outage", "major_outage": .critical
        case "partial_outage": .major
        default: .minor
        }
    }

    /// A component's status: its own word under an incident, under maintenance while
    /// maintenance runs, nothing for maintenance not yet started.
    static func componentStatus(_ component: AffectedComponent, kind: Kind) -> ComponentStatus? {
        switch kind {
        case .maintenanceScheduled: return nil
        case .maintenanceInProgress: return .underMaintenance
        case .incident:
            switch component.currentStatus?.lowercased() {
            case "full_outage", "major_outage": return .majorOutage
            case "partial_outage": return .partialOutage
            case "degraded_performance": return .degradedPerformance
            case "under_maintenance": return .underMaintenance
            case "operational": return .operational
            default: return .degradedPerformance
            }
        }
    }

    /// Whether a decoded JSON value has the shape of the widget summary: an object with an
    /// `ongoing_incidents` array and `page_title` or `in_progress_maintenances`, and no
    /// Statuspage `page`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], object["page"] == nil else { return false }
        return object["ongoing_incidents"] is [Any]
            && (object["page_title"] is String || object["in_progress_maintenances"] is [Any])
    }

    /// Whether the URL is a widget API address (path ending in `/api/v1/summary`).
    public static func matches(url: String) -> Bool {
        guard let path = URLComponents(string: url)?.path.lowercased() else { return false }
        var trimmed = path
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed.hasSuffix("/api/v1/summary")
    }
}
