import Model
import Monitor
import Store
import TestSupport
import XCTest

/// `import-reports` reads a country code from NDJSON lines: known codes are counted by country
/// in the store, anything else counts the report from an unknown country.
final class ReportImporterCountryTests: XCTestCase {
    let now = Timestamp(seconds: 1_795_730_400)  // 2026-11-26T22:00:00Z
    let services = [Service(slug: "chatapp", name: "ChatApp", category: "chat")]

    func testCountryCodesAreCountedAndUnknownOnesAreNot() throws {
        let store = TestDatabase()
        let importer = try ReportImporter(
            configuration: SiteConfiguration(), services: services, database: store.database)
        let text = [
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":3,"country":"DE"}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:20:00Z","count":2,"country":"de"}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","country":"FR"}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":4,"country":"XX"}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","country":42}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","country":"Berlin"}"#,
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z"}"#,
        ].joined(separator: "\n")
        let result = try importer.importText(text, now: now)
        XCTAssertEqual(result.counts.imported, 7, "a strange country never rejects a line")
        XCTAssertEqual(result.counts.bad, 0)
        let hour = try store.database.countryCounts(from: now.adding(seconds: -3600), to: now)
        XCTAssertEqual(hour["chatapp"], [CountryCount(country: "DE", count: 5), CountryCount(country: "FR", count: 1)])
        let lastQuarter = try store.database.countryCounts(from: now.adding(seconds: -900), to: now)
        XCTAssertEqual(
            lastQuarter["chatapp"], [CountryCount(country: "DE", count: 3), CountryCount(country: "FR", count: 1)])

        let again = try importer.importText(text, now: now)
        XCTAssertEqual(again.counts.imported, 0)
        XCTAssertEqual(
            try store.database.countryCounts(from: now.adding(seconds: -3600), to: now)["chatapp"]?.map(\.count),
            [5, 1], "importing the same file twice counts once")
    }

    func testPruneRemovesOldCountryCounts() throws {
        let store = TestDatabase()
        let old = now.adding(seconds: -130 * 86_400)
        try store.database.record([
            ReportRecord(slug: "chatapp", problem: "login", at: old, source: "cli", country: "DE"),
            ReportRecord(slug: "chatapp", problem: "login", at: now.adding(seconds: -60), source: "cli", country: "DE"),
        ])
        let removed = try store.database.prune(now: now, minuteRetentionDays: 7, historyRetentionDays: 120)
        XCTAssertEqual(removed["report_country"], 1)
        let all = try store.database.countryCounts(from: Timestamp(seconds: 0), to: now.adding(seconds: 1))
        XCTAssertEqual(all["chatapp"], [CountryCount(country: "DE", count: 1)])
    }
}
