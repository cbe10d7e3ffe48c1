import Foundation
import Model

/// One line of a report file, understood.
public struct ReportLine: Sendable, Equatable {
    /// The service's slug, as written (checked against the content by `ReportValidator`).
    public var service: String
    /// The problem's id, as written.
    public var problem: String
    /// When, between 1970 and the end of year 9999.
    public var at: Timestamp
    /// How many reports the line stands for (1…100000).
    public var count: Int
    /// For access-log lines: the client address, to be hashed before storing.
    public var clientAddress: String?
    /// The reporter's country (ISO 3166-1 alpha-2, upper case) when the line names a known one.
    public var country: String? = nil
}

/// Reads report files: NDJSON lines `{"service","problem","at","count","country"}` and web-server
/// access-log lines (combined log format) of the report beacon `GET /r/<slug>/<problem>`.
public enum ReportLineParser {
    /// Why a line was not taken.
    public enum LineError: Error, Equatable, CustomStringConvertible {
        case notJSON
        case missingField(String)
        case badTime(String)
        case badCount
        case notBeacon
        case unrecognised

        public var description: String {
            switch self {
            case .notJSON: "not valid JSON"
            case .missingField(let field): "missing or empty field '\(field)'"
            case .badTime(let text): "bad time\(Self.quotedIfPlain(text)) (use ISO 8601, e.g. 2026-11-26T22:00:00Z)"
            case .badCount: "'count' must be a whole number from 1 to 100000"
            case .notBeacon: "not a report beacon request (GET /r/<service>/<problem>)"
            case .unrecognised: "neither an NDJSON report nor an access-log line"
            }
        }

