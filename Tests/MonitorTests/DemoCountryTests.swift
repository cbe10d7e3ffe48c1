import Model
import Monitor
import Store
import TestSupport
import XCTest

/// `demo` fills countries for the last two days: deterministic, never more than the bucket's
/// reports, a few countries per service, and stored as removable demo data.
final class DemoCountryTests: XCTestCase {
    let end = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z
    let services = (0..<6).map { index in
        Service(slug: "service-\(index)", name: "Service \(index)", category: "test", problems: Problem.defaults)
    }

    func testCountriesAreSpreadDeterministicallyOverTheLastTwoDays() {
        let data = DemoSimulation(seed: 42, end: end, weeks: 1).generate(services)
        XCTAssertEqual(data.countries, DemoSimulation(seed: 42, end: end, weeks: 1).generate(services).countries)
        XCTAssertNotEqual(data.countries, DemoSimulation(seed: 43, end: end, weeks: 1).generate(services).countries)
        XCTAssertFalse(data.countries.isEmpty)
        let since = end.adding(seconds: -DemoSimulation.countryHours * 3600)
        XCTAssertTrue(data.countries.allSatisfy { $0.start >= since && $0.start < end && $0.count > 0 })
        XCTAssertTrue(data.countries.allSatisfy { CountryCode.normalized($0.country) == $0.country })
        var bucketTotals: [String: Int] = [:]
        for bucket in data.buckets {
            bucketTotals["\(bucket.slug) \(bucket.start.seconds)", default: 0] += bucket.count
        }
        var countryTotals: [String: Int] = [:]
        for item in data.countries { countryTotals["\(item.slug) \(item.start.seconds)", default: 0] += item.count }
        for (key, total) in countryTotals {
            XCTAssertLessThanOrEqual(total, bucketTotals[key] ?? 0, "never more reports by country than in all: \(key)")
        }
        for service in services {
            let countries = Set(data.countries.filter { $0.slug == service.slug }.map(\.country))
            XCTAssertLessThanOrEqual(countries.count, 4, service.slug)
        }
        XCTAssertGreaterThan(Set(data.countries.map(\.country)).count, 4, "services differ in their audience")
    }

    func testDemoCountriesAreStoredAndRemovedWithTheRestOfTheDemo() throws {
        let store = TestDatabase()
        let data = DemoSimulation(seed: 42, end: end, weeks: 1).generate(services)
        try store.database.recordDemoCountries(data.countries)
        let day = try store.database.countryCounts(from: end.adding(seconds: -86_400), to: end)
        XCTAssertFalse(day.isEmpty)
        let expected = data.countries.filter { $0.start >= end.adding(seconds: -86_400) }.reduce(0) { $0 + $1.count }
        XCTAssertEqual(day.values.joined().reduce(0) { $0 + $1.count }, expected)
        try store.database.removeDemoData()
        XCTAssertTrue(try store.database.countryCounts(from: end.adding(seconds: -86_400), to: end).isEmpty)
    }
}
