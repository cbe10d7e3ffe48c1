import Model

/// The once-per-window rule: one client's reports of one service count once per window.
///
/// The one statement of the rule, used by the intake (in memory, per request) and by
/// `import-reports` (per line, against the database). Layer 1, so both can use it: the intake is
/// a layer-2 module beside `Monitor` and may not import it.
public struct ReportWindowRule: Sendable, Equatable {
    /// The window's length.
    public let seconds: Int64

    public init(seconds: Int64) { self.seconds = max(0, seconds) }

    /// The window of `intake.report_window_minutes`.
    public init(minutes: Int) { self.init(seconds: Int64(max(0, minutes)) * 60) }

    /// Whether a report at `now` may count, given the last counted one of the same client and
    /// service. - Returns: nil when it may, or the seconds until it may. A last report later
    /// than `now` (an import of older lines) does not hold `now` back.
    public func wait(lastCounted last: Timestamp?, now: Timestamp) -> Int64? {
        guard let last, now >= last, now.seconds - last.seconds < seconds else { return nil }
        return last.seconds + seconds - now.seconds
    }

    /// Whether a report counted at `last` no longer holds anything back at `now`.
    public func hasExpired(lastCounted last: Timestamp, now: Timestamp) -> Bool {
        now.seconds - last.seconds >= seconds
    }

    /// The earliest time whose report could still hold back a report at `now`.
    public func windowStart(before now: Timestamp) -> Timestamp { now.adding(seconds: -seconds) }

    /// The key a client's reports of a service are remembered under.
    public static func key(clientKey: String, slug: String) -> String { "\(clientKey.prefix(32)) \(slug)" }
}
