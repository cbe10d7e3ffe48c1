/// What kind of services `SimulatedTraffic` simulates: their sizes, their noise and the
/// strength and length of the outages it places. The defaults are those of the published
/// evaluation (`EvaluationConfiguration.standard`).
public struct TrafficParameters: Sendable, Equatable {
    /// The range of service sizes: reports per minute at the daily peak (log-uniform).
    public var minimumPeakPerMinute: Double
    /// See `minimumPeakPerMinute`.
    public var maximumPeakPerMinute: Double
    /// Outage strength: reports per minute multiplied by this (log-uniform in the range).
    public var minimumMultiplier: Double
    /// See `minimumMultiplier`.
    public var maximumMultiplier: Double
    /// Outage length in minutes (log-uniform in the range).
    public var minimumDurationMinutes: Double
    /// See `minimumDurationMinutes`.
    public var maximumDurationMinutes: Double
    /// Day-to-day noise: log standard deviation of a factor drawn per simulated day.
    public var dailyNoise: Double
    /// Hour-to-hour noise: log standard deviation of a factor drawn per simulated hour.
    public var hourlyNoise: Double

    /// Parameters; every argument defaults to the published evaluation's.
    public init(
        minimumPeakPerMinute: Double = 0.05, maximumPeakPerMinute: Double = 50, minimumMultiplier: Double = 2,
        maximumMultiplier: Double = 50, minimumDurationMinutes: Double = 10, maximumDurationMinutes: Double = 360,
        dailyNoise: Double = 0.1, hourlyNoise: Double = 0.1
    ) {
        self.minimumPeakPerMinute = minimumPeakPerMinute
        self.maximumPeakPerMinute = maximumPeakPerMinute
        self.minimumMultiplier = minimumMultiplier
        self.maximumMultiplier = maximumMultiplier
        self.minimumDurationMinutes = minimumDurationMinutes
        self.maximumDurationMinutes = maximumDurationMinutes
        self.dailyNoise = dailyNoise
        self.hourlyNoise = hourlyNoise
    }
}
