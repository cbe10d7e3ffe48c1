import Foundation
import TestSupport
import XCTest

/// `downtrack run` ends with the notify step and its one-line summary.
final class RunNotifiesTests: XCTestCase {
    func testRunEndsWithANotifySummary() throws {
        let site = TestSite()
        let run = try Binary.run(["run", "--root", site.root.path, "--offline", "--now", "2026-11-26T22:00:00Z"])
        XCTAssertEqual(run.status, 0, run.stderr)
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertTrue(last.hasPrefix("notify: "), run.stdout)
        XCTAssertTrue(last.contains("sent 0 mails, 0 webhooks"), last)
    }
}
