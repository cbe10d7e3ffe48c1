import Foundation
import Model

/// Reads status.io's public status API (`https://api.status.io/1.0/status/<page-id>`, also
/// served as `status-api.hostedstatus.com`): everything under `result` — `status_overall`,
/// the components in `status`, active `incidents`, and `maintenance.active` / `.upcoming`.
///
/// - Codes, never labels (pages may rename levels): 100 operational, 200 planned maintenance,
///   300 degraded performance, 400 partial service disruption, 500 service disruption,
///   600 security event.
/// - Components: each entry of `status` with its `status_code` (its containers, the regions
///   inside it, are already folded into it by status.io).
/// - Incidents: each active incident; its stage from the newest message's `state` (100
///   investigating, 200 identified, 300 monitoring), its impact from that message's `status`
///   code. Active maintenance is `in_progress`, upcoming `scheduled`, both impact maintenance.
/// - Indicator: `status_overall.status_code` (100 none, 200 maintenance, 300 minor, 400 major,
///   500 and 600 critical), raised to what the components and incidents show; the label is
///   kept as `rawIndicator`.
public enum StatusIOParser {
    struct Document: Decodable {
        var result: Result?
    }

    struct Result: Decodable {
        var statusOverall: Overall?
        var status: [Component]?
        var incidents: [Entry]?
        var maintenance: Maintenance?
    }

    struct Overall: Decodable {
        var status: String?
        var statusCode: Int?
    }

    struct Component: Decodable {
        var name: String?
        var status: String?
        var statusCode: Int?
    }

    struct Maintenance: Decodable {
        var active: [Entry]?
        var upcoming: [Entry]?
    }

    struct Entry: Decodable {
        var name: String?
        var datetimeOpen: String?
        var datetimePlannedStart: String?
        var messages: [Message]?
    }

    struct Message: Decodable {
        var state: Int?
        var status: Int?
        var datetime: String?
    }

    /// Parses a status API answer.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `result.status_overall`).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard let result = document.result, let overall = result.statusOverall else {
            throw StatusParseError.unexpectedJSON("no result.status_overall")
        }
        var components: [OfficialComponent] = []
        for item in result.status ?? [] {
            let name = item.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            guard !name.isEmpty, let status = item.statusCode.flatMap(componentStatus) else { continue }
            components.append(
                OfficialComponent(name: name, status: status, rawStatus: item.status ?? String(item.statusCode ?? 0)))
        }
        var incidents = (result.incidents ?? []).map { incident($0) }
        incidents += (result.maintenance?.active ?? []).map { maintenance($0, status: .inProgress) }
        incidents += (result.maintenance?.upcoming ?? []).map { maintenance($0, status: .scheduled) }
        let derived = StatusWords.derivedIndicator(components: components, incidents: incidents)
        let stated = overall.statusCode.flatMap(indicator) ?? .none
        return OfficialStatus(
            indicator: StatusWords.worst([derived, stated], fallback: .none), rawIndicator: overall.status,
            components: components, incidents: incidents
        ).collected(documentURL: url)
    }

    private static func newest(_ messages: [Message]?) -> Message? {
        let earliest = Timestamp(seconds: 0)
        return (messages ?? []).max {
            (DateText.parse($0.datetime ?? "") ?? earliest) < (DateText.parse($1.datetime ?? "") ?? earliest)
        }
    }

    private static func incident(_ entry: Entry) -> OfficialIncident {
        let latest = newest(entry.messages)
        let status: IncidentStatus? =
            switch latest?.state {
            case 100: .investigating
            case 200: .identified
            case 300: .monitoring
            default: .investigating
            }
        return OfficialIncident(
            title: title(entry), status: status, rawStatus: latest?.state.map(String.init),
            impact: latest?.status.flatMap(indicator) ?? .minor, rawImpact: latest?.status.map(String.init),
            startedAt: entry.datetimeOpen.flatMap(DateText.parse),
            updatedAt: latest?.datetime.flatMap(DateText.parse))
    }

    private static func maintenance(_ entry: Entry, status: IncidentStatus) -> OfficialIncident {
        OfficialIncident(
            title: title(entry), status: status, rawStatus: status == .inProgress ? "active" : "upcoming",
            impact: .maintenance, startedAt: (entry.datetimePlannedStart ?? entry.datetimeOpen).flatMap(DateText.parse),
            updatedAt: newest(entry.messages)?.datetime.flatMap(DateText.parse))
    }

    private static func title(_ entry: Entry) -> String {
        let title = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return title.isEmpty ? "Untitled incident" : title
    }

    /// A status.io code as a component status.
    static func componentStatus(_ code: Int) -> ComponentStatus? {
        switch code {
        case 100: .operational
        case 200: .underMaintenance
        case 300: .degradedPerformance
        case 400: .partialOutage
        case 500, 600: .majorOutage
        default: nil
        }
    }

    /// A status.io code as an overall indicator.
    static func indicator(_ code: Int) -> OfficialIndicator? {
        switch code {
        case 100: OfficialIndicator.none
        case 200: .maintenance
        case 300: .minor
        case 400: .major
        case 500, 600: .critical
        default: nil
        }
    }

    /// Whether a decoded JSON value has the shape of the status API: `result.status_overall`
    /// carrying a `status_code`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], let result = object["result"] as? [String: Any],
            let overall = result["status_overall"] as? [String: Any]
        else { return false }
        return overall["status_code"] != nil
    }

    /// Whether the URL is the status API (`api.status.io` or `status-api.hostedstatus.com`,
    /// path `/1.0/status/<page-id>`).
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return false
        }
        return (host == "api.status.io" || host == "status-api.hostedstatus.com")
            && components.path.hasPrefix("/1.0/status/")
    }
}
