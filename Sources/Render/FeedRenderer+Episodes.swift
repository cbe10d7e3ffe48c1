import Model

extension FeedRenderer {
    /// The feed entry of one state change. A change that starts one of `episodes` says that the
    /// trouble began; a change that ends one says how long it lasted ("Zoom is back to normal
    /// after 47 minutes"). The id and date are the change's own, so the entry is the same in
    /// every build.
    /// - Parameters:
    ///   - link: the service page's absolute URL; the entry's id is built on it.
    ///   - episodes: the service's stored episodes (any order; others' are ignored).
    public static func changeEntry(
        _ change: StateChange, serviceName name: String, link: String, episodes: [OutageEpisode]
    ) -> Entry {
        let id = "\(link)#change-\(change.at.seconds)"
        let reason = change.reason
        if change.to == .ok,
            let episode = episodes.first(where: { $0.slug == change.slug && $0.end == change.at })
        {
            let minutes = max(0, (change.at.seconds - episode.start.seconds) / 60)
            let lasted = OutageHistoryText.duration(minutes: Int(clamping: minutes))
            let summary =
                "Back to normal at \(clock(change.at)) after \(lasted) of trouble (from \(clock(episode.start)), "
                + "at worst: \(episode.worstState.headline.lowercased())). \(reason)"
            return Entry(
                id: id, title: "\(name) is back to normal after \(lasted)", updated: change.at, link: link,
                summary: summary)
        }
        if OutageEpisode.isTrouble(change.to),
            episodes.contains(where: { $0.slug == change.slug && $0.start == change.at })
        {
            let title =
                change.to == .outage ? "Problems detected at \(name)" : "Possible problems at \(name)"
            return Entry(
                id: id, title: title, updated: change.at, link: link,
                summary: "Trouble began at \(clock(change.at)). \(reason)")
        }
        return Entry(id: id, title: "\(name): \(change.to.headline)", updated: change.at, link: link, summary: reason)
    }

    /// `2026-11-26 21:50 UTC`.
    static func clock(_ time: Timestamp) -> String {
        let (year, month, day, hour, minute, _) = time.civil
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)) UTC"
    }
}
