import Foundation
import Model

/// Parses the date formats status sources use, without locale or time-zone state.
public enum DateText {
    /// ISO 8601 / RFC 3339 (`2021-12-07T11:07:15.773-07:00`), RFC 822 / RFC 1123 / HTTP dates
    /// (`Mon, 10 Jun 2024 11:10:42 +0000`, `Sun, 06 Nov 1994 08:49:37 GMT`), RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`), C `asctime` (`Sun Nov  6 08:49:37 1994`) and Go's
    /// `2021-05-13 12:00:00 +0000 UTC`. Returns nil for anything else.
    public static func parse(_ text: String) -> Timestamp? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        if let iso = Timestamp(iso8601: trimmed) { return iso }
        if let go = parseGoStyle(trimmed) { return go }
        return parseRFC822(trimmed)
    }

    /// `2021-05-13 12:00:00 +0000 UTC` → ISO 8601 with the offset.
    private static func parseGoStyle(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count >= 3, parts[0].count == 10, parts[0].contains("-") else { return nil }
        let offset = parts[2]
        guard offset.count == 5, offset.first == "+" || offset.first == "-" else { return nil }
        return Timestamp(iso8601: "\(parts[0])T\(parts[1])\(offset)")
    }

    /// RFC 822 and friends: an optional weekday, day, month name, year, time, zone; or asctime.
    private static func parseRFC822(_ text: String) -> Timestamp? {
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
                let fields = token.split(separator: ":").compactMap { Int($0) }
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
            } else if let zone = zoneOffset(token) {
                offset = zone
            }
        }
        guard let day, let monthNumber, let year, (1...31).contains(day) else { return nil }
        let (hour, minute, second) = time ?? (0, 0, 0)
        guard hour < 24, minute < 60, second < 61 else { return nil }
        let local = Timestamp(year: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second)
        return local.adding(seconds: Int64(-offset))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

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
            guard digits.count == 4, let value = Int(digits) else { return nil }
            let seconds = (value / 100) * 3600 + (value % 100) * 60
            return first == "+" ? seconds : -seconds
        }
        return zoneAbbreviations[token.uppercased()]
    }

    /// Zone abbreviations seen on status pages and in feeds, in seconds east of UTC.
    static let zoneAbbreviations: [String: Int] = [
        "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "BST": 3600, "WEST": 3600,
        "CET": 3600, "CEST": 7200, "MET": 3600, "MEST": 7200, "EET": 7200, "EEST": 10800,
        "EST": -18000, "EDT": -14400, "CST": -21600, "CDT": -18000,
        "MST": -25200, "MDT": -21600, "PST": -28800, "PDT": -25200,
        "AKST": -32400, "AKDT": -28800, "HST": -36000, "IST": 19800, "JST": 32400,
        "AEST": 36000, "AEDT": 39600,
    ]
}
