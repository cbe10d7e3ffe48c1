import Model

/// Turns a parsed feed into an `OfficialStatus`.
///
/// - An AWS Service Health Dashboard feed is read by `AWSFeedStatus` (its titles carry states),
///   Azure's status feed by `AzureFeedStatus` (its items are the current issues).
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
        if let aws = AWSFeedStatus.status(of: feed) { return aws }
        if let azure = AzureFeedStatus.status(of: feed) { return azure }
        let statuses = feed.entries.map(entryStatus)
        guard statuses.contains(where: { $0 != nil }) else { return statusChangeLog(feed) }
        var incidents: [OfficialIncident] = []
        incidents.reserveCapacity(statuses.count)
        for (entry, found) in zip(feed.entries, statuses) {
            incidents.append(incident(entry, status: found?.status ?? .resolved, rawStatus: found?.raw))
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
        for label in entry.updateLabels {
            if let status = StatusWords.incidentStatus(label) { return (status, label) }
        }
        return titleStatus(entry.title)
    }

    /// Whether `entryStatus` takes `label` (as read, before `ParsedFeed.collected` cleans it)
    /// for the entry's status.
    static func isStatusLabel(_ label: String) -> Bool {
        StatusWords.incidentStatus(VendorText.line(label)) != nil
    }

    /// A status word at the start of a title or in brackets, any case: "[RESOLVED] …",
    /// "Resolved: …", "Investigating - …", "Monitoring – …",
    /// "Service is operating normally: [RESOLVED] …".
    static func titleStatus(_ title: String) -> (status: IncidentStatus, raw: String)? {
        var title = title
        return title.withUTF8 { title in
            let count = title.count
            // Compared as lowercase: only ASCII letters can equal the ASCII words.
            func matches(_ word: [UInt8], at start: Int) -> Bool {
                guard start + word.count <= count else { return false }
                for index in 0..<word.count {
                    let byte = title[start + index]
                    if ((byte >= 0x41 && byte <= 0x5A) ? byte + 0x20 : byte) != word[index] { return false }
                }
                return true
            }
            func bracketed(_ word: [UInt8]) -> Bool {
                let length = word.count + 2
                guard count >= length else { return false }
                for start in 0...(count - length) where title[start] == UInt8(ascii: "[") {
                    if title[start + length - 1] == UInt8(ascii: "]"), matches(word, at: start + 1) { return true }
                }
                return false
            }
            for (word, status) in titleWords {
                if bracketed(word) || (matches(word, at: 0) && titleSeparators.contains { matches($0, at: word.count) })
                {
                    return (status, String(decoding: word, as: UTF8.self))
                }
            }
            return nil
        }
    }

    /// The status words `titleStatus` looks for, in the order it tries them.
    private static let titleWords: [(word: [UInt8], status: IncidentStatus)] = [
        ("resolved", IncidentStatus.resolved), ("completed", .completed), ("postmortem", .resolved),
        ("investigating", .investigating), ("identified", .identified), ("monitoring", .monitoring),
        ("in progress", .inProgress), ("verifying", .verifying), ("scheduled", .scheduled),
    ].map { (Array($0.0.utf8), $0.1) }

    /// What may follow a status word at the start of a title: a colon, a hyphen or an en dash.
    private static let titleSeparators: [[UInt8]] = [":", " -", " \u{2013}"].map { Array($0.utf8) }
}
