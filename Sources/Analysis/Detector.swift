import Foundation
import Model

/// Decides a service's state from its recent reports, its baseline, the official status and
/// what it decided before.
///
/// The rule, every minute:
/// 1. Two windows are tested, the live one (`windowMinutes`, 15) and a short one
///    (`shortWindowMinutes`, 5): the observed count against the baseline's expectation for
///    exactly that window, under the negative binomial count model (`CountModel`; Poisson
///    when the service is no noisier than chance).
/// 2. Evidence decides, not a fixed count: a window is abnormal for `possible` when the
///    upper-tail probability of so many reports is below `possibleTail` and the count is at
///    least `possibleRatio` × the expected one; for `outage` likewise with the outage
///    parameters. Small floors (`minimumReportsPossible`, `minimumReportsOutage`) only keep one
///    or two reports on a near-silent service from ever raising a problem.
/// 3. Enter fast: a worse state is entered after `enterMinutes` consecutive abnormal minutes;
///    a minute that already passes the outage test makes the state at least `possible` at once.
/// 4. Leave on evidence too (hysteresis): a state holds while a window still passes the much
///    looser "stay" test (`stay…` parameters) and is left after `calmMinutes` consecutive
///    minutes that do not. The live window's evidence only counts while the last
///    `shortWindowMinutes` are consistent with the rate of the minutes before them
///    (`stayConsistencyTail`): once the reports have clearly fallen back, a spike still inside
///    the live window no longer holds the state. Nor is a problem left while a lull is likely
///    at the problem's own highest rate (`leaveProblemTail`, remembered in `DetectorMemory`),
///    unless the calm has lasted `problemCalmMinutes`. From `outage` the service drops to
///    `possible` if that still holds, otherwise to `ok`.
/// 5. Official status is fused: major or critical makes the state at least `outage`, minor at
///    least `possible`; maintenance and none change nothing.
/// 6. `unknown` only when there is nothing at all: no history, no reports, no official status,
///    and no earlier state (a service once seen is not forgotten because it went quiet).
///
/// Pure and cheap: the tail probability is computed only for counts that pass the cheap
/// floor and ratio tests, so deciding 20,000 quiet services takes a few milliseconds. Counts
/// from outside are clamped (`maximumCountPerMinute`), so no sum can overflow.
public struct Detector: Sendable {
    /// The parameters of the rule.
    public var settings: DetectionSettings

    /// A detector with the given rule (the shipped defaults unless told otherwise).
    public init(settings: DetectionSettings = .standard) {
        self.settings = settings
    }

    /// Decides the state for `input`.
    public func decide(_ input: DetectorInput) -> Decision {
        let counts = input.counts
        let minutes = max(1, counts.isEmpty ? settings.windowMinutes : min(settings.windowMinutes, counts.count))
        let short = max(1, min(settings.shortWindowMinutes, minutes))
        var observed = 0
        var shortObserved = 0
        var index = 0
        for count in counts.suffix(minutes) {
            let count = Detector.clamped(count)
            observed += count
            if index >= minutes - short { shortObserved += count }
            index += 1
        }
        return decide(
            slug: input.slug, now: input.now,
            main: WindowCount(
                observed: observed, expected: input.baseline.expected(at: input.now, minutes: minutes),
                minutes: minutes),
            short: WindowCount(
                observed: shortObserved, expected: input.baseline.expected(at: input.now, minutes: short),
                minutes: short),
            hasHistory: input.baseline.hasHistory, overdispersion: input.baseline.overdispersion,
            official: input.official, memory: input.memory)
    }

    /// The most reports one minute can carry into a decision: larger (or negative) counts from
    /// outside are clamped, so a window of up to a week of minutes can never overflow.
    public static let maximumCountPerMinute = 1 << 32

    /// `count` within `0...maximumCountPerMinute`.
    public static func clamped(_ count: Int) -> Int {
        min(max(count, 0), maximumCountPerMinute)
    }

    /// A window's count and what was expected in it.
    struct WindowCount {
        var observed: Int
        var expected: Double
        var minutes: Int
    }

    /// How abnormal one window is, for each test.
    private struct WindowTest {
        var window: WindowCount
        var logTail: Double = 0
        var enterPossible = false
        var enterOutage = false
        var stayPossible = false
        var stayOutage = false

        var enterLevel: Int { enterOutage ? 2 : (enterPossible ? 1 : 0) }
    }

