import Foundation
import Model

/// Reads Upptime's `history/summary.json`: an array of monitored sites with `status`
/// `up | degraded | down`. Each site is a component (up → operational, degraded →
/// degraded_performance, down → major_outage); the indicator is the worst of them (any site
/// down → major). Upptime keeps incidents in GitHub issues, so there are none here.
public enum UpptimeSummaryParser {
    struct Site: Decodable {
        var name: String?
        var slug: String?
        var status: String?
    }

    /// Parses an Upptime summary.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (not an array of sites).
    public static func parse(_ body: [UInt8], limits: DocumentLimits = .standard) throws -> OfficialStatus {
        let sites = try JSONInput.decode([Site].self, from: body, limits: limits)
        let components = sites.compactMap { site -> OfficialComponent? in
            guard let name = site.name ?? site.slug, let raw = site.status else { return nil }
            let status: ComponentStatus? =
                switch raw.lowercased() {
                case "up": .operational
                case "degraded": .degradedPerformance
                case "down": .majorOutage
                default: StatusWords.componentStatus(forText: raw)
                }
            return status.map { OfficialComponent(name: name, status: $0, rawStatus: raw) }
        }
        guard !components.isEmpty else { throw StatusParseError.unexpectedJSON("no sites with a status") }
        let down = components.filter { $0.status != .operational }.count
        let description =
            down == 0
            ? "All \(components.count) sites up" : "\(down) of \(components.count) sites not up"
        return OfficialStatus(
            indicator: StatusWords.derivedIndicator(components: components, incidents: []), rawIndicator: nil,
            description: description, components: components, incidents: []
        ).collected(documentURL: nil)
    }

    /// Whether a decoded JSON value has Upptime's shape (an array of objects with `slug` and
    /// `uptimeDay` or `dailyMinutesDown`).
    static func matches(_ json: Any) -> Bool {
        guard let array = json as? [Any], let first = array.first as? [String: Any] else { return false }
        return first["slug"] != nil && (first["uptimeDay"] != nil || first["dailyMinutesDown"] != nil)
    }
}
