import Content
import Model
import TestSupport
import XCTest

final class ServiceParserTests: XCTestCase {
    func parse(_ text: String, slug: String = "svc") -> (Service?, [ContentProblem]) {
        ServiceParser.parse(text, path: "content/services/\(slug).md", fileSlug: slug)
    }

    func testFullFrontMatterBecomesService() throws {
        let (parsed, problems) = ServiceParser.parseFile(
            TestSite.services["chatapp"]!, path: "content/services/chatapp.md", fileSlug: "chatapp")
        XCTAssertEqual(problems, [])
        let value = try XCTUnwrap(parsed?.service)
        XCTAssertEqual(value.name, "Chat <App> & \"Friends\"")
        XCTAssertEqual(value.category, "Messaging")
        XCTAssertEqual(value.categorySlug, "messaging")
        XCTAssertEqual(value.statusSources, [StatusSource(kind: .statuspage, url: "https://status.chat.example.com")])
        XCTAssertEqual(value.problems.map(\.id), ["messages", "login"])
        XCTAssertEqual(value.related, ["mailbox"])
        XCTAssertEqual(parsed?.text.faq.first?.question, "Is Chat App down?")
        XCTAssertEqual(parsed?.text.body.contains("ünïcödé"), true)
    }

    func testMissingProblemsFallBackToDefaults() {
        let (service, _) = parse("---\nname: A\ncategory: B\n---\nbody")
        XCTAssertEqual(service?.problems, Problem.defaults)
    }

    func testUnknownKeyIsReportedWithItsLine() {
        let (_, problems) = parse("---\nname: A\ncategory: B\ncolour: red\n---\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertEqual(problems.first?.line, 4)
        XCTAssertTrue(problems.first!.message.contains("unknown key 'colour'"), problems.first!.message)
        XCTAssertEqual(problems.first?.description.hasPrefix("content/services/svc.md:4: "), true)
    }

    func testMalformedYAMLIsReportedWithItsLine() {
        let (_, problems) = parse("---\nname: A\ncategory: [B\nwebsite: x\n---\n")
        XCTAssertEqual(problems.count, 1)
        XCTAssertTrue(problems[0].message.hasPrefix("malformed YAML"), problems[0].message)
        XCTAssertGreaterThanOrEqual(problems[0].line, 3)
    }

    func testMissingNameIsReported() {
        let (_, problems) = parse("---\ncategory: B\n---\n")
        XCTAssertEqual(problems.map(\.message), ["missing name: add 'name: …' to the front matter"])
        XCTAssertEqual(problems.first?.line, 2)
    }

    func testBadURLIsReportedWithItsLine() {
        let (_, problems) = parse("---\nname: A\ncategory: B\nwebsite: not a url\n---\n")
        XCTAssertEqual(problems.first?.line, 4)
        XCTAssertTrue(problems.first!.message.contains("bad URL"))
    }

    func testUnknownSourceKindIsReportedWithItsLine() {
        let text =
            "---\nname: A\ncategory: B\nstatus_sources:\n  - kind: carrier-pigeon\n    url: https://x.example\n---\n"
        let (_, problems) = parse(text)
        XCTAssertEqual(problems.first?.line, 5)
        XCTAssertTrue(problems.first!.message.contains("unknown source kind 'carrier-pigeon'"))
    }

    func testBadProblemIDIsReportedWithItsLine() {
        let text = "---\nname: A\ncategory: B\nproblems:\n  - {id: Bad Id, title: X}\n---\n"
        let (_, problems) = parse(text)
        XCTAssertEqual(problems.first?.line, 5)
        XCTAssertTrue(problems.first!.message.contains("bad problem id 'Bad Id'"))
    }

    func testHTMLSourceWithoutXPathIsAnError() {
        let text =
            "---\nname: A\ncategory: B\nstatus_sources:\n  - {kind: html, url: \"https://x.example/status\"}\n---\n"
        XCTAssertTrue(parse(text).1.first!.message.contains("xpath"))
    }

    func testMissingFrontMatterIsAnError() {
        XCTAssertEqual(parse("just text").1.first?.line, 1)
        XCTAssertTrue(parse("---\nname: A\n").1.first!.message.contains("not closed"))
    }

    func testSlugKeyOverridesFileName() {
        XCTAssertEqual(parse("---\nname: A\ncategory: B\nslug: other-name\n---\n").0?.slug, "other-name")
        XCTAssertTrue(parse("---\nname: A\ncategory: B\nslug: Bad_Slug\n---\n").1.first!.message.contains("bad slug"))
    }
}
