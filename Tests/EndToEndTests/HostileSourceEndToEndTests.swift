import Foundation
import GRDB
import TestSupport
import XCTest

/// `downtrack collect` with the real binary against hostile status sources served from
/// 127.0.0.1 by Python's `http.server`: one bad source never stops the run, links stay http(s),
/// redirects are followed correctly, and private addresses are refused unless allowed.
final class HostileSourceEndToEndTests: XCTestCase {
    private var server: FolderHTTPServer?
    private var port = 0
    private let folder = TemporaryDirectory(prefix: "downtrack-hostile-sources")
    private let now = "2026-11-26T22:00:00Z"

    override func setUpWithError() throws {
        folder.write(
            "huge-year.rss",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Bad dates</title>
            <lastBuildDate>Mon, 01 Jan 999999999999 00:00:00 GMT</lastBuildDate>
            <item><title>[Investigating] Year far away</title><pubDate>Mon, 01 Jan 999999999999 00:00:00 GMT</pubDate>
            <link>javascript:alert(document.domain)</link></item>
            </channel></rss>
            """)
        folder.write(
            "good.json",
            """
            {"page": {"id": "g", "name": "Good", "url": "javascript:alert(document.domain)//"},
             "status": {"indicator": "minor", "description": "Partial outage\\u001b]0;owned\\u0007"},
             "components": [{"id": "c", "name": "API\\u001b[31m", "status": "partial_outage"}],
             "incidents": [{"id": "inc1", "name": "Errors on the API\\u0000", "status": "investigating",
                            "impact": "minor", "shortlink": "javascript:alert(document.domain)"}]}
            """)
        folder.write("not-a-status.json", "PREVIEW-TOKEN-\u{1B}[2J this is no status document\n")
        folder.write(
            "inc/index.html",
            """
            <!DOCTYPE html><html><head><title>T</title></head><body>
            <div class="page-status status-major"><span class="status">Major Outage</span></div>
            <div data-component-status="major_outage"><span class="name">Web</span></div>
            </body></html>
            """)
        let started = try FolderHTTPServer(serving: folder.url)
        server = started
        port = started.port
    }

    override func tearDown() {
        server?.stop()
    }

    private func service(_ name: String, kind: String, path: String) -> String {
        """
        ---
        name: \(name)
        category: Developer Tools
        status_sources:
          - {kind: \(kind), url: "http://127.0.0.1:\(port)/\(path)"}
        ---
        \(name).
        """
    }

    private func site(allowPrivate: Bool) -> TestSite {
        TestSite(
            services: [
                "badfeed": service("Bad Feed", kind: "rss", path: "huge-year.rss"),
                "good": service("Good", kind: "statuspage", path: "good.json"),
                "junk": service("Junk", kind: "statuspage", path: "not-a-status.json"),
                "folder": service("Folder", kind: "auto", path: "inc"),
            ],
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                collect: {allow_private_addresses: \(allowPrivate)}
                """)
    }

    private func json(_ site: TestSite, _ slug: String) throws -> [String: Any] {
        let text = try XCTUnwrap(site.directory.read("output/api/v1/services/\(slug).json"), slug)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    private func storedErrors(_ site: TestSite) throws -> [String: String] {
        let database = try DatabaseQueue(path: site.databasePath)
        return try database.read { db in
            var errors: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT slug, last_error FROM official_source") {
                errors[row[0]] = row[1] ?? ""
            }
            return errors
        }
    }

    func testOneBadDateNeitherStopsTheRunNorHidesTheOtherSources() throws {
        let site = site(allowPrivate: true)
        let collect = try Binary.run(["collect", "--root", site.root.path, "--now", now])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stdout.contains("4 sources checked"), collect.stdout)
        XCTAssertTrue(collect.stdout.contains("1 failed"), collect.stdout + collect.stderr)
        XCTAssertFalse(collect.stderr.contains("\u{1B}"), "no terminal escape reaches the log")
        XCTAssertFalse(collect.stderr.contains("PREVIEW-TOKEN"), "the answer's bytes are not quoted")
        XCTAssertEqual(try Binary.run(["build", "--root", site.root.path, "--now", now]).status, 0)

        // The feed with the absurd year is read; the date is simply not a date.
        let badFeed = try XCTUnwrap(try json(site, "badfeed")["official"] as? [String: Any])
        XCTAssertEqual(badFeed["indicator"] as? String, "minor")
        // The good source is stored and shown, with its texts and links made inert.
        let good = try XCTUnwrap(try json(site, "good")["official"] as? [String: Any])
        XCTAssertEqual(good["indicator"] as? String, "minor")
        let page = try XCTUnwrap(site.directory.read("output/services/good/index.html"))
        XCTAssertTrue(page.contains("Errors on the API"))
        XCTAssertTrue(page.contains("http://127.0.0.1:\(port)/incidents/inc1"), "the link falls back to the site's own")
        for slug in ["good", "badfeed"] {
            let html = try XCTUnwrap(site.directory.read("output/services/\(slug)/index.html"))
            let data = try XCTUnwrap(site.directory.read("output/api/v1/services/\(slug).json"))
            for text in [html, data] {
                XCTAssertFalse(text.lowercased().contains("javascript:"), slug)
                XCTAssertFalse(text.contains("\u{1B}"), slug)
                XCTAssertFalse(text.contains("\\u001b"), slug)
            }
        }
        // The junk source failed with a reason in our words; none of its bytes are stored or published.
        let errors = try storedErrors(site)
        let junk = try XCTUnwrap(errors["junk"])
        XCTAssertTrue(junk.contains("plain text") || junk.contains("binary data"), junk)
        XCTAssertFalse(junk.contains("PREVIEW-TOKEN"), junk)
        XCTAssertFalse(try XCTUnwrap(site.directory.read("output/services/junk/index.html")).contains("PREVIEW-TOKEN"))
        // `/inc` answered `301 Location: /inc/`: followed to the slash, not looped.
        let folderStatus = try XCTUnwrap(try json(site, "folder")["official"] as? [String: Any])
        XCTAssertEqual(folderStatus["indicator"] as? String, "major", "\(errors)")
    }

    func testPrivateAddressesAreRefusedByDefault() throws {
        let site = site(allowPrivate: false)
        let collect = try Binary.run(["collect", "--root", site.root.path, "--now", now])
        XCTAssertEqual(collect.status, 0, collect.stderr)
        XCTAssertTrue(collect.stdout.contains("4 failed"), collect.stdout)
        let expected =
            "refused: 127.0.0.1 resolves to a loopback address (127.0.0.1); set collect.allow_private_addresses to allow it"
        XCTAssertTrue(collect.stderr.contains(expected), collect.stderr)
        for (slug, error) in try storedErrors(site) { XCTAssertEqual(error, expected, slug) }
    }
}
