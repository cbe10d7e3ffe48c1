import Model
import Monitor
import Store
import TestSupport
import XCTest

/// `demo`'s history: deterministic, consistent between buckets and minutes, and alive (the
/// services it puts in an outage at the end are the ones the detector finds there).
final class DemoSimulationTests: XCTestCase {
    let end = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z, a Thursday
    let services = (0..<8).map { index in
        Service(
            slug: "service-\(index)", name: "Service \(index)", category: "test",
            problems: index == 0 ? [Problem(id: "only", title: "Only one")] : Problem.defaults)
    }

    func testTheSameSeedAndEndGiveTheSameData() {
        let first = DemoSimulation(seed: 42, end: end, weeks: 2).generate(services)
        let second = DemoSimulation(seed: 42, end: end, weeks: 2).generate(services)
        XCTAssertEqual(first.buckets, second.buckets)
        XCTAssertEqual(first.minutes, second.minutes)
        XCTAssertEqual(first.outages, second.outages)
        XCTAssertEqual(first.outages.count, DemoSimulation.outagesAtTheEnd)
        let other = DemoSimulation(seed: 43, end: end, weeks: 2).generate(services)
        XCTAssertNotEqual(other.buckets, first.buckets)
    }

    func testTheHistoryCoversTheWeeksAndTheLastHourIsAlsoPerMinute() {
        let weeks = 2
        let data = DemoSimulation(seed: 7, end: end, weeks: weeks).generate(services)
        let start = end.adding(seconds: -Int64(weeks) * 604_800)
        XCTAssertEqual(data.buckets.map(\.start).min(), start)
        XCTAssertLessThan(data.buckets.map(\.start).max() ?? start, end)
        XCTAssertTrue(data.buckets.allSatisfy { $0.start.seconds % BucketSize.chart == 0 && $0.count > 0 })
        let hourAgo = end.adding(seconds: -3600)
        XCTAssertTrue(data.minutes.allSatisfy { $0.start >= hourAgo && $0.start < end && $0.count > 0 })
        for service in services {
            let problems = Set(service.problems.map(\.id))
            let buckets = data.buckets.filter { $0.slug == service.slug }
            XCTAssertTrue(buckets.allSatisfy { problems.contains($0.problem) })
            // The last hour's four buckets hold exactly the last hour's minutes.
            let lastHour = buckets.filter { $0.start >= hourAgo }.reduce(0) { $0 + $1.count }
            let minutes = data.minutes.filter { $0.slug == service.slug }.reduce(0) { $0 + $1.count }
            XCTAssertEqual(lastHour, minutes, service.slug)
        }
        let split = data.buckets.filter { $0.slug == "service-1" }
        XCTAssertGreaterThan(Set(split.map(\.problem)).count, 1, "counts are spread over the problems")
    }

    func testTheServicesInAnOutageAtTheEndAreTheOnesTheDetectorFinds() throws {
        let data = DemoSimulation(seed: 42, end: end, weeks: 3).generate(services)
        let store = TestDatabase()
        try store.database.recordDemo(buckets: data.buckets, minutes: data.minutes, at: end)
        let monitor = ServiceMonitor(configuration: SiteConfiguration(), database: store.database)
        for minutesAgo in stride(from: 5, through: 0, by: -1) {
            _ = try monitor.decide(services: services, now: end.adding(seconds: -Int64(minutesAgo) * 60))
        }
        let states = try store.database.currentStates()
        let troubled = Set(services.filter { data.outages.contains($0.name) }.map(\.slug))
        XCTAssertEqual(troubled.count, DemoSimulation.outagesAtTheEnd)
        for service in services {
            let state = states[service.slug]?.state ?? .unknown
            if troubled.contains(service.slug) {
                XCTAssertGreaterThanOrEqual(state, .possible, service.slug)
            } else {
                XCTAssertLessThan(state, .possible, service.slug)
            }
        }
    }
}
