import Foundation
import IntakeRules
import Model
import TestSupport
import XCTest

@testable import Intake

final class RateLimitTests: XCTestCase {
    var harness: IntakeHarness!

    override func tearDown() async throws { await harness?.stop() }

    private func report(_ service: String = "chatapp", from address: String? = nil) async throws -> RawHTTP.Reply {
        try await harness.post(
            "/api/v1/reports", json: #"{"service":"\#(service)","problem":"login"}"#,
            headers: address.map { [("X-Forwarded-For", $0)] } ?? [])
    }

    func testOneClientGets429AfterItsPerMinuteAllowanceAndMayGoOnLater() async throws {
        harness = try await IntakeHarness { $0.clientLimit = RateLimit(count: 5, per: 60) }
        var statuses: [Int] = []
        for _ in 0..<6 { statuses.append(try await harness.get("/api/v1/subscriptions/confirm?token=x").status) }
        XCTAssertEqual(statuses, [400, 400, 400, 400, 400, 429])
        let limited = try await report()
        XCTAssertEqual(limited.status, 429)
        XCTAssertEqual(limited.headers["retry-after"], "12")
        XCTAssertTrue((limited.json["error"] as? String ?? "").contains("too many requests from your network"))
        harness.clock.advance(seconds: 12)
        let later = try await report()
        XCTAssertEqual(later.status, 202)
    }

    func testTheGlobalLimitHoldsForAllClientsTogether() async throws {
        harness = try await IntakeHarness {
            $0.trustedProxies = ["127.0.0.1"]
            $0.globalLimit = RateLimit(count: 3, per: 1)
        }
        var statuses: [Int] = []
        for index in 1...4 { statuses.append(try await report(from: "198.51.100.\(index)").status) }
        XCTAssertEqual(statuses, [202, 202, 202, 429])
        let busy = try await report(from: "198.51.100.9")
        XCTAssertEqual(busy.headers["retry-after"], "1")
        XCTAssertTrue((busy.json["error"] as? String ?? "").contains("very busy"))
        harness.clock.advance(seconds: 1)
        let later = try await report(from: "198.51.100.9")
        XCTAssertEqual(later.status, 202)
    }

    func testForwardedForIsBelievedFromATrustedProxy() async throws {
        harness = try await IntakeHarness { $0.trustedProxies = ["127.0.0.0/8"] }
        // Two people behind the proxy are two clients; each client is keyed by its own address.
        let first = try await report(from: "203.0.113.7")
        let second = try await report(from: "203.0.113.8")
        XCTAssertEqual([first.status, second.status], [202, 202])
        // The right-most address that is not a trusted proxy is the client: a spoofed left part is ignored.
        let spoofed = try await report(from: "10.9.9.9, 203.0.113.7, 127.0.0.2")
        XCTAssertEqual(spoofed.status, 429)
        let keys = try harness.storedReports().map(\.clientKey)
        XCTAssertEqual(keys, [harness.clientKey("203.0.113.7"), harness.clientKey("203.0.113.8")])
    }

    func testForwardedForIsIgnoredFromAnyoneElse() async throws {
        harness = try await IntakeHarness { $0.trustedProxies = ["192.0.2.1"] }
        let first = try await report(from: "203.0.113.7")
        let second = try await report(from: "203.0.113.8")
        XCTAssertEqual([first.status, second.status], [202, 429], "a header from an untrusted peer changes nothing")
        XCTAssertEqual(try harness.storedReports().map(\.clientKey), [harness.clientKey("127.0.0.1")])
    }

    func testAddressRangesAndResolution() throws {
        let resolver = try ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "2001:db8::/32", "127.0.0.1"])
        XCTAssertEqual(resolver.clientAddress(connection: "10.1.2.3", forwardedFor: ["198.51.100.4"]), "198.51.100.4")
        XCTAssertEqual(
            resolver.clientAddress(connection: "::ffff:127.0.0.1", forwardedFor: ["[2001:db9::1]:443"]), "2001:db9::1")
        XCTAssertEqual(
            resolver.clientAddress(connection: "2001:db8::5", forwardedFor: ["198.51.100.4, 10.0.0.1"]), "198.51.100.4")
        XCTAssertEqual(resolver.clientAddress(connection: "11.0.0.1", forwardedFor: ["198.51.100.4"]), "11.0.0.1")
        XCTAssertEqual(
            resolver.clientAddress(connection: "10.0.0.1", forwardedFor: ["garbage, 198.51.100.4"]), "198.51.100.4")
        XCTAssertEqual(resolver.clientAddress(connection: "10.0.0.1", forwardedFor: ["garbage"]), "10.0.0.1")
        XCTAssertThrowsError(try ClientAddressResolver(trustedProxies: ["10.0.0.0/33"])) { error in
            XCTAssertTrue("\(error)".contains("'10.0.0.0/33' is neither an IP address nor a CIDR range"))
        }
    }

    func testTokenBucketRefillsEvenly() {
        var bucket = TokenBucket(limit: RateLimit(count: 2, per: 10), now: 0)
        XCTAssertNil(bucket.take(now: 0))
        XCTAssertNil(bucket.take(now: 0))
        XCTAssertEqual(bucket.take(now: 0) ?? 0, 5, accuracy: 0.001)
        XCTAssertNil(bucket.take(now: 5))
        XCTAssertFalse(bucket.isFull(now: 5))
        XCTAssertTrue(bucket.isFull(now: 15))
    }
}
