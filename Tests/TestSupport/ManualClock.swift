import Foundation
import IntakeRules
import Model

/// A clock the test moves by hand.
public final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Double

    /// A clock that says `start` until moved.
    public init(_ start: Timestamp) { current = Double(start.seconds) }

    /// The clock to hand to the code under test.
    public var clock: IntakeClock { IntakeClock { [self] in lock.withLock { current } } }
    /// The time now, in whole seconds.
    public var now: Timestamp { Timestamp(seconds: Int64(lock.withLock { current })) }

    /// Moves the clock forward.
    public func advance(seconds: Double) { lock.withLock { current += seconds } }
}
