import Model
import XCTest

@testable import Analysis

/// The one simulation model: deterministic, outages multiply reports, the rhythm is local.
final class SimulatedTrafficTests: XCTestCase {
    /// A Monday, 00:00 UTC: timeline minute t is minute t of the UTC week.
    let monday = Timestamp(year: 2026, month: 3, day: 2)
    let week = SimulatedTraffic.minutesPerWeek

    func traffic(
        stream: UInt64, seed: UInt64 = 11, weeks: Int = 2, parameters: TrafficParameters = TrafficParameters()
    ) -> SimulatedTraffic {
        SimulatedTraffic(seed: seed, stream: stream, start: monday, minutes: weeks * week, parameters: parameters)
    }

    func testTheSameSeedAndStreamGiveTheSameServiceOutagesAndReports() {
        var first = traffic(stream: 3)
        var second = traffic(stream: 3)
        let placedFirst = first.placeOutages(mean: 4, from: 0, to: first.minutes)
        let placedSecond = second.placeOutages(mean: 4, from: 0, to: second.minutes)
        XCTAssertEqual(placedFirst, placedSecond)
        XCTAssertEqual(first.peakPerMinute, second.peakPerMinute)
        XCTAssertEqual(first.utcOffsetMinutes, second.utcOffsetMinutes)
        XCTAssertEqual(first.reports(), second.reports())
        XCTAssertEqual(first.reports(), first.reports(), "asking again draws the same reports")
        XCTAssertEqual(first.reports().count, 2 * week)

        var other = traffic(stream: 4)
        other.placeOutages(mean: 4, from: 0, to: other.minutes)
        XCTAssertNotEqual(other.reports(), first.reports())
        XCTAssertNotEqual(traffic(stream: 3, seed: 12).reports(), traffic(stream: 3).reports())
    }

    func testPlacedOutagesFitTheirRangeAndKeepTwelveHoursApart() {
        var traffic = traffic(stream: 5, weeks: 4)
        traffic.inject(.init(start: 20_000, duration: 60, multiplier: 10))
        let placed = traffic.placeOutages(mean: 12, from: 1_000, to: 30_000)
        XCTAssertFalse(placed.isEmpty)
        XCTAssertEqual(placed, placed.sorted { $0.start < $1.start })
        for outage in placed {
            XCTAssertGreaterThanOrEqual(outage.start, 1_000)
            XCTAssertLessThan(outage.end, 30_000)
            XCTAssertTrue((2...50).contains(outage.multiplier), "\(outage)")
            XCTAssertTrue((10...360).contains(outage.duration), "\(outage)")
        }
        let all = traffic.outages.sorted { $0.start < $1.start }
        XCTAssertEqual(all.count, placed.count + 1)
        for (earlier, later) in zip(all, all.dropFirst()) {
            XCTAssertGreaterThanOrEqual(later.start, earlier.end + 720)
        }
    }

    func testAnInjectedOutageMultipliesReportsAndChangesNothingBefore() {
        // No day or hour noise: the expected count is exactly normal × multiplier.
        let quiet = TrafficParameters(
            minimumPeakPerMinute: 2, maximumPeakPerMinute: 2, dailyNoise: 0, hourlyNoise: 0)
        let plain = traffic(stream: 9, weeks: 1, parameters: quiet)
        var broken = plain
        let outage = SimulatedTraffic.Outage(start: 3_000, duration: 600, multiplier: 8)
        broken.inject(outage)
        let before = plain.reports()
        let after = broken.reports()
        XCTAssertEqual(after[..<outage.start], before[..<outage.start], "the generator runs alike until the outage")

        let observed = after[outage.start..<outage.end].reduce(0) { $0 + Double($1) }
        let normal = (outage.start..<outage.end).reduce(0) { $0 + plain.normal(at: $1) }
        let expected = normal * outage.multiplier
        // Poisson: the sum's standard deviation is √expected; 4.5 of them is a 1-in-100,000 miss.
        XCTAssertEqual(observed, expected, accuracy: 4.5 * expected.squareRoot())
        XCTAssertGreaterThan(observed / normal, 7, "about \(outage.multiplier)× normal")
        XCTAssertLessThan(observed / normal, 9)

        let plainObserved = before[outage.start..<outage.end].reduce(0) { $0 + Double($1) }
        XCTAssertEqual(plainObserved, normal, accuracy: 4.5 * normal.squareRoot())
        // After it, the normal rhythm again.
        let tail = outage.end..<(outage.end + 2_000)
        let tailObserved = after[tail].reduce(0) { $0 + Double($1) }
        let tailNormal = tail.reduce(0) { $0 + plain.normal(at: $1) }
        XCTAssertEqual(tailObserved, tailNormal, accuracy: 4.5 * tailNormal.squareRoot())
    }

