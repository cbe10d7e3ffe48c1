import Collect
import Model
import Monitor
import Store
import TestSupport
import XCTest

/// The decide loop and the collect run, against a real SQLite file at a fixed time, with no network.
final class ServiceMonitorTests: XCTestCase {
    let now = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z
    let services = [
        Service(slug: "chatapp", name: "ChatApp", category: "chat"),
        Service(slug: "quiet", name: "Quiet", category: "chat"),
    ]

    func testABurstOfReportsMakesOnlyThatServiceTroubled() throws {
        let store = TestDatabase()
        let reports = (0..<15).map { minute in
            ReportRecord(
                slug: "chatapp", problem: "login", at: now.adding(seconds: -Int64(minute) * 60), count: 40,
                source: "test")
        }
        try store.database.record(reports)
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        // A worse state is entered after consecutive abnormal minutes, as `collect` runs them.
        var summary = try monitor.decide(services: services, now: now.adding(seconds: -120))
        var changes = summary.changes
        for minute in [60, 0] {
            summary = try monitor.decide(services: services, now: now.adding(seconds: -Int64(minute)))
            changes += summary.changes
        }
        XCTAssertEqual(summary.troubled, 1, summary.line)
        let states = try store.database.currentStates()
        XCTAssertGreaterThanOrEqual(states["chatapp"]?.state ?? .unknown, .possible)
        XCTAssertLessThan(states["quiet"]?.state ?? .unknown, .possible)
        let change = try XCTUnwrap(changes.last { $0.slug == "chatapp" })
        XCTAssertGreaterThanOrEqual(change.to, .possible)
        XCTAssertFalse(changes.contains { $0.slug == "quiet" }, "no reports, no history: quiet stays unknown")
        let lines = DecisionSummary(changes: changes, troubled: 1).changeLines
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("collect: chatapp: unknown → possible: ") },
            "an outage-sized count is at least possible at first sight: \(lines)")
    }

    func testDecidingAgainAtTheSameTimeChangesNothing() throws {
        let store = TestDatabase()
        // A decision at a minute covers the complete minutes before it.
        try store.database.record([
            ReportRecord(slug: "chatapp", problem: "login", at: now.adding(seconds: -60), source: "test")
        ])
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        let first = try monitor.decide(services: services, now: now)
        XCTAssertEqual(first.changes.map(\.slug), ["chatapp"], "a report is data: chatapp is ok, quiet still unknown")
        XCTAssertEqual(first.changes.first?.to, .ok)
        XCTAssertEqual(try monitor.decide(services: services, now: now.adding(seconds: 30)).changes, [])
        let second = try monitor.decide(services: services, now: now.adding(seconds: 60))
        XCTAssertEqual(second.changes, [])
        XCTAssertEqual(second.line, "0 state changes, 0 with problems")
    }

    func testAnOfflineRunIsLoggedWithItsLine() async throws {
        let store = TestDatabase()
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        let summary = try await monitor.collect(services: services, now: now, fetcher: nil)
        XCTAssertEqual(
            summary.line, "collect: 2 services, official sources skipped (--offline); 0 state changes, 0 with problems")
        XCTAssertEqual(try store.database.lastCollectTime(), now)
    }

    func testAnOfficialMajorOutageCountsAndAFailedSourceBacksOff() async throws {
        let store = TestDatabase()
        let good = StatusSource(kind: .statuspage, url: "https://status.chatapp.example/api/v2/summary.json")
        let bad = StatusSource(kind: .rss, url: "https://quiet.example/status.rss")
        let watched = [
            Service(slug: "chatapp", name: "ChatApp", category: "chat", statusSources: [good]),
            Service(slug: "quiet", name: "Quiet", category: "chat", statusSources: [bad]),
        ]
        let fetcher = CannedSources(outcomes: [
            good.url: .parsed(OfficialStatus(indicator: .major, description: "Major outage")),
            bad.url: .failed(reason: "HTTP 503"),
        ])
        // Checked every minute, so only the backoff keeps a source waiting.
        var configuration = SiteConfiguration()
        configuration.collect.intervalMinutes = 1
        let monitor = ServiceMonitor(configuration: configuration, database: store.database)
        let first = try await monitor.collect(services: watched, now: now, fetcher: fetcher)
        XCTAssertEqual(first.official?.line, "2 sources checked, 1 changed, 0 not modified, 1 failed, 0 backing off")
        XCTAssertEqual(first.official?.failures.map(\.slug), ["quiet"])
        XCTAssertEqual(
            first.official?.failures.first?.line, "collect: quiet: https://quiet.example/status.rss: HTTP 503")
        XCTAssertEqual(first.decisions.troubled, 1, "the official major outage alone makes chatapp troubled")

        let second = try await monitor.collect(services: watched, now: now.adding(seconds: 30), fetcher: fetcher)
        XCTAssertEqual(second.official?.backingOff, 1)
        XCTAssertEqual(fetcher.requested, [good.url, bad.url, good.url], "the failed source waits its turn")
    }

    func testOnlyNamesKnownServices() throws {
        XCTAssertEqual(try DueSources.services(services, only: ["quiet"]).map(\.slug), ["quiet"])
        XCTAssertThrowsError(try DueSources.services(services, only: ["nowhere"])) { error in
            XCTAssertEqual(error as? MonitorError, .unknownService("nowhere"))
            XCTAssertEqual("\(error)", "collect: unknown service 'nowhere' in --only")
        }
    }

    func testAFailedStepIsNamed() async throws {
        let store = TestDatabase()
        try FileManager.default.removeItem(atPath: store.path)
        try FileManager.default.createDirectory(atPath: store.path, withIntermediateDirectories: false)
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        do {
            _ = try await monitor.collect(services: services, now: now, fetcher: nil)
        } catch let error as MonitorError {
            XCTAssertEqual(error.step, .refreshBaselines, error.description)
            XCTAssertTrue(error.description.hasPrefix("collect: refresh baselines: "), error.description)
            return
        }
        // An open connection may still read its database; then the run must have succeeded whole.
        XCTAssertEqual(try store.database.lastCollectTime(), now)
    }
}

/// Answers every source from a table, and remembers what was asked.
final class CannedSources: SourceChecking, @unchecked Sendable {
    private let outcomes: [String: SourceCheckResult.Outcome]
    private let lock = NSLock()
    private var asked: [String] = []

    init(outcomes: [String: SourceCheckResult.Outcome]) { self.outcomes = outcomes }

    var requested: [String] { lock.withLock { asked } }

    func collect(
        _ requests: [SourceCheckRequest], now: Timestamp, progress: ((Int, Int) -> Void)?
    ) async -> [SourceCheckResult] {
        lock.withLock { asked += requests.map(\.source.url) }
        return requests.map { request in
            let outcome = outcomes[request.source.url] ?? .failed(reason: "no canned answer")
            let hash: String? = if case .parsed = outcome { "hash-of-\(request.source.url)" } else { nil }
            return SourceCheckResult(
                slug: request.slug, sourceURL: request.source.url, fetchedURL: request.source.url, checkedAt: now,
                outcome: outcome, httpStatus: hash == nil ? 503 : 200, bodySHA256: hash)
        }
    }
}
