import Foundation
import Model
import Store
import TestSupport
import XCTest

/// `downtrack import-reports` on a file with numbers no calendar or counter can hold: the run
/// ends normally, names each bad line, and keeps the good ones.
final class ImportHostileLinesTests: XCTestCase {
    func testHugeNumbersAreBadLinesAndGoodLinesAreKept() throws {
        let site = TestSite()
        site.directory.write(
            "hostile.log",
            """
            203.0.113.5 - - [26/Nov/2026:21:50:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "UA"
            203.0.113.6 - - [01/Jan/99999999999:00:00:00 +9999] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "UA"
            203.0.113.7 - - [01/Jan/2026:99999999999999999999:00:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "UA"
            203.0.113.8 - - [01/Jan/999999999999999999:00:00:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "UA"
            {"service":"chatapp","problem":"login","at":"2026-11-26T21:51:00Z","count":99999999999999999999}
            {"service":"chatapp","problem":"login","at":"2026-11-26T21:51:00Z","count":1e308}
            {"service":"chatapp","problem":"login","at":"9999-12-31T23:59:59-99:99","count":1}
            {"service":"chatapp","problem":"messages","at":"2026-11-26T21:52:00Z","count":3}
            """)
        let file = site.root.appendingPathComponent("hostile.log").path
        let result = try Binary.run(["import-reports", "--root", site.root.path, file])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("8 lines, 2 imported"), result.stdout)
        XCTAssertTrue(result.stdout.contains("6 bad"), result.stdout)
        for number in 2...7 {
            XCTAssertTrue(result.stderr.contains("hostile.log:\(number): "), "line \(number): \(result.stderr)")
        }
        XCTAssertTrue(result.stderr.contains("hostile.log:2: bad time"), result.stderr)
        XCTAssertTrue(result.stderr.contains("hostile.log:5: 'count' must be a whole number"), result.stderr)
        let database = try DowntrackDatabase(path: site.databasePath)
        let counts = try database.bucketCounts(
            from: Timestamp(iso8601: "2026-11-26T21:00:00Z")!, to: Timestamp(iso8601: "2026-11-26T23:00:00Z")!)
        XCTAssertEqual(counts["chatapp"]?.values.reduce(0, +), 4)
    }

    func testWindowsLineEndingsAreLinesToo() throws {
        let site = TestSite()
        let lines = [
            #"{"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":2}"#,
            #"{"service":"chatapp","problem":"messages","at":"2026-11-26T21:51:00Z","count":3}"#,
            #"{"service":"mailbox","problem":"login","at":"2026-11-26T21:52:00Z"}"#,
        ]
        site.directory.write("crlf.ndjson", lines.joined(separator: "\r\n") + "\r\n")
        let result = try Binary.run([
            "import-reports", "--root", site.root.path, site.root.appendingPathComponent("crlf.ndjson").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("3 lines, 3 imported"), result.stdout)
        let database = try DowntrackDatabase(path: site.databasePath)
        let counts = try database.bucketCounts(
            from: Timestamp(iso8601: "2026-11-26T21:00:00Z")!, to: Timestamp(iso8601: "2026-11-26T23:00:00Z")!)
        XCTAssertEqual(counts["chatapp"]?.values.reduce(0, +), 5)
        XCTAssertEqual(counts["mailbox"]?.values.reduce(0, +), 1)
    }
}
