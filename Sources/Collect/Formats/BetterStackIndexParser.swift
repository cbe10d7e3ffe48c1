import Foundation
import Model

/// Reads a Better Stack (formerly Better Uptime) status page's public `index.json`: a JSON:API
/// document whose `data` is the `status_page` (with its `aggregate_state`) and whose `included`
/// list holds the page's sections, resources, status reports and their updates.
///
/// - Components: every `status_page_resource` by `public_name`, grouped under its section's
///   name (`status_page_section_id`). Statuses: `operational`, `degraded` → degraded
///   performance, `downtime` → major outage, `maintenance` → under maintenance. A resource
///   Better Stack does not monitor (`not_monitored`) shows as operational, as on the page,
///   unless an open report gives it a status.
/// - Incidents: every `status_report`, titled by `title`, open unless its `aggregate_state` is
///   `resolved` (or `operational` for an incident). Incidents (`manual`, `automatic`):
///   `downtime` → major, `degraded` → minor, status investigating. Maintenance reports:
///   `maintenance` → in progress, `resolved` → completed, else scheduled. Started at
///   `starts_at`; updated at the newest of its `status_update`s. Open reports first, then
///   resolved ones up to `limits.maxEntries`.
/// - Indicator: `aggregate_state` of the page (`operational` none, `degraded` minor,
///   `downtime` major, `maintenance` maintenance), raised to what the components and open
///   reports show; the word is kept as `rawIndicator`.
public enum BetterStackIndexParser {
    struct Document: Decodable {
        var data: Resource?
        var included: [Resource]?
    }

    struct Resource: Decodable {
        var id: Identifier?
        var type: String?
        var attributes: Attributes?
    }

    struct Attributes: Decodable {
        var aggregateState: String?
        var name: String?
        var publicName: String?
        var status: String?
        var statusPageSectionId: Identifier?
        var title: String?
        var reportType: String?
        var startsAt: String?
        var publishedAt: String?
        var statusReportId: Identifier?
        var affectedResources: [Affected]?
    }

    struct Affected: Decodable {
        var statusPageResourceId: Identifier?
        var status: String?
    }

    /// An identifier JSON:API sends as a string and Better Stack's attributes as a number.
    struct Identifier: Decodable, Hashable {
        var text: String?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                text = String(number)
            } else {
                text = try? container.decode(String.self)
            }
        }
    }

    /// Parses an `index.json` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched.
    ///   - limits: the size bound and the most resolved reports kept.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `status_page` with an
    ///   `aggregate_state`).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard let page = document.data, page.type == "status_page", let state = page.attributes?.aggregateState
        else {
            throw StatusParseError.unexpectedJSON("no status_page with an aggregate_state")
        }
        let included = document.included ?? []
        var sections: [String: String] = [:]
        var newestUpdate: [String: Timestamp] = [:]
        for item in included {
            if item.type == "status_page_section", let id = item.id?.text, let name = item.attributes?.name {
                sections[id] = name.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if item.type == "status_update", let report = item.attributes?.statusReportId?.text,
                let published = item.attributes?.publishedAt.flatMap(DateText.parse)
            {
                newestUpdate[report] = max(newestUpdate[report] ?? published, published)
            }
        }
        var open: [OfficialIncident] = []
        var closed: [OfficialIncident] = []
        var reportStatus: [String: ComponentStatus] = [:]
        for item in included where item.type == "status_report" {
            guard let attributes = item.attributes else { continue }
            let incident = report(attributes, updated: item.id?.text.flatMap { newestUpdate[$0] })
            guard incident.isOpen else {
                if closed.count < max(0, limits.maxEntries) { closed.append(incident) }
                continue
            }
            open.append(incident)
            for affected in attributes.affectedResources ?? [] {
                guard let id = affected.statusPageResourceId?.text,
                    let status = affected.status.flatMap(componentStatus)
                else { continue }
                if (reportStatus[id]?.severity ?? -1) < status.severity { reportStatus[id] = status }
            }
        }
        var components: [OfficialComponent] = []
        for item in included where item.type == "status_page_resource" {
            guard let attributes = item.attributes,
                let name = attributes.publicName?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty
            else { continue }
            let raw = attributes.status ?? "not_monitored"
            let fromReports = item.id?.text.flatMap { reportStatus[$0] }
            let own = componentStatus(raw) ?? .operational
            let worst = fromReports.map { $0.severity > own.severity ? $0 : own } ?? own
            components.append(
                OfficialComponent(
                    name: name, status: worst, rawStatus: raw,
                    group: attributes.statusPageSectionId?.text.flatMap { sections[$0] }))
        }
        let derived = StatusWords.derivedIndicator(components: components, incidents: open)
        return OfficialStatus(
            indicator: StatusWords.worst([derived, indicator(state) ?? .none], fallback: .none), rawIndicator: state,
            components: components, incidents: open + closed
        ).collected(documentURL: url)
    }

    private static func report(_ attributes: Attributes, updated: Timestamp?) -> OfficialIncident {
        let state = attributes.aggregateState?.lowercased() ?? ""
        let title = attributes.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let status: IncidentStatus
        let impact: OfficialIndicator?
        if attributes.reportType?.lowercased() == "maintenance" {
            status = state == "maintenance" ? .inProgress : (state == "resolved" ? .completed : .scheduled)
            impact = .maintenance
        } else {
            status = (state == "resolved" || state == "operational") ? .resolved : .investigating
            impact = status == .resolved ? nil : (indicator(state) ?? .minor)
        }
        return OfficialIncident(
            title: title.isEmpty ? "Untitled incident" : title, status: status, rawStatus: attributes.aggregateState,
            impact: impact, rawImpact: attributes.reportType,
            startedAt: attributes.startsAt.flatMap(DateText.parse), updatedAt: updated)
    }

    /// A resource or affected-resource status word as a component status.
    static func componentStatus(_ word: String) -> ComponentStatus? {
        switch word.lowercased() {
        case "operational", "resolved": .operational
        case "degraded": .degradedPerformance
        case "downtime": .majorOutage
        case "maintenance": .underMaintenance
        default: nil
        }
    }

    /// An `aggregate_state` word as an indicator.
    static func indicator(_ word: String) -> OfficialIndicator? {
        switch word.lowercased() {
        case "operational": OfficialIndicator.none
        case "degraded": .minor
        case "downtime": .major
        case "maintenance": .maintenance
        default: nil
        }
    }

    /// Whether a decoded JSON value has the shape of `index.json`: `data.type` is `status_page`
    /// and `data.attributes` carries an `aggregate_state`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], let data = object["data"] as? [String: Any],
            data["type"] as? String == "status_page", let attributes = data["attributes"] as? [String: Any]
        else { return false }
        return attributes["aggregate_state"] != nil
    }

    /// Whether the URL is the `index.json` of a page Better Stack hosts (`*.betteruptime.com`,
    /// `*.betterstack.com`).
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return false
        }
        return (host.hasSuffix(".betteruptime.com") || host.hasSuffix(".betterstack.com"))
            && components.path.lowercased().hasSuffix("/index.json")
    }
}
