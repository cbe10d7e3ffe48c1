import Model

/// When a service's baseline is re-estimated: once an hour, at a minute of the hour fixed per
/// service (from a stable hash of its slug, so the work is spread over the hour), from the
/// history before that moment only.
///
/// The baseline in force at a moment is therefore a function of the stored history and the
/// moment alone, not of when `collect` happened to run.
public enum BaselineSchedule {
    /// Seconds between two estimates of one service's baseline.
    public static let interval: Int64 = 3600

    /// The service's minute of the hour, in seconds: FNV-1a of the slug, stable across runs and
    /// machines (Swift's own hashing is seeded per process).
    public static func offset(of slug: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in slug.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0100_0000_01b3
        }
        return Int64(hash % UInt64(interval / 60)) * 60
    }

    /// The moment of the estimate in force at `time`: the latest scheduled moment at or before it.
    public static func estimateTime(at time: Timestamp, slug: String) -> Timestamp {
        let offset = offset(of: slug)
        return time.adding(seconds: -offset).floored(to: interval).adding(seconds: offset)
    }
}
