import Content
import Model
import TestSupport
import XCTest

final class ContentLoaderTests: XCTestCase {
    func testLoadsEveryServiceInSlugOrder() throws {
        let site = TestSite()
        let content = try ContentLoader.load(root: site.root)
        XCTAssertEqual(content.services.map(\.slug), ["chatapp", "gamehub", "mailbox"])
        XCTAssertEqual(content.services[0].sourcePath, "content/services/chatapp.md")
    }

    func testDanglingRelatedAndDuplicateSlugAreReportedWithLines() {
        var services = TestSite.services
        services["mailbox"] = "---\nname: Mailbox\ncategory: Messaging\nrelated:\n  - chatapp\n  - nowhere\n---\n"
        services["copy"] = "---\nname: Copy\ncategory: Messaging\nslug: gamehub\n---\n"
        let site = TestSite(services: services)
        XCTAssertThrowsError(try ContentLoader.load(root: site.root)) { error in
            let problems = (error as! ContentError).problems
            XCTAssertEqual(
                problems.map(\.description),
                [
                    "content/services/gamehub.md:1: duplicate slug 'gamehub': content/services/copy.md has it too",
                    "content/services/mailbox.md:6: related service 'nowhere' does not exist (no content/services/nowhere.md)",
                ])
        }
    }

    func testEveryFileWithProblemsIsReportedAtOnce() {
        var services = TestSite.services
        services["bad1"] = "---\nname: X\n---\n"
        services["bad2"] = "no front matter"
        let site = TestSite(services: services)
        XCTAssertThrowsError(try ContentLoader.load(root: site.root)) { error in
            let paths = (error as! ContentError).problems.map(\.path)
            XCTAssertEqual(paths, ["content/services/bad1.md", "content/services/bad2.md"])
        }
    }

    func testShippedContentIsClean() throws {
        let content = try ContentLoader.load(root: PackageRoot.url)
        XCTAssertGreaterThanOrEqual(content.services.count, 100)
        XCTAssertGreaterThanOrEqual(Set(content.services.map(\.category)).count, 8)
        XCTAssertNotNil(content.service("wechat"))
    }
}
