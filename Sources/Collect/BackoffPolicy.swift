import Foundation
import Model

/// When to try a failing source again. Pure: the caller keeps the failure count.
public enum BackoffPolicy {
    /// The longest wait between attempts, in minutes.
    public static let maximumMinutes = 60

    /// The earliest time to check a source again.
    ///
    /// No failures: right away (`lastCheckedAt`). Otherwise 1, 2, 4, 8 … minutes after the last
    /// check, capped at 60 minutes; a server's `Retry-After` is respected when it asks for
    /// longer (but never more than a day).
    public static func nextAttempt(after failures: Int, lastCheckedAt: Timestamp, retryAfterSeconds: Int?) -> Timestamp
    {
        var wait: Int64 = 0
        if failures > 0 {
            let exponent = min(failures - 1, 6)  // 2^6 = 64 > 60
            wait = Int64(min(1 << exponent, maximumMinutes)) * 60
        }
        if let retryAfterSeconds, retryAfterSeconds > 0 {
            wait = max(wait, Int64(min(retryAfterSeconds, 86_400)))
        }
        return lastCheckedAt.adding(seconds: wait)
    }
}

/// Reads `Retry-After`: delay-seconds or an HTTP date.
enum RetryAfter {
    /// Seconds to wait, measured from `reference` (the response's `Date`, else the clock).
    static func seconds(_ value: String?, responseDate: String?, now: Date = Date()) -> Int? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return max(0, seconds) }
        guard let date = DateText.parse(value) else { return nil }
        let reference =
            responseDate.flatMap(DateText.parse)?.seconds ?? Int64(now.timeIntervalSince1970.rounded(.down))
        return Int(max(0, date.seconds - reference))
    }
}
