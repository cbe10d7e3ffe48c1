import Model

/// Turns a parsed feed into an `OfficialStatus`.
///
/// - Each entry's status is its newest real update label (Statuspage's `<strong>` labels;
///   "Update" is skipped), else a status word in its title ("[RESOLVED] …", "Investigating: …").
/// - In a feed where some entries have a status, entries without one are taken as closed
///   history (`status` resolved, `rawStatus` nil). The indicator is `none` with no open
///   incident, else the worst open impact (feeds carry none, so `minor`; `maintenance` for
///   maintenance in progress). `rawIndicator` is nil: a feed states no indicator of its own.
/// - A feed where no entry has a status is a log of status changes (Fedora's `changes.rss`):
///   the newest title is the current status, read by keywords (`StatusWords.indicator`),
///   and the description; older entries are closed history.
enum FeedStatus {
    static func status(of feed: ParsedFeed) -> OfficialStatus {
        let statuses = feed.entries.map(entryStatus)
        guard statuses.contains(where: { $0 != nil }) else { return statusChangeLog(feed) }
        let incidents = zip(feed.entries, statuses).map { entry, found in
            incident(entry, status: found?.status ?? .resolved, rawStatus: found?.raw)
        }
        let open = incidents.filter(\.isOpen)
        let indicator = StatusWords.derivedIndicator(components: [], incidents: open)
        return OfficialStatus(
            indicator: indicator, rawIndicator: nil,
            description: open.isEmpty ? "No open incidents" : open.map(\.title).joined(separator: "; "),
            components: [], incidents: incidents)
    }

    private static func statusChangeLog(_ feed: ParsedFeed) -> OfficialStatus {
        guard let newest = feed.entries.first else {
            return OfficialStatus(indicator: .none, rawIndicator: nil, description: "No entries", incidents: [])
        }
        let current = StatusWords.indicator(forText: newest.title)
        let problem = current.severity > OfficialIndicator.none.severity
        var incidents = feed.entries.map { incident($0, status: .resolved, rawStatus: nil) }
        if problem {
            incidents[0].status = nil
            incidents[0].impact = current
        }
        return OfficialStatus(
            indicator: current, rawIndicator: nil, description: newest.title.nonEmpty, incidents: incidents)
    }

    private static func incident(_ entry: FeedEntry, status: IncidentStatus?, rawStatus: String?) -> OfficialIncident {
        let impact: OfficialIndicator? =
            (status == .inProgress || status == .verifying || status == .scheduled) ? .maintenance : nil
        return OfficialIncident(
            title: entry.title, status: status, rawStatus: rawStatus, impact: impact, rawImpact: nil,
            startedAt: entry.published, updatedAt: entry.updated, url: entry.link)
    }

    /// The entry's status and the vendor word it came from, or nil when it shows none.
    static func entryStatus(_ entry: FeedEntry) -> (status: IncidentStatus, raw: String)? {
        if let label = entry.newestStatusLabel, let status = IncidentStatus.parse(label) { return (status, label) }
        return titleStatus(entry.title)
    }

    /// A status word at the start of a title or in brackets: "[RESOLVED] …", "Resolved: …",
    /// "Investigating - …", "Service is operating normally: [RESOLVED] …".
    static func titleStatus(_ title: String) -> (status: IncidentStatus, raw: String)? {
        let lower = title.lowercased()
        let words: [(String, IncidentStatus)] = [
            ("resolved", .resolved), ("completed", .completed), ("postmortem", .resolved),
            ("investigating", .investigating), ("identified", .identified), ("monitoring", .monitoring),
            ("in progress", .inProgress), ("verifying", .verifying), ("scheduled", .scheduled),
        ]
        for (word, status) in words {
            if lower.contains("[\(word)]") || lower.hasPrefix("\(word):") || lower.hasPrefix("\(word) -")
                || lower.hasPrefix("\(word) –")
            {
                return (status, word)
            }
        }
        return nil
    }
}
