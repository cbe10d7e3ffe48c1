import Model
import Store

/// The official indicator of one service at any minute of a replay, from its stored check
/// history and the latest knowledge of each source.
///
/// The history keeps a row only when an answer changed or a check failed, so the answer of a
/// row holds until the next one; before a source's first row nothing is known of it. A source
/// with no history row at all (pruned) is read from its latest knowledge. After a failed
/// check the last answer is counted as fresh from the failure on for the usual `staleAfter`.
struct OfficialTimeline {
    let sources: [StatusSource]
    /// Each source's latest knowledge, by URL.
    let latest: [String: OfficialSnapshot]
    /// Each source's history rows, oldest first, by URL (grouped once, not at every minute).
    let history: [String: [OfficialCheckEntry]]
    /// Seconds after which an official status no longer counts.
    let staleAfter: Int

    init(sources: [StatusSource], snapshots: [OfficialSnapshot], history: [OfficialCheckEntry], staleAfter: Int) {
        self.sources = sources
        self.latest = Dictionary(snapshots.map { ($0.sourceURL, $0) }, uniquingKeysWith: { first, _ in first })
        self.history = Dictionary(grouping: history, by: \.sourceURL)
        self.staleAfter = staleAfter
    }

    /// The worst fresh indicator among the service's sources at `time`.
    func indicator(at time: Timestamp) -> OfficialIndicator {
        var worst = OfficialIndicator.unknown
        for source in sources {
            guard let snapshot = snapshot(of: source.url, at: time) else { continue }
            let indicator = snapshot.effectiveStatus(at: time, staleAfter: staleAfter).indicator
            if indicator.severity > worst.severity { worst = indicator }
        }
        return worst
    }

    /// What was known about one source at `time`.
    private func snapshot(of url: String, at time: Timestamp) -> OfficialSnapshot? {
        let latest = latest[url]
        let entries = history[url] ?? []
        if entries.isEmpty {
            // Unchanged for longer than the history is kept: the latest answer held all along.
            guard var latest else { return nil }
            latest.lastGoodAt = latest.lastGoodAt.map { min($0, time) }
            return latest
        }
        guard let index = entries.lastIndex(where: { $0.checkedAt <= time }) else { return nil }
        let entry = entries[index]
        let status = entries[...index].last { $0.status != nil }?.status
        var lastGood = entry.checkedAt
        if !entry.failed {
            // Unchanged good checks are not kept: the answer was confirmed until the next row.
            lastGood = min(time, latest?.lastGoodAt ?? time)
        }
        return OfficialSnapshot(
            sourceURL: url, status: status, lastGoodAt: lastGood, lastCheckedAt: time, lastError: nil)
    }
}
