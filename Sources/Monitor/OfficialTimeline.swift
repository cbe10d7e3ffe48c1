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
    let snapshots: [OfficialSnapshot]
    let history: [OfficialCheckEntry]
    /// Seconds after which an official status no longer counts.
    let staleAfter: Int

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
        let latest = snapshots.first { $0.sourceURL == url }
        let entries = history.filter { $0.sourceURL == url }
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
