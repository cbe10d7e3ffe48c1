import Content
import Foundation
import Generator
import Model
import Store
import TestSupport
import XCTest

/// The service feed and the site feed mark the state changes that start and end a stored crowd
/// episode, and those entries keep their ids and dates from build to build.
final class FeedEpisodeTests: XCTestCase {
    let site = TestSite()
    let db = TestDatabase()

    /// Records a state change of Mailbox the way the collector does: the change, then the episodes.
    private func change(_ state: ServiceState, at time: String, reason: String) throws {
        let at = try XCTUnwrap(Timestamp(iso8601: time))
        let changes = try db.database.apply(
            [StateUpdate(slug: "mailbox", state: state, reason: reason, memory: nil)], at: at)
        try db.database.recordEpisodes(for: changes)
        try db.database.recordCollect(asOf: at, startedAt: Date(), summary: "collect: test")
    }

    private func build(now: String, full: Bool = false) throws {
        let configuration = try ConfigurationLoader.load(root: site.root)
        _ = try SiteGenerator(configuration: configuration, database: db.database)
            .build(BuildOptions(root: site.root, output: site.output, now: Timestamp(iso8601: now), full: full))
    }

    /// The `<entry>` whose id ends with `#change-<seconds of time>`, or nil.
    private func entry(in feed: String, at time: String) throws -> String? {
        let seconds = try XCTUnwrap(Timestamp(iso8601: time)).seconds
        let parts = feed.components(separatedBy: "<entry>").map { $0.components(separatedBy: "</entry>")[0] }
        return parts.first { $0.contains("/services/mailbox/#change-\(seconds)</id>") }
    }

    private func recordEpisode() throws {
        try change(.ok, at: "2026-11-26T20:00:00Z", reason: "No more reports than usual")
        try change(.possible, at: "2026-11-26T21:13:00Z", reason: "19 reports in the last 5 minutes against 2 expected")
        try change(.outage, at: "2026-11-26T21:20:00Z", reason: "80 reports in the last 5 minutes against 2 expected")
        try change(.ok, at: "2026-11-26T22:00:00Z", reason: "Reports are back to the usual level")
    }

    func testTheFeedsSayWhenAnEpisodeBeganAndHowLongItLasted() throws {
        try recordEpisode()
        try build(now: "2026-11-26T22:05:00Z")
        for path in ["output/services/mailbox/feed.xml", "output/feed.xml"] {
            let feed = try XCTUnwrap(site.directory.read(path))
            let began = try XCTUnwrap(try entry(in: feed, at: "2026-11-26T21:13:00Z"), path)
            XCTAssertTrue(began.contains("<title>Possible problems at Mailbox</title>"), began)
            XCTAssertTrue(began.contains("<updated>2026-11-26T21:13:00Z</updated>"), began)
            XCTAssertTrue(
                began.contains(
                    "<summary>Trouble began at 2026-11-26 21:13 UTC. 19 reports in the last 5 minutes against 2 "
                        + "expected</summary>"), began)
            let ended = try XCTUnwrap(try entry(in: feed, at: "2026-11-26T22:00:00Z"), path)
            XCTAssertTrue(ended.contains("<title>Mailbox is back to normal after 47 minutes</title>"), ended)
            XCTAssertTrue(ended.contains("<updated>2026-11-26T22:00:00Z</updated>"), ended)
            XCTAssertTrue(
                ended.contains(
                    "<summary>Back to normal at 2026-11-26 22:00 UTC after 47 minutes of trouble (from 2026-11-26 "
                        + "21:13 UTC, at worst: problems detected). Reports are back to the usual level</summary>"),
                ended)
            // A change inside the episode is an ordinary entry.
            let worse = try XCTUnwrap(try entry(in: feed, at: "2026-11-26T21:20:00Z"), path)
            XCTAssertTrue(worse.contains("<title>Mailbox: Problems detected</title>"), worse)
            // The change that did not start or end an episode stays as it was.
            let calm = try XCTUnwrap(try entry(in: feed, at: "2026-11-26T20:00:00Z"), path)
            XCTAssertTrue(calm.contains("<title>Mailbox: No problems reported</title>"), calm)
        }
    }

    func testEpisodeEntriesAreTheSameInEveryLaterBuild() throws {
        try change(.ok, at: "2026-11-26T20:00:00Z", reason: "No more reports than usual")
        try change(.possible, at: "2026-11-26T21:13:00Z", reason: "19 reports in the last 5 minutes against 2 expected")
        try build(now: "2026-11-26T21:15:00Z")
        let open = try XCTUnwrap(site.directory.read("output/services/mailbox/feed.xml"))
        let beganWhileOpen = try entry(in: open, at: "2026-11-26T21:13:00Z")
        XCTAssertNil(try entry(in: open, at: "2026-11-26T22:00:00Z"))

        try change(.ok, at: "2026-11-26T22:00:00Z", reason: "Reports are back to the usual level")
        try build(now: "2026-11-26T22:05:00Z")
        let first = try XCTUnwrap(site.directory.read("output/services/mailbox/feed.xml"))
        XCTAssertEqual(try entry(in: first, at: "2026-11-26T21:13:00Z"), beganWhileOpen, "the start entry stays")
        let ended = try XCTUnwrap(try entry(in: first, at: "2026-11-26T22:00:00Z"))
        XCTAssertTrue(ended.contains("<title>Mailbox is back to normal after 47 minutes</title>"), ended)

        // Later builds, full or not, with time gone on, give the very same entries.
        try build(now: "2026-11-27T03:00:00Z", full: true)
        let later = try XCTUnwrap(site.directory.read("output/services/mailbox/feed.xml"))
        XCTAssertEqual(try entry(in: later, at: "2026-11-26T22:00:00Z"), ended)
        XCTAssertEqual(try entry(in: later, at: "2026-11-26T21:13:00Z"), beganWhileOpen)
        let siteFeed = try XCTUnwrap(site.directory.read("output/feed.xml"))
        XCTAssertEqual(try entry(in: siteFeed, at: "2026-11-26T22:00:00Z"), ended)
    }
}
