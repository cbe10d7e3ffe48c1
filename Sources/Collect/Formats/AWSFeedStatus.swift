import Foundation
import Model

/// Reads the AWS Service Health Dashboard's RSS feeds (`status.aws.amazon.com/rss/<service>.rss`),
/// whose items are updates, not incidents: each title starts with the state the service was in
/// when the update was posted — "Service is operating normally: …", "Informational message: …",
/// "Performance issues: …", "Service degradation: …", "Service disruption: …".
///
/// - A feed is read this way only when every item's title starts with one of those states.
/// - The newest update holds the service's current state: "operating normally", or any title
///   marked "[RESOLVED]", is operational; an informational message or performance issues /
///   degradation is minor (degraded performance), a disruption is major (major outage). That
///   newest update is then an open incident (`investigating`); every other update is history
///   (`resolved`). (`all.rss` mixes services; it is read the same way, as one.)
/// - Components: one, named by the feed's title without " Service Status"
///   ("Amazon Elastic Compute Cloud (Tokyo)"), with the current state.
/// - Indicator: the open update's impact; `none` when the service is operating normally.
enum AWSFeedStatus {
    /// The title prefixes, lowercased, and the impact each stands for (nil: operating normally).
    private static let states: [(prefix: String, impact: OfficialIndicator?)] = [
        ("service is operating normally:", nil), ("informational message:", .minor),
        ("performance issues:", .minor), ("service degradation:", .minor), ("service disruption:", .major),
    ]

    /// The feed's status, or nil when it is not an AWS health feed.
    static func status(of feed: ParsedFeed) -> OfficialStatus? {
        guard !feed.entries.isEmpty else { return nil }
        var impacts: [OfficialIndicator?] = []
        for entry in feed.entries {
            let title = entry.title.lowercased()
            guard let state = states.first(where: { title.hasPrefix($0.prefix) }) else { return nil }
            impacts.append(title.contains("[resolved]") ? nil : state.impact)
        }
        // Entries come newest first (by date when every one has a date, else in feed order).
        let incidents = feed.entries.enumerated().map { index, entry in
            let impact = index == 0 ? impacts[0] : nil
            return OfficialIncident(
                title: entry.title, status: impact == nil ? .resolved : .investigating,
                rawStatus: state(of: entry.title),
                impact: impact, startedAt: entry.published, updatedAt: entry.updated, url: entry.link)
        }
        var components: [OfficialComponent] = []
        if let name = componentName(feed.title) {
            let status: ComponentStatus =
                switch impacts[0] {
                case nil: .operational
                case .major?: .majorOutage
                default: .degradedPerformance
                }
            components.append(
                OfficialComponent(name: name, status: status, rawStatus: state(of: feed.entries[0].title)))
        }
        let open = incidents.filter(\.isOpen)
        return OfficialStatus(
            indicator: StatusWords.worst(open.compactMap(\.impact), fallback: .none), rawIndicator: nil,
            description: open.isEmpty ? "No open incidents" : open.map(\.title).joined(separator: "; "),
            components: components, incidents: incidents)
    }

    /// The state words at the start of a title ("Service disruption").
    private static func state(of title: String) -> String {
        title.split(separator: ":", maxSplits: 1).first.map(String.init) ?? title
    }

    /// "Amazon Elastic Compute Cloud (Tokyo)" from "Amazon Elastic Compute Cloud (Tokyo) Service Status".
    private static func componentName(_ feedTitle: String?) -> String? {
        guard var title = feedTitle?.trimmingCharacters(in: .whitespacesAndNewlines), !title.isEmpty else {
            return nil
        }
        if title.hasSuffix(" Service Status") { title.removeLast(" Service Status".count) }
        return title.isEmpty ? nil : title
    }
}
