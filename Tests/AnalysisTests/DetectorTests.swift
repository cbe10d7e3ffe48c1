import Foundation
import Model
import XCTest

@testable import Analysis

final class DetectorTests: XCTestCase {
    private func learnedBaseline(at now: Timestamp) -> Baseline {
        BaselineEstimator.estimate(
            history: Fixtures.history(weeks: 8, before: now, count: Fixtures.noisyRhythm(seed: 10)), now: now)
    }

    // MARK: Time of day

    func testSpikeAtThreeInTheMorningIsDetectedWhileTheSameCountAtTheEveningPeakIsNormal() {
        let night = Fixtures.wednesday.adding(seconds: 3 * 3600)
        var replay = Replay(baseline: learnedBaseline(at: night), start: night)
        for _ in 0..<15 { replay.minute(1) }  // a normal night: about 4 per 15 minutes
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        for count in Fixtures.spread(40, over: 15) { replay.minute(count) }
        let atNight = replay.decisions.last!
        XCTAssertEqual(atNight.state, .outage, atNight.reason)
        XCTAssertEqual(atNight.observed, 40)
        XCTAssertEqual(atNight.expected, 4, accuracy: 1.5)

        let evening = Fixtures.wednesday.adding(seconds: 20 * 3600)
        var peak = Replay(baseline: learnedBaseline(at: evening), start: evening)
        for _ in 0..<15 { peak.minute(3) }
        for count in Fixtures.spread(40, over: 15) { peak.minute(count) }
        XCTAssertEqual(peak.decisions.last?.state, .ok)
        XCTAssertTrue(peak.changes.allSatisfy { $0.state == .ok }, "no alarm at the evening peak")
    }

    func testAnOutageCountIsPossibleAtFirstSightAndAnOutageAfterTwoMinutes() {
        let now = Fixtures.wednesday.adding(seconds: 3 * 3600)
        var replay = Replay(baseline: .flat(perSlot: 2), start: now)
        replay.minute(0)
        let first = replay.minute(30)
        XCTAssertEqual(first.state, .possible, "never 'no problems' at first sight of an outage count")
        XCTAssertEqual(first.memory.consecutiveAbnormalMinutes, 1)
        let second = replay.minute(30)
        XCTAssertEqual(second.state, .outage)
        XCTAssertTrue(second.changed)
        XCTAssertEqual(second.previousState, .possible)
    }