    func testTheRhythmPeaksInTheLocalEveningAndIsLowAtLocalNight() {
        let busy = TrafficParameters(minimumPeakPerMinute: 3, maximumPeakPerMinute: 3)
        var offsets: Set<Int> = []
        for stream in UInt64(0)..<12 {
            let traffic = traffic(stream: stream, weeks: 3, parameters: busy)
            offsets.insert(traffic.utcOffsetMinutes)
            XCTAssertEqual(traffic.localHour(at: 0), ((traffic.utcOffsetMinutes / 60) % 24 + 24) % 24)

            // The normal rate over the local Wednesday: the peak at the weekday's peak value,
            // in the evening; the lowest point at night.
            let wednesday = 2 * 1440 - traffic.utcOffsetMinutes + 7 * 1440
            let day = (wednesday..<(wednesday + 1440)).map { traffic.normal(at: $0) }
            let peak = day.indices.max { day[$0] < day[$1] } ?? 0
            let low = day.indices.min { day[$0] < day[$1] } ?? 0
            XCTAssertEqual(day[peak], traffic.peakPerMinute, accuracy: 1e-9)
            XCTAssertTrue((19 * 60..<22 * 60).contains(peak), "peak at local minute \(peak)")
            XCTAssertTrue((0..<7 * 60).contains(low), "low at local minute \(low)")
            XCTAssertEqual(traffic.localHour(at: wednesday + peak), peak / 60)

            // The reports follow: local evenings (19–22) far busier than local nights (02–05).
            let counts = traffic.reports()
            var evening = 0
            var night = 0
            for (t, count) in counts.enumerated() {
                switch traffic.localHour(at: t) {
                case 19..<22: evening += Int(count)
                case 2..<5: night += Int(count)
                default: break
                }
            }
            XCTAssertGreaterThan(evening, 4 * night, "stream \(stream): evening \(evening), night \(night)")
        }
        XCTAssertGreaterThan(offsets.count, 3, "services live in different time zones")
    }

    func testWeekendsPeakNinetyMinutesLater() {
        let traffic = traffic(stream: 2)
        let saturday = 5 * 1440 - traffic.utcOffsetMinutes + 7 * 1440
        let wednesday = 2 * 1440 - traffic.utcOffsetMinutes + 7 * 1440
        func peakMinute(_ from: Int) -> Int {
            (0..<1440).max { traffic.normal(at: from + $0) < traffic.normal(at: from + $1) } ?? 0
        }
        XCTAssertEqual(peakMinute(saturday) - peakMinute(wednesday), 90)
        XCTAssertEqual(
            traffic.normal(at: saturday + peakMinute(saturday)), traffic.peakPerMinute * traffic.weekendFactor,
            accuracy: 1e-9)
    }

    func testSumsGroupMinutesIntoBuckets() {
        XCTAssertEqual(SimulatedTraffic.sums([1, 2, 3, 4, 5], per: 2), [3, 7, 5])
        XCTAssertEqual(SimulatedTraffic.sums([], per: 15), [])
        let counts = traffic(stream: 1, weeks: 1).reports()
        let buckets = SimulatedTraffic.sums(counts)
        XCTAssertEqual(buckets.count, week / 15)
        XCTAssertEqual(buckets.reduce(0, +), counts.reduce(0) { $0 + Int($1) })
    }
}
