import Foundation
import TestSupport
import XCTest

final class CORSTests: XCTestCase {
    var harness: IntakeHarness!

    override func setUp() async throws { harness = try await IntakeHarness() }
    override func tearDown() async throws { await harness.stop() }

    private let body = #"{"service":"chatapp","problem":"login"}"#

    func testTheSiteOriginIsAllowedAndEchoed() async throws {
        let reply = try await harness.post(
            "/api/v1/reports", json: body, headers: [("Origin", "https://status.example.org")])
        XCTAssertEqual(reply.status, 202)
        XCTAssertEqual(reply.headers["access-control-allow-origin"], "https://status.example.org")
        XCTAssertEqual(reply.headers["vary"], "Origin")
        XCTAssertEqual(reply.headers["access-control-expose-headers"], "Retry-After")
    }

    func testThePageOfTheSameHostIsAllowed() async throws {
        let origin = "http://127.0.0.1:\(harness.port)"
        let reply = try await harness.post("/api/v1/reports", json: body, headers: [("Origin", origin)])
        XCTAssertEqual(reply.status, 202)
        XCTAssertEqual(reply.headers["access-control-allow-origin"], origin)
    }

    func testAForeignOriginIsRefusedWithoutCORSHeaders() async throws {
        let reply = try await harness.post("/api/v1/reports", json: body, headers: [("Origin", "https://evil.example")])
        XCTAssertEqual(reply.status, 403)
        XCTAssertNil(reply.headers["access-control-allow-origin"])
        XCTAssertTrue((reply.json["error"] as? String ?? "").contains("https://evil.example"))
        XCTAssertEqual(try harness.storedReports().count, 0)
    }

    func testNoOriginMeansNoCORSHeaders() async throws {
        let reply = try await harness.post("/api/v1/reports", json: body)
        XCTAssertEqual(reply.status, 202)
        XCTAssertNil(reply.headers["access-control-allow-origin"])
    }

    func testPreflightFromTheSiteOriginIsAnswered() async throws {
        for path in ["/api/v1/reports", "/api/v1/subscriptions"] {
            let reply = try await RawHTTP.sendAsync(
                port: harness.port, method: "OPTIONS", path: path,
                headers: [
                    ("Origin", "https://status.example.org"), ("Access-Control-Request-Method", "POST"),
                    ("Access-Control-Request-Headers", "content-type"),
                ])
            XCTAssertEqual(reply.status, 204, path)
            XCTAssertEqual(reply.headers["access-control-allow-origin"], "https://status.example.org")
            XCTAssertEqual(reply.headers["access-control-allow-methods"], "POST, OPTIONS")
            XCTAssertEqual(reply.headers["access-control-allow-headers"], "Content-Type, Accept")
            XCTAssertEqual(reply.headers["access-control-max-age"], "86400")
        }
    }

    func testPreflightFromAForeignOriginIsRefused() async throws {
        let reply = try await RawHTTP.sendAsync(
            port: harness.port, method: "OPTIONS", path: "/api/v1/reports",
            headers: [("Origin", "https://evil.example"), ("Access-Control-Request-Method", "POST")])
        XCTAssertEqual(reply.status, 403)
        XCTAssertNil(reply.headers["access-control-allow-origin"])
        XCTAssertNil(reply.headers["access-control-allow-methods"])
    }
}
