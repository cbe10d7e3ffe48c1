import Foundation
import Model

/// One line of a report file, understood.
public struct ReportLine: Sendable, Equatable {
    public var service: String
    public var problem: String
    public var at: Timestamp
    public var count: Int
    /// For access-log lines: the client address, to be hashed before storing.
    public var clientAddress: String?
}

/// Reads report files: NDJSON lines `{"service","problem","at","count"}` and web-server
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
            case .badTime(let text): "bad time '\(text)' (use ISO 8601, e.g. 2026-11-26T22:00:00Z)"
            case .badCount: "'count' must be a whole number from 1 to 100000"
            case .notBeacon: "not a report beacon request (GET /r/<service>/<problem>)"
            case .unrecognised: "neither an NDJSON report nor an access-log line"
            }
        }
    }

    /// Parses one line; `nil` for blank lines.
    public static func parse(_ line: Substring) -> Result<ReportLine, LineError>? {
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
        var count: Int?
    }

    static func parseJSON(_ text: String) -> Result<ReportLine, LineError> {
        guard let line = try? JSONDecoder().decode(JSONLine.self, from: Data(text.utf8)) else { return .failure(.notJSON) }
        guard let service = line.service, !service.isEmpty else { return .failure(.missingField("service")) }
        guard let problem = line.problem, !problem.isEmpty else { return .failure(.missingField("problem")) }
        guard let atText = line.at else { return .failure(.missingField("at")) }
        guard let at = Timestamp(iso8601: atText) else { return .failure(.badTime(atText)) }
        let count = line.count ?? 1
        guard (1...100_000).contains(count) else { return .failure(.badCount) }
        return .success(ReportLine(service: service, problem: problem, at: at, count: count, clientAddress: nil))
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

    /// `26/Nov/2026:22:00:00 +0000`.
    static func parseLogTime(_ text: Substring) -> Timestamp? {
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == ":" || $0 == " " })
        guard parts.count == 7, let day = Int(parts[0]), let month = months.firstIndex(of: String(parts[1])),
            let year = Int(parts[2]), let hour = Int(parts[3]), let minute = Int(parts[4]), let second = Int(parts[5])
        else { return nil }
        let zone = parts[6]
        guard zone.count == 5, let sign = zone.first, sign == "+" || sign == "-",
            let hh = Int(zone.dropFirst().prefix(2)), let mm = Int(zone.suffix(2))
        else { return nil }
        let offset = Int64((hh * 3600 + mm * 60) * (sign == "+" ? 1 : -1))
        let local = Timestamp(year: year, month: month + 1, day: day, hour: hour, minute: minute, second: second)
        return local.adding(seconds: -offset)
    }
}
