import Foundation
import Model
import XCTest

@testable import Analysis

final class BaselineTests: XCTestCase {
    func testExpectedCountScalesWithTheWindowOnAFlatBaseline() {
        let baseline = Baseline.flat(perSlot: 6)
        let now = Fixtures.wednesday.adding(seconds: 10 * 3600 + 7 * 60)
        XCTAssertEqual(baseline.expected(at: now, minutes: 15), 6, accuracy: 1e-9)
        XCTAssertEqual(baseline.expected(at: now, minutes: 5), 2, accuracy: 1e-9)
        XCTAssertEqual(baseline.expected(at: now, minutes: 60 * 24 * 7), 6 * 672, accuracy: 1e-6)
    }

    func testExpectedCountInterpolatesBetweenSlotsAndWrapsAroundTheWeek() {
        var slots = Array(repeating: 0.0, count: Baseline.slotCount)
        slots[0] = 30  // Monday 00:00–00:15
        let baseline = Baseline(
            slots: slots, source: .history, historyDays: 56, overdispersion: 0.03, computedAt: Timestamp(seconds: 0))
        let monday = Timestamp(year: 2026, month: 3, day: 2)
        // The window Sunday 23:55 – Monday 00:10 straddles the week's end and the slot's rise.
        let straddling = baseline.expected(at: monday.adding(seconds: 600), minutes: 15)
        XCTAssertGreaterThan(straddling, 0)
        XCTAssertLessThan(straddling, 30)
        // Over the whole neighbourhood the interpolated rate integrates to the slot's count.
        XCTAssertEqual(baseline.expected(at: monday.adding(seconds: 3600), minutes: 120), 30, accuracy: 1e-9)
        // Far away: nothing expected.
        XCTAssertEqual(baseline.expected(at: monday.adding(seconds: 6 * 3600), minutes: 15), 0, accuracy: 1e-12)
    }

    func testLearnsTheDailyRhythmFromHistory() {
        let now = Fixtures.wednesday.adding(seconds: 12 * 3600)
        let history = Fixtures.history(weeks: 8, before: now, count: Fixtures.noisyRhythm(seed: 1))
        let baseline = BaselineEstimator.estimate(history: history, now: now)
        XCTAssertEqual(baseline.source, .history)
        XCTAssertEqual(baseline.historyDays, 56, accuracy: 0.01)
        let night = baseline.expected(at: Fixtures.wednesday.adding(seconds: 3 * 3600), minutes: 15)
        let evening = baseline.expected(at: Fixtures.wednesday.adding(seconds: 20 * 3600), minutes: 15)
        XCTAssertEqual(night, 4, accuracy: 1)
        XCTAssertEqual(evening, 50, accuracy: 4)
    }

    func testAnOldOutageDoesNotRaiseTheExpectedLevel() {
        let now = Fixtures.wednesday.adding(seconds: 12 * 3600)
        // Three weeks earlier, on a Tuesday evening, a six-hour outage at 20× normal.
        let outageStart = Fixtures.wednesday.adding(seconds: -21 * 86_400 - 86_400 + 17 * 3600)
        let outageEnd = outageStart.adding(seconds: 6 * 3600)
        let clean = Fixtures.history(weeks: 8, before: now, count: Fixtures.noisyRhythm(seed: 2))
        let noisy = Fixtures.noisyRhythm(seed: 2)
        let withOutage = Fixtures.history(weeks: 8, before: now) { time in
            let n = noisy(time)
            return time >= outageStart && time < outageEnd ? n * 20 : n
        }
        let cleanBaseline = BaselineEstimator.estimate(history: clean, now: now)
        let outageBaseline = BaselineEstimator.estimate(history: withOutage, now: now)
        let tuesdayEvening = Fixtures.wednesday.adding(seconds: -86_400 + 20 * 3600)
        let before = cleanBaseline.expected(at: tuesdayEvening, minutes: 15)
        let after = outageBaseline.expected(at: tuesdayEvening, minutes: 15)
        // A plain mean over 8 weeks would expect (7 × 50 + 1000) / 8 ≈ 169.
        XCTAssertLessThan(after, before * 1.12, "expected \(after) against \(before) without the outage")
        // Other days are untouched.
        let monday = Fixtures.wednesday.adding(seconds: -2 * 86_400 + 20 * 3600)
        XCTAssertEqual(
            outageBaseline.expected(at: monday, minutes: 15), cleanBaseline.expected(at: monday, minutes: 15),
            accuracy: 2)
    }

