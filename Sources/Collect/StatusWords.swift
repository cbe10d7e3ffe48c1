import Foundation
import Model

/// Turns vendor words into normalised values, and derives an overall indicator from parts.
public enum StatusWords {
    /// The indicator a free-text status line suggests: "All Systems Operational" → none,
    /// "Partial outage" → minor, "Major service disruption" → major, "Scheduled maintenance"
    /// → maintenance; `unknown` when no keyword matches. Maintenance is checked first, then
    /// minor words, then major words, then the all-clear words.
    public static func indicator(forText text: String) -> OfficialIndicator {
        let lower = text.lowercased()
        let words = Set(lower.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        func has(_ phrase: String) -> Bool { lower.contains(phrase) }
        if has("maintenance") { return .maintenance }
        if has("degraded") || has("partial") || has("minor") || words.contains("slow") { return .minor }
        if has("outage") || has("major") || has("disruption") || words.contains("down") || has("critical") {
            return .major
        }
        if has("operational") || has("all systems") || has("no issues") || has("no known issues")
            || words.contains("up") || has("normal") || words.contains("ok") || has("all good")
        {
            return .none
        }
        return .unknown
    }

    /// The component status a word or phrase names (Statuspage's own values, plus common
    /// synonyms such as `full_outage`, `up`, `down`, `degraded`), or nil when none fits.
    public static func componentStatus(forText text: String) -> ComponentStatus? {
        let lower = trimmed(text.lowercased())
        if let exact = ComponentStatus(rawValue: lower) { return exact }
        if let exact = ComponentStatus(rawValue: underscored(lower)) { return exact }
        let words = Set(lower.split(whereSeparator: { !$0.isLetter }).map(String.init))
        if lower.contains("maintenance") { return .underMaintenance }
        if lower.contains("partial") { return .partialOutage }
        if lower.contains("degraded") || words.contains("slow") || words.contains("minor") {
            return .degradedPerformance
        }
        if lower.contains("outage") || words.contains("down") || words.contains("major") || lower.contains("disrupt") {
            return .majorOutage
        }
        if lower.contains("operational") || words.contains("up") || words.contains("ok") || words.contains("good")
            || lower.contains("normal")
        {
            return .operational
        }
        return nil
    }

    /// The incident status a vendor's word names ("Investigating", "in progress",
    /// "postmortem"): trimmed, lowercased, spaces and hyphens read as `_`, then one of the
    /// `IncidentStatus` raw values, or "postmortem" (resolved); nil for any other word.
    static func incidentStatus(_ label: String) -> IncidentStatus? {
        var label = label
        return label.withUTF8 { bytes in
            // Every status word is ASCII, so any other character left after trimming rules
            // the label out (the only non-ASCII letter that lowercases to ASCII, the Kelvin
            // sign, becomes a "k", which no status word holds).
            let word = UTF8Bytes.trimmingWhitespace(bytes)
            guard word.count <= 13, word.allSatisfy({ $0 < 0x80 }) else { return nil }
            let normalised = String(
                decoding: word.map { byte -> UInt8 in
                    if byte == 0x20 || byte == 0x2D { return 0x5F }
                    return (byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte
                }, as: UTF8.self)
            return normalised == "postmortem" ? .resolved : IncidentStatus(rawValue: normalised)
        }
    }

    /// `text` without whitespace (Unicode's White_Space, newlines included) at either end.
    private static func trimmed(_ text: String) -> String {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(text[first...last])
    }

    /// `text` with each space and hyphen replaced by `_`.
    private static func underscored(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            result.unicodeScalars.append(scalar == " " || scalar == "-" ? "_" : scalar)
        }
        return result
    }

    /// The indicator a component status implies on its own.
    public static func indicator(for status: ComponentStatus) -> OfficialIndicator {
        switch status {
        case .operational: .none
        case .degradedPerformance, .partialOutage: .minor
        case .majorOutage: .major
        case .underMaintenance: .maintenance
        }
    }

    /// The worst of several indicators (by `severity`), or `fallback` when there are none.
    public static func worst(_ indicators: [OfficialIndicator], fallback: OfficialIndicator) -> OfficialIndicator {
        indicators.max { $0.severity < $1.severity } ?? fallback
    }

    /// An overall indicator derived from open incidents and components, for sources that do
    /// not state one: the worst open incident impact (unknown impact counts as minor;
    /// maintenance not yet in progress does not count) and the worst component.
    public static func derivedIndicator(components: [OfficialComponent], incidents: [OfficialIncident])
        -> OfficialIndicator
    {
        var parts = components.map { indicator(for: $0.status) }
        for incident in incidents where incident.isOpen && incident.status != .scheduled {
            parts.append(incident.impact ?? .minor)
        }
        return worst(parts, fallback: .none)
    }
}
