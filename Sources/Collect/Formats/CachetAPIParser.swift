import Foundation
import Model

/// Reads Cachet's API v1 (`/api/v1/components` or `/api/v1/incidents` of a self-hosted Cachet
/// 2.x): `{ "meta": { "pagination": … }, "data": [ … ] }`. Which of the two a document is shows
/// in its entries: components carry `status_name`, incidents `human_status`.
///
/// - Components: every enabled component, with its numeric `status` (sent as a number or a
///   string): 1 operational, 2 performance issues → degraded performance, 3 partial outage,
///   4 major outage; 0 (unknown) and other values are skipped. Equal names in different groups
///   stay separate entries.
/// - Incidents: every visible incident, `status` 0 scheduled, 1 investigating, 2 identified,
///   3 watching → monitoring, 4 fixed → resolved. A scheduled one is maintenance. The link is
///   the incident's `permalink` (Cachet 2.4 and later).
/// - Times: `YYYY-MM-DD HH:MM:SS` without a zone (the server's own); read as UTC.
/// - Indicator: derived from the components and the open incidents.
public enum CachetAPIParser {
    struct Document: Decodable {
        var data: [Entry]?
    }

    struct Entry: Decodable {
        var name: String?
        var status: Number?
        var statusName: String?
        var enabled: Bool?
        var humanStatus: String?
        var visible: Number?
        var occurredAt: String?
        var scheduledAt: String?
        var createdAt: String?
        var updatedAt: String?
        var permalink: String?
    }

    /// A whole number Cachet sends either as a number or as a string.
    struct Number: Decodable {
        var value: Int?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                value = number
            } else if let flag = try? container.decode(Bool.self) {
                value = flag ? 1 : 0
            } else if let text = try? container.decode(String.self) {
                value = Int(text.trimmingCharacters(in: .whitespaces))
            } else {
                value = nil
            }
        }
    }

    /// Parses a components or incidents document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for relative links.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `data` list).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard let entries = document.data else { throw StatusParseError.unexpectedJSON("no data list") }
        var components: [OfficialComponent] = []
        var incidents: [OfficialIncident] = []
        for entry in entries {
            if entry.humanStatus != nil || entry.visible != nil {
                if entry.visible?.value != 0 { incidents.append(incident(entry, documentURL: url)) }
            } else if entry.enabled != false, let component = component(entry) {
                components.append(component)
            }
        }
        return OfficialStatus(
            indicator: StatusWords.derivedIndicator(components: components, incidents: incidents),
            components: components, incidents: incidents
        ).collected(documentURL: url)
    }

    private static func component(_ entry: Entry) -> OfficialComponent? {
        let name = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !name.isEmpty, let status = entry.status?.value.flatMap(componentStatus) else { return nil }
        let raw = entry.statusName ?? entry.status?.value.map(String.init) ?? ""
        return OfficialComponent(name: name, status: status, rawStatus: raw)
    }

    private static func incident(_ entry: Entry, documentURL: String?) -> OfficialIncident {
        let title = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let status = entry.status?.value.flatMap(incidentStatus)
        let started = entry.occurredAt ?? entry.scheduledAt ?? entry.createdAt
        return OfficialIncident(
            title: title.isEmpty ? "Untitled incident" : title, status: status,
            rawStatus: entry.humanStatus ?? entry.status?.value.map(String.init),
            impact: status == .scheduled ? .maintenance : nil, startedAt: started.flatMap(DateText.parse),
            updatedAt: entry.updatedAt.flatMap(DateText.parse),
            url: entry.permalink.flatMap { SafeLink.absoluteHTTP($0, base: documentURL) })
    }

    /// Cachet's component status number as a normalised status.
    static func componentStatus(_ value: Int) -> ComponentStatus? {
        switch value {
        case 1: .operational
        case 2: .degradedPerformance
        case 3: .partialOutage
        case 4: .majorOutage
        default: nil
        }
    }

    /// Cachet's incident status number as a normalised status.
    static func incidentStatus(_ value: Int) -> IncidentStatus? {
        switch value {
        case 0: .scheduled
        case 1: .investigating
        case 2: .identified
        case 3: .monitoring
        case 4: .resolved
        default: nil
        }
    }

    /// Whether a decoded JSON value has the shape of a Cachet v1 list: an object with a `data`
    /// array whose entries carry `status_name` (components) or `human_status` (incidents), or
    /// an empty `data` beside `meta.pagination`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], let data = object["data"] as? [Any] else { return false }
        guard let first = data.first else {
            return (object["meta"] as? [String: Any])?["pagination"] is [String: Any]
        }
        guard let entry = first as? [String: Any] else { return false }
        return entry["status_name"] != nil || entry["human_status"] != nil
    }

    /// Whether the URL is a Cachet v1 list (`/api/v1/components` or `/api/v1/incidents`).
    public static func matches(url: String) -> Bool {
        guard var path = URLComponents(string: url)?.path.lowercased() else { return false }
        while path.hasSuffix("/") { path.removeLast() }
        return path.hasSuffix("/api/v1/components") || path.hasSuffix("/api/v1/incidents")
    }
}
