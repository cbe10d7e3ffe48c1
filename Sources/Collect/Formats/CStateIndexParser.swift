import Foundation
import Model

/// Reads a cState site's `index.json` (a static Hugo site; `"is": "index"`): `summaryStatus`
/// and `systems`, each with its `category` and `unresolvedIssues`. The document is written when
/// the site is built, so it is as fresh as the last deploy; resolved issues are not in it and
/// cState has no maintenance state here.
///
/// - Components: every system, in its `category` as group. `ok` and `notice` → operational (a notice is informational),
///   `disrupted` → partial outage, `down` → major outage.
/// - Incidents: each unresolved issue once (an issue is repeated under every system it
///   affects), with status investigating (`resolved: true` → resolved) and its `severity` as
///   impact: `notice` → minor, `disrupted` → major, `down` → critical.
/// - Indicator: `summaryStatus` (`ok` none, `notice` minor, `disrupted` major, `down`
///   critical), raised to what the systems and issues show; the word is kept as `rawIndicator`.
/// - Times: Go's `2021-05-13 12:00:00 +0000 UTC`, as Hugo prints them.
public enum CStateIndexParser {
    struct Document: Decodable {
        var summaryStatus: String?
        var systems: [System]?
    }

    struct System: Decodable {
        var name: String?
        var category: String?
        var status: String?
        var unresolvedIssues: [Issue]?
    }

    struct Issue: Decodable {
        var title: String?
        var createdAt: String?
        var lastMod: String?
        var permalink: String?
        var severity: String?
        var resolved: Bool?
    }

    /// Parses an `index.json` document.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched; the base for relative issue links.
    ///   - limits: the size bound.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (no `summaryStatus` or `systems`).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        guard document.summaryStatus != nil || document.systems != nil else {
            throw StatusParseError.unexpectedJSON("no summaryStatus or systems")
        }
        var components: [OfficialComponent] = []
        var incidents: [OfficialIncident] = []
        var seen: Set<String> = []
        for system in document.systems ?? [] {
            let name = system.name?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if !name.isEmpty, let raw = system.status {
                let category = system.category?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
                components.append(
                    OfficialComponent(
                        name: name, status: componentStatus(raw), rawStatus: raw,
                        group: category.isEmpty ? nil : category))
            }
            for issue in system.unresolvedIssues ?? [] {
                let key = issue.permalink ?? issue.title ?? ""
                guard seen.insert(key).inserted else { continue }
                incidents.append(incident(issue, documentURL: url))
            }
        }
        let derived = StatusWords.derivedIndicator(components: components, incidents: incidents)
        let summary = document.summaryStatus.map(indicator) ?? .none
        return OfficialStatus(
            indicator: StatusWords.worst([derived, summary], fallback: .none), rawIndicator: document.summaryStatus,
            components: components, incidents: incidents
        ).collected(documentURL: url)
    }

    private static func incident(_ issue: Issue, documentURL: String?) -> OfficialIncident {
        let title = issue.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return OfficialIncident(
            title: title.isEmpty ? "Untitled incident" : title,
            status: issue.resolved == true ? .resolved : .investigating,
            rawStatus: issue.resolved == true ? "resolved" : "unresolved",
            impact: issue.severity.map(indicator), rawImpact: issue.severity,
            startedAt: issue.createdAt.flatMap(DateText.parse), updatedAt: issue.lastMod.flatMap(DateText.parse),
            url: issue.permalink.flatMap { SafeLink.absoluteHTTP($0, base: documentURL) })
    }

    /// A cState word as a component status; unknown words are degraded performance.
    static func componentStatus(_ raw: String) -> ComponentStatus {
        switch raw.lowercased() {
        case "ok", "notice": .operational
        case "disrupted": .partialOutage
        case "down": .majorOutage
        default: .degradedPerformance
        }
    }

    /// A cState word as an overall indicator; unknown words are minor.
    static func indicator(_ raw: String) -> OfficialIndicator {
        switch raw.lowercased() {
        case "ok": .none
        case "disrupted": .major
        case "down": .critical
        default: .minor
        }
    }

    /// Whether a decoded JSON value is a cState `index.json`: `"is": "index"` with a
    /// `cStateVersion`.
    public static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["is"] as? String == "index" && object["cStateVersion"] != nil
    }
}
