import Model
import Monitor
import Store
import TestSupport
import XCTest

/// A replay passes quickly over minutes where nothing happens (no reports, no streak, the same
/// official word): the states, changes and remembered detector state must be exactly those of
/// deciding every minute on its own.
final class QuietReplayTests: XCTestCase {
    /// 2026-11-26T20:00:00Z, the start of the stored period.
    let start = Timestamp(seconds: 1_795_723_200)
    static let statusURL = "https://status.watched.example/api/v2/summary.json"
    let services = [
        Service(slug: "silent", name: "Silent", category: "chat"),
        Service(
            slug: "watched", name: "Watched", category: "chat",
            statusSources: [StatusSource(kind: .statuspage, url: statusURL)]),
        Service(slug: "late", name: "Late", category: "chat"),
    ]
    /// Minutes in the stored period.
    let minutes = 180

    func at(_ minute: Int) -> Timestamp { start.adding(seconds: Int64(minute) * 60) }

    /// Watched's page: minor from minute 20, failing from minute 50 (its answer goes stale),
    /// back and operational at minute 120, then maintenance at minute 150.
    func checks() -> [[OfficialCheckRecord]] {
        let parsed: [(Int, OfficialIndicator, String)] = [
            (20, .minor, "a"), (120, .none, "b"), (150, .maintenance, "c"),
        ]
        var batches = parsed.map { minute, indicator, hash in
            (
                minute,
                OfficialCheckRecord(
                    slug: "watched", sourceURL: Self.statusURL, checkedAt: at(minute), outcome: .parsed,
                    status: OfficialStatus(indicator: indicator, description: "\(indicator)"), bodyHash: hash)
            )
        }
        batches.append(
            (
                50,
                OfficialCheckRecord(
                    slug: "watched", sourceURL: Self.statusURL, checkedAt: at(50), outcome: .failed,
                    error: "HTTP 503")
            ))
        return batches.sorted { $0.0 < $1.0 }.map { [$0.1] }
    }

    /// Decides the period at the given run times into a fresh database and reads back everything
    /// a later run or the site would see.
    func decide(every step: Int) throws -> (
        changes: [StateChange], states: [String: CurrentState], memories: [String: String]
    ) {
        let store = TestDatabase()
        // Late gets its only reports at minute 130, after two quiet hours.
        try store.database.record([
            ReportRecord(slug: "late", problem: "login", at: at(130).adding(seconds: 12), count: 2, source: "test")
        ])
        for batch in checks() { try store.database.record(batch) }
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        var runs = Array(stride(from: 0, to: minutes, by: step))
        runs.append(minutes)
        for minute in runs {
            _ = try monitor.decide(services: services, now: at(minute).adding(seconds: 5))
        }
        return (
            try store.database.stateChanges(limit: 1000), try store.database.currentStates(),
            try store.database.detectorMemories()
        )
    }

    func testQuietStretchesDecideAsEveryMinuteWould() throws {
        let everyMinute = try decide(every: 1)
        let everyThirteen = try decide(every: 13)
        let once = try decide(every: minutes)
        let watched = everyMinute.changes.reversed().filter { $0.slug == "watched" }
        XCTAssertEqual(watched.map(\.to), [.possible, .ok], "\(watched)")
        XCTAssertEqual(watched.map(\.at), [at(20), at(50 + 30 + 1)], "minor, then stale 30 minutes after the failure")
        let late = everyMinute.changes.filter { $0.slug == "late" }
        XCTAssertEqual(late.map(\.to), [.ok], "reports end the unknown")
        XCTAssertEqual(late.first?.at, at(131))
        XCTAssertEqual(everyMinute.states["silent"]?.state, .unknown)
        for other in [everyThirteen, once] {
            XCTAssertEqual(other.changes, everyMinute.changes)
            XCTAssertEqual(other.states, everyMinute.states)
            XCTAssertEqual(other.memories, everyMinute.memories)
        }
    }
}
