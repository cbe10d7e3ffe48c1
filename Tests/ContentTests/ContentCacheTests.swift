import Content
import Foundation
import Model
import TestSupport
import XCTest

/// The content cache as `downtrack build` uses it: a first load parses every file and returns
/// entries; a second load with those entries takes unchanged files from them.
final class ContentCacheTests: XCTestCase {
    func testUnchangedFilesComeFromTheCacheWithTheSameServices() throws {
        let site = TestSite()
        let (first, entries) = try ContentLoader.load(root: site.root, cache: [:])
        XCTAssertEqual(Set(entries.keys), Set(first.fileStamps.keys))
        XCTAssertEqual(first.texts.count, first.services.count, "a parse keeps every page's text")

        let (second, again) = try ContentLoader.load(root: site.root, cache: entries)
        XCTAssertEqual(second.services, first.services)
        XCTAssertEqual(second.fileStamps, first.fileStamps)
        XCTAssertEqual(again, entries)
        XCTAssertEqual(second.texts, [:], "cached services carry no page text")
        for service in second.services {
            XCTAssertEqual(
                try ContentLoader.text(of: service, in: second, root: site.root), first.texts[service.slug],
                "the page text is read from the file again")
        }
    }

    func testRecordsNameTheirFieldsAndCarryAVersion() throws {
        let site = TestSite()
        let (_, entries) = try ContentLoader.load(root: site.root, cache: [:])
        let record = try XCTUnwrap(entries["content/services/chatapp.md"]?.record)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any])
        XCTAssertEqual(
            Set(object.keys),
            [
                "version", "slug", "name", "category", "website", "aliases", "statusSources", "problems",
                "related", "sourcePath", "slugLine",
            ])
        XCTAssertEqual(object["version"] as? Int, 3)
        XCTAssertNil(object["body"], "the body stays in the file")
    }

    /// A database written before the record had named fields holds positional records; they
    /// must be misses (the file is parsed again), never a failed build or a wrong service.
    func testRecordsOfAnOlderFormatAreMisses() throws {
        let site = TestSite()
        let (first, entries) = try ContentLoader.load(root: site.root, cache: [:])
        let path = "content/services/chatapp.md"
        var old = try XCTUnwrap(entries[path])
        old.record = ["v2", "chatapp", "Wrong Name", "Messaging", "", "", "", "", "", "", path, "1", ""]
            .joined(separator: "\u{1E}")
        let newer = old.record.replacingOccurrences(of: "\"version\":3", with: "\"version\":4")
        for stale in [old.record, newer, "", "{}"] {
            old.record = stale
            var cache = entries
            cache[path] = old
            let (content, refreshed) = try ContentLoader.load(root: site.root, cache: cache)
            XCTAssertEqual(content.services, first.services)
            XCTAssertNotNil(content.texts["chatapp"], "the file was parsed again")
            XCTAssertEqual(refreshed[path], entries[path], "and its entry is written anew")
        }
    }

    func testAChangedFileIsParsedAgain() throws {
        let site = TestSite()
        let (_, entries) = try ContentLoader.load(root: site.root, cache: [:])
        let file = site.root.appendingPathComponent("content/services/mailbox.md")
        try Data("---\nname: Mailbox Two\ncategory: Messaging\n---\nNew body.\n".utf8).write(to: file)
        let (content, refreshed) = try ContentLoader.load(root: site.root, cache: entries)
        XCTAssertEqual(content.service("mailbox")?.name, "Mailbox Two")
        XCTAssertEqual(content.texts["mailbox"]?.body, "New body.")
        XCTAssertNotEqual(refreshed["content/services/mailbox.md"], entries["content/services/mailbox.md"])
    }
}
