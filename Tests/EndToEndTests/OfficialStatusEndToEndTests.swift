import Foundation
import TestSupport
import XCTest

/// `collect` against real documents served from 127.0.0.1, then `build`: what the page and
/// JSON say about the official status.
final class OfficialStatusEndToEndTests: XCTestCase {
    var server: FolderHTTPServer?
    var port = 0

    override func setUpWithError() throws {
        let started = try FolderHTTPServer(serving: PackageRoot.fixtures.appendingPathComponent("status-pages"))
        server = started
        port = started.port
    }

    override func tearDown() {
        server?.stop()
    }

    func testOfficialStatusIsCollectedAndShownAndFailuresAreRecorded() throws {
        var services = TestSite.services
        services["hub"] = """
            ---
            name: Hub
            category: Developer Tools
            status_sources:
              - {kind: statuspage, url: "http://127.0.0.1:\(port)/statuspage/githubstatus-components-partial-outage.json"}
            ---
            Code hosting.
            """
        services["edu"] = """
            ---
            name: Edu
            category: Developer Tools
            status_sources:
              - {kind: auto, url: "http://127.0.0.1:\(port)/statuspage/instructure-summary.json"}
            ---
            Learning.
            """
        services["cov"] = """
            ---
            name: Cov
            category: Developer Tools
            status_sources:
              - {kind: atom, url: "http://127.0.0.1:\(port)/statuspage/codecov-history.atom"}
              - {kind: rss, url: "http://127.0.0.1:1/closed-port.rss"}
            ---
            Coverage.
            """
        let site = TestSite(services: services)
        let root = site.root.path
        let collect = try Binary.run(["collect", "--root", root, "--now", "2026-11-26T22:00:00Z"])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stdout.contains("5 sources checked"), collect.stdout)  // chatapp's unreachable one too
        XCTAssertTrue(collect.stdout.contains("2 failed"), collect.stdout)
        XCTAssertTrue(collect.stderr.contains("closed-port.rss"), collect.stderr)
        XCTAssertEqual(try Binary.run(["build", "--root", root, "--now", "2026-11-26T22:00:00Z"]).status, 0)

        let hub =
            try JSONSerialization.jsonObject(
                with: Data(XCTUnwrap(site.directory.read("output/api/v1/services/hub.json")).utf8)) as! [String: Any]
        let official = try XCTUnwrap(hub["official"] as? [String: Any])
        XCTAssertEqual(official["indicator"] as? String, "minor")
        let components = try XCTUnwrap(official["components"] as? [[String: Any]])
        XCTAssertEqual(components.map { $0["name"] as? String }, ["GitHub Actions"])
        XCTAssertEqual(components.first?["status"] as? String, "partial_outage")
        XCTAssertEqual(official["checked_at"] as? String, "2026-11-26T22:00:00Z")
        // Official minor trouble makes the state at least "possible".
        XCTAssertEqual(hub["state"] as? String, "possible")

        let edu = try XCTUnwrap(site.directory.read("output/services/edu/index.html"))
        XCTAssertTrue(
            edu.contains("Amazon Web Services (AWS) is currently experiencing an outage"), "open incident missing")
        XCTAssertTrue(edu.contains("identified"))
        XCTAssertTrue(edu.contains("Partially Degraded Service"))

        let cov =
            try JSONSerialization.jsonObject(
                with: Data(XCTUnwrap(site.directory.read("output/api/v1/services/cov.json")).utf8)) as! [String: Any]
        XCTAssertEqual((cov["official"] as? [String: Any])?["indicator"] as? String, "none")

        // Forty minutes later nothing was read again: no stale green, the source shows unknown.
        XCTAssertEqual(
            try Binary.run(["collect", "--root", root, "--offline", "--now", "2026-11-26T22:40:00Z"]).status, 0)
        XCTAssertEqual(try Binary.run(["build", "--root", root, "--now", "2026-11-26T22:40:00Z"]).status, 0)
        let stale =
            try JSONSerialization.jsonObject(
                with: Data(XCTUnwrap(site.directory.read("output/api/v1/services/cov.json")).utf8)) as! [String: Any]
        XCTAssertEqual((stale["official"] as? [String: Any])?["indicator"] as? String, "unknown")
    }
}
