import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// The pages carry a strict Content-Security-Policy and need nothing it forbids.
final class ContentSecurityPolicyTests: XCTestCase {
    let now = Timestamp(iso8601: "2026-11-26T22:00:00Z")!

    func buildSite(configuration text: String? = nil) throws -> TestSite {
        let site = TestSite(configuration: text)
        let db = TestDatabase()
        try db.database.record([
            ReportRecord(slug: "chatapp", problem: "login", at: now.adding(seconds: -600), count: 5, source: "cli")
        ])
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: now, full: false))
        return site
    }

    func testHeadersFileCarriesTheStrictPolicy() throws {
        let site = try buildSite()
        let headers = try XCTUnwrap(site.directory.read("output/_headers"))
        let line = try XCTUnwrap(headers.split(separator: "\n").first { $0.contains("Content-Security-Policy:") })
        for directive in [
            "default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'",
        ] {
            XCTAssertTrue(line.contains(directive), "missing \(directive) in \(line)")
        }
        XCTAssertFalse(line.contains("unsafe-inline"))
        XCTAssertFalse(line.contains("unsafe-eval"))
    }

    func testPagesNeedNoInlineScriptStyleOrHandler() throws {
        let site = try buildSite()
        let pages = site.outputFiles().filter { $0.key.hasSuffix(".html") }
        XCTAssertGreaterThan(pages.count, 5)
        let handler = try NSRegularExpression(pattern: "<[^>]*\\son[a-z]+\\s*=", options: [.caseInsensitive])
        let script = try NSRegularExpression(
            pattern: "<script(?![^>]*\\bsrc=)(?![^>]*application/ld\\+json)[^>]*>", options: [.caseInsensitive])
        for (path, data) in pages {
            let html = String(decoding: data, as: UTF8.self)
            let range = NSRange(html.startIndex..., in: html)
            XCTAssertFalse(html.contains(" style=\""), "\(path) has an inline style attribute")
            XCTAssertFalse(html.lowercased().contains("<style"), "\(path) has a style element")
            XCTAssertNil(handler.firstMatch(in: html, range: range), "\(path) has an inline event handler")
            XCTAssertNil(script.firstMatch(in: html, range: range), "\(path) has an inline script")
            XCTAssertFalse(html.contains("javascript:"), "\(path) has a javascript: URL")
            XCTAssertTrue(html.contains("<meta http-equiv=\"Content-Security-Policy\""), "\(path) lacks its policy")
        }
    }

    func testAnIntakeOnAnotherOriginIsAllowedToReceivePosts() throws {
        let site = try buildSite(
            configuration: """
                site: {title: Test Tracker, base_url: "https://status.example.org"}
                intake: {url: "https://intake.example.org/api/v1"}
                """)
        let headers = try XCTUnwrap(site.directory.read("output/_headers"))
        XCTAssertTrue(headers.contains("form-action 'self' https://intake.example.org"), headers)
        XCTAssertTrue(headers.contains("connect-src 'self' https://intake.example.org"), headers)
    }
}
