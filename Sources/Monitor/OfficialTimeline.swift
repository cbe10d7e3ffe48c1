import Model
import Store

/// The official indicator of one service at any minute of a replay, from its stored check
/// history and the latest knowledge of each source.
///
/// The history keeps a row only when an answer changed or a check failed, so the answer of a
/// row holds until the next one; before a source's first row nothing is known of it. A source
/// with no history row at all (pruned) is read from its latest knowledge. After a failed
/// check the last answer is counted as fresh from the failure on for the usual `staleAfter`.
/// Only indicators are read (plain columns): an official status counts by its indicator alone.
struct OfficialTimeline {
    /// Each of the service's sources: its latest knowledge and its history rows, oldest first
    /// (looked up once, not at every replayed minute).
    let sources: [(latest: OfficialSourceIndicator?, entries: [OfficialCheckEntry])]
    /// Seconds after which an official status no longer counts.
    let staleAfter: Int

    init(
        sources: [StatusSource], latest: [OfficialSourceIndicator], history: [OfficialCheckEntry], staleAfter: Int
    ) {
        let latest = Dictionary(latest.map { ($0.sourceURL, $0) }, uniquingKeysWith: { first, _ in first })
        let history = Dictionary(grouping: history, by: \.sourceURL)
        self.sources = sources.map { (latest[$0.url], history[$0.url] ?? []) }
        self.staleAfter = staleAfter
    }

    /// The worst fresh indicator among the service's sources at `time`.
    func indicator(at time: Timestamp) -> OfficialIndicator {
        var worst = OfficialIndicator.unknown
        for source in sources {
            guard let (indicator, lastGood) = known(latest: source.latest, entries: source.entries, at: time) else {
                continue
            }
            // Never a stale green: an answer older than `staleAfter` counts as unknown.
            guard let indicator, let lastGood, time.seconds - lastGood.seconds <= Int64(staleAfter) else { continue }
            if indicator.severity > worst.severity { worst = indicator }
        }
        return worst
    }

    /// What was known about one source at `time`: its last indicator and last good read.
    private func known(
        latest: OfficialSourceIndicator?, entries: [OfficialCheckEntry], at time: Timestamp
    ) -> (OfficialIndicator?, Timestamp?)? {
        if entries.isEmpty {
            // Unchanged for longer than the history is kept: the latest answer held all along.
            guard let latest else { return nil }
            return (latest.indicator, latest.lastGoodAt.map { min($0, time) })
        }
        guard let index = entries.lastIndex(where: { $0.checkedAt <= time }) else { return nil }
        let entry = entries[index]
        let indicator = entries[...index].last { $0.indicator != nil }?.indicator
        var lastGood = entry.checkedAt
        if !entry.failed {
            // Unchanged good checks are not kept: the answer was confirmed until the next row.
            lastGood = min(time, latest?.lastGoodAt ?? time)
        }
        return (indicator, lastGood)
    }
}
