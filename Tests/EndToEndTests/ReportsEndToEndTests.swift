import Foundation
import Model
import Store
import TestSupport
import XCTest

final class ReportsEndToEndTests: XCTestCase {
    func json(_ site: TestSite, _ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(XCTUnwrap(site.directory.read(path)).utf8)) as! [String: Any]
    }

    func testImportIsIdempotentAndNamesBadLines() throws {
        let site = TestSite()
        site.directory.write(
            "reports.ndjson",
            """
            {"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":5}
            {"service":"chatapp","problem":"login","at":"2026-11-26T21:50:00Z","count":5}
            {"service":"nowhere","problem":"login","at":"2026-11-26T21:50:00Z"}
            {"service":"chatapp","problem":"login","at":"yesterday"}
            not json at all

            {"service":"mailbox","problem":"other","at":"2026-11-26T21:51:00Z"}
            """)
        let first = try Binary.run([
            "import-reports", "--root", site.root.path, site.root.appendingPathComponent("reports.ndjson").path,
        ])
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stdout.contains("6 lines, 3 imported, 0 already imported"), first.stdout)
        XCTAssertTrue(first.stdout.contains("3 bad"), first.stdout)
        XCTAssertTrue(first.stderr.contains("reports.ndjson:3: unknown service 'nowhere'"), first.stderr)
        XCTAssertTrue(first.stderr.contains("reports.ndjson:4: bad time 'yesterday'"), first.stderr)
        XCTAssertTrue(first.stderr.contains("reports.ndjson:5: "), first.stderr)
        let second = try Binary.run([
            "import-reports", "--root", site.root.path, site.root.appendingPathComponent("reports.ndjson").path,
        ])
        XCTAssertTrue(second.stdout.contains("0 imported, 3 already imported"), second.stdout)
        let database = try DowntrackDatabase(path: site.databasePath)
        let counts = try database.bucketCounts(
            from: Timestamp(iso8601: "2026-11-26T21:00:00Z")!, to: Timestamp(iso8601: "2026-11-26T23:00:00Z")!)
        XCTAssertEqual(counts["chatapp"]?.values.reduce(0, +), 10)
        XCTAssertEqual(counts["mailbox"]?.values.reduce(0, +), 1)
    }

    func testAccessLogBeaconCountsOneClientOncePerWindow() throws {
        let site = TestSite()
        site.directory.write(
            "access.log",
            """
            203.0.113.5 - - [26/Nov/2026:21:50:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "Mozilla/5.0"
            203.0.113.5 - - [26/Nov/2026:21:52:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "Mozilla/5.0"
            203.0.113.6 - - [26/Nov/2026:22:52:00 +0100] "GET /r/chatapp/messages?x=1 HTTP/2.0" 204 0 "-" "curl"
            203.0.113.5 - - [26/Nov/2026:22:10:00 +0000] "GET /r/chatapp/login HTTP/1.1" 204 0 "-" "Mozilla/5.0"
            203.0.113.7 - - [26/Nov/2026:21:50:00 +0000] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"
            203.0.113.8 - - [26/Nov/2026:21:50:00 +0000] "GET /r/chatapp/login HTTP/1.1" 404 0 "-" "Mozilla/5.0"
            """)
        let result = try Binary.run([
            "import-reports", "--root", site.root.path, site.root.appendingPathComponent("access.log").path,
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("3 imported"), result.stdout)
        XCTAssertTrue(result.stdout.contains("1 over the once-per-15-minutes limit"), result.stdout)
        XCTAssertTrue(result.stdout.contains("2 bad"), result.stdout)
        let database = try DowntrackDatabase(path: site.databasePath)
        let raw = try database.pool.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT client_key FROM report")
        }
        XCTAssertEqual(raw.count, 2)
        XCTAssertFalse(raw.contains { $0.contains("203.0.113") }, "raw addresses must never be stored")
        let minutes = try database.minuteCounts(
            from: Timestamp(iso8601: "2026-11-26T21:00:00Z")!, to: Timestamp(iso8601: "2026-11-26T23:00:00Z")!)
        XCTAssertEqual(minutes["chatapp"]?[Timestamp(iso8601: "2026-11-26T21:52:00Z")!.seconds], 1)
    }

    func testSpikeGoesToOutageOnPagesAndBackToOkAfterwards() throws {
        let site = TestSite()
        let root = site.root.path
        // A quiet service with a few reports a day for two weeks …
        var lines: [String] = []
        for day in 1...14 {
            for hour in [3, 9, 15, 20] {
                lines.append(
                    #"{"service":"chatapp","problem":"login","at":"2026-11-\#(String(format: "%02d", day))T\#(String(format: "%02d", hour)):10:00Z","count":1}"#
                )
            }
        }
        // … then a burst on the 26th at 21:46-22:00.
        for minute in 46...59 {
            lines.append(#"{"service":"chatapp","problem":"messages","at":"2026-11-26T21:\#(minute):00Z","count":25}"#)
        }
        site.directory.write("spike.ndjson", lines.joined(separator: "\n"))
        XCTAssertEqual(
            try Binary.run(["import-reports", "--root", root, site.root.appendingPathComponent("spike.ndjson").path])
                .status, 0)
        for minute in 57...59 {
            let collect = try Binary.run([
                "collect", "--root", root, "--offline", "--now", "2026-11-26T21:\(minute):30Z",
            ])
            XCTAssertEqual(collect.status, 0, collect.stderr)
        }
        let build = try Binary.run(["build", "--root", root, "--now", "2026-11-26T21:59:30Z"])
        XCTAssertEqual(build.status, 0, build.stderr)
        let document = try json(site, "output/api/v1/services/chatapp.json")
        XCTAssertEqual(document["state"] as? String, "outage", "\(document["state_reason"] ?? "")")
        let reason = try XCTUnwrap(document["state_reason"] as? String)
        // The reason is the one given when the outage began (21:48, two complete minutes in).
        XCTAssertTrue(reason.contains("50 reports in the last 5 minutes"), reason)
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("Problems detected"))
        XCTAssertTrue(page.contains(HTMLText.escape(reason)))
        // The burst is over: after a calm stretch the state returns to ok.
        for minute in stride(from: 0, through: 59, by: 1) {
            let time = "2026-11-26T22:\(String(format: "%02d", minute)):30Z"
            XCTAssertEqual(try Binary.run(["collect", "--root", root, "--offline", "--now", time]).status, 0)
        }
        XCTAssertEqual(try Binary.run(["build", "--root", root, "--now", "2026-11-26T22:59:30Z"]).status, 0)
        let after = try json(site, "output/api/v1/services/chatapp.json")
        XCTAssertEqual(after["state"] as? String, "ok", "\(after["state_reason"] ?? "")")
        let feed = try XCTUnwrap(site.directory.read("output/services/chatapp/feed.xml"))
        XCTAssertTrue(feed.contains("Problems detected"))
        XCTAssertTrue(feed.contains("No problems reported"))
    }
}

/// The HTML escaping the templates apply to `{{…}}` values.
enum HTMLText {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
