import Collect
import Model
import Monitor
import Store
import TestSupport
import XCTest

/// The polling schedule through real collect runs on a real SQLite file: each source once per
/// `collect.interval_minutes`, spread evenly over the minutes, caught up after missed minutes,
/// never while backing off.
final class PollScheduleTests: XCTestCase {
    /// 2026-11-26T22:00:00Z, a whole minute.
    let start = Timestamp(seconds: 1_795_730_400)

    /// `count` services with one statuspage source each.
    func services(_ count: Int) -> [Service] {
        (0..<count).map { index in
            Service(
                slug: "s\(index)", name: "S\(index)", category: "bench",
                statusSources: [
                    StatusSource(kind: .statuspage, url: "https://status\(index).example/api/v2/summary.json")
                ])
        }
    }

    func minute(_ offset: Int) -> Timestamp { start.adding(seconds: Int64(offset) * 60) }

    /// A monitor with every source answering "operational", on a fresh database.
    func monitor(interval: Int, store: TestDatabase) -> ServiceMonitor {
        var configuration = SiteConfiguration()
        configuration.collect.intervalMinutes = interval
        return ServiceMonitor(configuration: configuration, database: store.database)
    }

    /// The URLs one run at `now` requested.
    func checked(
        _ monitor: ServiceMonitor, _ services: [Service], at now: Timestamp, fetcher: CannedSources,
        everySource: Bool = false
    ) async throws -> [String] {
        let before = fetcher.requested.count
        _ = try await monitor.checkSources(services: services, now: now, fetcher: fetcher, everySource: everySource)
        return Array(fetcher.requested.dropFirst(before))
    }

    func operational(_ services: [Service]) -> CannedSources {
        var outcomes: [String: SourceCheckResult.Outcome] = [:]
        for service in services {
            for source in service.statusSources { outcomes[source.url] = .parsed(OfficialStatus(indicator: .none)) }
        }
        return CannedSources(outcomes: outcomes)
    }

    func testEachMinuteOfTheIntervalChecksAboutAFifthAndEverySourceOnce() async throws {
        let store = TestDatabase()
        let watched = services(1000)
        let fetcher = operational(watched)
        let monitor = monitor(interval: 5, store: store)
        let cold = try await checked(monitor, watched, at: minute(0), fetcher: fetcher)
        XCTAssertEqual(cold.count, 1000, "a source never checked is due at once")

        var seen: [String: Int] = [:]
        for offset in 1...5 {
            let urls = try await checked(monitor, watched, at: minute(offset), fetcher: fetcher)
            XCTAssertTrue((160...240).contains(urls.count), "minute \(offset) checked \(urls.count) of 1000")
            for url in urls { seen[url, default: 0] += 1 }
        }
        XCTAssertEqual(seen.count, 1000, "every source is checked within the interval")
        XCTAssertEqual(Set(seen.values), [1], "and only once")

        // The next interval repeats the same minutes.
        let schedule = PollSchedule(intervalMinutes: 5)
        for offset in 6...7 {
            let urls = try await checked(monitor, watched, at: minute(offset), fetcher: fetcher)
            let group = watched.filter {
                schedule.slot(slug: $0.slug, url: $0.statusSources[0].url) == schedule.minute(of: minute(offset))
            }
            XCTAssertEqual(Set(urls), Set(group.map(\.statusSources[0].url)), "minute \(offset)")
        }
    }

    func testTheSlotIsStableAndSpreadByHash() {
        let schedule = PollSchedule(intervalMinutes: 5)
        // Pinned: the same source gets the same minute on every machine and in every run.
        XCTAssertEqual(schedule.slot(slug: "github", url: "https://www.githubstatus.com/api/v2/summary.json"), 0)
        XCTAssertEqual(schedule.slot(slug: "slack", url: "https://slack-status.com/api/v2.0.0/current"), 3)
        XCTAssertEqual(schedule.minute(of: start), Int((start.seconds / 60) % 5))
        XCTAssertEqual(PollSchedule(intervalMinutes: 0).intervalMinutes, 1, "an interval is at least a minute")
        var counts = [Int](repeating: 0, count: 5)
        for index in 0..<5000 { counts[schedule.slot(slug: "s\(index)", url: "https://x.example/\(index)")] += 1 }
        XCTAssertTrue(counts.allSatisfy { (900...1100).contains($0) }, "\(counts)")
    }

