import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// A build removes only what builds wrote, and refuses an output folder that holds the site.
final class OutputFolderTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func build(_ site: TestSite, _ database: DowntrackDatabase, output: URL? = nil) throws -> BuildSummary {
        let configuration = try ConfigurationLoader.load(root: site.root)
        return try SiteGenerator(configuration: configuration, database: database)
            .build(BuildOptions(root: site.root, output: output ?? site.output, now: now, full: false))
    }

    func testFilesTheOperatorAddedSurviveEveryBuild() throws {
        let site = TestSite()
        let db = TestDatabase()
        _ = try build(site, db.database)
        site.directory.write("output/.well-known/security.txt", "Contact: mailto:ops@example.org")
        site.directory.write("output/google1234.html", "verification")
        site.directory.write("output/services/chatapp/extra.txt", "kept")
        // A change that renders pages, and a removed service: both sweep.
        site.directory.write("content/services/gamehub.md", "---\nname: GameHub\ncategory: Gaming\n---\nNew.")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/services/mailbox.md"))
        site.directory.write(
            "content/services/chatapp.md",
            TestSite.services["chatapp"]!.replacingOccurrences(of: "related: [mailbox]\n", with: ""))
        let summary = try build(site, db.database)
        XCTAssertGreaterThan(summary.removed, 0)
        XCTAssertFalse(site.directory.exists("output/services/mailbox/index.html"), "a file a build wrote is removed")
        XCTAssertTrue(site.directory.exists("output/.well-known/security.txt"))
        XCTAssertTrue(site.directory.exists("output/google1234.html"))
        XCTAssertTrue(site.directory.exists("output/services/chatapp/extra.txt"))
        _ = try build(site, db.database)
        XCTAssertTrue(site.directory.exists("output/.well-known/security.txt"))
    }

    func testOutputFolderHoldingTheSiteRootIsRefused() throws {
        let site = TestSite()
        let db = TestDatabase()
        for output in [site.root, site.root.deletingLastPathComponent(), site.root.appendingPathComponent("./.")] {
            XCTAssertThrowsError(try build(site, db.database, output: output)) { error in
                XCTAssertTrue("\(error)".contains("the output folder holds"), "\(error)")
            }
        }
        XCTAssertTrue(site.directory.exists("content/services/chatapp.md"))
        XCTAssertTrue(site.directory.exists("downtrack.yml"))
    }

    func testOutputFolderHoldingTheDatabaseIsRefused() throws {
        let site = TestSite()
        let folder = site.root.appendingPathComponent("www")
        let database = try DowntrackDatabase(path: folder.appendingPathComponent("data/site.sqlite").path)
        XCTAssertThrowsError(try build(site, database, output: folder)) { error in
            XCTAssertTrue("\(error)".contains("the database"), "\(error)")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: database.path))
    }

    func testContentFolderAsOutputIsRefused() throws {
        let site = TestSite()
        let db = TestDatabase()
        XCTAssertThrowsError(try build(site, db.database, output: site.root.appendingPathComponent("content"))) {
            error in
            XCTAssertTrue("\(error)".contains("the content folder"), "\(error)")
        }
    }
}