    func testFewReportsAreNotAProblemHoweverQuietTheService() {
        var replay = Replay(baseline: .flat(perSlot: 0.05), start: Fixtures.wednesday)
        for _ in 0..<30 { replay.minute(0) }
        for _ in 0..<9 { replay.minute(1) }  // 9 reports: below the minimum of 10
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        replay.minute(1)
        replay.minute(1)
        // 11 reports against almost none: a problem, but `outage` wants at least 20.
        XCTAssertEqual(replay.decisions.last?.state, .possible)
        for _ in 0..<10 { replay.minute(2) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
    }

    // MARK: Hysteresis

    func testNoFlappingWhileTheCountHoversAroundTheThreshold() {
        // Expected 2 per 15 minutes; entering needs about a dozen reports. The count wanders
        // between 6 and 14 for two hours: it enters once and stays.
        var replay = Replay(baseline: .flat(perSlot: 2), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(0) }
        var rng = SplitMix64(seed: 5)
        for _ in 0..<120 {
            // Keep the 15-minute sum between 6 and 14.
            let sum = replay.counts.suffix(14).reduce(0, +)
            let target = 6 + rng.integer(below: 9)
            replay.minute(max(0, target - sum))
        }
        let entered = replay.changes.filter { $0.state > .ok }
        let left = replay.changes.filter { $0.state == .ok && $0.previousState > .ok }
        XCTAssertEqual(entered.count, 1, replay.changes.map(\.reason).joined(separator: "\n"))
        XCTAssertEqual(left.count, 0)
        XCTAssertEqual(replay.decisions.last?.state, .possible)
    }

    func testLeavesOnlyAfterTheCountHasStayedNormalForTheCalmPeriod() {
        let settings = DetectionSettings.standard
        var replay = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(0) }
        for _ in 0..<20 { replay.minute(10) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        // The reports stop. The 15-minute window still holds the spike for a while, then the
        // count is normal; the state must hold for the whole calm period after that.
        var minutesUntilOK = 0
        while replay.decisions.last?.state != .ok && minutesUntilOK < 120 {
            replay.minute(0)
            minutesUntilOK += 1
        }
        XCTAssertGreaterThanOrEqual(minutesUntilOK, settings.calmMinutes)
        let held = replay.decisions[replay.decisions.count - 2]
        XCTAssertEqual(held.state, .outage)
        XCTAssertEqual(held.reason, "easing: 0 reports in the last 15 minutes against 3 expected")
        XCTAssertLessThanOrEqual(minutesUntilOK, settings.windowMinutes + settings.calmMinutes)
        let back = replay.decisions.last!
        XCTAssertTrue(back.changed)
        XCTAssertEqual(back.previousState, .outage)
        XCTAssertTrue(back.reason.hasPrefix("back to normal: "), back.reason)
        // The calm streak restarts when reports pick up again before the period is over.
        var again = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { again.minute(0) }
        for _ in 0..<20 { again.minute(10) }
        for _ in 0..<25 { again.minute(0) }
        again.minute(12)
        again.minute(12)
        for _ in 0..<10 { again.minute(0) }
        XCTAssertEqual(again.decisions.last?.state, .outage)
    }

    func testARepeatedDecisionInTheSameMinuteDoesNotCountTwice() {
        let now = Fixtures.wednesday.adding(seconds: 600)
        let detector = Detector()
        let input = DetectorInput(
            slug: "example", now: now, counts: Fixtures.spread(40), baseline: .flat(perSlot: 2), official: .none)
        let first = detector.decide(input)
        var again = input
        again.memory = first.memory
        let second = detector.decide(again)
        XCTAssertEqual(second.state, .possible)
        XCTAssertEqual(second.memory.consecutiveAbnormalMinutes, 1)
        again.now = now.adding(seconds: 60)
        again.memory = second.memory
        XCTAssertEqual(detector.decide(again).state, .outage)
    }

    func testALongGapRestartsTheStreaks() {
        let now = Fixtures.wednesday.adding(seconds: 600)
        let detector = Detector()
        var input = DetectorInput(
            slug: "example", now: now, counts: Fixtures.spread(40), baseline: .flat(perSlot: 2), official: .none)
        let first = detector.decide(input)
        input.memory = first.memory
        input.now = now.adding(seconds: 3600)
        let later = detector.decide(input)
        XCTAssertEqual(later.state, .possible, "an hour-old abnormal minute does not count towards the streak")
        XCTAssertEqual(later.memory.consecutiveAbnormalMinutes, 1)
    }

    // MARK: Official status

    func testOfficialMajorOrCriticalOutageMakesItAtLeastOutage() {
        for indicator in [OfficialIndicator.major, .critical] {
            let decision = Detector().decide(
                DetectorInput(
                    slug: "example", now: Fixtures.wednesday, counts: Array(repeating: 0, count: 15),
                    baseline: .flat(perSlot: 4), official: indicator))
            XCTAssertEqual(decision.state, .outage)
            XCTAssertTrue(
                decision.reason.hasPrefix("official status: \(indicator.label.lowercased())"), decision.reason)
        }
    }

    func testOfficialMinorProblemsMakeItAtLeastPossible() {
        let decision = Detector().decide(
            DetectorInput(
                slug: "example", now: Fixtures.wednesday, counts: Array(repeating: 0, count: 15),
                baseline: .flat(perSlot: 4), official: .minor))
        XCTAssertEqual(decision.state, .possible)
        XCTAssertEqual(
            decision.reason, "official status: minor problems (0 reports in the last 15 minutes against 4 expected)")
    }

    func testOfficialMinorDoesNotLowerAnOutageSeenInReports() {
        var replay = Replay(baseline: .flat(perSlot: 2), start: Fixtures.wednesday)
        replay.official = .minor
        replay.minute(0)
        XCTAssertEqual(replay.decisions.last?.state, .possible)
        replay.minute(40)
        replay.minute(40)
        let decision = replay.decisions.last!
        XCTAssertEqual(decision.state, .outage)
        XCTAssertTrue(decision.reason.hasSuffix("; official status: minor problems"), decision.reason)
    }

    func testMaintenanceChangesNothingButIsMentioned() {
        let decision = Detector().decide(
            DetectorInput(
                slug: "example", now: Fixtures.wednesday, counts: Fixtures.spread(3), baseline: .flat(perSlot: 4),
                official: .maintenance))
        XCTAssertEqual(decision.state, .ok)
        XCTAssertEqual(
            decision.reason,
            "3 reports in the last 15 minutes against 4 expected; official status: maintenance (not counted as a problem)"
        )
    }

    func testTheStateFollowsTheOfficialStatusBackWhenReportsAreNormal() {
        var replay = Replay(baseline: .flat(perSlot: 4), start: Fixtures.wednesday)
        replay.official = .major
        replay.minute(0)
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        replay.official = .none
        replay.minute(0)
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        XCTAssertTrue(replay.decisions.last!.changed)
    }

    // MARK: Unknown

    func testUnknownOnlyWhenThereIsNoDataAtAll() {
        let detector = Detector()
        let prior = BaselineEstimator.estimate(history: [], now: Fixtures.wednesday)
        func decide(_ counts: [Int], _ official: OfficialIndicator, _ baseline: Baseline) -> Decision {
            detector.decide(
                DetectorInput(
                    slug: "new", now: Fixtures.wednesday, counts: counts, baseline: baseline, official: official))
        }
        let nothing = decide(Array(repeating: 0, count: 15), .unknown, prior)
        XCTAssertEqual(nothing.state, .unknown)
        XCTAssertFalse(nothing.changed, "unknown to unknown is no change")
        XCTAssertEqual(nothing.reason, "no reports, history or official status yet")
        XCTAssertEqual(decide([], .unknown, prior).state, .unknown)
        XCTAssertEqual(decide(Array(repeating: 0, count: 15), .none, prior).state, .ok)
        XCTAssertEqual(decide([0, 0, 1], .unknown, prior).state, .ok)
        let learned = BaselineEstimator.estimate(
            history: [ReportBucket(start: Fixtures.wednesday.adding(seconds: -7200), count: 1)], now: Fixtures.wednesday
        )
        XCTAssertEqual(decide(Array(repeating: 0, count: 15), .unknown, learned).state, .ok)
    }

    // MARK: Reasons

    func testReasonsAreReadableSentences() throws {
        XCTAssertEqual(
            ReasonText.counts(.init(observed: 312, expected: 11.2, minutes: 15)),
            "312 reports in the last 15 minutes against 11 expected")
        XCTAssertEqual(
            ReasonText.counts(.init(observed: 1, expected: 0.34, minutes: 5)),
            "1 report in the last 5 minutes against 0.3 expected")
        XCTAssertEqual(
            ReasonText.counts(.init(observed: 12, expected: 0.01, minutes: 15)),
            "12 reports in the last 15 minutes against almost none expected")

        var replay = Replay(baseline: .flat(perSlot: 11), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(1) }
        for count in Fixtures.spread(312) { replay.minute(count) }
        XCTAssertEqual(replay.decisions.last?.reason, "312 reports in the last 15 minutes against 11 expected")
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        for _ in 0..<60 where replay.decisions.last?.state != .ok { replay.minute(0) }
        let back = replay.decisions.last!
        XCTAssertEqual(back.state, .ok)
        XCTAssertEqual(back.reason, "back to normal: 0 reports in the last 15 minutes against 11 expected")
        let change = try XCTUnwrap(back.stateChange)
        XCTAssertEqual(change.from, .outage)
        XCTAssertEqual(change.to, .ok)
        XCTAssertEqual(change.slug, "example")
        XCTAssertEqual(change.at, back.at)
    }

    func testTheFirstDecisionReportsAChangeFromUnknown() {
        let decision = Detector().decide(
            DetectorInput(
                slug: "example", now: Fixtures.wednesday, counts: Fixtures.spread(4), baseline: .flat(perSlot: 4)))
        XCTAssertEqual(decision.state, .ok)
        XCTAssertEqual(decision.previousState, .unknown)
        XCTAssertTrue(decision.changed)
        XCTAssertEqual(decision.memory.since, Fixtures.wednesday)
        XCTAssertEqual(decision.reason, "4 reports in the last 15 minutes against 4 expected")
    }

    // MARK: Persistence

    func testMemoryRoundTripsThroughJSONWithStableKeys() throws {
        var replay = Replay(baseline: .flat(perSlot: 2), start: Fixtures.wednesday)
        replay.minute(30)
        let memory = try XCTUnwrap(replay.memory)
        let data = try JSONEncoder().encode(memory)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("\"community_state\""), text)
        XCTAssertTrue(text.contains("\"elevated_since\""), text)
        XCTAssertEqual(try JSONDecoder().decode(DetectorMemory.self, from: data), memory)
    }

    func testSettingsDecodeFromAPartialDocument() throws {
        let json = #"{"calm_minutes": 30, "minimum_reports_possible": 5}"#
        let settings = try JSONDecoder().decode(DetectionSettings.self, from: Data(json.utf8))
        XCTAssertEqual(settings.calmMinutes, 30)
        XCTAssertEqual(settings.minimumReportsPossible, 5)
        XCTAssertEqual(settings.windowMinutes, DetectionSettings.standard.windowMinutes)
        let encoded = try JSONEncoder().encode(settings)
        XCTAssertEqual(try JSONDecoder().decode(DetectionSettings.self, from: encoded), settings)
    }
}
