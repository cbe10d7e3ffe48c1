/// How many requests may come how fast: `count` at once, refilled evenly over `seconds`.
public struct RateLimit: Sendable, Equatable, CustomStringConvertible {
    public var count: Int
    public var seconds: Double

    public init(count: Int, per seconds: Double) {
        self.count = count
        self.seconds = seconds
    }

    /// Tokens added per second.
    var refillRate: Double { Double(count) / seconds }

    public var description: String { "\(count) per \(Int(seconds)) s" }
}

/// A token bucket: full at start, one token per request, refilled continuously.
struct TokenBucket: Sendable {
    let limit: RateLimit
    private(set) var tokens: Double
    private var updated: Double

    init(limit: RateLimit, now: Double) {
        self.limit = limit
        tokens = Double(limit.count)
        updated = now
    }

    /// Takes a token. - Returns: nil when one was taken, or the seconds until one is there.
    mutating func take(now: Double) -> Double? {
        refill(now)
        if tokens >= 1 {
            tokens -= 1
            return nil
        }
        return (1 - tokens) / limit.refillRate
    }

    /// Whether the bucket would be full at `now` (so forgetting it changes nothing).
    func isFull(now: Double) -> Bool {
        tokens + max(0, now - updated) * limit.refillRate >= Double(limit.count)
    }

    private mutating func refill(_ now: Double) {
        guard now > updated else { return }
        tokens = min(Double(limit.count), tokens + (now - updated) * limit.refillRate)
        updated = now
    }
}

/// One token bucket per key (a client key), kept in memory; idle buckets are forgotten.
final class KeyedRateLimiter: Sendable {
    private struct State {
        var buckets: [String: TokenBucket] = [:]
        var lastSweep: Double = 0
    }

    let limit: RateLimit
    private let state = Locked(State())

    init(limit: RateLimit) { self.limit = limit }

    /// Takes a token for `key`. - Returns: nil, or the seconds until the key may try again.
    func take(_ key: String, now: Double) -> Double? {
        state.withLock { state in
            if state.buckets.count > 10_000, now - state.lastSweep > 10 {
                state.buckets = state.buckets.filter { !$0.value.isFull(now: now) }
                state.lastSweep = now
            }
            var bucket = state.buckets[key] ?? TokenBucket(limit: limit, now: now)
            let wait = bucket.take(now: now)
            state.buckets[key] = bucket
            return wait
        }
    }
}

/// One token bucket for everyone: a ceiling on what the server accepts, whoever sends it.
final class GlobalRateLimiter: Sendable {
    private let bucket: Locked<TokenBucket?>
    let limit: RateLimit

    init(limit: RateLimit) {
        self.limit = limit
        bucket = Locked(nil)
    }

    /// Takes a token. - Returns: nil, or the seconds until there is one.
    func take(now: Double) -> Double? {
        bucket.withLock { bucket in
            var current = bucket ?? TokenBucket(limit: limit, now: now)
            let wait = current.take(now: now)
            bucket = current
            return wait
        }
    }
}
