import Foundation

/// The figures of one evaluation run.
///
/// Definitions: an outage is *detected* when the state is `possible` or `outage` at some
/// decision while it lasts; *minutes to detection* count from its first minute to that
/// decision. A *false alarm* is a change from `ok` to a worse state that does not fall inside
/// an injected outage or the `alarmMarginMinutes` after one; its rate is per 100 service-days
/// of outage-free time. A *flap* is a return to a worse state within `flapWindowMinutes` of
/// leaving one (problems, "back to normal", problems again): what a reader sees as flapping.
public struct EvaluationReport: Sendable, OutcomeFigures {
    /// What was run.
    public var configuration: EvaluationConfiguration
    /// One entry per injected outage in the scored days.
    public var outcomes: [OutageOutcome]
    /// Services × scored days.
    public var serviceDays: Double
    /// Scored time outside injected outages and their margins, in service-days.
    public var outageFreeServiceDays: Double
    /// Alarms entered outside injected outages (see the definitions above).
    public var falseAlarms: Int
    /// Worse states entered again soon after leaving one (see the definitions above).
    public var flaps: Int
    /// All state changes in the scored days (entering and leaving alarms).
    public var stateChanges: Int
    /// Decisions made (services × scored minutes).
    public var decisions: Int
    /// The cohorts' own figures, in the configuration's order.
    public var cohorts: [CohortReport]

    /// A report from its figures; `Evaluation.run` makes them.
    public init(
        configuration: EvaluationConfiguration, outcomes: [OutageOutcome], serviceDays: Double,
        outageFreeServiceDays: Double, falseAlarms: Int, flaps: Int, stateChanges: Int, decisions: Int,
        cohorts: [CohortReport] = []
    ) {
        self.configuration = configuration
        self.outcomes = outcomes
        self.serviceDays = serviceDays
        self.outageFreeServiceDays = outageFreeServiceDays
        self.falseAlarms = falseAlarms
        self.flaps = flaps
        self.stateChanges = stateChanges
        self.decisions = decisions
        self.cohorts = cohorts
    }

    /// Strong outages with enough extra reports to be seen at all.
    public var strongDetectableOutcomes: [OutageOutcome] { outcomes.filter { $0.isStrong && $0.detectable } }
    /// Strong outages with clearly enough extra reports: the target is to detect all of them.
    public var strongClearlyDetectableOutcomes: [OutageOutcome] {
        outcomes.filter { $0.isStrong && $0.clearlyDetectable }
    }

    /// Share of all injected outages detected.
    public var detectionRate: Double { EvaluationReport.rate(outcomes) }
    /// Share of detectable outages (any strength) detected.
    public var detectableDetectionRate: Double { EvaluationReport.rate(outcomes.filter(\.detectable)) }
    /// Share of strong outages detected, detectable or not.
    public var strongDetectionRate: Double { EvaluationReport.rate(strongOutcomes) }
    /// Share of strong, detectable outages detected.
    public var strongDetectableDetectionRate: Double { EvaluationReport.rate(strongDetectableOutcomes) }
    /// Share of strong, clearly detectable outages detected: the target is 100 %.
    public var strongClearlyDetectableDetectionRate: Double {
        EvaluationReport.rate(strongClearlyDetectableOutcomes)
    }

    /// Median minutes to detection over the detected strong, detectable outages.
    public var medianMinutesToDetection: Double? {
        EvaluationReport.percentile(strongDetectableOutcomes.compactMap(\.minutesToDetection), 0.5)
    }
    /// 95th percentile of the same.
    public var p95MinutesToDetection: Double? {
        EvaluationReport.percentile(strongDetectableOutcomes.compactMap(\.minutesToDetection), 0.95)
    }
    /// Median minutes to detection over every detected outage.
    public var medianMinutesToDetectionAll: Double? {
        EvaluationReport.percentile(outcomes.compactMap(\.minutesToDetection), 0.5)
    }
    /// 95th percentile over every detected outage.
    public var p95MinutesToDetectionAll: Double? {
        EvaluationReport.percentile(outcomes.compactMap(\.minutesToDetection), 0.95)
    }

    /// Whether the targets are met: every strong, clearly detectable outage detected, median
    /// detection within 5 minutes, under 1 false alarm per 100 service-days, no flaps.
    public var meetsTargets: Bool {
        strongClearlyDetectableDetectionRate >= 1 && (medianMinutesToDetection ?? .infinity) <= 5
            && falseAlarmsPer100ServiceDays < 1 && flaps == 0
    }

