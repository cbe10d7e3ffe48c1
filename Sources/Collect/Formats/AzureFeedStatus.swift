import Foundation
import Model

/// Reads Azure's status feed (`rssfeed.azure.status.microsoft/en-us/status/feed/`, channel title
/// "Azure Status"), which lists only the issues current at the time and is empty (no items)
/// when all is well. Its items carry no status of their own.
///
/// - Every item is an open incident (`investigating`), unless its title says it is
///   "mitigated" or "resolved" (then `resolved`).
/// - Impact: what the title's words suggest when they name an outage or maintenance
///   (`StatusWords.indicator`), else minor: the feed states no severity.
/// - Indicator: the worst open impact; `none` for an empty feed. No components: the feed
///   names services only in its titles.
enum AzureFeedStatus {
    /// The feed's status, or nil when it is not Azure's status feed.
    static func status(of feed: ParsedFeed) -> OfficialStatus? {
        guard feed.title?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() == "azure status" else {
            return nil
        }
        let incidents = feed.entries.map { entry in
            let words = entry.title.lowercased()
            let closed = words.contains("mitigated") || words.contains("resolved")
            let suggested = StatusWords.indicator(forText: entry.title)
            let impact: OfficialIndicator =
                [.major, .critical, .maintenance].contains(suggested) ? suggested : .minor
            return OfficialIncident(
                title: entry.title, status: closed ? .resolved : .investigating, rawStatus: nil,
                impact: closed ? nil : impact, startedAt: entry.published, updatedAt: entry.updated, url: entry.link)
        }
        let open = incidents.filter(\.isOpen)
        return OfficialStatus(
            indicator: StatusWords.worst(open.compactMap(\.impact), fallback: .none), rawIndicator: nil,
            description: open.isEmpty ? "No open incidents" : open.map(\.title).joined(separator: "; "),
            incidents: incidents)
    }
}
