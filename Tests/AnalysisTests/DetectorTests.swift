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

    func testOneOrTwoReportsNeverAlarmHoweverQuietTheService() {
        var replay = Replay(baseline: .flat(perSlot: 0.05), start: Fixtures.wednesday)
        for _ in 0..<30 { replay.minute(0) }
        replay.minute(2)
        for _ in 0..<14 { replay.minute(0) }
        XCTAssertTrue(replay.decisions.allSatisfy { $0.state <= .ok }, "2 reports are one or two people")
        // 4 reports against almost none are improbable, but below the floor of 5.
        for _ in 0..<4 { replay.minute(1) }
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        XCTAssertEqual(replay.decisions.last?.observed, 4)
    }

    func testANearSilentServiceWithEightReportsInFifteenMinutesIsPossible() {
        // A small service: one report every six hours in its last 8 weeks.
        let now = Fixtures.wednesday.adding(seconds: 14 * 3600)
        let baseline = BaselineEstimator.estimate(
            history: Fixtures.history(weeks: 8, before: now, count: { $0.seconds % 21_600 == 0 ? 1 : 0 }), now: now)
        XCTAssertLessThan(baseline.expected(at: now, minutes: 15), 0.2)
        var replay = Replay(baseline: baseline, start: now)
        for _ in 0..<15 { replay.minute(0) }
        for count in Fixtures.spread(8, over: 15) { replay.minute(count) }
        let decision = replay.decisions.last!
        XCTAssertEqual(decision.observed, 8)
        XCTAssertEqual(decision.state, .possible, decision.reason)
        XCTAssertEqual(replay.changes.filter { $0.state > .ok }.count, 1)
        // `outage` wants at least 10 reports; 12 against almost none is one.
        for _ in 0..<4 { replay.minute(1) }
        XCTAssertEqual(replay.decisions.last?.state, .outage, replay.decisions.last?.reason ?? "")
    }

    func testHostileCountsNeitherTrapNorTurnNegative() {
        var replay = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(Int.max) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        XCTAssertEqual(replay.decisions.last?.observed, 15 * Detector.maximumCountPerMinute)
        var negative = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { negative.minute(Int.min) }
        XCTAssertLessThanOrEqual(negative.decisions.last?.state ?? .outage, .ok)
        XCTAssertEqual(negative.decisions.last?.observed, 0)
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
        let entered = replay.changes.filter { $0.state > .ok && $0.previousState <= .ok }
        let left = replay.changes.filter { $0.state == .ok && $0.previousState > .ok }
        XCTAssertEqual(entered.count, 1, replay.changes.map(\.reason).joined(separator: "\n"))
        XCTAssertEqual(left.count, 0)
        XCTAssertGreaterThanOrEqual(replay.decisions.last?.state ?? .ok, .possible)
    }

    func testLeavesSoonAfterTheReportsFallBackButOnlyAfterTheHoldTime() {
        let settings = DetectionSettings.standard
        var replay = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(0) }
        for _ in 0..<20 { replay.minute(10) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        // The reports stop. The live window still holds most of the spike for 15 minutes, but
        // the last 5 minutes contradict its rate: the hold time starts as soon as the short
        // window is calm, not a whole live window later.
        var minutesUntilOK = 0
        while replay.decisions.last?.state != .ok && minutesUntilOK < 120 {
            replay.minute(0)
            minutesUntilOK += 1
        }
        XCTAssertGreaterThanOrEqual(minutesUntilOK, settings.calmMinutes)
        XCTAssertLessThanOrEqual(minutesUntilOK, settings.shortWindowMinutes + settings.calmMinutes)
        let held = replay.decisions[replay.decisions.count - 2]
        XCTAssertEqual(held.state, .outage)
        XCTAssertEqual(held.reason, "easing: 0 reports in the last 5 minutes against 1 expected")
        XCTAssertGreaterThan(held.observed, 0, "the live window still held reports of the spike")
        let back = replay.decisions.last!
        XCTAssertTrue(back.changed)
        XCTAssertEqual(back.previousState, .outage)
        XCTAssertEqual(back.reason, "back to normal: 0 reports in the last 5 minutes against 1 expected")
        // The calm streak restarts when reports pick up again before the hold time is over.
        var again = Replay(baseline: .flat(perSlot: 3), start: Fixtures.wednesday)
        for _ in 0..<15 { again.minute(0) }
        for _ in 0..<20 { again.minute(10) }
        for _ in 0..<12 { again.minute(0) }
        XCTAssertNotNil(again.memory?.calmSince)
        again.minute(6)
        again.minute(6)
        for _ in 0..<8 { again.minute(0) }
        XCTAssertEqual(again.decisions.last?.state, .outage)
    }

    func testHoldsWhileTheEvidenceStaysAboveTheExitLevel() {
        // 30 expected per 15 minutes (10 per 5). After an outage the reports settle at 3.5 a
        // minute: far too few to enter a problem, too many to be normal. The state holds (the
        // exit level is lower than the entry level) and is left once they are back to 2.
        var replay = Replay(baseline: .flat(perSlot: 30), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(2) }
        for _ in 0..<20 { replay.minute(20) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        let elevated = replay.decisions.count
        for minute in 0..<60 { replay.minute(minute % 2 == 0 ? 3 : 4) }
        XCTAssertTrue(
            replay.decisions[elevated...].allSatisfy { $0.state >= .possible },
            replay.changes.map(\.reason).joined(separator: "\n"))
        for _ in 0..<30 { replay.minute(2) }
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        XCTAssertEqual(replay.changes.filter { $0.state > .ok && $0.previousState <= .ok }.count, 1, "no flap")
    }

    func testASmallServiceIsNotDeclaredOverOnALullOfAFewMinutes() {
        // Reports come once in five hours: a lull of 12 minutes during a problem proves
        // nothing, so the hold time is longer than the standard 10 minutes (up to 30).
        let settings = DetectionSettings.standard
        var replay = Replay(baseline: .flat(perSlot: 0.05), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(0) }
        for count in Fixtures.spread(8, over: 15) { replay.minute(count) }
        XCTAssertEqual(replay.decisions.last?.state, .possible)
        for _ in 0..<(15 + 12) { replay.minute(0) }
        XCTAssertEqual(replay.decisions.last?.state, .possible, "12 quiet minutes after the window emptied")
        // The problem's rate (8 in 15 minutes) makes an empty window likely enough that only
        // the longest calm ends it.
        for _ in 0..<settings.problemCalmMinutes { replay.minute(0) }
        XCTAssertEqual(replay.decisions.last?.state, .ok)
    }

    func testAWeakOutageOnASmallServiceOutlastsALullWithoutAFlap() {
        // About 0.08 reports a minute normally, 0.8 during the outage, which goes quiet for 35
        // minutes in the middle: a lull its own rate explains, so it stays one episode.
        let settings = DetectionSettings.standard
        let replay = weakOutageWithALull(settings)
        XCTAssertTrue(
            replay.decisions[79..<144].allSatisfy { $0.state >= .possible },
            replay.changes.map(\.reason).joined(separator: "\n"))
        XCTAssertEqual(replay.decisions.last?.state, .ok)
        XCTAssertEqual(replay.changes.filter { $0.state > .ok && $0.previousState <= .ok }.count, 1, "no flap")
        // Without the check against the problem's rate the same reports flap.
        var unchecked = settings
        unchecked.leaveProblemTail = 0
        unchecked.problemCalmMinutes = 0
        let flapping = weakOutageWithALull(unchecked)
        XCTAssertEqual(flapping.changes.filter { $0.state > .ok && $0.previousState <= .ok }.count, 2)
    }

    /// 15 quiet minutes, 60 at 0.8 reports a minute, a 35-minute lull, 30 more at that rate,
    /// then long enough a calm to end any problem.
    private func weakOutageWithALull(_ settings: DetectionSettings) -> Replay {
        var replay = Replay(baseline: .flat(perSlot: 1.2), start: Fixtures.wednesday, settings: settings)
        for _ in 0..<15 { replay.minute(0) }
        for _ in 0..<4 { for count in Fixtures.spread(12, over: 15) { replay.minute(count) } }
        for _ in 0..<35 { replay.minute(0) }
        for _ in 0..<2 { for count in Fixtures.spread(12, over: 15) { replay.minute(count) } }
        for _ in 0..<(DetectionSettings.standard.problemCalmMinutes + 15) { replay.minute(0) }
        return replay
    }

    func testABigServiceLeavesSoonOnceItsReportsAreClearlyBelowTheProblemRate() {
        // 40 reports a minute during the outage, 2 normally: an empty-ish window after it is
        // far below the problem's rate, so the hold time alone decides.
        let settings = DetectionSettings.standard
        var replay = Replay(baseline: .flat(perSlot: 30), start: Fixtures.wednesday)
        for _ in 0..<15 { replay.minute(2) }
        for _ in 0..<30 { replay.minute(40) }
        XCTAssertEqual(replay.decisions.last?.state, .outage)
        let ended = replay.decisions.count
        for _ in 0..<40 { replay.minute(2) }
        let back = replay.decisions[ended...].firstIndex { $0.state == .ok }.map { $0 - ended + 1 }
        XCTAssertNotNil(back)
        XCTAssertLessThanOrEqual(back ?? .max, settings.calmMinutes + 10)
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
        XCTAssertEqual(back.reason, "back to normal: 0 reports in the last 5 minutes against 4 expected")
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
        let json = #"{"calm_minutes": 30, "minimum_reports_possible": 7, "stay_consistency_tail": 0}"#
        let settings = try JSONDecoder().decode(DetectionSettings.self, from: Data(json.utf8))
        XCTAssertEqual(settings.calmMinutes, 30)
        XCTAssertEqual(settings.minimumReportsPossible, 7)
        XCTAssertEqual(settings.stayConsistencyTail, 0)
        XCTAssertEqual(settings.maximumCalmMinutes, DetectionSettings.standard.maximumCalmMinutes)
        XCTAssertEqual(settings.windowMinutes, DetectionSettings.standard.windowMinutes)
        let encoded = try JSONEncoder().encode(settings)
        XCTAssertEqual(try JSONDecoder().decode(DetectionSettings.self, from: encoded), settings)
    }
}
