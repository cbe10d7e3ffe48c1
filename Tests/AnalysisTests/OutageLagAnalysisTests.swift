import Analysis
import Model
import XCTest

/// Who knew first: known cases, an incident nobody noticed, an episode the vendor never admitted.
final class OutageLagAnalysisTests: XCTestCase {
    private let base: Int64 = 1_800_000_000

    private func time(_ minute: Int64) -> Timestamp { Timestamp(seconds: base + minute * 60) }

    private func episode(_ start: Int64, _ end: Int64?) -> OutageEpisode {
        OutageEpisode(slug: "zoom", start: time(start), end: end.map(time), worstState: .outage)
    }

    private func incident(_ posted: Int64, _ resolved: Int64?, _ title: String = "Calls failing") -> IncidentRecord {
        IncidentRecord(
            slug: "zoom", sourceURL: "https://status.zoom.us", key: title, title: title, impact: .major,
            firstPost: time(posted), resolved: resolved.map(time))
    }

    func testPeopleFirstOnBothEnds() {
        // Reports from minute 0, the vendor posts at 14; back to normal at 60, resolved at 66.
        let summary = OutageLagAnalysis.summary(
            incidents: [incident(14, 66)], episodes: [episode(0, 60)], now: time(1_000))
        XCTAssertEqual(
            summary.lags,
            [OutageLag(incident: 0, episode: 0, detectedBeforeMinutes: 14, backToNormalBeforeResolutionMinutes: 6)])
        XCTAssertEqual(summary.medianDetectedBeforeMinutes, 14)
        XCTAssertEqual(summary.medianBackToNormalBeforeResolutionMinutes, 6)
        XCTAssertEqual(summary.incidentsWithoutEpisode, 0)
        XCTAssertEqual(summary.episodesWithoutIncident, 0)
    }

    func testTheVendorFirstIsNegative() {
        let summary = OutageLagAnalysis.summary(
            incidents: [incident(-5, 40)], episodes: [episode(3, 50)], now: time(1_000))
        XCTAssertEqual(summary.lags.first?.detectedBeforeMinutes, -8)
        XCTAssertEqual(summary.lags.first?.backToNormalBeforeResolutionMinutes, -10)
    }

    func testUnmatchedIncidentsAndEpisodesAreCounted() {
        let summary = OutageLagAnalysis.summary(
            incidents: [incident(500, 560, "Nobody noticed"), incident(10, 80)],
            episodes: [episode(0, 60), episode(2_000, 2_030)], now: time(3_000))
        XCTAssertEqual(summary.lags.map(\.incident), [1])
        XCTAssertEqual(summary.lags.map(\.episode), [0])
        XCTAssertEqual(summary.incidentsWithoutEpisode, 1, "what people never noticed")
        XCTAssertEqual(summary.episodesWithoutIncident, 1, "what the vendor never admitted")
    }

    func testOpenSpansLastUntilNowAndHaveNoResolutionLag() {
        let summary = OutageLagAnalysis.summary(
            incidents: [incident(20, nil)], episodes: [episode(0, nil)], now: time(30))
        XCTAssertEqual(summary.lags.first?.detectedBeforeMinutes, 20)
        XCTAssertNil(summary.lags.first?.backToNormalBeforeResolutionMinutes)
        XCTAssertNil(summary.medianBackToNormalBeforeResolutionMinutes)
    }

    func testAnIncidentPairsWithTheEarliestOverlappingEpisodeAndMediansAreMiddleValues() {
        let summary = OutageLagAnalysis.summary(
            incidents: [incident(5, 200), incident(1_010, 1_050), incident(2_030, 2_040)],
            episodes: [episode(100, 150), episode(0, 60), episode(1_000, 1_040), episode(2_000, 2_020)],
            now: time(5_000))
        XCTAssertEqual(summary.lags.map(\.episode), [1, 2], "the earliest of the two it overlaps")
        XCTAssertEqual(summary.lags.map(\.detectedBeforeMinutes), [5, 10])
        XCTAssertEqual(summary.medianDetectedBeforeMinutes, 7.5)
        XCTAssertEqual(summary.incidentsWithoutEpisode, 1)
        XCTAssertEqual(summary.episodesWithoutIncident, 1, "episode 0 overlapped too, only the last is alone")
        XCTAssertEqual(OutageLagAnalysis.median([]), nil)
        XCTAssertEqual(OutageLagAnalysis.median([3, -1, 10]), 3)
    }
}
