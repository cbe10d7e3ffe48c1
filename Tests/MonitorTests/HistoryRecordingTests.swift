import Collect
import Model
import Monitor
import Store
import TestSupport
import XCTest

/// A collect run keeps the history: the official incidents its checks read, and the crowd
/// episodes its state changes open and close. Real SQLite file, fixed time, no network.
final class HistoryRecordingTests: XCTestCase {
    let now = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z

    func testACollectRunKeepsIncidentsAndEpisodes() async throws {
        let store = TestDatabase()
        let source = StatusSource(kind: .statuspage, url: "https://status.chatapp.example/api/v2/summary.json")
        let services = [Service(slug: "chatapp", name: "ChatApp", category: "chat", statusSources: [source])]
        let incident = OfficialIncident(
            title: "Messages delayed", status: .investigating, impact: .major,
            startedAt: now.adding(seconds: -600), url: "https://status.chatapp.example/incidents/1")
        var configuration = SiteConfiguration()
        configuration.collect.intervalMinutes = 1
        let monitor = ServiceMonitor(configuration: configuration, database: store.database)
        let open = CannedSources(outcomes: [
            source.url: .parsed(OfficialStatus(indicator: .major, incidents: [incident]))
        ])
        _ = try await monitor.collect(services: services, now: now, fetcher: open)

        let since = now.adding(seconds: -86_400)
        let incidents = try store.database.incidents(since: since)["chatapp"] ?? []
        XCTAssertEqual(incidents.map(\.title), ["Messages delayed"])
        XCTAssertEqual(incidents.first?.firstPost, now.adding(seconds: -600))
        XCTAssertNil(incidents.first?.resolved)
        let episodes = try store.database.episodes(since: since)["chatapp"] ?? []
        XCTAssertEqual(episodes.count, 1, "the official major outage makes chatapp troubled: an episode opens")
        XCTAssertNil(episodes.first?.end)

        // The page no longer lists the incident: it is resolved at that check.
        let later = now.adding(seconds: 1_800)
        let calm = CannedSources(outcomes: [source.url: .parsed(OfficialStatus(indicator: .none))])
        _ = try await monitor.collect(services: services, now: later, fetcher: calm)
        XCTAssertEqual(try store.database.incidents(since: since)["chatapp"]?.first?.resolved, later)
    }
}
