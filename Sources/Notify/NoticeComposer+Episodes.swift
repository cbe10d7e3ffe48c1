import Model

extension NoticeComposer {
    /// How long an ended episode lasted, in whole minutes; nil while it is open or when its
    /// times are out of order.
    static func durationMinutes(_ episode: OutageEpisode) -> Int? {
        guard let end = episode.end else { return nil }
        let (seconds, overflow) = end.seconds.subtractingReportingOverflow(episode.start.seconds)
        guard !overflow, seconds >= 0 else { return nil }
        return Int(clamping: seconds / 60)
    }

    /// "1 minute", "47 minutes", "3 hours 5 minutes", "2 days 4 hours" (the wording of the
    /// site's outage history).
    static func duration(minutes: Int) -> String { DurationText.words(minutes: minutes) }

    /// The line a notice opens with when its change ends an episode ("No problems reported since
    /// 14:05 UTC; the trouble began at 13:18 UTC, at worst: problems detected."), else nothing.
    static func episodeLine(_ change: StateChange, ending episode: OutageEpisode?) -> String {
        guard change.to == .ok, let episode, durationMinutes(episode) != nil else { return "" }
        return "No problems reported since \(clockTime(change.at)) UTC; the trouble began at "
            + "\(clockTime(episode.start)) UTC, at worst: \(episode.worstState.headline.lowercased()).\n"
    }
}