    /// The figures as lines for printing.
    public var summaryLines: [String] {
        let c = configuration
        let t = c.traffic
        let s = c.settings
        func g(_ x: Double) -> String { String(format: "%g", x) }
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        func count(_ list: [OutageOutcome]) -> String { "\(list.filter(\.detected).count)/\(list.count)" }
        func minutes(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "–" }
        let night = outcomes.filter(\.atNight)
        let strong = strongOutcomes
        let detectable = strongDetectableOutcomes
        var lines = [
            "Downtrack detector evaluation (seed \(c.seed))",
            "  \(c.services) services, \(c.days) days scored (\(Int(serviceDays)) service-days) after "
                + "\(c.warmUpWeeks) weeks of warm-up history; baselines re-estimated every "
                + "\(c.baselineRefreshMinutes) minutes",
            "  rule: possible when a window's tail probability is below \(g(s.possibleTail)) with at least "
                + "\(s.minimumReportsPossible) reports, outage below \(g(s.outageTail)) with at least "
                + "\(s.minimumReportsOutage); left after \(s.calmMinutes) calm minutes (up to \(s.maximumCalmMinutes) "
                + "for small services), and only once the count is improbable at the problem's own peak "
                + "rate or the calm has lasted \(s.problemCalmMinutes) minutes",
            "  sizes \(t.minimumPeakPerMinute)–\(t.maximumPeakPerMinute) reports/minute at peak; "
                + "noise Poisson × daily \(pct(t.dailyNoise)) × hourly \(pct(t.hourlyNoise))",
            "  \(outcomes.count) injected outages (\(Int(t.minimumMultiplier))×–\(Int(t.maximumMultiplier))×, "
                + "\(Int(t.minimumDurationMinutes))–\(Int(t.maximumDurationMinutes)) minutes, "
                + "\(night.count) at night)",
            "Detected, all outages: \(count(outcomes)) (\(pct(detectionRate))); detectable ones: "
                + "\(count(outcomes.filter(\.detectable))) (\(pct(detectableDetectionRate)))",
            "Detected, ≥5× lasting ≥15 min: \(count(strong)) (\(pct(strongDetectionRate))); reached outage: "
                + "\(strong.filter(\.reachedOutage).count)/\(strong.count)",
            "  detectable (≥\(Int(c.detectableExcess)) extra reports expected in the first 15 min): "
                + "\(count(detectable)) (\(pct(strongDetectableDetectionRate)))",
            "  clearly detectable (≥\(Int(1.5 * c.detectableExcess)) extra reports expected): "
                + "\(count(strongClearlyDetectableOutcomes)) (\(pct(strongClearlyDetectableDetectionRate))); "
                + "at night: \(count(night.filter { $0.isStrong && $0.clearlyDetectable }))",
            "Minutes to detection, ≥5× ≥15 min detectable: median \(minutes(medianMinutesToDetection)), "
                + "95th percentile \(minutes(p95MinutesToDetection)); all detected: median "
                + "\(minutes(medianMinutesToDetectionAll)), 95th percentile \(minutes(p95MinutesToDetectionAll))",
            "Back to ok after a detected outage ends: median \(minutes(medianMinutesToClear)), 95th percentile "
                + "\(minutes(p95MinutesToClear)) minutes",
            "False alarms: \(falseAlarms) in \(String(format: "%.0f", outageFreeServiceDays)) outage-free "
                + "service-days = \(String(format: "%.2f", falseAlarmsPer100ServiceDays)) per 100 service-days",
            "Flaps (a worse state entered again within \(c.flapWindowMinutes) minutes of leaving one): \(flaps); state changes: \(stateChanges)",
        ]
        let missed = outcomes.filter { $0.isStrong && $0.detectable && !$0.detected }
        for outcome in missed.prefix(10) {
            lines.append(
                "  missed: service \(outcome.service) (peak \(String(format: "%.2f", outcome.servicePeakPerMinute))/min) "
                    + "\(String(format: "%.1f", outcome.multiplier))× for \(outcome.durationMinutes) min, "
                    + "\(String(format: "%.0f", outcome.expectedExcess)) extra reports expected")
        }
        for cohort in cohorts { lines += cohort.summaryLines }
        lines.append("Targets " + (meetsTargets ? "met" : "not met"))
        return lines
    }

    static func rate(_ list: [OutageOutcome]) -> Double {
        list.isEmpty ? 1 : Double(list.filter(\.detected).count) / Double(list.count)
    }

    /// Nearest-rank percentile.
    static func percentile(_ values: [Int], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let rank = max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0)
        return Double(sorted[min(rank, sorted.count - 1)])
    }
}
