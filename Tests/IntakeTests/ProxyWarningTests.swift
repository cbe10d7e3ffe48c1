import Foundation
import IntakeRules
import TestSupport
import XCTest

@testable import Intake

/// Forwarded headers from a peer that is not a trusted proxy mean the set-up is wrong (every
/// visitor looks like the proxy): the intake says so in its log, once, and in `/healthz`.
final class ProxyWarningTests: XCTestCase {
    private func warnings(_ reply: RawHTTP.Reply) -> [String] {
        reply.json["warnings"] as? [String] ?? ["<no warnings field>"]
    }

    func testHealthzIsJSONWithNoWarningsWhenAllIsWell() async throws {
        let harness = try await IntakeHarness { $0.trustedProxies = ["127.0.0.1"] }
        _ = try await harness.post(
            "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#,
            headers: [("X-Forwarded-For", "203.0.113.5")])
        let health = try await harness.get("/healthz")
        await harness.stop()
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(health.headers["content-type"], "application/json")
        XCTAssertEqual(health.json["status"] as? String, "ok")
        XCTAssertEqual(warnings(health), [])
    }

    func testForwardedHeadersFromAnUntrustedPeerShowInHealthz() async throws {
        for header in ["X-Forwarded-For", "Forwarded", "X-Real-IP"] {
            let harness = try await IntakeHarness { $0.trustedProxies = ["192.0.2.1"] }
            let before = try await harness.get("/healthz")
            let value = header == "Forwarded" ? "for=203.0.113.5" : "203.0.113.5"
            _ = try await harness.post(
                "/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#, headers: [(header, value)])
            let after = try await harness.get("/healthz")
            await harness.stop()
            XCTAssertEqual(warnings(before), [], header)
            XCTAssertEqual(after.status, 200, header)
            let text = warnings(after).joined(separator: " ")
            XCTAssertTrue(text.contains(header), "\(header): \(text)")
            XCTAssertTrue(text.contains("intake.trusted_proxies"), text)
            XCTAssertFalse(text.contains("203.0.113.5"), "the warning names no client address")
        }
    }

    /// The real binary with the old default (`trusted_proxies: []`) behind a proxy that sets
    /// X-Forwarded-For: a warning at start (loopback listener, no trusted proxy), and one line
    /// about the forwarded header however many requests come.
    func testTheBinaryWarnsOnceInItsLog() async throws {
        let site = TestSite(
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                intake: {trusted_proxies: []}
                """)
        let intake = try ChildProcess.downtrack(["intake", "--root", site.root.path, "--port", "0"])
        defer { intake.stop(signal: SIGKILL) }
        let port = try intake.waitForNumber(after: "listening on http://127.0.0.1:")
        for index in 1...3 {
            _ = try await RawHTTP.sendAsync(
                port: port, method: "POST", path: "/api/v1/reports",
                headers: [("Content-Type", "application/json"), ("X-Forwarded-For", "203.0.113.\(index)")],
                body: #"{"service":"chatapp","problem":"login"}"#)
        }
        let health = try await RawHTTP.sendAsync(port: port, method: "GET", path: "/healthz")
        XCTAssertEqual(health.status, 200)
        let warnings = health.json["warnings"] as? [String] ?? []
        XCTAssertEqual(warnings.count, 2, health.body)
        XCTAssertTrue(warnings.contains { $0.contains("listens on a loopback address") }, health.body)
        XCTAssertTrue(
            warnings.contains { $0.hasPrefix("X-Forwarded-For arrived from a loopback address") }, health.body)
        XCTAssertEqual(intake.stop(), 0)
        let lines = intake.stderr.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains("X-Forwarded-For arrived") }.count, 1, intake.stderr)
        XCTAssertEqual(lines.filter { $0.contains("listens on a loopback address") }.count, 1, intake.stderr)
        XCTAssertFalse(intake.stderr.contains("203.0.113."), "no client address in the log")
    }
}
