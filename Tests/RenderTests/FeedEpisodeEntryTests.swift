import Model
import XCTest

@testable import Render

/// Which state changes become episode entries, and how those read once in an Atom document.
final class FeedEpisodeEntryTests: XCTestCase {
    let link = "https://status.example.org/services/zoom/"

    private func time(_ text: String) -> Timestamp { Timestamp(iso8601: text) ?? Timestamp(seconds: 0) }

    private func change(_ from: ServiceState, _ to: ServiceState, at text: String) -> StateChange {
        StateChange(slug: "zoom", at: time(text), from: from, to: to, reason: "r")
    }

    func testOnlyTheChangesAtAnEpisodesEdgesAreEpisodeEntries() {
        let episode = OutageEpisode(
            slug: "zoom", start: time("2026-11-26T10:00:00Z"), end: time("2026-11-26T12:05:00Z"), worstState: .possible)
        let other = OutageEpisode(
            slug: "teams", start: time("2026-11-26T13:00:00Z"), end: time("2026-11-26T14:00:00Z"), worstState: .outage)
        func title(_ change: StateChange) -> String {
            FeedRenderer.changeEntry(change, serviceName: "Zoom", link: link, episodes: [other, episode]).title
        }
        XCTAssertEqual(title(change(.ok, .outage, at: "2026-11-26T10:00:00Z")), "Problems detected at Zoom")
        XCTAssertEqual(
            title(change(.possible, .ok, at: "2026-11-26T12:05:00Z")), "Zoom is back to normal after 2 hours 5 minutes")
        // Another service's episode with the same times says nothing about Zoom.
        XCTAssertEqual(title(change(.ok, .possible, at: "2026-11-26T13:00:00Z")), "Zoom: Possible problems")
        XCTAssertEqual(title(change(.outage, .ok, at: "2026-11-26T14:00:00Z")), "Zoom: No problems reported")
        // A change to "not enough data" ends nothing.
        XCTAssertEqual(title(change(.possible, .unknown, at: "2026-11-26T12:05:00Z")), "Zoom: Not enough data")
        let entry = FeedRenderer.changeEntry(
            change(.possible, .ok, at: "2026-11-26T12:05:00Z"), serviceName: "Zoom", link: link, episodes: [episode])
        XCTAssertEqual(entry.id, "\(link)#change-\(time("2026-11-26T12:05:00Z").seconds)")
        XCTAssertEqual(entry.updated, time("2026-11-26T12:05:00Z"))
    }

    func testAnEpisodeEntryIsEscapedInTheFeed() {
        let episode = OutageEpisode(
            slug: "zoom", start: time("2026-11-26T21:13:00Z"), end: time("2026-11-26T22:00:00Z"), worstState: .outage)
        let entry = FeedRenderer.changeEntry(
            change(.outage, .ok, at: "2026-11-26T22:00:00Z"), serviceName: "Zoom <&> \u{1}Co", link: link,
            episodes: [episode])
        let xml = FeedRenderer.atom(
            id: link, title: "t", selfURL: link + "feed.xml", siteURL: link, entries: [entry],
            fallback: time("2026-11-26T00:00:00Z"))
        XCTAssertTrue(xml.contains("<title>Zoom &lt;&amp;&gt; Co is back to normal after 47 minutes</title>"), xml)
        XCTAssertTrue(xml.contains("<updated>2026-11-26T22:00:00Z</updated>\n<link"), xml)
    }
}
