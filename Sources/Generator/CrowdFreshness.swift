import Model

/// Ages the crowd states to `unknown` when collection has stopped: a state decided hours ago
/// says nothing about now, so a build after a long pause says when data last came in instead.
struct CrowdFreshness {
    /// When `collect` last ran (nil: never).
    let lastCollect: Timestamp?
    /// How long after the last run the states still count.
    let staleAfterMinutes: Int

    /// `states` as they may be shown at `now`.
    func states(_ states: [String: CurrentState], at now: Timestamp) -> [String: CurrentState] {
        guard let lastCollect else { return states }
        let silence = now.seconds - lastCollect.seconds
        guard silence > Int64(max(staleAfterMinutes, 0)) * 60 else { return states }
        let reason =
            "No report data since \(Self.text(lastCollect)): collection has not run for \(Self.duration(silence))."
        return states.mapValues { CurrentState(slug: $0.slug, state: .unknown, since: lastCollect, reason: reason) }
    }

    /// `2026-11-26 22:00 UTC`.
    static func text(_ time: Timestamp) -> String {
        let iso = time.iso8601
        return String(iso.prefix(10)) + " " + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    /// `45 minutes`, `3 hours`, `2 days`.
    static func duration(_ seconds: Int64) -> String {
        let minutes = seconds / 60
        func unit(_ n: Int64, _ name: String) -> String { "\(n) \(name)\(n == 1 ? "" : "s")" }
        if minutes < 120 { return unit(minutes, "minute") }
        if minutes < 48 * 60 { return unit(minutes / 60, "hour") }
        return unit(minutes / 1440, "day")
    }
}
