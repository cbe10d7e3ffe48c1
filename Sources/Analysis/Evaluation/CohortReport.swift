import Foundation

/// The figures of one cohort of an evaluation run (`EvaluationCohort`), reported on their own:
/// every outage of at least 5× lasting at least 15 minutes counts, however few reports it adds.
public struct CohortReport: Sendable, OutcomeFigures {
    /// The cohort.
    public var cohort: EvaluationCohort
    /// One entry per injected outage in the scored days.
    public var outcomes: [OutageOutcome]
    /// Scored time outside injected outages and their margins, in service-days.
    public var outageFreeServiceDays: Double
    /// Alarms entered outside injected outages.
    public var falseAlarms: Int
    /// Worse states entered again soon after leaving one.
    public var flaps: Int
    /// All state changes in the scored days.
    public var stateChanges: Int

    /// A report from its figures; `Evaluation.run` makes them.
    public init(
        cohort: EvaluationCohort, outcomes: [OutageOutcome], outageFreeServiceDays: Double, falseAlarms: Int,
        flaps: Int, stateChanges: Int
    ) {
        self.cohort = cohort
        self.outcomes = outcomes
        self.outageFreeServiceDays = outageFreeServiceDays
        self.falseAlarms = falseAlarms
        self.flaps = flaps
        self.stateChanges = stateChanges
    }

    /// Share of strong outages that reached `possible` or worse.
    public var possibleRate: Double { EvaluationReport.rate(strongOutcomes) }
    /// Share of strong outages that reached `outage`.
    public var outageRate: Double {
        strongOutcomes.isEmpty ? 1 : Double(strongOutcomes.filter(\.reachedOutage).count) / Double(strongOutcomes.count)
    }
    /// Median minutes to detection over the detected strong outages.
    public var medianMinutesToDetection: Double? {
        EvaluationReport.percentile(strongOutcomes.compactMap(\.minutesToDetection), 0.5)
    }
    /// 95th percentile of the same.
    public var p95MinutesToDetection: Double? {
        EvaluationReport.percentile(strongOutcomes.compactMap(\.minutesToDetection), 0.95)
    }

    /// The figures as lines for printing, a block of their own.
    public var summaryLines: [String] {
        let t = cohort.traffic
        let strong = strongOutcomes
        func pct(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
        func minutes(_ x: Double?) -> String { x.map { String(format: "%.0f", $0) } ?? "–" }
        func size(_ x: Double) -> String { String(format: "%g", x) }
        let when = cohort.nightOutages ? "all starting 00:00–05:00 local" : "at any time"
        return [
            "Cohort: \(cohort.name) (\(cohort.services) services, \(size(t.minimumPeakPerMinute))–"
                + "\(size(t.maximumPeakPerMinute)) reports/minute at peak; \(outcomes.count) outages "
                + "\(size(t.minimumMultiplier))×–\(size(t.maximumMultiplier))×, \(when))",
            "  ≥5× lasting ≥15 min: \(strong.filter(\.detected).count)/\(strong.count) reached possible "
                + "(\(pct(possibleRate))), \(strong.filter(\.reachedOutage).count)/\(strong.count) reached outage "
                + "(\(pct(outageRate)))",
            "  minutes to detection: median \(minutes(medianMinutesToDetection)), 95th percentile "
                + "\(minutes(p95MinutesToDetection))",
            "  back to ok after a detected outage ends: median \(minutes(medianMinutesToClear)), 95th percentile "
                + "\(minutes(p95MinutesToClear)) minutes",
            "  false alarms: \(falseAlarms) in \(String(format: "%.0f", outageFreeServiceDays)) outage-free "
                + "service-days = \(String(format: "%.2f", falseAlarmsPer100ServiceDays)) per 100 service-days; "
                + "flaps: \(flaps); state changes: \(stateChanges)",
        ]
    }
}
