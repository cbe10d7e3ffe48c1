import Foundation
import Model

/// Reads Atlassian Statuspage's JSON API: `summary.json`, `status.json`, `components.json`,
/// `incidents.json`, `incidents/unresolved.json`, `scheduled-maintenances*.json` and a single
/// incident (`{"page":…,"incident":…}`).
public enum StatuspageJSONParser {
    /// Parses one Statuspage API document.
    ///
    /// The indicator is `status.indicator` when the document has one; otherwise it is derived
    /// from the open incidents' impact and the components (see `StatusWords.derivedIndicator`)
    /// and `rawIndicator` is nil. Group headers (`"group": true`) are not components; each
    /// component carries the name of its group (`group_id`), so equal names in different
    /// groups stay apart.
    /// - Parameters:
    ///   - body: the JSON bytes.
    ///   - url: where it was fetched, used to build incident links when there is no shortlink.
    ///   - limits: size bound and the most incidents kept.
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let document = try decode(body, limits: limits)
        guard
            document.page != nil || document.status != nil || document.components != nil
                || document.incidents != nil || document.incident != nil || document.scheduledMaintenances != nil
        else {
            throw StatusParseError.unexpectedJSON("no page, status, components or incidents")
        }
        let base = baseURL(page: document.page, fetchedURL: url)
        let groups = GroupNames(document.components ?? [])
        let components = (document.components ?? []).compactMap { component($0, groups: groups) }

        var incidents: [OfficialIncident] = []
        if let single = document.incident { incidents.append(incident(single, base: base)) }
        incidents += (document.incidents ?? []).map { incident($0, base: base) }
        incidents += (document.scheduledMaintenances ?? []).map { incident($0, base: base) }
        let open = incidents.filter(\.isOpen)
        let closed = incidents.filter { !$0.isOpen }
        incidents = Array((open + closed).prefix(max(limits.maxEntries, open.count)))

        let rawIndicator = document.status?.indicator
        let indicator =
            rawIndicator.flatMap { OfficialIndicator(rawValue: $0.lowercased()) }
            ?? StatusWords.derivedIndicator(components: components, incidents: incidents)
        return OfficialStatus(
            indicator: indicator, rawIndicator: rawIndicator, description: document.status?.description,
            components: components, incidents: incidents
        ).collected(documentURL: url)
    }

    /// Decodes the bytes, turning decoder errors into messages a person can act on.
    static func decode(_ body: [UInt8], limits: DocumentLimits) throws -> StatuspageDocument {
        try JSONInput.decode(StatuspageDocument.self, from: body, limits: limits)
    }

    /// Group names: by the header's id (what a child's `group_id` names), and by the id of
    /// every child a header lists in its `components`.
    private struct GroupNames {
        var byHeader: [String: String] = [:]
        var byChild: [String: String] = [:]

        init(_ components: [StatuspageDocument.Component]) {
            for header in components where header.group == true {
                guard let id = header.id,
                    let name = header.name?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty
                else { continue }
                byHeader[id] = name
                for child in header.components ?? [] where byChild[child] == nil { byChild[child] = name }
            }
        }

        func group(of component: StatuspageDocument.Component) -> String? {
            component.groupId.flatMap { byHeader[$0] } ?? component.id.flatMap { byChild[$0] }
        }
    }

    /// One component with the name of its group; nil for a group header or a component
    /// without a name or a known status.
    private static func component(_ raw: StatuspageDocument.Component, groups: GroupNames) -> OfficialComponent? {
        guard raw.group != true, let name = raw.name, let rawStatus = raw.status,
            let status = StatusWords.componentStatus(forText: rawStatus)
        else { return nil }
        return OfficialComponent(
            name: name.trimmingCharacters(in: .whitespacesAndNewlines), status: status, rawStatus: rawStatus,
            group: groups.group(of: raw))
    }

    private static func incident(_ raw: StatuspageDocument.Incident, base: String?) -> OfficialIncident {
        var status = raw.status.flatMap(StatusWords.incidentStatus)
        if status == nil {
            // The newest update whose label is a real status.
            status = raw.incidentUpdates?.lazy.compactMap { $0.status.flatMap(StatusWords.incidentStatus) }.first
        }
        // Only an http(s) shortlink is a link; else the incident's page on the status site.
        let link =
            raw.shortlink.flatMap { SafeLink.absoluteHTTP($0, base: base) }
            ?? raw.id.flatMap { id in base.map { "\($0)/incidents/\(pathSegment(id))" } }
        let started = (raw.startedAt ?? raw.createdAt ?? raw.scheduledFor).flatMap(DateText.parse)
        return OfficialIncident(
            title: (raw.name ?? "Untitled incident").trimmingCharacters(in: .whitespacesAndNewlines),
            status: status, rawStatus: raw.status,
            impact: raw.impact.flatMap { OfficialIndicator(rawValue: $0.lowercased()) }, rawImpact: raw.impact,
            startedAt: started, updatedAt: (raw.updatedAt ?? raw.resolvedAt).flatMap(DateText.parse), url: link)
    }

    /// An incident id as one path segment: anything but letters, digits, `-`, `_` and `.`
    /// percent-encoded, so an id cannot climb out of `/incidents/` or start a query.
    private static func pathSegment(_ id: String) -> String {
        var output = ""
        for byte in id.utf8 {
            let keep =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            output += keep ? String(UnicodeScalar(byte)) : String(format: "%%%02X", byte)
        }
        return output
    }

    /// The page's own URL when it is an http(s) URL, or the scheme and host the document was
    /// fetched from.
    private static func baseURL(page: StatuspageDocument.Page?, fetchedURL: String?) -> String? {
        if let pageURL = page?.url.flatMap({ SafeLink.absoluteHTTP($0, base: fetchedURL) }) {
            var reference = URIReference(parsing: pageURL)
            reference.query = nil
            reference.fragment = nil
            let text = reference.text
            return text.hasSuffix("/") ? String(text.dropLast()) : text
        }
        guard let fetchedURL, let components = URLComponents(string: fetchedURL), let scheme = components.scheme,
            let host = components.host
        else { return nil }
        return components.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}
