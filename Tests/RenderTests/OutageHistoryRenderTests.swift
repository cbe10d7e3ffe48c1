import Model
import Render
import XCTest

/// The outage history as pages show it: the 90-day strip, the merged timeline and the lag
/// sentences, with who knew first in words.
final class OutageHistoryRenderTests: XCTestCase {
    private let asOf = Timestamp(iso8601: "2026-11-26T22:00:00Z")!
    private let source = "https://status.zoom.us"

    private func at(_ text: String) -> Timestamp { Timestamp(iso8601: text)! }

    func testStripMarksEachDayByItsWorstStateAndAnEndAtMidnightStaysInItsDay() {
        let episodes = [
            // Across midnight: both days; the outage wins over a possible the same day.
            OutageEpisode(
                slug: "zoom", start: at("2026-11-20T23:30:00Z"), end: at("2026-11-21T00:30:00Z"), worstState: .outage),
            OutageEpisode(
                slug: "zoom", start: at("2026-11-21T10:00:00Z"), end: at("2026-11-22T00:00:00Z"), worstState: .possible),
            // Still open: through today.
            OutageEpisode(slug: "zoom", start: at("2026-11-25T20:00:00Z"), worstState: .possible),
        ]
        let incidents = [
            IncidentRecord(slug: "zoom", sourceURL: source, key: "a", title: "A", firstPost: at("2026-11-08T05:36:00Z"))
        ]
        let days = OutageStrip.days(episodes: episodes, incidents: incidents, asOf: asOf)
        XCTAssertEqual(days.count, 90)
        XCTAssertEqual(days.last?.date, "2026-11-26")
        XCTAssertEqual(days.first?.date, "2026-08-29")
        let byDate = Dictionary(uniqueKeysWithValues: days.map { ($0.date, $0) })
        XCTAssertEqual(byDate["2026-11-20"]?.worst, .outage)
        XCTAssertEqual(byDate["2026-11-21"]?.worst, .outage)
        XCTAssertEqual(byDate["2026-11-22"]?.worst, .ok, "an episode ending at midnight does not touch the next day")
        XCTAssertEqual(byDate["2026-11-25"]?.worst, .possible)
        XCTAssertEqual(byDate["2026-11-26"]?.worst, .possible, "an open episode lasts until now")
        XCTAssertEqual(byDate["2026-11-08"]?.incidents, 1)
        XCTAssertEqual(days.filter { $0.worst > .ok }.count, 4)

        let svg = OutageStrip.svg(days, title: "Zoom, last 90 days")
        XCTAssertTrue(svg.contains("<title>2026-11-21: Problems detected</title>"), svg)
        XCTAssertTrue(svg.contains("<title>2026-11-08: No problems recorded, 1 official incident</title>"))
        XCTAssertEqual(svg.components(separatedBy: "class=\"hatch\"").count - 1, 2, "outage days are hatched")
        XCTAssertFalse(svg.contains("style="), "no inline styles under the CSP")
        let table = OutageStrip.table(days)
        XCTAssertTrue(
            table.contains(
                "<tr><td>2026-11-26</td><td>Possible problems</td><td>0</td></tr>"
                    + "<tr><td>2026-11-25</td><td>Possible problems</td><td>0</td></tr>"), table)
        XCTAssertTrue(table.contains("85 of 90 days had no problems recorded and no official incident."), table)
    }

