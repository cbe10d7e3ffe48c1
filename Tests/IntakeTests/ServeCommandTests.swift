import Foundation
import TestSupport
import XCTest

/// `downtrack serve` runs the intake routes beside the static files, so a built page's
/// buttons work locally.
final class ServeCommandTests: XCTestCase {
    func testTheBuiltPageAndItsFormsWorkThroughServe() async throws {
        let site = TestSite()
        let build = try Binary.run(["build", "--root", site.root.path])
        XCTAssertEqual(build.status, 0, build.stderr)
        let serve = try ChildProcess.downtrack(["serve", "--root", site.root.path, "--port", "0"])
        defer { serve.stop(signal: SIGKILL) }
        let port = try serve.waitForNumber(after: "serve: http://127.0.0.1:")

        let page = try await RawHTTP.sendAsync(port: port, method: "GET", path: "/services/chatapp/")
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains(#"action="/api/v1/reports""#), "the page's report form posts to the intake")
        XCTAssertTrue(page.body.contains(#"action="/api/v1/subscriptions""#))

        let report = try await RawHTTP.sendAsync(
            port: port, method: "POST", path: "/api/v1/reports",
            headers: [
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Referer", "http://127.0.0.1:\(port)/services/chatapp/"),
            ],
            body: "service=chatapp&problem=login")
        XCTAssertEqual(report.status, 202, report.body)
        XCTAssertTrue(report.body.contains(#"href="http://127.0.0.1:\#(port)/services/chatapp/""#), report.body)
        let health = try await RawHTTP.sendAsync(port: port, method: "GET", path: "/healthz")
        XCTAssertEqual(health.status, 200)
        XCTAssertEqual(serve.stop(), 0)
        XCTAssertTrue(serve.stdout.contains("serve: stopped"), serve.stdout)
    }
}