    private func test(_ window: WindowCount, overdispersion: Double) -> WindowTest {
        var result = WindowTest(window: window)
        let s = settings
        let observed = Double(window.observed)
        let expected = window.expected.isFinite ? max(window.expected, 1e-9) : 1e-9
        // Cheap gates first: most services, most minutes, fail them and need no tail.
        guard window.observed >= min(s.minimumReportsPossible, s.stayMinimumReports),
            observed >= min(s.possibleRatio, s.stayPossibleRatio) * expected
        else { return result }
        let logTail = CountModel.logUpperTail(
            observed: window.observed, mean: expected, overdispersion: overdispersion)
        result.logTail = logTail
        result.enterPossible =
            window.observed >= s.minimumReportsPossible && observed >= s.possibleRatio * expected
            && logTail <= log(s.possibleTail)
        result.enterOutage =
            result.enterPossible && window.observed >= s.minimumReportsOutage
            && observed >= s.outageRatio * expected && logTail <= log(s.outageTail)
        result.stayPossible =
            result.enterPossible
            || (window.observed >= s.stayMinimumReports && observed >= s.stayPossibleRatio * expected
                && logTail <= log(s.stayPossibleTail))
        result.stayOutage =
            result.enterOutage
            || (window.observed >= s.stayMinimumReports && observed >= s.stayOutageRatio * expected
                && logTail <= log(s.stayOutageTail))
        return result
    }

    /// Whether the last `short.minutes` are consistent with the rate of the live window's
    /// earlier minutes: false when so few reports in them would be improbable (below
    /// `stayConsistencyTail`) had that rate gone on. Then the live window's excess is the past,
    /// not the present, and does not hold a state.
    private func recentMinutesContinue(main: WindowCount, short: WindowCount, overdispersion: Double) -> Bool {
        let earlierMinutes = main.minutes - short.minutes
        guard settings.stayConsistencyTail > 0, earlierMinutes > 0, main.observed > short.observed else {
            return true
        }
        let rate = Double(main.observed - short.observed) / Double(earlierMinutes)
        let projected = rate * Double(short.minutes)
        let logLower = CountModel.logLowerTail(
            observed: short.observed, mean: projected, overdispersion: overdispersion)
        return logLower > log(settings.stayConsistencyTail)
    }

    /// How long the calm must last before a state is left: `calmMinutes`, longer for a small
    /// service until its calm covers `calmExpectedReports` normal reports (a lull of a few
    /// minutes says nothing where reports come once in ten minutes), never longer than
    /// `maximumCalmMinutes`.
    func holdMinutes(_ main: WindowCount) -> Int {
        let s = settings
        let shortest = max(s.calmMinutes, 1)
        let longest = max(s.maximumCalmMinutes, shortest)
        let perMinute = main.expected / Double(max(main.minutes, 1))
        guard perMinute.isFinite, perMinute > 0, s.calmExpectedReports > 0 else { return longest }
        let needed = s.calmExpectedReports / perMinute
        return needed >= Double(longest) ? longest : max(shortest, Int(needed.rounded(.up)))
    }

    /// Whether the live window's count would be improbable (below `leaveProblemTail`) had the
    /// reports gone on at `rate`, the problem's highest rate: only then is a problem over. A
    /// lull that the problem's own rate easily explains is not its end.
    func clearlyBelowProblem(_ main: WindowCount, rate: Double?, overdispersion: Double) -> Bool {
        guard settings.leaveProblemTail > 0, let rate, rate.isFinite, rate > 0 else { return true }
        let logLower = CountModel.logLowerTail(
            observed: main.observed, mean: rate * Double(main.minutes), overdispersion: overdispersion)
        return logLower <= log(settings.leaveProblemTail)
    }