    func testTimelinePairsIncidentsWithTheirEpisodeAndKeepsTheRestApart() throws {
        var ended = OutageEpisode(
            slug: "zoom", start: at("2026-11-19T09:34:00Z"), end: at("2026-11-19T10:03:00Z"), worstState: .outage)
        ended.peak = OutageEpisode.Peak(at: at("2026-11-19T09:45:00Z"), count: 71, expected: 2)
        ended.topProblems = [OutageEpisode.ProblemShare(id: "login", share: 0.52)]
        let quiet = OutageEpisode(
            slug: "zoom", start: at("2026-11-24T03:00:00Z"), end: at("2026-11-24T03:20:00Z"), worstState: .possible)
        let incidents = [
            IncidentRecord(
                slug: "zoom", sourceURL: source, key: "lone", title: "Service <disruption>", impact: .major,
                firstPost: at("2026-11-08T05:36:00Z"), resolved: at("2026-11-08T07:35:00Z")),
            IncidentRecord(
                slug: "zoom", sourceURL: source, key: "paired", title: "Login failures", impact: .minor,
                firstPost: at("2026-11-19T09:48:00Z"), resolved: at("2026-11-19T09:57:00Z"),
                url: "https://status.zoom.us/incidents/1"),
        ]
        let lag = OutageLag(incident: 1, episode: 0, detectedBeforeMinutes: 14, backToNormalBeforeResolutionMinutes: -6)
        let summary = OutageLagSummary(
            lags: [lag], medianDetectedBeforeMinutes: 14, medianBackToNormalBeforeResolutionMinutes: -6,
            incidentsWithoutEpisode: 1, episodesWithoutIncident: 1)
        let timeline = OutageTimeline(episodes: [ended, quiet], incidents: incidents, summary: summary)
        XCTAssertEqual(timeline.entries.map(\.start), [quiet.start, ended.start, incidents[0].firstPost])
        XCTAssertEqual(timeline.entries[1].incidents, [.init(record: incidents[1], lag: lag)])
        XCTAssertNil(timeline.entries[2].episode)

        let html = OutageHistoryHTML.list(
            timeline.entries, service: "Zoom", problems: ["login": "Login & sign-in"], empty: "None")
        XCTAssertTrue(html.hasPrefix("<ol class=\"outages\"><li class=\"outage day-possible\">"), html)
        XCTAssertTrue(html.contains("Never acknowledged on Zoom's status page."), html)
        XCTAssertTrue(
            html.contains(
                "<strong>Problems detected</strong> · <time datetime=\"2026-11-19T09:34:00Z\">2026-11-19 09:34 UTC</time>"
                    + " · lasted 29 minutes · peak 71 reports in 15 minutes (2.0 expected)"), html)
        XCTAssertTrue(html.contains("Most reported: Login &amp; sign-in 52%"))
        XCTAssertTrue(
            html.contains("<a href=\"https://status.zoom.us/incidents/1\" rel=\"nofollow\">Login failures</a>"))
        XCTAssertTrue(
            html.contains(
                "<p class=\"lag\">People reported problems 14 minutes before Zoom&#39;s status page. "
                    + "Zoom marked it resolved 6 minutes before reports were back to normal.</p>"), html)
        XCTAssertTrue(html.contains("Service &lt;disruption&gt; (impact major)"), "vendor text is escaped")
        XCTAssertTrue(html.contains("Not noticed by people: no rise in reports."))
        XCTAssertEqual(
            OutageHistoryHTML.list([], service: "Zoom", problems: [:], empty: "No outages."),
            "<p class=\"muted\">No outages.</p>")
    }

    func testLagSentencesSayWhoWasFirst() {
        func lag(_ detected: Int, _ recovered: Int?) -> OutageLag {
            OutageLag(
                incident: 0, episode: 0, detectedBeforeMinutes: detected, backToNormalBeforeResolutionMinutes: recovered
            )
        }
        XCTAssertEqual(
            OutageHistoryText.detected(lag(14, nil), service: "Zoom"),
            "People reported problems 14 minutes before Zoom's status page.")
        XCTAssertEqual(
            OutageHistoryText.detected(lag(-75, nil), service: "Zoom"),
            "Zoom's status page reported the problem 1 hour 15 minutes before people did.")
        XCTAssertEqual(
            OutageHistoryText.detected(lag(0, nil), service: "Zoom"),
            "People reported problems within the same minute as Zoom's status page.")
        XCTAssertNil(OutageHistoryText.recovered(lag(3, nil), service: "Zoom"), "nothing to say while open")
        XCTAssertEqual(
            OutageHistoryText.recovered(lag(3, 1), service: "Zoom"),
            "Reports were back to normal 1 minute before Zoom marked it resolved.")
        XCTAssertEqual(
            OutageHistoryText.median(9.5, compared: 4, before: "Zoom's status page"),
            "People reported problems a median of 9.5 minutes before Zoom's status page (4 incidents compared).")
        XCTAssertEqual(
            OutageHistoryText.median(-2, compared: 1, before: "Zoom's status page"),
            "Zoom's status page reported problems a median of 2 minutes before people did (1 incident compared).")
        XCTAssertNil(OutageHistoryText.median(nil, compared: 0, before: "Zoom's status page"))
        XCTAssertEqual(OutageHistoryText.duration(minutes: 60), "1 hour")
        XCTAssertEqual(OutageHistoryText.duration(minutes: 24 * 60 * 2 + 125), "2 days 2 hours")
        XCTAssertEqual(OutageHistoryText.duration(minutes: Int.min), "6405119470038038 days 18 hours")
    }
}
