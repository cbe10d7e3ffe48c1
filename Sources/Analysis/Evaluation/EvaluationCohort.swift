/// A group of simulated services scored on its own, beside the main population: the kinds of
/// service where a count rule is hardest pressed, so their figures are not averaged away.
public struct EvaluationCohort: Sendable, Equatable {
    /// A short name for the report ("small services").
    public var name: String
    /// How many services.
    public var services: Int
    /// Their sizes, noise, and their outages' strengths and lengths.
    public var traffic: TrafficParameters
    /// Mean number of injected outages per service in 28 scored days.
    public var outagesPerServicePer28Days: Double
    /// Whether every scored outage starts at night for the service's audience (00:00–05:00
    /// local); otherwise they start at any time.
    public var nightOutages: Bool

    /// A cohort from its parts.
    public init(
        name: String, services: Int, traffic: TrafficParameters, outagesPerServicePer28Days: Double = 1.5,
        nightOutages: Bool = false
    ) {
        self.name = name
        self.services = services
        self.traffic = traffic
        self.outagesPerServicePer28Days = outagesPerServicePer28Days
        self.nightOutages = nightOutages
    }

    /// Small services: under one report a minute even at their daily peak, with outages of
    /// 5× to 30× their usual level: a real problem there adds only a handful of reports.
    public static let small = EvaluationCohort(
        name: "small services",
        services: 100,
        traffic: TrafficParameters(
            minimumPeakPerMinute: 0.05, maximumPeakPerMinute: 1, minimumMultiplier: 5, maximumMultiplier: 30,
            minimumDurationMinutes: 15))

    /// Medium services (1 to 10 reports a minute at peak) whose outages all start at night,
    /// when their count is a tenth of the day's.
    public static let nightMedium = EvaluationCohort(
        name: "medium services at night",
        services: 60,
        traffic: TrafficParameters(
            minimumPeakPerMinute: 1, maximumPeakPerMinute: 10, minimumMultiplier: 5, maximumMultiplier: 50,
            minimumDurationMinutes: 15),
        nightOutages: true)

    /// The cohorts of the published run.
    public static let standard: [EvaluationCohort] = [.small, .nightMedium]
}
