/// One token bucket for everyone: a ceiling on what the server accepts, whoever sends it.
package final class GlobalRateLimiter: Sendable {
    private let bucket: Locked<TokenBucket?>
    package let limit: RateLimit

    package init(limit: RateLimit) {
        self.limit = limit
        bucket = Locked(nil)
    }

    /// Takes a token. - Returns: nil, or the seconds until there is one.
    package func take(now: Double) -> Double? {
        bucket.withLock { bucket in
            var current = bucket ?? TokenBucket(limit: limit, now: now)
            let wait = current.take(now: now)
            bucket = current
            return wait
        }
    }
}
