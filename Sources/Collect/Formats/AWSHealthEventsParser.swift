import Foundation
import Model

/// Reads the AWS Health Dashboard's public events document
/// (`https://health.aws.amazon.com/public/currentevents`): a top-level array of the events
/// open now (empty when all is well). AWS serves it as UTF-16 at times: with a byte-order mark
/// (`StatusDocumentParser` turns that into UTF-8 before this reader sees it) or without one
/// (recognised here by the zero bytes beside the opening `[`).
///
/// - Every event is an open incident, titled by its `summary` (the service name and the
///   region name in brackets when they are given), started at `date` (epoch seconds, sent as a
///   number or a string), updated at the newest `event_log` entry's `timestamp`.
/// - Status codes (`status`, sent as a string at the top and a number in the log): 0 resolved,
///   1 informational → minor, 2 degraded → minor, 3 disruption → major. An event whose own code
///   is 0 is resolved and stays in the list as history.
/// - Components: `impacted_services` (each `service_name` with its `current` code: 1 degraded
///   performance, 2 partial outage, 3 major outage, 0 operational), else the event's own
///   `service_name`, with the worst status any open event gives it.
/// - Indicator: the worst open impact; `none` when nothing is open. AWS states none itself.
/// - The document links to no event; incidents carry no URL.
public enum AWSHealthEventsParser {
    struct Event: Decodable {
        var date: Number?
        var arn: String?
        var regionName: String?
        var status: Number?
        var service: String?
        var serviceName: String?
        var summary: String?
        var eventLog: [LogEntry]?
        var impactedServices: [String: ImpactedService]?
    }

    struct LogEntry: Decodable {
        var summary: String?
        var status: Number?
        var timestamp: Number?
    }

    struct ImpactedService: Decodable {
        var serviceName: String?
        var current: Number?
    }

    /// A whole number AWS sends either as a number or as a string.
    struct Number: Decodable {
        var value: Int64?

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = number
            } else if let text = try? container.decode(String.self) {
                value = Int64(text.trimmingCharacters(in: .whitespaces))
            } else {
                value = nil
            }
        }
    }

    /// Parses an events document.
    /// - Parameters:
    ///   - body: the JSON bytes (UTF-8).
    ///   - url: where it was fetched.
    ///   - limits: the size bound and the most events kept.
    /// - Throws: `StatusParseError.notJSON`, `.unexpectedJSON` (not an array of events).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let events = try JSONInput.decode([Event].self, from: utf8IfUnmarkedUTF16(body), limits: limits)
        guard events.isEmpty || events.contains(where: { $0.arn != nil || $0.eventLog != nil }) else {
            throw StatusParseError.unexpectedJSON("no event has an arn or an event_log")
        }
        var tally = ComponentTally()
        var incidents: [OfficialIncident] = []
        for event in events.prefix(OfficialStatus.maximumIncidents) {
            let code = event.status?.value ?? newestLog(event)?.status?.value ?? 1
            let incident = incident(event, code: code)
            incidents.append(incident)
            guard incident.isOpen else { continue }
            let impacted = (event.impactedServices ?? [:]).sorted { $0.key < $1.key }
            if impacted.isEmpty, let name = event.serviceName {
                tally.add(name: name, status: componentStatus(code) ?? .degradedPerformance, rawStatus: String(code))
            }
            for (_, service) in impacted {
                guard let name = service.serviceName, let current = service.current?.value,
                    let status = componentStatus(current)
                else { continue }
                tally.add(name: name, status: status, rawStatus: String(current))
            }
        }
        let open = incidents.filter(\.isOpen)
        return OfficialStatus(
            indicator: StatusWords.worst(open.compactMap(\.impact), fallback: .none), rawIndicator: nil,
            description: open.isEmpty ? "No open events" : nil, components: tally.components, incidents: incidents
        ).collected(documentURL: url)
    }

    /// UTF-16 without a byte-order mark as UTF-8: a JSON text starts with an ASCII character,
    /// so its first two bytes are that character and a zero (little-endian) or the reverse
    /// (big-endian). Anything else is returned unchanged.
    static func utf8IfUnmarkedUTF16(_ body: [UInt8]) -> [UInt8] {
        guard body.count >= 2, (body[0] == 0) != (body[1] == 0) else { return body }
        let bigEndian = body[0] == 0
        var units: [UInt16] = []
        units.reserveCapacity(body.count / 2)
        var index = 0
        while index + 1 < body.count {
            let first = UInt16(body[index])
            let second = UInt16(body[index + 1])
            units.append(bigEndian ? (first << 8 | second) : (second << 8 | first))
            index += 2
        }
        return Array(String(decoding: units, as: UTF16.self).utf8)
    }

    private static func newestLog(_ event: Event) -> LogEntry? {
        (event.eventLog ?? []).max { ($0.timestamp?.value ?? 0) < ($1.timestamp?.value ?? 0) }
    }

    private static func incident(_ event: Event, code: Int64) -> OfficialIncident {
        var title = (event.summary ?? newestLog(event)?.summary ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { title = "Untitled event" }
        let place = [event.serviceName, event.regionName].compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if !place.isEmpty { title += " (\(place.joined(separator: ", ")))" }
        let resolved = code == 0
        return OfficialIncident(
            title: title, status: resolved ? .resolved : .investigating, rawStatus: String(code),
            impact: resolved ? nil : impact(code), rawImpact: String(code),
            startedAt: event.date?.value.flatMap(timestamp),
            updatedAt: newestLog(event)?.timestamp?.value.flatMap(timestamp))
    }

    /// Epoch seconds as a time, when within 1970–9999.
    static func timestamp(_ seconds: Int64) -> Timestamp? {
        (0...253_402_300_799).contains(seconds) ? Timestamp(seconds: seconds) : nil
    }

    /// An AWS status code as an incident impact.
    static func impact(_ code: Int64) -> OfficialIndicator {
        code >= 3 ? .major : .minor
    }

    /// An AWS status code as a component status.
    static func componentStatus(_ code: Int64) -> ComponentStatus? {
        switch code {
        case 0: .operational
        case 1: .degradedPerformance
        case 2: .partialOutage
        case 3: .majorOutage
        default: nil
        }
    }

    /// Whether a decoded JSON value has the shape of the events document: a non-empty array
    /// whose first element carries an `arn` of AWS Health and an `event_log` or `service_name`.
    public static func matches(_ json: Any) -> Bool {
        guard let array = json as? [Any], let first = array.first as? [String: Any],
            let arn = first["arn"] as? String
        else { return false }
        return arn.hasPrefix("arn:aws:health:") && (first["event_log"] != nil || first["service_name"] != nil)
    }

    /// Whether the URL is the public events document (`health.aws.amazon.com/public/…events`).
    /// An empty array (`[]`) is recognised only this way.
    public static func matches(url: String) -> Bool {
        guard let components = URLComponents(string: url), let host = components.host?.lowercased() else {
            return false
        }
        let path = components.path.lowercased()
        return host == "health.aws.amazon.com" && path.hasPrefix("/public/") && path.hasSuffix("events")
    }
}
