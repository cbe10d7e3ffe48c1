import Foundation
import Model

@testable import Collect

/// The date parser as first written, with String and Foundation operations: slow, and
/// plainly what the formats say. `DateText` (bytes) is checked against it.
enum ReferenceDateText {
    /// `DateText.parse`, written with String operations.
    static func parse(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let iso = Timestamp(iso8601: trimmed) { return iso }
        if let go = parseGoStyle(trimmed) { return go }
        return parseRFC822(trimmed)
    }

    /// `2021-05-13 12:00:00 +0000 UTC` → ISO 8601 with the offset.
    static func parseGoStyle(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count >= 3, parts[0].count == 10, parts[0].contains("-") else { return nil }
        let offset = parts[2]
        guard offset.count == 5, offset.first == "+" || offset.first == "-" else { return nil }
        return Timestamp(iso8601: "\(parts[0])T\(parts[1])\(offset)")
    }

    /// RFC 822 and friends: an optional weekday, day, month name, year, time, zone; or asctime.
    static func parseRFC822(_ text: String) -> Timestamp? {
        var tokens = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        guard !tokens.isEmpty else { return nil }
        if tokens[0].first?.isLetter == true, month(tokens[0]) == nil { tokens.removeFirst() }
        // RFC 850: "06-Nov-94".
        if tokens.count >= 1, tokens[0].split(separator: "-").count == 3 {
            let pieces = tokens[0].split(separator: "-").map(String.init)
            tokens.replaceSubrange(0..<1, with: pieces)
        }
        var day: Int?
        var monthNumber: Int?
        var year: Int?
        var time: (Int, Int, Int)?
        var offset = 0
        for token in tokens {
            if time == nil, token.contains(":") {
                let pieces = token.split(separator: ":")
                // A field of digits too long for `Int` is an absurd time, not a missing field.
                if pieces.contains(where: { Int($0) == nil && isSignedDigits($0) }) { return nil }
                let fields = pieces.compactMap { Int($0) }
                guard fields.count >= 2 else { return nil }
                time = (fields[0], fields[1], fields.count > 2 ? fields[2] : 0)
            } else if monthNumber == nil, let number = month(token) {
                monthNumber = number
            } else if let number = Int(token), !token.hasPrefix("+"), !token.hasPrefix("-") {
                if day == nil, token.count <= 2 {
                    day = number
                } else if year == nil {
                    year = token.count == 2 ? (number < 50 ? 2000 + number : 1900 + number) : number
                }
            } else if token.count > 1, token.hasPrefix("+") || token.hasPrefix("-") {
                // A signed token is a numeric zone; one that is not a valid zone spoils the date.
                guard let zone = zoneOffset(token) else { return nil }
                offset = zone
            } else if let zone = zoneOffset(token) {
                offset = zone
            }
        }
        guard let day, let monthNumber, let year else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        return Timestamp(
            checkedYear: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second,
            offsetSeconds: offset)
    }

    /// An optional sign, then one or more ASCII digits (what `Int` reads, when it fits).
    static func isSignedDigits(_ text: Substring) -> Bool {
        var digits = text.utf8[...]
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            digits = digits.dropFirst()
        }
        return !digits.isEmpty && digits.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// 1…12 for an English month name or abbreviation.
    static func month(_ token: String) -> Int? {
        let lower = token.lowercased()
        guard lower.count >= 3 else { return nil }
        guard let index = months.firstIndex(of: String(lower.prefix(3))) else { return nil }
        return index + 1
    }

    /// Seconds east of UTC for `+0200`, `-07:00`, `GMT`, `UTC`, `Z` or a North American /
    /// European zone abbreviation.
    static func zoneOffset(_ token: String) -> Int? {
        if let first = token.first, first == "+" || first == "-" {
            let digits = token.dropFirst().filter(\.isNumber)
            guard digits.count == 4, let value = Int(digits), value / 100 < 24, value % 100 < 60 else { return nil }
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return first == "+" ? seconds : -seconds
        }
        return DateText.zoneAbbreviations[token.uppercased()]
    }

}

/// Status words as first written, with String and Foundation operations; `StatusWords` and
/// `FeedStatus` are checked against them (and `StatusWords.incidentStatus` against
/// `IncidentStatus.parse`).
enum ReferenceStatusWords {
    static func componentStatus(_ text: String) -> ComponentStatus? {
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

    static func titleStatus(_ title: String) -> (status: IncidentStatus, raw: String)? {
        let lower = title.lowercased()
        let words: [(String, IncidentStatus)] = [
            ("resolved", .resolved), ("completed", .completed), ("postmortem", .resolved),
            ("investigating", .investigating), ("identified", .identified), ("monitoring", .monitoring),
            ("in progress", .inProgress), ("verifying", .verifying), ("scheduled", .scheduled),
        ]
        for (word, status) in words {
            if lower.contains("[\(word)]") || lower.hasPrefix("\(word):") || lower.hasPrefix("\(word) -")
                || lower.hasPrefix("\(word) \u{2013}")
            {
                return (status, word)
            }
        }
        return nil
    }
}
