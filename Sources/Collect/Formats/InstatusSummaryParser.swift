import Foundation
import Model

/// Reads an Instatus page's `summary.json` (`https://<page>/summary.json`): `page.status`
/// (`UP`, `HASISSUES`, `UNDERMAINTENANCE`), `activeIncidents` and `activeMaintenances`. Every
/// vendor word is upper case without separators; the document lists no components.
///
/// - Incidents: each active incident, its `status` (`INVESTIGATING`, `IDENTIFIED`,
///   `MONITORING`, `RESOLVED`) read as the same word, its `impact` (a component status word such
///   as `MAJOROUTAGE`) as the impact that status implies. Each active maintenance:
///   `NOTSTARTEDYET` → `scheduled`, `INPROGRESS` → `in_progress`, `COMPLETED` → `completed`,
///   impact maintenance.
/// - Times: ISO 8601, or the JavaScript `Date.toString()` form Instatus documents
///   (`Sat Jun 11 2022 18:55:50 GMT+0000 (Coordinated Universal Time)`).
/// - Indicator: derived from the open entries, at least minor for `HASISSUES` and at least
///   maintenance for `UNDERMAINTENANCE`; the page word is kept as `rawIndicator`.
public enum InstatusSummaryParser {
    struct Document: Decodable {
        var page: Page?
        var activeIncidents: [Entry]?
        var activeMaintenances: [Entry]?
    }

    struct Page: Decodable {
        var name: String?
        var url: String?
        var status: String?
    }

    struct Entry: Decodable {
        var name: String?
        var started: String?
        var start: String?
        var status: String?
        var impact: String?
        var url: String?
        var updatedAt: String?
    }

    /// The page words Instatus uses.
    static let pageWords: Set<String> = ["UP", "HASISSUES", "UNDERMAINTENANCE"]

    /// Parses a `summary.json` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for relative links.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `page.status` and no active lists).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard document.page?.status != nil || document.activeIncidents != nil || document.activeMaintenances != nil
        else {
            throw StatusParseError.unexpectedJSON("no page.status, activeIncidents or activeMaintenances")
        }
        let base = url ?? document.page?.url
        var incidents = (document.activeIncidents ?? []).map { incident($0, maintenance: false, base: base) }
        incidents += (document.activeMaintenances ?? []).map { incident($0, maintenance: true, base: base) }
        var indicator = StatusWords.derivedIndicator(components: [], incidents: incidents)
        switch document.page?.status?.uppercased() {
        case "HASISSUES": indicator = StatusWords.worst([indicator, .minor], fallback: .minor)
        case "UNDERMAINTENANCE": indicator = StatusWords.worst([indicator, .maintenance], fallback: .maintenance)
        default: break
        }
        return OfficialStatus(indicator: indicator, rawIndicator: document.page?.status, incidents: incidents)
            .collected(documentURL: url)
    }

    private static func incident(_ entry: Entry, maintenance: Bool, base: String?) -> OfficialIncident {
        let title = entry.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let started = maintenance ? (entry.start ?? entry.started) : (entry.started ?? entry.start)
        return OfficialIncident(
            title: title.isEmpty ? "Untitled incident" : title,
            status: maintenance ? maintenanceStatus(entry.status) : incidentStatus(entry.status),
            rawStatus: entry.status,
            impact: maintenance ? .maintenance : entry.impact.flatMap(componentStatus).map(StatusWords.indicator(for:)),
            rawImpact: entry.impact, startedAt: started.flatMap(date), updatedAt: entry.updatedAt.flatMap(date),
            url: entry.url.flatMap { SafeLink.absoluteHTTP($0, base: base) })
    }

    /// An incident word (`INVESTIGATING` …) as a normalised status.
    static func incidentStatus(_ raw: String?) -> IncidentStatus? {
        raw.flatMap { IncidentStatus.parse($0.lowercased()) }
    }

    /// A maintenance word as a normalised status.
    static func maintenanceStatus(_ raw: String?) -> IncidentStatus? {
        switch raw?.uppercased() {
        case "NOTSTARTEDYET": .scheduled
        case "INPROGRESS": .inProgress
        case "COMPLETED": .completed
        default: raw.flatMap { IncidentStatus.parse($0.lowercased()) }
        }
    }

    /// An Instatus component word (`MAJOROUTAGE` …) as a component status.
    static func componentStatus(_ raw: String) -> ComponentStatus? {
        switch raw.uppercased() {
        case "OPERATIONAL": .operational
        case "DEGRADEDPERFORMANCE": .degradedPerformance
        case "PARTIALOUTAGE", "MINOROUTAGE": .partialOutage
        case "MAJOROUTAGE": .majorOutage
        case "UNDERMAINTENANCE": .underMaintenance
        default: nil
        }
    }

    /// ISO 8601, or JavaScript's `Sat Jun 11 2022 18:55:50 GMT+0000 (zone name)`.
    static func date(_ text: String) -> Timestamp? {
        let head = text.split(separator: "(", maxSplits: 1).first.map(String.init) ?? text
        let pieces = head.split(separator: " ")
        // The JavaScript form first: read as a whole, its zone would be lost.
        guard pieces.count == 6, pieces[5].hasPrefix("GMT") else { return DateText.parse(text) }
        let offset = pieces[5].dropFirst(3)
        let rfc822 =
            "\(pieces[0]), \(pieces[2]) \(pieces[1]) \(pieces[3]) \(pieces[4]) \(offset.isEmpty ? "+0000" : offset)"
        return DateText.parse(rfc822)
    }

    /// Whether a decoded JSON value has the shape of `summary.json`: an object whose `page`
    /// carries one of Instatus's upper-case page words, with no top-level `status`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any], object["status"] == nil,
            let page = object["page"] as? [String: Any], let word = page["status"] as? String
        else { return false }
        return pageWords.contains(word)
    }

    /// Whether the URL is an Instatus `summary.json`: at the root of the host.
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url) else { return false }
        return components.path.lowercased() == "/summary.json"
    }
}
