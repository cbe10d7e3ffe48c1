import Model
import XCTest

/// Episodes from state changes: trouble opens one, "ok" ends it, "unknown" does neither.
final class OutageEpisodeTests: XCTestCase {
    private func change(_ minute: Int64, _ to: ServiceState) -> StateChange {
        StateChange(slug: "zoom", at: Timestamp(seconds: 1_800_000_000 + minute * 60), from: .ok, to: to, reason: "")
    }

    private func time(_ minute: Int64) -> Timestamp { Timestamp(seconds: 1_800_000_000 + minute * 60) }

    func testPossibleThenOutageThenOkIsOneEpisodeAtItsWorst() {
        let episodes = OutageEpisode.apply([change(0, .possible), change(5, .outage), change(30, .ok)], to: nil)
        XCTAssertEqual(
            episodes, [OutageEpisode(slug: "zoom", start: time(0), end: time(30), worstState: .outage)])
    }

    func testTwoTroublesWithOkBetweenAreTwoEpisodesAndTheLastStaysOpen() {
        let episodes = OutageEpisode.apply(
            [change(0, .possible), change(20, .ok), change(60, .outage), change(70, .possible)], to: nil)
        XCTAssertEqual(episodes.count, 2)
        XCTAssertEqual(episodes[0].end, time(20))
        XCTAssertEqual(episodes[0].worstState, .possible)
        XCTAssertEqual(episodes[1].start, time(60))
        XCTAssertNil(episodes[1].end)
        XCTAssertEqual(episodes[1].worstState, .outage, "falling back to possible keeps the worst state")
        XCTAssertTrue(episodes[1].isOpen)
    }

    func testUnknownNeitherEndsNorOpensAnEpisode() {
        XCTAssertEqual(OutageEpisode.apply([change(0, .unknown), change(5, .ok)], to: nil), [])
        let episodes = OutageEpisode.apply([change(0, .possible), change(5, .unknown)], to: nil)
        XCTAssertEqual(episodes.count, 1)
        XCTAssertNil(episodes[0].end, "no data is not back to normal")
    }

    func testAnOpenEpisodeGoesOnAcrossRuns() {
        let open = OutageEpisode(slug: "zoom", start: time(0), worstState: .possible)
        let episodes = OutageEpisode.apply([change(10, .outage), change(40, .ok)], to: open)
        XCTAssertEqual(episodes, [OutageEpisode(slug: "zoom", start: time(0), end: time(40), worstState: .outage)])
        XCTAssertEqual(OutageEpisode.apply([], to: open), [open])
    }
}
