import Model

/// The knobs of the seeded accuracy evaluation. The defaults are the published run: 200
/// services, 28 evaluated days after 8 weeks of warm-up history, then 100 small services and
/// 60 medium services with outages at night, scored on their own.
public struct EvaluationConfiguration: Sendable, Equatable {
    /// The seed of the simulation; the same seed gives the same report.
    public var seed: UInt64
    /// How many simulated services.
    public var services: Int
    /// How many days are replayed minute by minute and scored.
    public var days: Int
    /// Weeks of simulated history before the scored days, for the baselines.
    public var warmUpWeeks: Int
    /// The simulated services' sizes, noise, and injected outages' strengths and lengths.
    public var traffic: TrafficParameters
    /// Mean number of injected outages per service in 28 scored days.
    public var outagesPerServicePer28Days: Double
    /// Mean number of past outages per service in 28 days of warm-up history.
    public var pastOutagesPerServicePer28Days: Double
    /// How often the baselines are re-estimated during the replay, as the caller would.
    public var baselineRefreshMinutes: Int
    /// A state change that undoes the previous one within this many minutes is a flap.
    public var flapWindowMinutes: Int
    /// Minutes after an outage ends during which entering an alarm is not counted as false
    /// (the live window still holds the outage's reports).
    public var alarmMarginMinutes: Int
    /// The first scored minute (a Monday, 00:00 UTC, by default).
    public var start: Timestamp
    /// The rule under test.
    public var settings: DetectionSettings
    /// Extra reports an outage must be expected to add in its first 15 minutes to count as
    /// detectable in the main figures (10). A fixed yardstick of the evaluation, not a
    /// parameter of the rule, so runs with different rules are scored alike.
    public var detectableExcess: Double
    /// Groups of services scored and reported on their own after the main population
    /// (small services, medium services at night).
    public var cohorts: [EvaluationCohort]

    /// A configuration; every argument defaults to the published run.
    public init(
        seed: UInt64 = 20_261_126, services: Int = 200, days: Int = 28, warmUpWeeks: Int = 8,
        traffic: TrafficParameters = TrafficParameters(), outagesPerServicePer28Days: Double = 1.5,
        pastOutagesPerServicePer28Days: Double = 1, baselineRefreshMinutes: Int = 60, flapWindowMinutes: Int = 30,
        alarmMarginMinutes: Int = 30, start: Timestamp = Timestamp(year: 2026, month: 3, day: 2),
        settings: DetectionSettings = .standard, detectableExcess: Double = 10,
        cohorts: [EvaluationCohort] = EvaluationCohort.standard
    ) {
        self.seed = seed
        self.services = services
        self.days = days
        self.warmUpWeeks = warmUpWeeks
        self.traffic = traffic
        self.outagesPerServicePer28Days = outagesPerServicePer28Days
        self.pastOutagesPerServicePer28Days = pastOutagesPerServicePer28Days
        self.baselineRefreshMinutes = baselineRefreshMinutes
        self.flapWindowMinutes = flapWindowMinutes
        self.alarmMarginMinutes = alarmMarginMinutes
        self.start = start
        self.settings = settings
        self.detectableExcess = detectableExcess
        self.cohorts = cohorts
    }

    /// The published run.
    public static let standard = EvaluationConfiguration()
}
