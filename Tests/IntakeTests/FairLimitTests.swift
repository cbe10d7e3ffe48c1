import Foundation
import IntakeRules
import Model
import XCTest

@testable import Intake

/// Rate limits that one client cannot turn against everyone, and that keep their memory bounded.
final class FairLimitTests: XCTestCase {
    /// A client over its own allowance is refused before it touches the global bucket, so it
    /// cannot spend everyone's share.
    func testOneClientHammeringCannotStarveAnother() async throws {
        let harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.clientLimit = RateLimit(count: 2, per: 60)
            $0.globalLimit = RateLimit(count: 5, per: 1)
        }
        var hammer: [Int] = []
        for _ in 0..<20 {
            hammer.append(
                try await harness.get(
                    "/api/v1/subscriptions/confirm?token=x", headers: [("X-Forwarded-For", "203.0.113.66")]
                ).status)
        }
        let other = try await harness.post(
            "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#,
            headers: [("X-Forwarded-For", "198.51.100.7")])
        await harness.stop()
        XCTAssertEqual(hammer.filter { $0 == 429 }.count, 18)
        XCTAssertEqual(other.status, 202, other.body)
    }

    /// A million distinct clients (all at the same instant, so nothing has expired) leave the
    /// limiter at or under its bound.
    func testAMillionClientsKeepTheLimiterUnderItsBound() {
        let limiter = KeyedRateLimiter(limit: RateLimit(count: 30, per: 60), capacity: 50_000)
        for index in 0..<1_000_000 { _ = limiter.take("client-\(index)", now: 1000) }
        XCTAssertLessThanOrEqual(limiter.entryCount, 50_000)
        // The newest clients are still remembered: the bound evicts the oldest.
        for _ in 0..<30 { _ = limiter.take("client-999999", now: 1000) }
        XCTAssertNotNil(limiter.take("client-999999", now: 1000))
    }

    func testTheReportWindowStaysUnderItsBound() {
        let window = ReportWindow(seconds: 900, recent: [], capacity: 10_000)
        let at = Timestamp(seconds: 1_000_000)
        for index in 0..<200_000 { _ = window.admit(clientKey: "k\(index)", slug: "chatapp", at: at) }
        XCTAssertLessThanOrEqual(window.entryCount, 10_000)
        XCTAssertNotNil(
            window.admit(clientKey: "k199999", slug: "chatapp", at: at), "recent clients are still held to the window")
    }
}
