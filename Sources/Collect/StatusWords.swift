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
        if let exact = asciiExactComponentStatus(text) { return exact }
        return componentStatusWithStrings(text)
    }

    /// `componentStatus` through String operations only (the reference for the fast path).
    static func componentStatusWithStrings(_ text: String) -> ComponentStatus? {
        let lower = text.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if let exact = ComponentStatus(rawValue: lower) { return exact }
        let normalised = lower.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
        if let exact = ComponentStatus(rawValue: normalised) { return exact }
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

    /// The first step of `componentStatus` (the lowercased, trimmed text is a raw value) for
    /// ASCII text, where lowercasing and trimming are byte operations; nil otherwise.
    private static func asciiExactComponentStatus(_ text: String) -> ComponentStatus? {
        var text = text
        return text.withUTF8 { bytes -> ComponentStatus? in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var start = 0
            var end = bytes.count
            while start < end && isSpace(bytes[start]) { start += 1 }
            while end > start && isSpace(bytes[end - 1]) { end -= 1 }
            guard end - start <= 20 else { return nil }
            var word: [UInt8] = []
            word.reserveCapacity(end - start)
            for byte in bytes[start..<end] {
                guard byte < 0x80 else { return nil }
                word.append((byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte)
            }
            return ComponentStatus(rawValue: String(decoding: word, as: UTF8.self))
        }
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
