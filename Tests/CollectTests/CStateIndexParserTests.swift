import Foundation
import Model
import XCTest

@testable import Collect

/// cState's `index.json`: the Tor Project's answer kept in a wallet's test suite, and synthetic
/// cases (see Tests/Fixtures/status-pages/SOURCES.md).
final class CStateIndexParserTests: XCTestCase {
    func testTorProjectSystemsAreOkWhileTheSummarySaysDisrupted() throws {
        let status = try CStateIndexParser.parse(
            Fixture.bytes("cstate/torproject-index.json"), url: "https://status.torproject.org/index.json")
        XCTAssertEqual(status.components.count, 15)
        XCTAssertEqual(status.components.first?.name, "v3 Onion Services")
        XCTAssertEqual(status.components.last?.name, "DNS")
        XCTAssertTrue(status.components.allSatisfy { $0.status == .operational && $0.rawStatus == "ok" })
        XCTAssertEqual(status.components.first?.group, "Tor Network")
        XCTAssertEqual(status.components[1].group, "Deprecated", "v2 Onion Services")
        XCTAssertEqual(status.components.last?.group, "Internal systems")
        XCTAssertTrue(status.incidents.isEmpty)
        // The site's own summary, written at build time, is kept and counts.
        XCTAssertEqual(status.rawIndicator, "disrupted")
        XCTAssertEqual(status.indicator, .major)
    }

    func testDownAndNotice() throws {
        let status = try CStateIndexParser.parse(
            Fixture.bytes("cstate/synthetic-down-and-notice.json"),
            url: "https://status.example-hosting.test/index.json")
        XCTAssertEqual(status.components.map(\.name), ["Web hosting", "Databases", "Login", "Billing"])
        XCTAssertEqual(status.components.map(\.status), [.majorOutage, .majorOutage, .operational, .operational])
        XCTAssertEqual(status.components[2].rawStatus, "notice")
        XCTAssertEqual(status.components.map(\.group), ["Hosting", "Hosting", "Accounts", "Accounts"])
        // The Frankfurt issue is listed under two systems but is one incident.
        XCTAssertEqual(
            status.incidents.map(\.title), ["Web hosting unreachable in Frankfurt", "Password resets send mail slowly"])
        XCTAssertEqual(status.incidents.map(\.status), [.investigating, .investigating])
        XCTAssertEqual(status.incidents.map(\.impact), [.critical, .minor])
        XCTAssertEqual(status.incidents[0].startedAt, Timestamp(iso8601: "2026-06-01T07:30:00Z"))
        XCTAssertEqual(status.incidents[0].updatedAt, Timestamp(iso8601: "2026-06-01T07:45:12Z"))
        XCTAssertEqual(
            status.incidents[1].url, "https://status.example-hosting.test/issues/2026-05-31-password-resets/",
            "a relative permalink is resolved against the document")
        XCTAssertEqual(status.rawIndicator, "down")
        XCTAssertEqual(status.indicator, .critical)
    }

    func testBrokenAndForeignDocumentsAreRefusedWithReasons() throws {
        XCTAssertThrowsError(try CStateIndexParser.parse(Fixture.bytes("cstate/synthetic-truncated.json"))) {
            guard case .notJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try CStateIndexParser.parse(Array(#"{"is":"index"}"#.utf8))) {
            guard case .unexpectedJSON = $0 as? StatusParseError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try CStateIndexParser.parse(Array(#"{"summaryStatus":"ok","systems":{}}"#.utf8)))
    }

    func testDetectionByContent() throws {
        for path in ["cstate/torproject-index.json", "cstate/synthetic-down-and-notice.json"] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(path)))
            XCTAssertTrue(CStateIndexParser.matches(json), path)
        }
        for other in [
            "statuspage/instructure-summary.json", "cachet/yoti-docs-components.json", "instatus/synthetic-all-up.json",
            "incident-io/neon-docs-summary-all-operational.json", "slack/synthetic-all-ok.json",
        ] {
            let json = try JSONSerialization.jsonObject(with: Data(Fixture.bytes(other)))
            XCTAssertFalse(CStateIndexParser.matches(json), other)
        }
        XCTAssertEqual(StatusSourceKind(rawValue: "cstate"), .cstate)
    }
}
