import Foundation
import TestSupport
import XCTest

/// A source that fails is reported once per run: one line naming the service, the URL and the
/// reason, then the summary that counts it.
final class FailedSourceOnceTests: XCTestCase {
    private var server: FolderHTTPServer?
    private var port = 0
    private let folder = TemporaryDirectory(prefix: "downtrack-failing-source")

    override func setUpWithError() throws {
        folder.write("index.html", "<html><body>nothing here</body></html>")
        let started = try FolderHTTPServer(serving: folder.url)
        server = started
        port = started.port
    }

    override func tearDown() {
        server?.stop()
    }

    func testAFailedSourceIsReportedOnceByCollectAndRun() throws {
        let url = "http://127.0.0.1:\(port)/missing.json"
        for command in ["collect", "run"] {
            let site = TestSite(services: [
                "broken": """
                ---
                name: Broken
                category: Developer Tools
                status_sources:
                  - {kind: statuspage, url: "\(url)"}
                ---
                Broken.
                """
            ])
            let result = try Binary.run([command, "--root", site.root.path, "--now", "2026-11-26T22:00:00Z"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let output = result.stdout + result.stderr
            let lines = output.split(separator: "\n").filter { $0.contains("missing.json") }
            XCTAssertEqual(lines.count, 1, "\(command):\n\(output)")
            XCTAssertTrue(lines.first?.hasPrefix("collect: broken: \(url): ") == true, "\(command): \(lines)")
            XCTAssertTrue(lines.first?.contains("404") == true, "the reason is given: \(lines)")
            XCTAssertTrue(result.stdout.contains("1 failed"), result.stdout)
        }
    }
}
