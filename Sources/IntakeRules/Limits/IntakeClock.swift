import Foundation
import Model

/// Where the intake and the notifier read the time; tests pass a clock they move by hand.
public struct IntakeClock: Sendable {
    /// Seconds since 1970, with fractions (rate limits need them).
    public let seconds: @Sendable () -> Double

    public init(seconds: @escaping @Sendable () -> Double) { self.seconds = seconds }

    /// The system clock.
    public static let system = IntakeClock { Date().timeIntervalSince1970 }

    /// A clock that always says `time`.
    public static func fixed(_ time: Timestamp) -> IntakeClock { IntakeClock { Double(time.seconds) } }

    /// The time in whole seconds.
    public var now: Timestamp { Timestamp(seconds: Int64(seconds().rounded(.down))) }
}