    func testNewServiceWithoutHistoryUsesThePrior() {
        let now = Fixtures.wednesday
        let baseline = BaselineEstimator.estimate(history: [], now: now)
        XCTAssertEqual(baseline.source, .prior)
        XCTAssertFalse(baseline.hasHistory)
        // One report per hour, flat: 0.25 per 15 minutes.
        XCTAssertEqual(baseline.expected(at: now, minutes: 15), 0.25, accuracy: 1e-9)
        XCTAssertEqual(baseline.expected(at: now.adding(seconds: 12 * 3600), minutes: 60), 1, accuracy: 1e-9)
    }

    func testShortHistoryIsBlendedWithThePrior() {
        let now = Fixtures.wednesday
        // One day of history at 8 reports per 15 minutes.
        let history = Fixtures.history(weeks: 1, before: now) { time in
            time >= now.adding(seconds: -86_400) ? 8 : 0
        }
        let baseline = BaselineEstimator.estimate(history: history, now: now)
        XCTAssertEqual(baseline.source, .partial)
        XCTAssertEqual(baseline.historyDays, 1, accuracy: 0.01)
        let expected = baseline.expected(at: now.adding(seconds: 3 * 3600), minutes: 15)
        // 24 hours of data against 12 hours' worth of prior: two thirds of the way to 8.
        XCTAssertGreaterThan(expected, 4)
        XCTAssertLessThan(expected, 8)
    }

    func testSparseServiceStillGetsADailyShape() {
        let now = Fixtures.wednesday.adding(seconds: 12 * 3600)
        var rng = SplitMix64(seed: 3)
        let history = Fixtures.history(weeks: 8, before: now) { time in
            let hour = time.civil.3
            return rng.poisson(hour >= 18 && hour < 22 ? 2 : 0.1)
        }
        let baseline = BaselineEstimator.estimate(history: history, now: now)
        let night = baseline.expected(at: Fixtures.wednesday.adding(seconds: 3 * 3600), minutes: 60)
        let evening = baseline.expected(at: Fixtures.wednesday.adding(seconds: 21 * 3600), minutes: 60)
        XCTAssertGreaterThan(evening, 5 * night)
        XCTAssertEqual(evening, 8, accuracy: 2)
        XCTAssertGreaterThanOrEqual(night, 0.2)
    }

    func testQuietServiceIsNeverExpectedToHaveZeroReports() {
        let now = Fixtures.wednesday
        let history = [ReportBucket(start: now.adding(seconds: -50 * 86_400), count: 1)]
        let baseline = BaselineEstimator.estimate(history: history, now: now)
        XCTAssertTrue(baseline.hasHistory)
        XCTAssertGreaterThanOrEqual(baseline.slots.min() ?? 0, DetectionSettings.standard.minimumExpectedPerBucket)
    }

    func testNoisyServiceGetsAHigherOverdispersion() {
        let now = Fixtures.wednesday
        var rng = SplitMix64(seed: 4)
        var dayFactor = 1.0
        let history = Fixtures.history(weeks: 8, before: now) { time in
            if time.seconds % 86_400 == 0 { dayFactor = rng.logNormalFactor(sigma: 0.4) }
            return rng.poisson(40 * dayFactor)
        }
        let calm = Fixtures.history(weeks: 8, before: now) { _ in rng.poisson(40) }
        let noisy = BaselineEstimator.estimate(history: history, now: now)
        let steady = BaselineEstimator.estimate(history: calm, now: now)
        XCTAssertEqual(steady.overdispersion, DetectionSettings.standard.overdispersion, accuracy: 0.005)
        XCTAssertGreaterThan(noisy.overdispersion, 0.1)
    }

    func testBaselineRoundTripsThroughJSON() throws {
        let baseline = BaselineEstimator.estimate(
            history: Fixtures.history(weeks: 2, before: Fixtures.wednesday, count: Fixtures.dailyRhythm),
            now: Fixtures.wednesday)
        let data = try JSONEncoder().encode(baseline)
        XCTAssertEqual(try JSONDecoder().decode(Baseline.self, from: data), baseline)
    }
}
