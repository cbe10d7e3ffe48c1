import Foundation
import Model
import Render
import XCTest

/// The history as open data: JSON with explicit nulls, CSV that a strict reader takes back.
final class HistoryFilesTests: XCTestCase {
    private let start = Timestamp(iso8601: "2026-11-20T10:00:00Z")!

    private var document: HistoryDocument {
        var ended = OutageEpisode(
            slug: "zoom", start: start, end: start.adding(seconds: 47 * 60), worstState: .outage)
        ended.peak = OutageEpisode.Peak(at: start.adding(seconds: 900), count: 71, expected: 2)
        ended.topProblems = [OutageEpisode.ProblemShare(id: "login", share: 0.52)]
        let open = OutageEpisode(slug: "zoom", start: start.adding(seconds: 86_400), worstState: .possible)
        let incidents = [
            IncidentRecord(
                slug: "zoom", sourceURL: "https://status.zoom.us", key: "a",
                title: "=HYPERLINK(\"x\"), \"calls\"\nfail",
                impact: .major, firstPost: start.adding(seconds: 14 * 60), resolved: start.adding(seconds: 53 * 60),
                url: "javascript:alert(1)"),
            IncidentRecord(
                slug: "zoom", sourceURL: "https://status.zoom.us", key: "b", title: "Quiet", firstPost: start),
        ]
        let lags = [
            OutageLag(incident: 0, episode: 0, detectedBeforeMinutes: 14, backToNormalBeforeResolutionMinutes: 6)
        ]
        let summary = OutageLagSummary(
            lags: lags, medianDetectedBeforeMinutes: 14, medianBackToNormalBeforeResolutionMinutes: 6,
            incidentsWithoutEpisode: 1, episodesWithoutIncident: 1)
        return HistoryDocument(
            slug: "zoom", name: "Zoom", url: "https://example.org/services/zoom/", license: nil,
            from: "2026-07-30T00:00:00Z", days: 120, updatedAt: start.iso8601,
            episodes: [ended, open].map(HistoryDocument.Episode.init),
            incidents: incidents.map(HistoryDocument.Incident.init), lags: lags,
            summary: HistoryDocument.Summary(summary))
    }

    func testJSONSaysNullRatherThanLeavingKeysOut() throws {
        let json = try XCTUnwrap(
            try JSONSerialization.jsonObject(with: JSONOutput.encode(document)) as? [String: Any])
        XCTAssertTrue(json["license"] is NSNull)
        let episodes = try XCTUnwrap(json["episodes"] as? [[String: Any]])
        XCTAssertEqual(episodes[0]["duration_minutes"] as? Int, 47)
        XCTAssertEqual((episodes[0]["peak"] as? [String: Any])?["at"] as? String, "2026-11-20T10:15:00Z")
        XCTAssertTrue(episodes[1]["end"] is NSNull)
        XCTAssertTrue(episodes[1]["peak"] is NSNull)
        let incidents = try XCTUnwrap(json["incidents"] as? [[String: Any]])
        XCTAssertTrue(incidents[0]["url"] is NSNull, "only http(s) links are published")
        XCTAssertTrue(incidents[1]["resolved"] is NSNull)
        let lag = try XCTUnwrap((json["lags"] as? [[String: Any]])?.first)
        XCTAssertEqual(lag["detected_before_minutes"] as? Int, 14)
        XCTAssertEqual(lag["back_to_normal_before_resolution_minutes"] as? Int, 6)
    }

    func testCSVParsesBackRowForRow() throws {
        let rows = Self.parse(HistoryCSV.text(document))
        XCTAssertEqual(rows.first, HistoryCSV.columns)
        XCTAssertEqual(rows.count, 5, "header, two episodes, two incidents")
        XCTAssertTrue(rows.allSatisfy { $0.count == HistoryCSV.columns.count })
        let column = Dictionary(uniqueKeysWithValues: HistoryCSV.columns.enumerated().map { ($1, $0) })
        func cell(_ row: Int, _ name: String) -> String { rows[row][column[name]!] }
        XCTAssertEqual(cell(1, "record"), "episode")
        XCTAssertEqual(cell(1, "peak_count"), "71")
        XCTAssertEqual(cell(1, "top_problems"), "login:0.52")
        XCTAssertEqual(cell(2, "end"), "")
        XCTAssertEqual(cell(3, "title"), "'=HYPERLINK(\"x\"), \"calls\" fail", "a formula is defused, text kept")
        XCTAssertEqual(cell(3, "detected_before_minutes"), "14")
        XCTAssertEqual(cell(3, "back_to_normal_before_resolution_minutes"), "6")
        XCTAssertEqual(cell(4, "episode"), "", "no episode for the quiet incident")
    }

    /// A strict RFC 4180 reader: quoted cells, doubled quotes, CRLF line ends only.
    static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var characters = Array(text)[...]
        while let character = characters.popFirst() {
            if quoted {
                if character == "\"" {
                    if characters.first == "\"" {
                        cell.append("\"")
                        characters.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                row.append(cell)
                cell = ""
            } else if character == "\r\n" {
                row.append(cell)
                rows.append(row)
                row = []
                cell = ""
            } else {
                cell.append(character)
            }
        }
        return rows
    }
}
