import Model
import Store

/// When each official source is checked: once every `intervalMinutes`, at a minute of its own.
///
/// A source's slot is a stable hash of its service's slug and its URL (the same on every
/// machine and run) modulo the interval; a run at minute `m` (minutes since 1970) checks the
/// sources whose slot is `m mod interval`, so a cron run every minute covers about
/// 1/interval of them. A source never checked, or last checked an interval or more ago (a
/// missed cron minute), is due at once; a source backing off after failures is never due
/// before its next attempt time.
public struct PollSchedule: Sendable, Equatable {
    /// Minutes between two checks of one source (at least 1).
    public let intervalMinutes: Int

    public init(intervalMinutes: Int) {
        self.intervalMinutes = max(1, intervalMinutes)
    }

    /// Whether a source is due at `now`.
    public enum Decision: Sendable, Equatable {
        case due
        /// Waiting for its next attempt time after failures.
        case backingOff
        /// Checked recently; its slot comes later in the interval.
        case notYet
    }

    /// The source's minute within the interval, in `0..<intervalMinutes`.
    public func slot(slug: String, url: String) -> Int {
        var hasher = StableHasher()
        hasher.combine(slug)
        hasher.combine(url)
        // The first 16 hex digits are one 64-bit lane of the digest.
        let lane = UInt64(hasher.hexDigest.prefix(16), radix: 16) ?? 0
        return Int(lane % UInt64(intervalMinutes))
    }

    /// The run's minute within the interval, in `0..<intervalMinutes`.
    public func minute(of now: Timestamp) -> Int {
        let minute = now.floored(to: 60).seconds / 60
        let interval = Int64(intervalMinutes)
        return Int(((minute % interval) + interval) % interval)
    }

    /// Whether the source `url` of `slug`, with its stored `state` (nil: never checked), is
    /// checked by a run at `now`.
    public func decision(slug: String, url: String, state: OfficialSourceState?, now: Timestamp) -> Decision {
        if let next = state?.nextAttemptAt, next > now { return .backingOff }
        guard let last = state?.lastCheckedAt else { return .due }
        let interval = Int64(intervalMinutes) * 60
        // Compared by whole minutes, so a run a few seconds late still catches up.
        let since = now.floored(to: 60).seconds - last.floored(to: 60).seconds
        if since >= interval { return .due }
        return slot(slug: slug, url: url) == minute(of: now) ? .due : .notYet
    }
}
