/// The figures the whole evaluation and each cohort report alike, from their outcomes and
/// outage-free time.
public protocol OutcomeFigures {
    /// One entry per injected outage in the scored days.
    var outcomes: [OutageOutcome] { get }
    /// Scored time outside injected outages and their margins, in service-days.
    var outageFreeServiceDays: Double { get }
    /// Alarms entered outside injected outages.
    var falseAlarms: Int { get }
}

extension OutcomeFigures {
    /// Outages of at least 5× normal lasting at least 15 minutes.
    public var strongOutcomes: [OutageOutcome] { outcomes.filter(\.isStrong) }
    /// Median minutes from the end of a detected outage until the state is `ok` again.
    public var medianMinutesToClear: Double? {
        EvaluationReport.percentile(outcomes.compactMap(\.minutesToClear), 0.5)
    }
    /// 95th percentile of the same.
    public var p95MinutesToClear: Double? {
        EvaluationReport.percentile(outcomes.compactMap(\.minutesToClear), 0.95)
    }
    /// False alarms per 100 service-days of outage-free time.
    public var falseAlarmsPer100ServiceDays: Double {
        outageFreeServiceDays > 0 ? Double(falseAlarms) / outageFreeServiceDays * 100 : 0
    }
}
