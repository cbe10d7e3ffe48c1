import Foundation
import TestSupport
import XCTest

/// `check --online` fetches every official source once and names, by file and line, the ones
/// that cannot be read and those declared with a kind that does not match what they serve.
final class CheckOnlineTests: XCTestCase {
    private var server: FolderHTTPServer?
    private var base = ""

    override func setUpWithError() throws {
        let started = try FolderHTTPServer(serving: FixtureFiles.statusPageURL(""))
        server = started
        base = started.baseURL
    }

    override func tearDown() {
        server?.stop()
    }

    private func service(_ name: String, _ sources: [(kind: String, path: String)]) -> String {
        let lines = sources.map { "  - {kind: \($0.kind), url: \"\(base)/\($0.path)\"}" }.joined(separator: "\n")
        return "---\nname: \(name)\ncategory: Developer Tools\nstatus_sources:\n\(lines)\n---\n\(name).\n"
    }

    func testWrongKindsAndUnreadableSourcesAreNamedWithFileAndLine() throws {
        let site = TestSite(services: [
            "right": service(
                "Right",
                [
                    ("google-cloud", "google-cloud/incidents-2023-09-18.json"),
                    ("statuspage", "statuspage/githubstatus-components.json"),
                    ("atom", "statuspage/streamyard-history.rss"),
                    ("auto", "cstate/torproject-index.json"),
                ]),
            "wrong": service(
                "Wrong",
                [
                    ("rss", "google-cloud/incidents-2023-09-18.json"),
                    ("cachet", "statuspage/instructure-summary.json"),
                    ("statuspage", "instatus/synthetic-all-up.json"),
                ]),
            "gone": service("Gone", [("statuspage", "statuspage/missing.json")]),
        ])
        let result = try Binary.run(["check", "--root", site.root.path, "--online"])
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertFalse(lines.contains { $0.hasPrefix("content/services/right.md") }, result.stdout)
        let wrong = lines.filter { $0.hasPrefix("content/services/wrong.md:") }
        XCTAssertEqual(wrong.count, 3, result.stdout)
        XCTAssertTrue(
            wrong.contains { $0.hasPrefix("content/services/wrong.md:5: ") && $0.contains("use kind 'google-cloud'") },
            result.stdout)
        XCTAssertTrue(
            wrong.contains { $0.hasPrefix("content/services/wrong.md:6: ") && $0.contains("use kind 'statuspage'") },
            result.stdout)
        XCTAssertTrue(
            wrong.contains {
                $0.hasPrefix("content/services/wrong.md:7: ") && $0.contains("does not match")
                    && $0.contains("use kind 'instatus'")
            }, "a kind that reads another vendor's document is still wrong: \(result.stdout)")
        let gone = lines.filter { $0.hasPrefix("content/services/gone.md:5: ") }
        XCTAssertEqual(gone.count, 1, result.stdout)
        XCTAssertTrue(
            gone.first?.contains("cannot be read") == true && gone.first?.contains("404") == true, result.stdout)
        XCTAssertEqual(lines.last, "check: 4 problems found")
    }

    func testWithoutOnlineNothingIsFetched() throws {
        let site = TestSite(services: ["gone": service("Gone", [("statuspage", "statuspage/missing.json")])])
        let result = try Binary.run(["check", "--root", site.root.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(
            result.stdout.hasSuffix("check: 1 services, configuration and templates are fine\n"), result.stdout)
    }
}
