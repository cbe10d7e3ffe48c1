import Foundation
import Model

/// Substring search on raw bytes, for cheap format sniffing before any parse.
enum ByteSearch {
    /// Whether `needle` (ASCII) occurs in the first `limit` bytes of `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: String, limit: Int = .max) -> Bool {
        let pattern = Array(needle.utf8)
        guard let first = pattern.first else { return true }
        let end = min(haystack.count, limit) - pattern.count
        guard end >= 0 else { return false }
        return haystack.withUnsafeBufferPointer { buffer in
            var index = 0
            while index <= end {
                if buffer[index] == first {
                    var matched = true
                    for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] {
                        matched = false
                        break
                    }
                    if matched { return true }
                }
                index += 1
            }
            return false
        }
    }

    /// Whether `needle` occurs, ignoring ASCII case, in the first `limit` bytes.
    static func containsIgnoringCase(_ haystack: [UInt8], _ needle: String, limit: Int) -> Bool {
        let lowered = haystack.prefix(limit).map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        return contains(lowered, needle.lowercased())
    }
}

/// Link handling.
enum URLText {
    /// `href` made absolute against the page's URL (unchanged when it cannot be).
    static func resolve(_ href: String, against base: String?) -> String {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let base, let baseURL = URL(string: base),
            let resolved = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL
        else { return trimmed }
        return resolved.absoluteString
    }
}

/// Dates on Statuspage HTML ("Jan 12, 16:04 UTC"), which omit the year.
enum StatuspageDates {
    /// The date, with the year taken from the page's `issued` time: the latest year that does
    /// not put the date after the page was rendered. Nil without `issued` or for an unknown zone.
    static func parse(_ text: String, issued: Timestamp?) -> Timestamp? {
        let tokens = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
        guard let last = tokens.last,
            DateText.zoneOffset(String(last)) != nil
                || tokens.contains(where: {
                    $0.count == 4 && Int($0) != nil
                })
        else { return nil }
        if tokens.contains(where: { $0.count == 4 && Int($0) != nil }) { return DateText.parse(text) }
        guard let issued else { return nil }
        let year = issued.civil.0
        guard let sameYear = DateText.parse("\(text) \(year)") else { return nil }
        if sameYear.seconds > issued.seconds + 86_400 { return DateText.parse("\(text) \(year - 1)") }
        return sameYear
    }
}
