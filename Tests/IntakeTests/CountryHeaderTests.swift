import Foundation
import GRDB
import Model
import TestSupport
import XCTest

@testable import Intake

/// The visitor's country comes from a header a trusted proxy sets, never from the address; the
/// same header from anyone else is ignored, and only the two-letter code is stored.
final class CountryHeaderTests: XCTestCase {
    var harness: IntakeHarness!

    override func tearDown() async throws { await harness?.stop() }

    private func report(from address: String, headers: [(String, String)]) async throws -> Int {
        try await harness.post(
            "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#,
            headers: [("X-Forwarded-For", address)] + headers
        ).status
    }

    /// Rows of `report_country`: slug, country ('' when unknown), bucket, count.
    private func countryRows() throws -> [[String]] {
        try harness.database.database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT slug, country, bucket, count FROM report_country ORDER BY country, bucket"
            ).map { row in
                [row[0] as String, row[1] as String, String(row[2] as Int64), String(row[3] as Int)]
            }
        }
    }

    func testTheCountryHeaderFromATrustedProxyIsCounted() async throws {
        harness = try await IntakeHarness { $0.trustedProxies = ["127.0.0.1"] }
        let bucket = String(IntakeHarness.start.floored(to: BucketSize.chart).seconds)
        let statuses = [
            try await report(from: "203.0.113.1", headers: [("CF-IPCountry", "DE")]),
            try await report(from: "203.0.113.2", headers: [("cf-ipcountry", "de")]),
            try await report(from: "203.0.113.3", headers: [("CF-IPCountry", "XX")]),
            try await report(from: "203.0.113.4", headers: [("CF-IPCountry", "T1")]),
            try await report(from: "203.0.113.5", headers: [("CF-IPCountry", "Deutschland")]),
            try await report(from: "203.0.113.6", headers: []),
            try await report(from: "203.0.113.7", headers: [("CF-IPCountry", "cn")]),
        ]
        XCTAssertEqual(statuses, Array(repeating: 202, count: 7))
        XCTAssertEqual(
            try countryRows(),
            [["chatapp", "", bucket, "4"], ["chatapp", "CN", bucket, "1"], ["chatapp", "DE", bucket, "2"]])
    }

    func testAnyHeaderNameCanBeConfigured() async throws {
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.countryHeader = "CloudFront-Viewer-Country"
        }
        let first = try await report(from: "203.0.113.1", headers: [("CloudFront-Viewer-Country", "JP")])
        let second = try await report(from: "203.0.113.2", headers: [("CF-IPCountry", "FR")])
        XCTAssertEqual([first, second], [202, 202])
        XCTAssertEqual(try countryRows().map { $0[1] }, ["", "JP"], "the other CDN's header is not believed")
    }

    func testTheSameHeaderFromAnUntrustedPeerIsIgnored() async throws {
        harness = try await IntakeHarness { $0.trustedProxies = ["192.0.2.1"] }
        let status = try await report(from: "203.0.113.1", headers: [("CF-IPCountry", "DE")])
        XCTAssertEqual(status, 202, "the report itself still counts")
        XCTAssertEqual(try countryRows().map { $0[1] }, [""], "an untrusted peer's country is unknown")
    }

    func testCodesAreTwoLettersOfAKnownKindOrUnknown() {
        XCTAssertEqual(CountryCode.normalized("de"), "DE")
        XCTAssertEqual(CountryCode.normalized(" GB "), "GB")
        XCTAssertEqual(CountryCode.normalized("XK"), "XK")
        for bad in ["XX", "T1", "ZZ", "QZ", "XA", "AA", "", "D", "DEU", "D3", "Ü1", "ÄÖ", "de\u{0}"] {
            XCTAssertNil(CountryCode.normalized(bad), bad)
        }
        XCTAssertNil(CountryCode.normalized(nil))
    }
}
