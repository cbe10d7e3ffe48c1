import Foundation
import Model

/// Reads Google Cloud Service Health's `incidents.json` (the same schema serves Google
/// Workspace's and Google Search's dashboards): a top-level array of incidents covering years
/// of history, newest first.
///
/// - An incident is open while it has no `end` (absent, `null` or blank); open ones have status
///   `investigating` (Google publishes no finer stage), ended ones `resolved`.
/// - Impact, from `status_impact`: `SERVICE_INFORMATION` and `SERVICE_DISRUPTION` → minor,
///   `SERVICE_OUTAGE` → major, or critical when `severity` is `high`. Without a known
///   `status_impact`, `severity` decides (`low`/`medium` → minor, `high` → major).
/// - Components: the products (`affected_products`, else `service_name`) of open incidents,
///   each with the worst status its open incidents give it (information → degraded
///   performance, disruption → partial outage, outage → major outage). Products of ended
///   incidents are not listed: the document names no product that is healthy.
/// - Indicator: the worst open impact; `none` when nothing is open. Google states none itself.
/// - Links: `uri` (relative, `incidents/<id>`) resolved against the document's URL.
/// - Incidents kept: every open one, then ended ones in document order up to
///   `limits.maxEntries`.
public enum GoogleCloudIncidentsParser {
    struct Incident: Decodable {
        var id: String?
        var begin: String?
        var end: String?
        var modified: String?
        var externalDesc: String?
        var statusImpact: String?
        var severity: String?
        var serviceName: String?
        var affectedProducts: [Product]?
        var uri: String?
        var mostRecentUpdate: Update?
    }

    struct Product: Decodable {
        var title: String?
        var id: String?
    }

    struct Update: Decodable {
        var status: String?
        var when: String?
    }

    /// Parses an `incidents.json` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for incident links.
    ///   - limits: size bound and the most ended incidents kept.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (not an array of incidents).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let raw = try JSONInput.decode([Incident].self, from: body, limits: limits)
        guard raw.isEmpty || raw.contains(where: { $0.externalDesc != nil || $0.statusImpact != nil }) else {
            throw StatusParseError.unexpectedJSON("no incident has external_desc or status_impact")
        }
        var tally = ComponentTally()
        var open: [OfficialIncident] = []
        var ended: [OfficialIncident] = []
        let keepEnded = max(0, limits.maxEntries)
        for item in raw {
            let isOpen = (item.end?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "").isEmpty
            guard isOpen || ended.count < keepEnded else { continue }
            let incident = incident(item, isOpen: isOpen, documentURL: url)
            if isOpen {
                open.append(incident)
                let status = componentStatus(item)
                for name in productNames(item) {
                    tally.add(name: name, status: status, rawStatus: item.statusImpact ?? item.severity ?? "open")
                }
            } else {
                ended.append(incident)
            }
        }
        let components = tally.components
        let indicator = StatusWords.worst(open.compactMap(\.impact), fallback: .none)
        return OfficialStatus(
            indicator: indicator, rawIndicator: nil, description: nil, components: components,
            incidents: open + ended
        ).collected(documentURL: url)
    }

    private static func incident(_ item: Incident, isOpen: Bool, documentURL: String?) -> OfficialIncident {
        let title = item.externalDesc?.trimmingCharacters(in: .whitespacesAndNewlines)
        return OfficialIncident(
            title: (title?.isEmpty ?? true) ? "Untitled incident" : (title ?? ""),
            status: isOpen ? .investigating : .resolved, rawStatus: item.mostRecentUpdate?.status,
            impact: impact(item), rawImpact: item.statusImpact ?? item.severity,
            startedAt: item.begin.flatMap(DateText.parse),
            updatedAt: (item.modified ?? item.end ?? item.mostRecentUpdate?.when).flatMap(DateText.parse),
            url: item.uri.flatMap { SafeLink.absoluteHTTP($0, base: documentURL) })
    }

    /// The incident's impact on Statuspage's scale (see the type's notes).
    static func impact(_ item: Incident) -> OfficialIndicator? {
        let severity = item.severity?.lowercased()
        switch item.statusImpact?.uppercased() {
        case "SERVICE_OUTAGE": return severity == "high" ? .critical : .major
        case "SERVICE_DISRUPTION", "SERVICE_INFORMATION": return .minor
        default:
            switch severity {
            case "high": return .major
            case "low", "medium": return .minor
            default: return nil
            }
        }
    }

    private static func componentStatus(_ item: Incident) -> ComponentStatus {
        switch item.statusImpact?.uppercased() {
        case "SERVICE_OUTAGE": .majorOutage
        case "SERVICE_DISRUPTION": .partialOutage
        default: .degradedPerformance
        }
    }

    private static func productNames(_ item: Incident) -> [String] {
        let titles = (item.affectedProducts ?? []).compactMap(\.title)
        if !titles.isEmpty { return titles }
        return item.serviceName.map { [$0] } ?? []
    }

    /// Whether a decoded JSON value has the shape of `incidents.json`: a non-empty array whose
    /// first element is an object with `external_desc` and `status_impact` or `begin`.
    public static func matches(_ json: Any) -> Bool {
        guard let array = json as? [Any], let first = array.first as? [String: Any] else { return false }
        return first["external_desc"] != nil && (first["status_impact"] != nil || first["begin"] != nil)
    }

    /// Whether the URL is one of Google's dashboards that serve this schema
    /// (`status.cloud.google.com`, `status.search.google.com`, `www.google.com/appsstatus/…`),
    /// ending in `incidents.json`. An empty array (`[]`) is recognised only this way.
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return false
        }
        let path = components.path.lowercased()
        guard path.hasSuffix("/incidents.json") else { return false }
        return host == "status.cloud.google.com" || host == "status.search.google.com"
            || (host == "www.google.com" && path.hasPrefix("/appsstatus/"))
    }
}
