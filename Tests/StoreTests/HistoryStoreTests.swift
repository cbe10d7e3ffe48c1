import Foundation
import Model
import Store
import TestSupport
import XCTest

/// Episodes and official incidents kept in a real SQLite file: recorded from the collector's
/// changes and checks, summarised when they end, pruned with the history, demo rows removable.
final class HistoryStoreTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    private func change(_ minutes: Int64, _ to: ServiceState, slug: String = "zoom") -> StateChange {
        StateChange(slug: slug, at: now.adding(seconds: minutes * 60), from: .ok, to: to, reason: "test")
    }

    func testEpisodesFollowChangesAcrossRunsAndKeepTheirPeakWhenTheyEnd() throws {
        let holder = TestDatabase()
        let database = holder.database
        // 40 login and 10 feed reports in the bucket at -60 min, 5 login 15 minutes later.
        try database.record([
            ReportRecord(slug: "zoom", problem: "login", at: now.adding(seconds: -3_590), count: 40, source: "cli"),
            ReportRecord(slug: "zoom", problem: "feed", at: now.adding(seconds: -3_500), count: 10, source: "cli"),
            ReportRecord(slug: "zoom", problem: "login", at: now.adding(seconds: -2_690), count: 5, source: "cli"),
        ])
        var slots = [Double](repeating: 1.5, count: 672)
        slots[now.adding(seconds: -3_600).secondOfWeek / 900] = 2.25
        try database.saveBaselines([
            "zoom": StoredBaseline(
                computedAt: now, slots: slots, source: "test", historyDays: 56, overdispersion: 0.1)
        ])
        try database.recordEpisodes(for: [change(-62, .possible), change(-55, .outage)])
        var episodes = try database.episodes(since: now.adding(seconds: -86_400))["zoom"] ?? []
        XCTAssertEqual(episodes.count, 1)
        XCTAssertNil(episodes.first?.end, "still open after the first run")
        XCTAssertNil(episodes.first?.peak, "an open episode's peak is counted at build time")

        try database.recordEpisodes(for: [change(-20, .ok), change(-10, .possible)])
        episodes = try database.episodes(since: now.adding(seconds: -86_400))["zoom"] ?? []
        XCTAssertEqual(episodes.count, 2)
        let first = try XCTUnwrap(episodes.first)
        XCTAssertEqual(first.start, now.adding(seconds: -62 * 60))
        XCTAssertEqual(first.end, now.adding(seconds: -20 * 60))
        XCTAssertEqual(first.worstState, .outage)
        XCTAssertEqual(first.peak, OutageEpisode.Peak(at: now.adding(seconds: -3_600), count: 50, expected: 2.25))
        XCTAssertEqual(
            first.topProblems,
            [
                OutageEpisode.ProblemShare(id: "login", share: 0.818),
                OutageEpisode.ProblemShare(id: "feed", share: 0.182),
            ])
        XCTAssertNil(episodes[1].end)

        var open = episodes[1]
        try database.summarize(&open, until: now)
        XCTAssertNil(open.peak, "no reports since it opened")
    }

    func testIncidentsAreUpsertedAndResolvedWhenMarkedOrGone() throws {
        let holder = TestDatabase()
        let database = holder.database
        let source = "https://status.zoom.us/api/v2/summary.json"
        func check(_ minutes: Int64, _ incidents: [OfficialIncident]) -> OfficialCheckRecord {
            OfficialCheckRecord(
                slug: "zoom", sourceURL: source, checkedAt: now.adding(seconds: minutes * 60), outcome: .parsed,
                status: OfficialStatus(indicator: .major, incidents: incidents))
        }
        let calls = OfficialIncident(
            title: "Calls failing", status: .investigating, impact: .minor,
            startedAt: now.adding(seconds: -50 * 60), url: "https://status.zoom.us/incidents/abc")
        let chat = OfficialIncident(title: "Chat slow\u{7}", status: .identified, impact: .major)
        let window = OfficialIncident(title: "Planned work", status: .scheduled, impact: .maintenance)
        try database.recordIncidents(from: [check(-40, [calls, chat, window])])
        var stored = try database.incidents(since: now.adding(seconds: -86_400))["zoom"] ?? []
        XCTAssertEqual(stored.map(\.title), ["Calls failing", "Chat slow"], "maintenance left out, text made inert")
        XCTAssertEqual(stored.first?.firstPost, now.adding(seconds: -50 * 60), "the vendor's own start")
        XCTAssertEqual(stored.last?.firstPost, now.adding(seconds: -40 * 60), "first seen without a start")

        var escalated = calls
        escalated.impact = .major
        escalated.status = .resolved
        escalated.updatedAt = now.adding(seconds: -12 * 60)
        // A failed or unchanged check says nothing about incidents.
        try database.recordIncidents(from: [
            OfficialCheckRecord(slug: "zoom", sourceURL: source, checkedAt: now, outcome: .failed, error: "timeout")
        ])
        try database.recordIncidents(from: [check(-10, [escalated, chat])])
        stored = try database.incidents(since: now.adding(seconds: -86_400))["zoom"] ?? []
        XCTAssertEqual(stored.count, 2)
        XCTAssertEqual(stored.first?.impact, .major)
        XCTAssertEqual(stored.first?.resolved, now.adding(seconds: -12 * 60), "resolved at the vendor's update")
        XCTAssertNil(stored.last?.resolved)

        try database.recordIncidents(from: [check(-5, [escalated])])
        stored = try database.incidents(since: now.adding(seconds: -86_400))["zoom"] ?? []
        XCTAssertEqual(stored.last?.resolved, now.adding(seconds: -5 * 60), "gone from the page: resolved then")
        XCTAssertEqual(stored.first?.resolved, now.adding(seconds: -12 * 60), "a resolution is kept")
    }

    func testHistoryIsPrunedAfterTheRetentionAndDemoRowsAreRemovable() throws {
        let holder = TestDatabase()
        let database = holder.database
        let old = now.adding(seconds: -130 * 86_400)
        try database.recordEpisodes(for: [
            StateChange(slug: "zoom", at: old, from: .ok, to: .outage, reason: ""),
            StateChange(slug: "zoom", at: old.adding(seconds: 600), from: .outage, to: .ok, reason: ""),
            change(-30, .possible),
        ])
        try database.recordIncidents(from: [
            OfficialCheckRecord(
                slug: "zoom", sourceURL: "https://status.zoom.us", checkedAt: old, outcome: .parsed,
                status: OfficialStatus(
                    indicator: .major, incidents: [OfficialIncident(title: "Old", status: .resolved)]))
        ])
        try database.recordDemoHistory(
            episodes: [
                OutageEpisode(slug: "demo", start: now.adding(seconds: -7_200), end: now, worstState: .possible)
            ],
            incidents: [
                IncidentRecord(
                    slug: "demo", sourceURL: "https://status.example", key: "demo|1", title: "Simulated",
                    firstPost: now.adding(seconds: -7_000), resolved: now)
            ])
        let since = now.adding(seconds: -200 * 86_400)
        XCTAssertEqual(try database.episodes(since: since).values.map(\.count).reduce(0, +), 3)
        let removed = try database.prune(now: now, minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(removed["outage_episode"], 1)
        XCTAssertEqual(removed["official_incident"], 1)
        XCTAssertEqual(try database.episodes(since: since)["zoom"]?.count, 1, "the open episode stays")
        try database.removeDemoData()
        XCTAssertNil(try database.episodes(since: since)["demo"])
        XCTAssertNil(try database.incidents(since: since)["demo"])
        XCTAssertEqual(try database.episodes(since: since)["zoom"]?.count, 1)
    }
}
