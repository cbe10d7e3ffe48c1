import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

final class SiteGeneratorTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func build(_ site: TestSite, database: DowntrackDatabase, now: Timestamp? = nil, full: Bool = false) throws
        -> BuildSummary
    {
        let configuration = try ConfigurationLoader.load(root: site.root)
        return try SiteGenerator(configuration: configuration, database: database)
            .build(BuildOptions(root: site.root, output: site.output, now: now ?? self.now, full: full))
    }

    func testTinySiteIsBuiltWithEveryFileOfTheLayout() throws {
        let site = TestSite()
        let db = TestDatabase()
        let summary = try build(site, database: db.database)
        let files = site.outputFiles()
        for path in [
            "index.html", "404.html", "robots.txt", "sitemap.xml", "feed.xml", "methodology/index.html",
            "api/v1/summary.json", "categories/messaging/index.html", "categories/gaming/index.html",
            "services/chatapp/index.html", "services/chatapp/feed.xml", "api/v1/services/chatapp.json",
            "badges/chatapp.svg", "services/mailbox/index.html", "services/gamehub/index.html",
        ] {
            XCTAssertNotNil(files[path], "missing \(path)")
        }
        XCTAssertEqual(files.keys.filter { $0.hasPrefix("assets/site.") && $0.hasSuffix(".css") }.count, 1)
        XCTAssertEqual(summary.written, files.count)
        XCTAssertEqual(summary.servicesRendered, 3)
    }

    func testNamesAreEscapedAndMarkdownRendered() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("Chat &lt;App&gt; &amp; &quot;Friends&quot;"))
        XCTAssertFalse(page.contains("Chat <App>"))
        XCTAssertTrue(page.contains("<table>"))
        XCTAssertTrue(page.contains("<th align=\"left\">Part</th>"))
        XCTAssertTrue(page.contains("<em>messaging</em>"))
        XCTAssertTrue(page.contains("ünïcödé"))
        XCTAssertTrue(page.contains("<strong>live</strong>"))
        XCTAssertTrue(page.contains("action=\"/api/v1/reports\""))
        XCTAssertTrue(page.contains("value=\"messages\""))
        XCTAssertTrue(page.contains("\"@type\":\"FAQPage\""))
    }

    func testEmptyDatabaseSaysNoDataInsteadOfGreen() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        let page = try XCTUnwrap(site.directory.read("output/services/mailbox/index.html"))
        XCTAssertTrue(page.contains("Not enough data"))
        XCTAssertFalse(page.contains("No problems reported</span>"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(site.directory.read("output/api/v1/services/mailbox.json")!.utf8)) as! [String: Any]
        XCTAssertEqual(json["state"] as? String, "unknown")
        let reports = json["reports"] as! [String: Any]
        XCTAssertEqual((reports["series"] as! [Any]).count, 96)
    }

    func testStateFromDatabaseIsShownWithReason() throws {
        let site = TestSite()
        let db = TestDatabase()
        try db.database.record([
            ReportRecord(slug: "chatapp", problem: "login", at: now.adding(seconds: -120), count: 312, source: "cli")
        ])
        try db.database.apply(
            [
                StateUpdate(
                    slug: "chatapp", state: .outage, reason: "312 reports in 15 minutes against 11 expected",
                    memory: nil)
            ], at: now)
        _ = try build(site, database: db.database)
        let page = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(page.contains("Problems detected"))
        XCTAssertTrue(page.contains("312 reports in 15 minutes against 11 expected"))
        let json =
            try JSONSerialization.jsonObject(
                with: Data(site.directory.read("output/api/v1/services/chatapp.json")!.utf8)) as! [String: Any]
        XCTAssertEqual(json["state"] as? String, "outage")
        let reports = json["reports"] as! [String: Any]
        XCTAssertEqual(reports["last_24h"] as? Int, 312)
        XCTAssertEqual((reports["problems"] as! [[String: Any]]).first?["title"] as? String, "Login & sign-in")
        let feed = try XCTUnwrap(site.directory.read("output/feed.xml"))
        XCTAssertTrue(feed.contains("Problems detected"))
        let home = try XCTUnwrap(site.directory.read("output/index.html"))
        XCTAssertTrue(home.contains("Problems right now"))
    }

    func testUnchangedFilesKeepTheirModificationTime() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        let before = try XCTUnwrap(site.modified("services/gamehub/index.html"))
        Thread.sleep(forTimeInterval: 1.1)
        let second = try build(site, database: db.database)
        XCTAssertEqual(second.written, 0)
        XCTAssertEqual(second.servicesSkipped, 3)
        XCTAssertEqual(site.modified("services/gamehub/index.html"), before)
        // A change to one service rewrites only what depends on it.
        site.directory.write("content/services/gamehub.md", "---\nname: GameHub\ncategory: Gaming\n---\nNew text.\n")
        let third = try build(site, database: db.database)
        XCTAssertEqual(third.servicesRendered, 1)
        XCTAssertNotEqual(site.modified("services/gamehub/index.html"), before)
        XCTAssertTrue(site.directory.read("output/services/gamehub/index.html")!.contains("New text."))
    }

    func testFilesThatNoLongerBelongAreRemoved() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        site.directory.write("output/stray.html", "old")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/services/gamehub.md"))
        let summary = try build(site, database: db.database)
        XCTAssertFalse(site.directory.exists("output/services/gamehub/index.html"))
        XCTAssertFalse(site.directory.exists("output/badges/gamehub.svg"))
        XCTAssertTrue(site.directory.exists("output/stray.html"), "a file no build wrote is the operator's")
        XCTAssertFalse(site.directory.exists("output/categories/gaming/index.html"))
        XCTAssertGreaterThanOrEqual(summary.removed, 5)
    }

    func testSameInputsGiveByteIdenticalOutput() throws {
        let first = TestSite()
        let second = TestSite()
        let db1 = TestDatabase()
        let db2 = TestDatabase()
        for db in [db1, db2] {
            try db.database.record([
                ReportRecord(slug: "mailbox", problem: "login", at: now.adding(seconds: -4000), count: 3, source: "cli")
            ])
        }
        _ = try build(first, database: db1.database)
        _ = try build(second, database: db2.database, full: true)
        XCTAssertEqual(first.outputFiles(), second.outputFiles())
    }

    func testFailedBuildLeavesPreviousOutputIntact() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        let before = site.outputFiles()
        site.directory.write(
            "content/services/mailbox.md", "---\nname: Mailbox\ncategory: Messaging\nrelated: [ghost]\n---\n")
        site.directory.write("content/services/gamehub.md", "---\nname: GameHub 2\ncategory: Gaming\n---\n")
        XCTAssertThrowsError(try build(site, database: db.database)) { error in
            XCTAssertEqual(
                "\(error)",
                "content/services/mailbox.md:4: related service 'ghost' does not exist (no content/services/ghost.md)")
        }
        XCTAssertEqual(site.outputFiles(), before)
    }

    func testTemplateErrorNamesFileAndLineAndLeavesOutputIntact() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        let before = site.outputFiles()
        site.directory.write("templates/404.mustache", "<p>\n{{#open}}\nnever closed\n")
        XCTAssertThrowsError(try build(site, database: db.database)) { error in
            XCTAssertTrue("\(error)".hasPrefix("templates/404.mustache:"), "\(error)")
        }
        XCTAssertEqual(site.outputFiles(), before)
    }

    func testLeftoversOfAKilledBuildAreCleanedAndTheJobCompleted() throws {
        let site = TestSite()
        let db = TestDatabase()
        // A build killed before its manifest was saved: staging leftovers, some files missing.
        let staging = site.root.appendingPathComponent(".output.staging")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("half".utf8).write(to: staging.appendingPathComponent("7.tmp"))
        _ = try build(site, database: db.database)
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("services/mailbox/index.html"))
        let summary = try build(site, database: db.database)
        XCTAssertTrue(site.directory.exists("output/services/mailbox/index.html"))
        XCTAssertEqual(summary.servicesRendered, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging.path))
    }

    func testServiceFromTheCacheIsRenderedWithItsBodyWhenItsDataChanges() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, database: db.database)
        try db.database.record([
            ReportRecord(slug: "mailbox", problem: "login", at: now.adding(seconds: -60), count: 2, source: "cli")
        ])
        let summary = try build(site, database: db.database)
        XCTAssertEqual(summary.servicesRendered, 1)
        let page = try XCTUnwrap(site.directory.read("output/services/mailbox/index.html"))
        XCTAssertTrue(page.contains("Mail for everyone."))
        let chat = try XCTUnwrap(site.directory.read("output/services/chatapp/index.html"))
        XCTAssertTrue(chat.contains("Is Chat App down?"))
    }
}