    func testAMissedMinuteIsCaughtUpAndALongGapChecksEverything() async throws {
        let store = TestDatabase()
        let watched = services(500)
        let fetcher = operational(watched)
        let monitor = monitor(interval: 5, store: store)
        _ = try await checked(monitor, watched, at: minute(0), fetcher: fetcher)
        let schedule = PollSchedule(intervalMinutes: 5)
        func group(_ offset: Int) -> Set<String> {
            Set(
                watched.filter {
                    schedule.slot(slug: $0.slug, url: $0.statusSources[0].url) == schedule.minute(of: minute(offset))
                }.map(\.statusSources[0].url))
        }
        // Cron misses minute 1: its sources are not left until minute 6, they are checked at
        // minute 5, an interval after their last check, together with minute 5's own.
        for offset in 2...4 {
            let urls = try await checked(monitor, watched, at: minute(offset), fetcher: fetcher)
            XCTAssertEqual(Set(urls), group(offset))
        }
        let fifth = try await checked(monitor, watched, at: minute(5), fetcher: fetcher)
        XCTAssertFalse(group(1).isEmpty)
        XCTAssertEqual(Set(fifth), group(1).union(group(5)))
        XCTAssertEqual(fifth.count, group(1).count + group(5).count, "each once")
        // Back on the schedule the next minute.
        let sixth = try await checked(monitor, watched, at: minute(6), fetcher: fetcher)
        XCTAssertEqual(Set(sixth), group(6))

        // Twenty minutes without a run: everything is due at once.
        let late = try await checked(monitor, watched, at: minute(26).adding(seconds: 17), fetcher: fetcher)
        XCTAssertEqual(late.count, 500)
    }

    func testABackingOffSourceIsNeverDueUntilItsNextAttempt() async throws {
        let store = TestDatabase()
        let watched = services(20)
        let fetcher = operational(watched)
        let monitor = monitor(interval: 5, store: store)
        let failing = watched[3]
        let url = failing.statusSources[0].url
        try store.database.record([
            OfficialCheckRecord(
                slug: failing.slug, sourceURL: url, checkedAt: minute(0), outcome: .failed, error: "HTTP 503",
                httpStatus: 503, nextAttemptAt: minute(30))
        ])
        var summary = OfficialCheckSummary()
        for offset in 0..<30 {
            let before = fetcher.requested.count
            summary = try await monitor.checkSources(services: watched, now: minute(offset), fetcher: fetcher)
            XCTAssertFalse(fetcher.requested.dropFirst(before).contains(url), "minute \(offset)")
            XCTAssertEqual(summary.backingOff, 1, "minute \(offset)")
        }
        // Even `--only` and `--all-sources` leave it alone while it backs off.
        let every = try await checked(monitor, watched, at: minute(29), fetcher: fetcher, everySource: true)
        XCTAssertEqual(every.count, 19)
        XCTAssertFalse(every.contains(url))
        // At its next attempt it is overdue (30 minutes since its check), so it goes at once.
        let retry = try await checked(monitor, watched, at: minute(30), fetcher: fetcher)
        XCTAssertTrue(retry.contains(url))
    }

    func testEverySourceIgnoresTheScheduleAndTheSummarySaysWhatWaits() async throws {
        let store = TestDatabase()
        let watched = services(50)
        let fetcher = operational(watched)
        let monitor = monitor(interval: 5, store: store)
        _ = try await checked(monitor, watched, at: minute(0), fetcher: fetcher)
        let summary = try await monitor.checkSources(services: watched, now: minute(1), fetcher: fetcher)
        XCTAssertEqual(summary.checked + summary.notYet, 50)
        XCTAssertGreaterThan(summary.notYet, 0)
        XCTAssertTrue(summary.line.hasSuffix(", 0 backing off, \(summary.notYet) not due yet"), summary.line)
        let every = try await checked(monitor, watched, at: minute(1), fetcher: fetcher, everySource: true)
        XCTAssertEqual(every.count, 50, "--only and --all-sources check now")
    }
}
