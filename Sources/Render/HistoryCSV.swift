import Foundation
import Model

/// A service's history as CSV (`api/v1/services/<slug>/history.csv`, RFC 4180 with a header
/// row): one row per crowd episode, then one per official incident, each with the lag
/// columns filled in on incidents paired with an episode. A text cell that a spreadsheet
/// would run as a formula (starting with `=`, `+`, `-` or `@`) gets a leading `'`.
public enum HistoryCSV {
    /// The header row's columns, in order.
    public static let columns = [
        "record", "index", "state", "impact", "start", "end", "duration_minutes", "peak_at", "peak_count",
        "peak_expected", "top_problems", "title", "url", "episode", "detected_before_minutes",
        "back_to_normal_before_resolution_minutes",
    ]

    /// The CSV text of `document`, lines ending in CRLF.
    public static func text(_ document: HistoryDocument) -> String {
        var lines = [columns.joined(separator: ",")]
        for (index, episode) in document.episodes.enumerated() {
            let problems = episode.topProblems.map { "\($0.id):\($0.share)" }.joined(separator: " ")
            lines.append(
                row([
                    "episode", "\(index)", episode.state, "", episode.start, episode.end ?? "",
                    episode.durationMinutes.map(String.init) ?? "", episode.peak?.at.iso8601 ?? "",
                    episode.peak.map { "\($0.count)" } ?? "", episode.peak.map { "\($0.expected)" } ?? "",
                    problems, "", "", "", "", "",
                ]))
        }
        let lags = Dictionary(document.lags.map { ($0.incident, $0) }, uniquingKeysWith: { first, _ in first })
        for (index, incident) in document.incidents.enumerated() {
            let lag = lags[index]
            lines.append(
                row([
                    "incident", "\(index)", "", incident.impact ?? "", incident.firstPost, incident.resolved ?? "",
                    "", "", "", "", "", incident.title, incident.url ?? "", lag.map { "\($0.episode)" } ?? "",
                    lag.map { "\($0.detectedBeforeMinutes)" } ?? "",
                    lag?.backToNormalBeforeResolutionMinutes.map(String.init) ?? "",
                ]))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    private static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",")
    }

    /// One cell: formula starters defused, quoted when it holds a comma, quote or line break.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
