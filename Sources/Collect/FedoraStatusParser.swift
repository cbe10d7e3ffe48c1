import Foundation
import Model

/// Reads the Fedora Infrastructure status JSON (`statuses.json` of the statusfpo app):
/// `global_status`, `global_verbose_status` and a map of `services`.
///
/// - Indicator: `global_status` as the site states it (good → none, minor → minor, major →
///   major, scheduled → maintenance), even when it disagrees with the services.
/// - Components: every service, sorted by key (good → operational, minor → partial_outage,
///   major → major_outage, scheduled → under_maintenance).
/// - Incidents: one per service that is not good, titled "Name: message", with the
///   service's status as impact; scheduled ones have status `scheduled`.
public enum FedoraStatusParser {
    struct Document: Decodable {
        var globalStatus: String?
        var globalVerboseStatus: String?
        var services: [String: Service]
    }

    struct Service: Decodable {
        var name: String?
        var status: String?
        var message: String?
    }

    static let serviceStates: [String: (indicator: OfficialIndicator, component: ComponentStatus)] = [
        "good": (.none, .operational),
        "minor": (.minor, .partialOutage),
        "major": (.major, .majorOutage),
        "scheduled": (.maintenance, .underMaintenance),
    ]

    /// Parses a statusfpo `statuses.json`.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON`.
    public static func parse(_ body: [UInt8], limits: DocumentLimits = .standard) throws -> OfficialStatus {
        let document = try JSONInput.decode(Document.self, from: body, limits: limits)
        var components: [OfficialComponent] = []
        var incidents: [OfficialIncident] = []
        for key in document.services.keys.sorted() {
            guard let service = document.services[key] else { continue }
            let name = service.name ?? key
            guard let raw = service.status,
                let state = serviceStates[raw.lowercased()]
                    ?? StatusWords.componentStatus(forText: raw).map({ (StatusWords.indicator(for: $0), $0) })
            else { continue }
            components.append(OfficialComponent(name: name, status: state.component, rawStatus: raw))
            if state.component != .operational {
                let title = service.message.map { "\(name): \($0)" } ?? name
                incidents.append(
                    OfficialIncident(
                        title: title, status: raw.lowercased() == "scheduled" ? .scheduled : nil, rawStatus: raw,
                        impact: state.indicator, rawImpact: raw))
            }
        }
        let raw = document.globalStatus
        let indicator =
            raw.flatMap { serviceStates[$0.lowercased()]?.indicator }
            ?? StatusWords.derivedIndicator(components: components, incidents: incidents)
        return OfficialStatus(
            indicator: indicator, rawIndicator: raw, description: document.globalVerboseStatus,
            components: components, incidents: incidents
        ).collected(documentURL: nil)
    }

    /// Whether a decoded JSON value has the statusfpo shape.
    static func matches(_ json: Any) -> Bool {
        guard let object = json as? [String: Any] else { return false }
        return object["global_status"] != nil && object["services"] is [String: Any]
    }
}
