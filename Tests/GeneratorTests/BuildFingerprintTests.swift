import Content
import Foundation
import Model
import Store
import TestSupport
import XCTest

@testable import Generator

/// A build whose inputs equal the last complete build's stops at once; every change that
/// would alter the output makes the next build work.
final class BuildFingerprintTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    /// Builds `site`; `settled` trusts files however recently they changed (the tests write
    /// them moments before), the default waits as a real build does.
    func build(
        _ site: TestSite, _ db: TestDatabase, now: Timestamp? = nil, full: Bool = false, settled: Bool = true
    ) throws -> BuildSummary {
        let configuration = try ConfigurationLoader.load(root: site.root)
        var options = BuildOptions(root: site.root, output: site.output, now: now ?? self.now, full: full)
        if settled { options.settleNanoseconds = 0 }
        return try SiteGenerator(configuration: configuration, database: db.database).build(options)
    }

    /// Every output file's bytes and modification time.
    func snapshot(_ site: TestSite) -> [String: String] {
        site.outputFiles().reduce(into: [:]) { result, item in
            let time = site.modified(item.key)?.timeIntervalSince1970 ?? -1
            result[item.key] = "\(time)|\(StableHasher.digest(String(decoding: item.value, as: UTF8.self)))"
        }
    }

    func testANoChangeRebuildStopsAtTheFingerprintAndTouchesNothing() throws {
        let site = TestSite()
        let db = TestDatabase()
        let first = try build(site, db)
        XCTAssertFalse(first.nothingChanged)
        let before = snapshot(site)
        let second = try build(site, db)
        XCTAssertTrue(second.nothingChanged)
        XCTAssertEqual(second.written, 0)
        XCTAssertEqual(second.unchanged, first.written)
        XCTAssertEqual(second.servicesSkipped, 3)
        XCTAssertTrue(second.line.hasPrefix("build: 0 files written, \(first.written) unchanged"), second.line)
        XCTAssertTrue(second.line.hasSuffix("as of 2026-11-26T22:00:00Z: nothing changed"), second.line)
        XCTAssertEqual(snapshot(site), before)
    }

    func testEveryChangeThatAltersTheOutputIsBuilt() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, db)
        let changes: [(String, () throws -> Void, (TestSite) -> Bool)] = [
            (
                "a content file edited",
                {
                    site.directory.write(
                        "content/services/gamehub.md", "---\nname: GameHub\ncategory: Gaming\n---\nNew text.\n")
                },
                { $0.directory.read("output/services/gamehub/index.html")?.contains("New text.") == true }
            ),
            (
                "a content file added",
                {
                    site.directory.write(
                        "content/services/newcomer.md", "---\nname: Newcomer\ncategory: Gaming\n---\nHi.\n")
                },
                { $0.outputFiles()["services/newcomer/index.html"] != nil }
            ),
            (
                "a content file removed",
                {
                    try FileManager.default.removeItem(
                        at: site.root.appendingPathComponent("content/services/newcomer.md"))
                },
                { $0.outputFiles()["services/newcomer/index.html"] == nil }
            ),
            (
                "a template edited",
                { try self.append("<!-- template marker -->\n", to: site, "templates/service.mustache") },
                { $0.directory.read("output/services/gamehub/index.html")?.contains("template marker") == true }
            ),
            (
                "an asset edited",
                { try self.append("\n/* asset marker */\n", to: site, "templates/assets/site.css") },
                { site in
                    site.outputFiles().contains {
                        $0.key.hasPrefix("assets/site.")
                            && String(decoding: $0.value, as: UTF8.self).contains("asset marker")
                    }
                }
            ),
            (
                "the configuration edited",
                {
                    site.directory.write(
                        "downtrack.yml", "site: {title: Renamed Tracker, base_url: \"https://status.example.org\"}\n")
                },
                { $0.directory.read("output/index.html")?.contains("Renamed Tracker") == true }
            ),
            (
                "a report recorded",
                {
                    try db.database.record([
                        ReportRecord(
                            slug: "gamehub", problem: "login", at: self.now.adding(seconds: -120), count: 7,
                            source: "cli")
                    ])
                },
                { $0.directory.read("output/api/v1/services/gamehub.json")?.contains("\"last_24h\":7") == true }
            ),
            (
                "a collect run",
                {
                    _ = try db.database.apply(
                        [StateUpdate(slug: "gamehub", state: .outage, reason: "Many reports at once", memory: nil)],
                        at: self.now)
                    try db.database.recordCollect(asOf: self.now, startedAt: Date(), summary: "collect: test")
                },
                { $0.directory.read("output/services/gamehub/index.html")?.contains("Many reports at once") == true }
            ),
            (
                "the output folder removed",
                { try FileManager.default.removeItem(at: site.output) },
                { $0.outputFiles()["services/gamehub/index.html"] != nil }
            ),
            (
                "a service's folder removed from the output",
                { try FileManager.default.removeItem(at: site.output.appendingPathComponent("services/mailbox")) },
                { $0.outputFiles()["services/mailbox/index.html"] != nil }
            ),
        ]
        for (name, change, shows) in changes {
            XCTAssertTrue(try build(site, db).nothingChanged, "before: \(name)")
            try change()
            let after = try build(site, db)
            XCTAssertFalse(after.nothingChanged, name)
            XCTAssertTrue(shows(site), name)
        }
        XCTAssertTrue(try build(site, db).nothingChanged)
        // Another as-of time is another site; --full always builds.
        XCTAssertFalse(try build(site, db, now: now.adding(seconds: 60)).nothingChanged)
        let full = try build(site, db, now: now.adding(seconds: 60), full: true)
        XCTAssertFalse(full.nothingChanged)
        XCTAssertEqual(full.servicesRendered, 3)
    }

    func testAnInPlaceEditThatKeepsSizeAndModificationTimeIsSeen() throws {
        let site = TestSite()
        let db = TestDatabase()
        // Older than the content cache's settling time, so the cache is trusted as it would be.
        Thread.sleep(forTimeInterval: ContentLoader.settleSeconds + 0.2)
        _ = try build(site, db)
        let path = site.root.appendingPathComponent("content/services/gamehub.md").path
        var info = stat()
        XCTAssertEqual(stat(path, &info), 0)
        site.directory.write("content/services/gamehub.md", "---\nname: GameHub\ncategory: Gaming\n---\nGamez.")
        var times = [info.st_atim, info.st_mtim]
        XCTAssertEqual(utimensat(AT_FDCWD, path, &times, 0), 0)
        var edited = stat()
        XCTAssertEqual(stat(path, &edited), 0)
        XCTAssertEqual(edited.st_size, info.st_size)
        XCTAssertEqual(edited.st_mtim.tv_nsec, info.st_mtim.tv_nsec)
        let after = try build(site, db)
        XCTAssertFalse(after.nothingChanged)
        XCTAssertTrue(site.directory.read("output/services/gamehub/index.html")?.contains("Gamez.") == true)
    }

    func testFilesChangedMomentsAgoAreNotTrustedYet() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, db, settled: false)
        // The site's files were written just now: a second edit within the file system's
        // timestamp granularity would not show, so this build works out what changed.
        XCTAssertFalse(try build(site, db, settled: false).nothingChanged)
        // Once trusted, the fingerprint is kept and the next build stops at it.
        XCTAssertFalse(try build(site, db).nothingChanged)
        XCTAssertTrue(try build(site, db).nothingChanged)
    }

    func testTheCrowdFreshnessKeyChangesOnlyWithWhatPagesSay() {
        let collected = now
        let freshness = CrowdFreshness(lastCollect: collected, staleAfterMinutes: 30)
        XCTAssertEqual(freshness.key(at: collected.adding(seconds: 600)), "")
        XCTAssertEqual(freshness.key(at: collected.adding(seconds: 1800)), "")
        let stale = freshness.key(at: collected.adding(seconds: 3 * 3600))
        XCTAssertTrue(stale.contains("3 hours"), stale)
        XCTAssertEqual(stale, freshness.key(at: collected.adding(seconds: 3 * 3600 + 59)))
        XCTAssertNotEqual(stale, freshness.key(at: collected.adding(seconds: 4 * 3600)))
        XCTAssertEqual(CrowdFreshness(lastCollect: nil, staleAfterMinutes: 30).key(at: collected), "")
    }

    func testTheStampSeesEveryKindOfFileChange() throws {
        let directory = TemporaryDirectory(prefix: "stamp")
        directory.write("tree/a.md", "one")
        directory.write("tree/sub/b.md", "two")
        let path = directory.url.appendingPathComponent("tree").path
        func digest() -> String {
            var stamp = FileTreeStamp()
            stamp.addTree(path: path)
            return stamp.digest
        }
        let first = digest()
        XCTAssertEqual(digest(), first)
        directory.write("tree/sub/b.md", "TWO")
        let edited = digest()
        XCTAssertNotEqual(edited, first)
        try FileManager.default.moveItem(atPath: path + "/a.md", toPath: path + "/c.md")
        let renamed = digest()
        XCTAssertNotEqual(renamed, edited)
        try FileManager.default.removeItem(atPath: path + "/sub")
        XCTAssertNotEqual(digest(), renamed)
    }

    private func append(_ text: String, to site: TestSite, _ path: String) throws {
        let url = site.root.appendingPathComponent(path)
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }
}
