/// One token bucket per key (a client key), kept in memory. Idle (full) buckets are forgotten,
/// and at most `capacity` buckets are held: past that, the oldest is forgotten first (that
/// client starts again with a full bucket, which costs less than unbounded memory).
package final class KeyedRateLimiter: Sendable {
    private struct State {
        var buckets: BoundedMap<TokenBucket>
        var lastSweep: Double = 0
    }

    package let limit: RateLimit
    private let state: Locked<State>

    /// The default bound: about 10 MB of buckets.
    package static let defaultCapacity = 100_000

    package init(limit: RateLimit, capacity: Int = KeyedRateLimiter.defaultCapacity) {
        self.limit = limit
        state = Locked(State(buckets: BoundedMap(capacity: capacity)))
    }

    /// Buckets held now (for tests and statistics).
    package var entryCount: Int { state.withLock { $0.buckets.count } }

    /// Takes a token for `key`. - Returns: nil, or the seconds until the key may try again.
    package func take(_ key: String, now: Double) -> Double? {
        state.withLock { state in
            if state.buckets.count > state.buckets.capacity / 2, now - state.lastSweep > 10 {
                state.buckets.removeAll { $0.isFull(now: now) }
                state.lastSweep = now
            }
            var bucket = state.buckets[key] ?? TokenBucket(limit: limit, now: now)
            let wait = bucket.take(now: now)
            state.buckets[key] = bucket
            return wait
        }
    }
}
