import Model

@testable import Analysis

/// Shared helpers: deterministic histories and minute-by-minute replays.
enum Fixtures {
    /// Wednesday 4 March 2026, 00:00 UTC.
    static let wednesday = Timestamp(year: 2026, month: 3, day: 4)

    /// 15-minute buckets for the `weeks` weeks before `now`, each holding `count(start)`
    /// reports; empty buckets are left out, as the store does.
    static func history(weeks: Int, before now: Timestamp, count: (Timestamp) -> Int) -> [ReportBucket] {
        let end = now.floored(to: 900)
        var buckets: [ReportBucket] = []
        var start = end.adding(seconds: -Int64(weeks) * 604_800)
        while start < end {
            let n = count(start)
            if n > 0 { buckets.append(ReportBucket(start: start, count: n)) }
            start = start.adding(seconds: 900)
        }
        return buckets
    }

    /// A daily rhythm in reports per 15 minutes: 4 at night (00–06 UTC), 50 in the evening
    /// (18–22 UTC), 20 otherwise.
    static func dailyRhythm(_ time: Timestamp) -> Int {
        let hour = time.civil.3
        if hour < 6 { return 4 }
        if hour >= 18 && hour < 22 { return 50 }
        return 20
    }

    /// Like `dailyRhythm` with Poisson noise from a fixed seed.
    static func noisyRhythm(seed: UInt64) -> (Timestamp) -> Int {
        var rng = SplitMix64(seed: seed)
        return { time in rng.poisson(Double(dailyRhythm(time))) }
    }

    /// `minutes` per-minute counts whose sum is `total`, spread as evenly as possible.
    static func spread(_ total: Int, over minutes: Int = 15) -> [Int] {
        (0..<minutes).map { i in total * (i + 1) / minutes - total * i / minutes }
    }
}

/// Feeds a detector one minute at a time, keeping the last 15 minutes of counts.
struct Replay {
    var detector: Detector
    var baseline: Baseline
    var official: OfficialIndicator = .unknown
    var now: Timestamp
    var counts: [Int] = Array(repeating: 0, count: 15)
    var memory: DetectorMemory? = nil
    var decisions: [Decision] = []

    init(baseline: Baseline, start: Timestamp, settings: DetectionSettings = .standard) {
        self.baseline = baseline
        self.now = start
        self.detector = Detector(settings: settings)
    }

    /// One minute passes with `count` new reports; returns the decision at its end.
    @discardableResult
    mutating func minute(_ count: Int) -> Decision {
        now = now.adding(seconds: 60)
        counts.removeFirst()
        counts.append(count)
        let decision = detector.decide(
            DetectorInput(
                slug: "example", now: now, counts: counts, baseline: baseline, official: official, memory: memory))
        memory = decision.memory
        decisions.append(decision)
        return decision
    }

    /// The changes so far, in order.
    var changes: [Decision] { decisions.filter(\.changed) }
}
