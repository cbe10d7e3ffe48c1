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
        let fields = record.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
        XCTAssertEqual(
            Set(fields),
            [
                "version", "slug", "name", "category", "website", "alias", "source", "problem", "related",
                "sourcePath", "slugLine",
            ], "every field by name")
        XCTAssertEqual(fields.first, "version")
        XCTAssertTrue(record.hasPrefix("version\t4\n"))
        XCTAssertFalse(fields.contains("body"), "the body stays in the file")
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
        let json = #"{"version":3,"slug":"chatapp","name":"Wrong Name","category":"Messaging"}"#
        let newer = try XCTUnwrap(entries[path]).record.replacingOccurrences(of: "version\t4", with: "version\t5")
        let unknownField = try XCTUnwrap(entries[path]).record + "\ncolour\tblue"
        for stale in [old.record, json, newer, unknownField, "", "{}"] {
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

    /// Every field, with the characters the record format escapes, comes back from the cache.
    func testEveryFieldRoundTripsThroughTheCache() throws {
        let site = TestSite(services: [
            "chatapp": """
            ---
            name: "Chat \\\\ x"
            category: Messaging
            website: https://chat.example/
            aliases: [chat, "c\\tapp"]
            status_sources:
              - {kind: statuspage, url: "https://status.chat.example/"}
              - kind: html
                url: https://chat.example/status
                xpath: {indicator: "//div[@id='s']", components: "//li\\t[1]"}
            problems:
              - {id: login, title: "Log\\nin"}
              - {id: messages, title: Messages}
            related: [mailapp]
            ---
            Body.
            """,
            "mailapp": """
            ---
            name: Mail App
            category: Email
            problems:
              - {id: login, title: Login}
            ---
            Body.
            """,
        ])
        let (first, entries) = try ContentLoader.load(root: site.root, cache: [:])
        let (second, _) = try ContentLoader.load(root: site.root, cache: entries)
        XCTAssertNil(second.texts["chatapp"], "the second load came from the cache")
        XCTAssertEqual(second.services, first.services)
        let chat = try XCTUnwrap(second.services.first { $0.slug == "chatapp" })
        XCTAssertEqual(chat.name, "Chat \\ x")
        XCTAssertEqual(chat.statusSources.last?.xpath?.components, "//li\t[1]")
        XCTAssertNil(chat.statusSources.last?.xpath?.incidents)
        XCTAssertEqual(chat.problems.first?.title, "Log\nin")
    }
}