    /// The core, on window sums (the evaluation keeps rolling sums and calls this directly).
    func decide(
        slug: String, now: Timestamp, main: WindowCount, short: WindowCount, hasHistory: Bool,
        overdispersion: Double, official: OfficialIndicator, memory previous: DetectorMemory?
    ) -> Decision {
        let s = settings
        let tests = [test(main, overdispersion: overdispersion), test(short, overdispersion: overdispersion)]
        let enterLevel = max(tests[0].enterLevel, tests[1].enterLevel)
        // The live window holds a state only while its recent minutes carry its rate on.
        let inProblem = (previous?.communityState ?? .ok) > .ok
        let liveHolds =
            inProblem && (tests[0].stayPossible || tests[0].stayOutage)
            && recentMinutesContinue(main: main, short: short, overdispersion: overdispersion)
        let stayPossible = (tests[0].stayPossible && liveHolds) || tests[1].stayPossible
        let stayOutage = (tests[0].stayOutage && liveHolds) || tests[1].stayOutage

        var memory =
            previous
            ?? DetectorMemory(state: .unknown, since: now, communityState: .ok, decidedAt: now)
        if now.seconds - memory.decidedAt.seconds > Int64(s.maximumGapMinutes) * 60 {
            memory.elevatedSince = nil
            memory.severeSince = nil
            memory.calmSince = nil
        }
        memory.elevatedSince = enterLevel >= 1 ? (memory.elevatedSince ?? now) : nil
        memory.severeSince = enterLevel >= 2 ? (memory.severeSince ?? now) : nil

        let community = memory.communityState > .ok ? memory.communityState : .ok
        var newCommunity = community
        if community < .outage,
            DetectorMemory.minutes(from: memory.severeSince, to: now) >= max(s.enterMinutes, 1)
        {
            newCommunity = .outage
        } else if community < .possible,
            enterLevel >= 2
                || DetectorMemory.minutes(from: memory.elevatedSince, to: now) >= max(s.enterMinutes, 1)
        {
            // A count that already passes the outage test is at least `possible` at first sight.
            newCommunity = .possible
        }
        if newCommunity != community || community == .ok {
            memory.calmSince = nil
        } else {
            let still = community == .outage ? stayOutage : stayPossible
            memory.calmSince = still ? nil : (memory.calmSince ?? now)
            let calm = DetectorMemory.minutes(from: memory.calmSince, to: now)
            if calm >= holdMinutes(main),
                calm >= s.problemCalmMinutes
                    || clearlyBelowProblem(main, rate: memory.problemRate, overdispersion: overdispersion)
            {
                newCommunity = community == .outage && stayPossible ? .possible : .ok
                memory.calmSince = nil
            }
        }
        memory.communityState = newCommunity
        memory.problemRate =
            newCommunity > .ok
            ? max(memory.problemRate ?? 0, Double(main.observed) / Double(max(main.minutes, 1))) : nil

        // Fusion with the official status.
        let officialFloor: ServiceState =
            switch official {
            case .major, .critical: .outage
            case .minor: .possible
            case .none, .maintenance, .unknown: .unknown
            }
        // Nothing known: no history, no reports, no official word, and never anything before.
        let noData =
            !hasHistory && main.observed == 0 && short.observed == 0 && official == .unknown
            && (previous?.state ?? .unknown) == .unknown
        let base: ServiceState = newCommunity > .ok ? newCommunity : (noData ? .unknown : .ok)
        let state = max(base, officialFloor)

        let previousState = previous?.state ?? .unknown
        let changed = state != previousState
        if changed || previous == nil { memory.since = now }
        memory.state = state
        memory.decidedAt = now

        // The reason: cite the window that carries the decision. While easing and when back to
        // normal that is the short one: the live window may still hold the spike that ended.
        var evidence = main
        if memory.calmSince != nil || (community > .ok && newCommunity == .ok) {
            evidence = short
        } else if newCommunity > .ok {
            let supporting = tests.filter { newCommunity == .outage ? $0.stayOutage : $0.stayPossible }
            if let best = supporting.min(by: { $0.logTail < $1.logTail }) { evidence = best.window }
        }
        let countText = ReasonText.counts(evidence)
        let reason: String
        if state == .unknown {
            reason = "no reports, history or official status yet"
        } else if officialFloor > newCommunity {
            reason = "official status: \(official.label.lowercased()) (\(countText))"
        } else if state > .ok {
            // Held only by hysteresis while the calm period runs: say so.
            let easing = memory.calmSince != nil ? "easing: " : ""
            reason =
                easing
                + (officialFloor > .unknown
                    ? "\(countText); official status: \(official.label.lowercased())" : countText)
        } else if memory.elevatedSince != nil {
            // Abnormal, but not for long enough yet: the page should not read as all clear.
            reason = "rising, not confirmed yet: " + countText
        } else {
            reason = (previousState > .ok ? "back to normal: " : "") + countText
        }
        let suffix = official == .maintenance ? "; official status: maintenance (not counted as a problem)" : ""

        return Decision(
            slug: slug, at: now, state: state, previousState: previousState, reason: reason + suffix,
            memory: memory, changed: changed, observed: main.observed, expected: main.expected,
            windowMinutes: main.minutes)
    }
}
