/// How many requests may come how fast: `count` at once, refilled evenly over `seconds`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var count: Int
    public var seconds: Double

    public init(count: Int, per seconds: Double) {
        self.count = count
        self.seconds = seconds
    }

    /// Tokens added per second.
    package var refillRate: Double { Double(count) / seconds }

    public var description: String { "\(count) per \(Int(seconds)) s" }
}

/// A token bucket: full at start, one token per request, refilled continuously.
package struct TokenBucket: Sendable {
    package let limit: RateLimit
    package private(set) var tokens: Double
    private var updated: Double

    package init(limit: RateLimit, now: Double) {
        self.limit = limit
        tokens = Double(limit.count)
        updated = now
    }

    /// Takes a token. - Returns: nil when one was taken, or the seconds until one is there.
    package mutating func take(now: Double) -> Double? {
        refill(now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / limit.refillRate
    }

    /// Whether the bucket would be full at `now` (so forgetting it changes nothing).
    package func isFull(now: Double) -> Bool {
        tokens + max(0, now - updated) * limit.refillRate >= Double(limit.count)
    }

    private mutating func refill(_ now: Double) {
        guard now > updated else { return }
        tokens = min(Double(limit.count), tokens + (now - updated) * limit.refillRate)
        updated = now
    }
}
