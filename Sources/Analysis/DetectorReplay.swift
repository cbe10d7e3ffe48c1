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
        func count(_ minute: Int64) -> Int { Detector.clamped(perMinute[minute] ?? 0) }
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
        // The inputs of the minute decided just before, while they are known.
        var before: (official: OfficialIndicator, hasHistory: Bool)?
        let zeroNeverAbnormal = min(settings.minimumReportsPossible, settings.stayMinimumReports) >= 1
        var now = start
        while now <= end {
            let baseline = baseline(now)
            let indicator = official(now)
            if now < end, zeroNeverAbnormal, main == 0, shortSum == 0, let quiet = memory, quiet.isQuiet,
                let before, before.official == indicator, before.hasHistory == baseline.hasHistory
            {
                // Nothing happens: no reports in either window, no streak running, and the same
                // official word and history as the minute before decide the same state again
                // (see `Detector`), so only the time moves. The last minute is always decided
                // in full, for its reason.
                memory?.decidedAt = now
            } else {
                let decided = detector.decide(
                    slug: slug, now: now,
                    main: .init(observed: main, expected: baseline.expected(at: now, minutes: window), minutes: window),
                    short: .init(
                        observed: shortSum, expected: baseline.expected(at: now, minutes: short), minutes: short),
                    hasHistory: baseline.hasHistory, overdispersion: baseline.overdispersion, official: indicator,
                    memory: memory)
                if let change = decided.stateChange { changes.append(change) }
                memory = decided.memory
                decision = decided
            }
            before = (indicator, baseline.hasHistory)
            // Slide both windows one minute: the minute starting at `now` enters.
            let entering = count(now.seconds)
            main += entering - count(now.seconds - Int64(window) * 60)
            shortSum += entering - count(now.seconds - Int64(short) * 60)
            now = now.adding(seconds: 60)
        }
        return Outcome(last: decision, changes: changes)
    }
}

extension DetectorMemory {
    /// No streak is running and the reports support no problem: a minute with no reports
    /// changes nothing but the time of the decision.
    var isQuiet: Bool {
        communityState == .ok && elevatedSince == nil && severeSince == nil && calmSince == nil
    }
}
