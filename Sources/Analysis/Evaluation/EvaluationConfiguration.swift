import Model

/// The knobs of the seeded accuracy evaluation. The defaults are the published run: 200
/// services, 28 evaluated days after 8 weeks of warm-up history.
public struct EvaluationConfiguration: Sendable, Equatable {
    /// The seed of the simulation; the same seed gives the same report.
    public var seed: UInt64
    /// How many simulated services.
    public var services: Int
    /// How many days are replayed minute by minute and scored.
    public var days: Int
    /// Weeks of simulated history before the scored days, for the baselines.
    public var warmUpWeeks: Int
    /// The range of service sizes: reports per minute at the daily peak (log-uniform).
    public var minimumPeakPerMinute: Double
    /// See `minimumPeakPerMinute`.
    public var maximumPeakPerMinute: Double
    /// Mean number of injected outages per service in 28 scored days.
    public var outagesPerServicePer28Days: Double
    /// Mean number of past outages per service in 28 days of warm-up history.
    public var pastOutagesPerServicePer28Days: Double
    /// Outage strength: reports per minute multiplied by this (log-uniform in the range).
    public var minimumMultiplier: Double
    /// See `minimumMultiplier`.
    public var maximumMultiplier: Double
    /// Outage length in minutes (log-uniform in the range).
    public var minimumDurationMinutes: Double
    /// See `minimumDurationMinutes`.
    public var maximumDurationMinutes: Double
    /// Day-to-day noise: log standard deviation of a factor drawn per day.
    public var dailyNoise: Double
    /// Hour-to-hour noise: log standard deviation of a factor drawn per hour.
    public var hourlyNoise: Double
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

    /// A configuration; every argument defaults to the published run.
    public init(
        seed: UInt64 = 20_261_126, services: Int = 200, days: Int = 28, warmUpWeeks: Int = 8,
        minimumPeakPerMinute: Double = 0.05, maximumPeakPerMinute: Double = 50,
        outagesPerServicePer28Days: Double = 1.5, pastOutagesPerServicePer28Days: Double = 1,
        minimumMultiplier: Double = 2, maximumMultiplier: Double = 50,
        minimumDurationMinutes: Double = 10, maximumDurationMinutes: Double = 360,
        dailyNoise: Double = 0.1, hourlyNoise: Double = 0.1, baselineRefreshMinutes: Int = 60,
        flapWindowMinutes: Int = 30, alarmMarginMinutes: Int = 30,
        start: Timestamp = Timestamp(year: 2026, month: 3, day: 2),
        settings: DetectionSettings = .standard
    ) {
        self.seed = seed
        self.services = services
        self.days = days
        self.warmUpWeeks = warmUpWeeks
        self.minimumPeakPerMinute = minimumPeakPerMinute
        self.maximumPeakPerMinute = maximumPeakPerMinute
        self.outagesPerServicePer28Days = outagesPerServicePer28Days
        self.pastOutagesPerServicePer28Days = pastOutagesPerServicePer28Days
        self.minimumMultiplier = minimumMultiplier
        self.maximumMultiplier = maximumMultiplier
        self.minimumDurationMinutes = minimumDurationMinutes
        self.maximumDurationMinutes = maximumDurationMinutes
        self.dailyNoise = dailyNoise
        self.hourlyNoise = hourlyNoise
        self.baselineRefreshMinutes = baselineRefreshMinutes
        self.flapWindowMinutes = flapWindowMinutes
        self.alarmMarginMinutes = alarmMarginMinutes
        self.start = start
        self.settings = settings
    }

    /// The published run.
    public static let standard = EvaluationConfiguration()
}
