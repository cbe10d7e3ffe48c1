import Foundation
import Model
import Store
import TestSupport
import XCTest

/// `collect` reads the content through the build's cache: it fills the cache, and a service
/// file added or removed between two runs is still seen.
final class CollectContentCacheTests: XCTestCase {
    func collect(_ site: TestSite, at time: String) throws {
        let result = try Binary.run(["collect", "--root", site.root.path, "--offline", "--now", time])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testCollectFillsAndFollowsTheContentCache() throws {
        let site = TestSite()
        let rootKey = URL(fileURLWithPath: site.root.path, isDirectory: true).standardizedFileURL.path
        _ = site.directory.write("content/services/leaving.md", "---\nname: Leaving\ncategory: Messaging\n---\nText.\n")
        try collect(site, at: "2026-11-26T22:00:00Z")
        let database = try DowntrackDatabase(path: site.databasePath)
        let first = try database.contentCache(root: rootKey)
        XCTAssertEqual(
            Set(first.keys), Set((Array(TestSite.services.keys) + ["leaving"]).map { "content/services/\($0).md" }),
            "the collect run recorded every service file")

        _ = site.directory.write(
            "content/services/newcomer.md", "---\nname: Newcomer\ncategory: Messaging\n---\nText.\n")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/services/leaving.md"))
        try collect(site, at: "2026-11-26T22:01:00Z")
        let second = try database.contentCache(root: rootKey)
        XCTAssertNotNil(second["content/services/newcomer.md"], "a new file is read and cached")
        XCTAssertNil(second["content/services/leaving.md"], "a removed file leaves the cache")
        XCTAssertNotNil(try database.currentStates()["newcomer"], "the new service was decided")
    }
}