        /// ` 'text'` when `text` is short printable ASCII, else nothing: a stranger's bytes
        /// never reach a terminal or log through our messages.
        static func quotedIfPlain(_ text: String) -> String {
            guard text.utf8.count <= 48, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x27 }) else {
                return ""
            }
            return " '\(text)'"
        }
    }

    /// Parses one line of raw bytes (decoded as UTF-8, bad sequences replaced); `nil` for blank lines.
    /// Never traps, whatever the bytes.
    public static func parse(bytes: [UInt8]) -> Result<ReportLine, LineError>? {
        parse(line: Substring(String(decoding: bytes, as: UTF8.self)))
    }

    /// Parses one line (without its line break): an NDJSON report or an access-log line of the
    /// report beacon. - Returns: `nil` for a blank line, else the report or why it was not taken.
    public static func parse(line: Substring) -> Result<ReportLine, LineError>? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        if trimmed.hasPrefix("{") { return parseJSON(trimmed) }
        if trimmed.contains("\"") && trimmed.contains("[") { return parseAccessLog(trimmed) }
        return .failure(.unrecognised)
    }

    private struct JSONLine: Decodable {
        var service: String?
        var problem: String?
        var at: String?
        var count: CountField?
        var country: LooseText?
    }

    /// Text when the field holds a string, nil for any other value: a line with a strange
    /// country still counts, from an unknown country.
    private struct LooseText: Decodable {
        var text: String?

        init(from decoder: Decoder) throws {
            text = try? decoder.singleValueContainer().decode(String.self)
        }
    }

    /// A count as written: a whole number that fits, or anything else (too big, fractional, text).
    private enum CountField: Decodable {
        case whole(Int)
        case invalid

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            self = (try? container.decode(Int.self)).map(CountField.whole) ?? .invalid
        }
    }

    /// Times a report may carry: from 1970 to the end of year 9999.
    static let plausibleTimes =
        Timestamp(seconds: 0)...Timestamp(year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59)

    static func parseJSON(_ text: String) -> Result<ReportLine, LineError> {
        guard let line = try? JSONDecoder().decode(JSONLine.self, from: Data(text.utf8)) else {
            return .failure(.notJSON)
        }
        guard let service = line.service, !service.isEmpty else { return .failure(.missingField("service")) }
        guard let problem = line.problem, !problem.isEmpty else { return .failure(.missingField("problem")) }
        guard let atText = line.at else { return .failure(.missingField("at")) }
        guard let at = Timestamp(iso8601: atText), plausibleTimes.contains(at) else {
            return .failure(.badTime(atText))
        }
        let count: Int
        switch line.count {
        case nil: count = 1
        case .whole(let value)?: count = value
        case .invalid?: return .failure(.badCount)
        }
        guard (1...100_000).contains(count) else { return .failure(.badCount) }
        // A country that is not a two-letter code of a country is unknown, not an error.
        return .success(
            ReportLine(
                service: service, problem: problem, at: at, count: count, clientAddress: nil,
                country: CountryCode.normalized(line.country?.text)))
    }

    /// `1.2.3.4 - - [26/Nov/2026:22:00:00 +0000] "GET /r/wechat/login HTTP/1.1" 204 0 "-" "UA"`
    static func parseAccessLog(_ text: String) -> Result<ReportLine, LineError> {
        guard let space = text.firstIndex(of: " "), let open = text.firstIndex(of: "["),
            let close = text[open...].firstIndex(of: "]")
        else { return .failure(.unrecognised) }
        let address = String(text[..<space])
        guard let at = parseLogTime(text[text.index(after: open)..<close]) else {
            return .failure(.badTime(String(text[text.index(after: open)..<close])))
        }
        guard let quote = text[close...].firstIndex(of: "\"") else { return .failure(.unrecognised) }
        let afterQuote = text.index(after: quote)
        guard let endQuote = text[afterQuote...].firstIndex(of: "\"") else { return .failure(.unrecognised) }
        let request = text[afterQuote..<endQuote].split(separator: " ")
        guard request.count >= 2, request[0] == "GET" || request[0] == "HEAD" || request[0] == "POST" else {
            return .failure(.notBeacon)
        }
        // Only requests the server answered successfully count.
        let rest = text[text.index(after: endQuote)...].split(separator: " ")
        if let status = rest.first.flatMap({ Int($0) }), !(200..<400).contains(status) { return .failure(.notBeacon) }
        var path = request[1]
        if let query = path.firstIndex(of: "?") { path = path[..<query] }
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count >= 3, parts[parts.count - 3] == "r" else { return .failure(.notBeacon) }
        let service = String(parts[parts.count - 2]).removingPercentEncoding ?? String(parts[parts.count - 2])
        let problem = String(parts[parts.count - 1]).removingPercentEncoding ?? String(parts[parts.count - 1])
        return .success(ReportLine(service: service, problem: problem, at: at, count: 1, clientAddress: address))
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `26/Nov/2026:22:00:00 +0000`. Fields are read as a few digits each (so no value can
    /// overflow), a day must exist in its month, and the rest is range-checked by
    /// `Timestamp(checkedYear:…)`; the time must then fall within `plausibleTimes`, like an
    /// NDJSON line's. Anything else is nil.
    static func parseLogTime(_ text: Substring) -> Timestamp? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == " " })
        guard parts.count == 7, let month = months.firstIndex(of: String(parts[1])),
            let day = digits(parts[0], count: 1...2), let year = digits(parts[2], count: 4...4),
            let hour = digits(parts[3], count: 2...2), let minute = digits(parts[4], count: 2...2),
            let second = digits(parts[5], count: 2...2), day <= daysIn(month: month + 1, year: year)
        else { return nil }
        let zone = parts[6]
        guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            let hh = digits(zone.dropFirst().prefix(2), count: 2...2), let mm = digits(zone.suffix(2), count: 2...2),
            mm < 60
        else { return nil }
        let offset = (hh * 3600 + mm * 60) * (sign == "+" ? 1 : -1)
        guard
            let at = Timestamp(
                checkedYear: year, month: month + 1, day: day, hour: hour, minute: minute, second: second,
                offsetSeconds: offset),
            plausibleTimes.contains(at)
        else { return nil }
        return at
    }

    /// The value of `text` when it is only ASCII digits, as many as `count` allows (few enough
    /// that the value cannot overflow).
    static func digits(_ text: Substring, count: ClosedRange<Int>) -> Int? {
        guard count.upperBound <= 9, count.contains(text.utf8.count) else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
