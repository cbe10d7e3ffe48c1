import Model
import Monitor
import Store
import TestSupport
import XCTest

/// The state at a moment depends on the stored data up to it, not on how often `collect` ran:
/// the same stored period decided with three cron cadences gives the same states and changes.
final class DecisionCadenceTests: XCTestCase {
    /// 2026-11-26T20:00:00Z, the start of the stored period.
    let start = Timestamp(seconds: 1_795_723_200)
    static let statusURL = "https://status.quiet.example/api/v2/summary.json"
    let services = [
        Service(slug: "chatapp", name: "ChatApp", category: "chat"),
        Service(
            slug: "quiet", name: "Quiet", category: "chat",
            statusSources: [StatusSource(kind: .statuspage, url: statusURL)]),
    ]
    /// Minutes in the stored period.
    let minutes = 150

    /// A trickle of reports, a 20-minute outage from minute 40 and a weaker tail after it.
    func reports() -> [ReportRecord] {
        var reports: [ReportRecord] = []
        for minute in 0..<minutes {
            let count =
                switch minute {
                case 40..<60: 25 + minute % 7
                case 60..<75: 3
                default: minute % 4 == 0 ? 1 : 0
                }
            guard count > 0 else { continue }
            reports.append(
                ReportRecord(
                    slug: "chatapp", problem: "login", at: start.adding(seconds: Int64(minute) * 60 + 17),
                    count: count, source: "test"))
        }
        return reports
    }

    /// Official checks of Quiet's status page: a major outage from minute 90, over at minute 110
    /// and confirmed unchanged at minute 140.
    func checks() -> [[OfficialCheckRecord]] {
        [(90, OfficialIndicator.major, "a"), (110, .none, "b"), (140, .none, "b")].map { minute, indicator, hash in
            [
                OfficialCheckRecord(
                    slug: "quiet", sourceURL: Self.statusURL, checkedAt: start.adding(seconds: Int64(minute) * 60),
                    outcome: .parsed, status: OfficialStatus(indicator: indicator, description: "\(indicator)"),
                    bodyHash: hash)
            ]
        }
    }

    /// Decides the period at the given run times, into a fresh database, and reads back the result.
    func decide(every step: Int) throws -> (changes: [StateChange], states: [String: CurrentState]) {
        let store = TestDatabase()
        try store.database.record(reports())
        for batch in checks() { try store.database.record(batch) }
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        var runs = Array(stride(from: 0, to: minutes, by: step))
        runs.append(minutes)
        for minute in runs {
            _ = try monitor.decide(services: services, now: start.adding(seconds: Int64(minute) * 60 + 5))
        }
        return (try store.database.stateChanges(limit: 1000), try store.database.currentStates())
    }

    func testEveryMinuteEveryTenMinutesAndOnceGiveTheSameStatesAndChanges() throws {
        let everyMinute = try decide(every: 1)
        let everyTen = try decide(every: 10)
        let once = try decide(every: minutes)
        let path = everyMinute.changes.reversed().filter { $0.slug == "chatapp" }.map(\.to)
        XCTAssertEqual(path, [.ok, .possible, .outage, .ok], "\(everyMinute.changes)")
        let outage = try XCTUnwrap(everyMinute.changes.first { $0.slug == "chatapp" && $0.to == .outage })
        XCTAssertEqual(outage.at, start.adding(seconds: 42 * 60), "two complete minutes of the outage")
        let official = everyMinute.changes.reversed().filter { $0.slug == "quiet" }
        XCTAssertEqual(official.map(\.to), [.outage, .ok], "\(official)")
        XCTAssertEqual(official.map(\.at), [start.adding(seconds: 90 * 60), start.adding(seconds: 110 * 60)])
        XCTAssertEqual(everyTen.changes, everyMinute.changes)
        XCTAssertEqual(once.changes, everyMinute.changes)
        XCTAssertEqual(everyTen.states, everyMinute.states)
        XCTAssertEqual(once.states, everyMinute.states)
    }

    func testTheFirstRunAfterAGapSeesTheOutageAsItHappened() throws {
        let store = TestDatabase()
        try store.database.record(reports())
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        _ = try monitor.decide(services: services, now: start)
        let summary = try monitor.decide(services: services, now: start.adding(seconds: 45 * 60))
        XCTAssertEqual(summary.troubled, 1, summary.line)
        let state = try XCTUnwrap(try store.database.currentStates()["chatapp"])
        XCTAssertEqual(state.state, .outage)
        XCTAssertEqual(state.since, start.adding(seconds: 42 * 60), "the change is dated when it happened")
    }
}
