import Model

/// Decides one service minute by minute over a stretch of stored counts, so the state at a
/// moment depends only on the data up to it, not on how often `collect` happened to run.
///
/// A decision at time T (a whole minute) covers the complete minutes before T: the live
/// window is `[T − windowMinutes, T)`. Replaying from the last decided minute to now therefore
/// gives the same states and changes, at the same times, whether the minutes are decided one
/// run at a time or all at once after a gap.
public struct DetectorReplay: Sendable {
    /// The rule applied at every minute.
    public var detector: Detector

    /// A replay with the given detector.
    public init(detector: Detector) {
        self.detector = detector
    }

    /// What a replay decided: the last decision and every change on the way, oldest first.
    public struct Outcome: Sendable, Equatable {
        /// The decision at the last replayed minute (nil when no minute was replayed).
        public var last: Decision?
        /// The state changes, each at the minute it happened.
        public var changes: [StateChange]
    }

    /// Decides every whole minute in `first...last` (both minute boundaries).
    /// - Parameters:
    ///   - perMinute: reports per minute start (seconds), at least covering the window before `first`.
    ///   - baseline: the baseline in force at a decision time.
    ///   - official: the official indicator in effect at a decision time.
    ///   - memory: what the decision before `first` left (nil: none).
    public func replay(
        slug: String, first: Timestamp, last: Timestamp, perMinute: [Int64: Int], baseline: (Timestamp) -> Baseline,
        official: (Timestamp) -> OfficialIndicator, memory: DetectorMemory?
    ) -> Outcome {
        let settings = detector.settings
        let window = max(settings.windowMinutes, 1)
        let short = max(1, min(settings.shortWindowMinutes, window))
        let start = first.floored(to: 60)
        let end = last.floored(to: 60)
        guard start <= end else { return Outcome(last: nil, changes: []) }
        func count(_ minute: Int64) -> Int { perMinute[minute] ?? 0 }
        var main = 0
        var shortSum = 0
        for back in 1...window {
            let value = count(start.seconds - Int64(back) * 60)
            main += value
            if back <= short { shortSum += value }
        }
        var memory = memory
        var decision: Decision?
        var changes: [StateChange] = []
        var now = start
        while now <= end {
            let baseline = baseline(now)
            let decided = detector.decide(
                slug: slug, now: now,
                main: .init(observed: main, expected: baseline.expected(at: now, minutes: window), minutes: window),
                short: .init(observed: shortSum, expected: baseline.expected(at: now, minutes: short), minutes: short),
                hasHistory: baseline.hasHistory, overdispersion: baseline.overdispersion, official: official(now),
                memory: memory)
            if let change = decided.stateChange { changes.append(change) }
            memory = decided.memory
            decision = decided
            // Slide both windows one minute: the minute starting at `now` enters.
            let entering = count(now.seconds)
            main += entering - count(now.seconds - Int64(window) * 60)
            shortSum += entering - count(now.seconds - Int64(short) * 60)
            now = now.adding(seconds: 60)
        }
        return Outcome(last: decision, changes: changes)
    }
}
