import Foundation
import Model
import TestSupport
import XCTest

@testable import Intake

final class ReportEndpointTests: XCTestCase {
    var harness: IntakeHarness!

    override func setUp() async throws { harness = try await IntakeHarness() }
    override func tearDown() async throws { await harness.stop() }

    func testJSONReportIsAcceptedAndStoredWithAClientKeyNotTheAddress() async throws {
        let reply = try await harness.post("/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#)
        XCTAssertEqual(reply.status, 202)
        XCTAssertEqual(reply.body, #"{"accepted":true}"#)
        XCTAssertEqual(reply.headers["content-type"], "application/json")
        let rows = try harness.storedReports()
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows.first?.slug, "chatapp")
        XCTAssertEqual(rows.first?.problem, "login")
        XCTAssertEqual(rows.first?.source, "web")
        XCTAssertEqual(rows.first?.clientKey, harness.clientKey("127.0.0.1"))
        let file = try String(contentsOfFile: harness.database.path, encoding: .isoLatin1)
        XCTAssertFalse(file.contains("127.0.0.1"), "the raw address must never be stored")
    }

    func testFormPostGetsAThanksPageLinkingBackToTheRefererOnTheSite() async throws {
        let reply = try await harness.post(
            "/api/v1/reports", form: "service=chatapp&problem=messages",
            headers: [("Referer", "https://status.example.org/services/chatapp/")])
        XCTAssertEqual(reply.status, 202)
        XCTAssertEqual(reply.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertTrue(reply.body.contains("Messages not sending"), reply.body)
        XCTAssertTrue(reply.body.contains(#"href="https://status.example.org/services/chatapp/""#), reply.body)
        XCTAssertEqual(try harness.storedReports().count, 1)
    }

    func testFormPostFromAForeignRefererLinksToTheServicePageInstead() async throws {
        let reply = try await harness.post(
            "/api/v1/reports", form: "service=chatapp&problem=login", headers: [("Referer", "https://evil.example/x")])
        XCTAssertEqual(reply.status, 202)
        XCTAssertFalse(reply.body.contains("evil.example"))
        XCTAssertTrue(reply.body.contains("https://status.example.org/services/chatapp/"))
    }

    func testFormPostAskingForJSONGetsJSON() async throws {
        let reply = try await harness.post(
            "/api/v1/reports", form: "service=chatapp&problem=login", headers: [("Accept", "application/json")])
        XCTAssertEqual(reply.status, 202)
        XCTAssertEqual(reply.json["accepted"] as? Bool, true)
    }

    func testUnknownServiceOrProblemOrBadBodyIs400WithAMessage() async throws {
        let cases: [(String, String)] = [
            (#"{"service":"nope","problem":"login"}"#, "unknown service 'nope'"),
            (#"{"service":"chatapp","problem":"nope"}"#, "unknown problem 'nope' for chatapp"),
            (#"{"service":"chatapp""#, "not valid JSON"),
            (#"["chatapp"]"#, "must be a JSON object"),
            (#"{"service":"chatapp"}"#, "missing field 'problem'"),
            (#"{"service":"chatapp","problem":5}"#, "'problem' must be a string"),
        ]
        for (body, message) in cases {
            let reply = try await harness.post("/api/v1/reports", json: body)
            XCTAssertEqual(reply.status, 400, body)
            let error = reply.json["error"] as? String ?? ""
            XCTAssertTrue(error.contains(message), "\(body): \(error)")
        }
        XCTAssertEqual(try harness.storedReports().count, 0)
    }

    func testBodyOverFourKilobytesIs413ByContentLengthAndWhileReading() async throws {
        let big = #"{"service":"chatapp","problem":"login","padding":""# + String(repeating: "x", count: 5000) + #""}"#
        let declared = try await harness.post("/api/v1/reports", json: big)
        XCTAssertEqual(declared.status, 413)
        XCTAssertTrue((declared.json["error"] as? String ?? "").contains("4096 bytes"))
        // No Content-Length: the limit holds while the chunks arrive.
        let port = harness.port
        let chunked = try await RawHTTP.sendAsync(
            port: port, method: "POST", path: "/api/v1/reports", headers: [("Content-Type", "application/json")],
            body: big,
            chunked: true)
        XCTAssertEqual(chunked.status, 413)
        // Exactly at the limit is fine.
        let head = #"{"service":"chatapp","problem":"login","pad":""#
        let atLimit = head + String(repeating: "y", count: 4096 - head.utf8.count - 2) + #""}"#
        XCTAssertEqual(atLimit.utf8.count, 4096)
        let fine = try await harness.post("/api/v1/reports", json: atLimit)
        XCTAssertEqual(fine.status, 202, fine.body)
    }

    func testSecondReportOfAServiceWithinTheWindowIs429WithRetryAfter() async throws {
        let first = try await harness.post("/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#)
        XCTAssertEqual(first.status, 202)
        harness.clock.advance(seconds: 600)
        let second = try await harness.post("/api/v1/reports", json: #"{"service":"chatapp","problem":"messages"}"#)
        XCTAssertEqual(second.status, 429)
        XCTAssertEqual(second.headers["retry-after"], "300")
        XCTAssertTrue((second.json["error"] as? String ?? "").contains("already reported Chat App"))
        // Another service is another matter.
        let other = try await harness.post("/api/v1/reports", json: #"{"service":"mailbox","problem":"login"}"#)
        XCTAssertEqual(other.status, 202)
        // After the window the client counts again.
        harness.clock.advance(seconds: 300)
        let later = try await harness.post("/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#)
        XCTAssertEqual(later.status, 202)
        XCTAssertEqual(try harness.storedReports().count, 3)
    }

    func testTheWindowSurvivesARestart() async throws {
        let first = try await harness.post("/api/v1/reports", json: #"{"service":"chatapp","problem":"login"}"#)
        XCTAssertEqual(first.status, 202)
        await harness.stop()
        // A new server on the same database remembers the report.
        let again = try IntakeServer(
            settings: harness.server.settings, services: IntakeHarness.services, database: harness.database.database,
            clientSecret: IntakeHarness.clientSecret, tokenSecret: "t", transport: harness.mail.transport,
            clock: harness.clock.clock)
        XCTAssertNotNil(
            again.reports.window.admit(
                clientKey: harness.clientKey("127.0.0.1"), slug: "chatapp", at: harness.clock.now))
        harness = try await IntakeHarness()
    }

    func testHealthz() async throws {
        let reply = try await harness.get("/healthz")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.json["status"] as? String, "ok")
    }
}
