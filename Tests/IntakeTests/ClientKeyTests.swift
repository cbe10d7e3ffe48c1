import Foundation
import IntakeRules
import Model
import XCTest

@testable import Intake

/// Clients are told apart by IPv4 address and by IPv6 prefix (`intake.ipv6_prefix`, /64 by
/// default): one host with a /64 is one client, however many addresses it uses.
final class ClientKeyTests: XCTestCase {
    let day = Timestamp(iso8601: "2026-11-26T14:00:00Z")!

    func testAllAddressesOfOneIPv6Slash64AreOneClient() {
        let keys = ClientKeyMaker(secret: "s")
        let home = keys.key(for: "2001:db8:1:2::1", at: day)
        XCTAssertEqual(keys.key(for: "2001:db8:1:2:ffff:eeee:dddd:9", at: day), home)
        XCTAssertEqual(keys.key(for: "[2001:db8:1:2::77]:443", at: day), home)
        XCTAssertNotEqual(keys.key(for: "2001:db8:1:3::1", at: day), home, "the next /64 is another client")
    }

    func testTheIPv6PrefixIsConfigurable() {
        let keys = ClientKeyMaker(secret: "s", ipv6PrefixBits: 48)
        XCTAssertEqual(keys.key(for: "2001:db8:1:2::1", at: day), keys.key(for: "2001:db8:1:ffff::1", at: day))
        XCTAssertNotEqual(keys.key(for: "2001:db8:1::1", at: day), keys.key(for: "2001:db8:2::1", at: day))
        let exact = ClientKeyMaker(secret: "s", ipv6PrefixBits: 128)
        XCTAssertNotEqual(exact.key(for: "2001:db8::1", at: day), exact.key(for: "2001:db8::2", at: day))
    }

    func testIPv4IsKeyedByTheWholeAddressAndMappedIPv6CountsAsIPv4() {
        let keys = ClientKeyMaker(secret: "s")
        XCTAssertNotEqual(keys.key(for: "198.51.100.1", at: day), keys.key(for: "198.51.100.2", at: day))
        XCTAssertEqual(keys.key(for: "::ffff:198.51.100.1", at: day), keys.key(for: "198.51.100.1", at: day))
        XCTAssertEqual(keys.key(for: "198.51.100.1:5000", at: day), keys.key(for: "198.51.100.1", at: day))
    }

    /// Over HTTP through a trusted proxy: a second address in the same /64 is the same client.
    func testOneSlash64ReportsAServiceOncePerWindow() async throws {
        let harness = try await IntakeHarness { $0.trustedProxies = ["127.0.0.1"] }
        func report(from address: String) async throws -> Int {
            try await harness.post(
                "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#,
                headers: [("X-Forwarded-For", address)]
            ).status
        }
        let first = try await report(from: "2001:db8:1:2::1")
        let sameHost = try await report(from: "2001:db8:1:2:aaaa::2")
        let otherNetwork = try await report(from: "2001:db8:9:9::1")
        await harness.stop()
        XCTAssertEqual([first, sameHost, otherNetwork], [202, 429, 202])
    }
}
