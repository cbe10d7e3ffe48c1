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
    /// `href` as an absolute http(s) URL, resolved against the page's URL (RFC 3986), or nil
    /// for any other link (`SafeLink.absoluteHTTP`).
    static func resolve(_ href: String, against base: String?) -> String? {
        if href.utf8.count <= SafeLink.maximumLength, isPlainAbsoluteHTTP(href) { return href }
        return SafeLink.absoluteHTTP(href, base: base)
    }
}

extension URLText {
    /// Whether `href` is an absolute http(s) URL that resolution returns unchanged against
    /// any base (or none): no surrounding whitespace, a plain host and port, and a path of
    /// characters URL parsing keeps as they are (no `%`, `@`, `#`, brackets or dot segments).
    static func isPlainAbsoluteHTTP(_ href: String) -> Bool {
        var href = href
        return href.withUTF8 { bytes in
            let count = bytes.count
            var index: Int
            if count > 8, bytes[0] == 0x68, bytes[1] == 0x74, bytes[2] == 0x74, bytes[3] == 0x70 {
                if bytes[4] == 0x73, bytes[5] == 0x3A, bytes[6] == 0x2F, bytes[7] == 0x2F {
                    index = 8
                } else if bytes[4] == 0x3A, bytes[5] == 0x2F, bytes[6] == 0x2F {
                    index = 7
                } else {
                    return false
                }
            } else {
                return false
            }
            func isAlphanumeric(_ byte: UInt8) -> Bool {
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            }
            guard index < count, isAlphanumeric(bytes[index]) else { return false }
            while index < count, isAlphanumeric(bytes[index]) || bytes[index] == 0x2E || bytes[index] == 0x2D {
                index += 1
            }
            if index < count, bytes[index] == 0x3A {
                index += 1
                let start = index
                while index < count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
                guard index > start, index - start <= 5 else { return false }
            }
            guard index < count else { return true }
            guard bytes[index] == 0x2F else { return false }
            while index < count {
                let byte = bytes[index]
                if byte == 0x2F, index + 1 < count, bytes[index + 1] == 0x2E { return false }
                guard isPathByte(byte) else { return false }
                index += 1
            }
            return true
        }
    }

    /// ASCII letters, digits and `-._~/?!$&'()*+,;=:`, as a bit set (two 64-bit words).
    @inline(__always)
    private static func isPathByte(_ byte: UInt8) -> Bool {
        // 0x00-0x3F: ! $ & ' ( ) * + , - . / 0-9 : ; = ?   0x40-0x7F: A-Z _ a-z ~
        let low: UInt64 = 0xAFFF_FFD2_0000_0000
        let high: UInt64 = 0x47FF_FFFE_87FF_FFFE
        guard byte < 0x80 else { return false }
        return byte < 0x40 ? (low >> UInt64(byte)) & 1 == 1 : (high >> UInt64(byte - 0x40)) & 1 == 1
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
        if sameYear > issued.adding(seconds: 86_400) { return DateText.parse("\(text) \(year - 1)") }
        return sameYear
    }
}
