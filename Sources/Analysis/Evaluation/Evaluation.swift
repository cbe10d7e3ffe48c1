import Model

/// The reproducible accuracy evaluation: simulate services with daily and weekly rhythm, noise
/// and injected outages, replay the detector minute by minute as `collect` would (baselines
/// re-estimated hourly from the 15-minute history so far, the live window kept as a rolling
/// sum) and score what it said against what was injected.
///
/// Deterministic: the same configuration gives the same report, on any machine.
public enum Evaluation {
    /// Runs the evaluation, one service after the other, then each cohort's. The standard
    /// configuration makes about 14 million decisions and 240,000 baseline estimates: about
    /// 40 seconds in a release build.
    public static func run(_ configuration: EvaluationConfiguration = .standard) -> EvaluationReport {
        var total = ServiceResult()
        for index in 0..<max(configuration.services, 0) {
            total.add(replay(SimulatedService(index: index, configuration: configuration), configuration))
        }
        var cohorts: [CohortReport] = []
        for (number, cohort) in configuration.cohorts.enumerated() {
            var result = ServiceResult()
            for index in 0..<max(cohort.services, 0) {
                let service = SimulatedService(index: index, cohort: number, configuration: configuration)
                result.add(replay(service, configuration))
            }
            cohorts.append(
                CohortReport(
                    cohort: cohort, outcomes: result.outcomes,
                    outageFreeServiceDays: Double(result.outageFreeMinutes) / 1440, falseAlarms: result.falseAlarms,
                    flaps: result.flaps, stateChanges: result.changes))
        }
        return EvaluationReport(
            configuration: configuration, outcomes: total.outcomes,
            serviceDays: Double(configuration.services * configuration.days),
            outageFreeServiceDays: Double(total.outageFreeMinutes) / 1440, falseAlarms: total.falseAlarms,
            flaps: total.flaps, stateChanges: total.changes, decisions: total.decisions, cohorts: cohorts)
    }

    struct ServiceResult {
        var outcomes: [OutageOutcome] = []
        var falseAlarms = 0
        var flaps = 0
        var changes = 0
        var outageFreeMinutes = 0
        var decisions = 0
        /// Every state change: scored minute, from, to, reason (for inspection).
        var log: [(minute: Int, from: ServiceState, to: ServiceState, reason: String)] = []

        /// Adds another service's figures to these (its log is not kept).
        mutating func add(_ other: ServiceResult) {
            outcomes += other.outcomes
            falseAlarms += other.falseAlarms
            flaps += other.flaps
            changes += other.changes
            outageFreeMinutes += other.outageFreeMinutes
            decisions += other.decisions
        }
    }

    /// Replays the scored days of one service and scores them.
    static func replay(_ service: SimulatedService, _ c: EvaluationConfiguration) -> ServiceResult {
        let settings = c.settings
        let detector = Detector(settings: settings)
        let first = c.warmUpWeeks * SimulatedTraffic.minutesPerWeek
        let scored = c.days * 1440
        let timelineStart = c.start.adding(seconds: -Int64(first) * 60)
        let window = max(settings.windowMinutes, 1)
        let short = max(1, min(settings.shortWindowMinutes, window))
        let counts = service.counts
        let slug = "service-\(service.index)"

        var main = 0
        var shortSum = 0
        for t in (first - window)..<first where t >= 0 {
            main += Int(counts[t])
            if t >= first - short { shortSum += Int(counts[t]) }
        }
        var baseline = Baseline.flat(perSlot: 0)
        var memory: DetectorMemory? = nil
        var states = [ServiceState](repeating: .unknown, count: scored)
        var changeLog: [(minute: Int, from: ServiceState, to: ServiceState, reason: String)] = []
        let refresh = max(c.baselineRefreshMinutes, 1)
        let historySlots = max(settings.baselineWeeks, 1) * Baseline.slotCount

        for step in 0..<scored {
            let t = first + step
            main += Int(counts[t]) - (t - window >= 0 ? Int(counts[t - window]) : 0)
            shortSum += Int(counts[t]) - (t - short >= 0 ? Int(counts[t - short]) : 0)
            let now = timelineStart.adding(seconds: Int64(t + 1) * 60)
            if step % refresh == 0 {
                let end = (t + 1) / 15
                let begin = max(0, end - historySlots)
                baseline = BaselineEstimator.estimate(
                    counts: service.buckets[begin..<end],
                    start: timelineStart.adding(seconds: Int64(begin) * 900), now: now, settings: settings)
            }
            let decision = detector.decide(
                slug: slug, now: now,
                main: .init(observed: main, expected: baseline.expected(at: now, minutes: window), minutes: window),
                short: .init(
                    observed: shortSum, expected: baseline.expected(at: now, minutes: short), minutes: short),
                hasHistory: baseline.hasHistory, overdispersion: baseline.overdispersion, official: .unknown,
                memory: memory)
            memory = decision.memory
            states[step] = decision.state
            if decision.changed && step > 0 {
                changeLog.append((step, decision.previousState, decision.state, decision.reason))
            }
        }

        var result = ServiceResult()
        result.decisions = scored
        result.changes = changeLog.count
        result.log = changeLog

        // Outcomes of the injected outages.
        for outage in service.outages {
            let start = outage.start - first
            let end = min(outage.end - first, scored)
            var detectedAt: Int? = nil
            var worst = ServiceState.ok
            for step in max(start, 0)..<max(end, start) {
                if states[step] > .ok && detectedAt == nil { detectedAt = step }
                worst = max(worst, states[step])
            }
            var excess = 0.0
            for t in outage.start..<(outage.start + min(outage.duration, window)) {
                excess += (outage.multiplier - 1) * service.normal(at: t)
            }
            var clearedAt: Int? = nil
            if detectedAt != nil {
                var step = max(end, 0)
                while step < scored && states[step] > .ok { step += 1 }
                if step < scored { clearedAt = step - end }
            }
            let hour = service.localHour(at: outage.start)
            result.outcomes.append(
                OutageOutcome(
                    service: service.index, servicePeakPerMinute: service.peakPerMinute, startMinute: start,
                    durationMinutes: outage.duration, multiplier: outage.multiplier, atNight: hour < 6,
                    expectedExcess: excess, detectable: excess >= c.detectableExcess,
                    clearlyDetectable: excess >= 1.5 * c.detectableExcess,
                    detected: detectedAt != nil, minutesToDetection: detectedAt.map { $0 - start + 1 },
                    minutesToClear: clearedAt,
                    worstState: worst))
        }

        // False alarms: entering an alarm outside outages and their margins.
        var covered = [Bool](repeating: false, count: scored)
        for outage in service.outages {
            let from = max(outage.start - first, 0)
            let to = min(outage.end - first + c.alarmMarginMinutes, scored)
            if from < to { for step in from..<to { covered[step] = true } }
        }
        result.outageFreeMinutes = covered.filter { !$0 }.count
        for change in changeLog where change.from <= .ok && change.to > .ok && !covered[change.minute] {
            result.falseAlarms += 1
        }

        // Flaps: a worse state entered again within the flap window after one was left.
        var lastImprovement: Int? = nil
        for change in changeLog {
            if change.to < change.from {
                lastImprovement = change.minute
            } else if change.to > change.from, change.from >= .ok, let left = lastImprovement,
                change.minute - left < c.flapWindowMinutes
            {
                result.flaps += 1
            }
        }
        return result
    }
}
