import Model

/// An Atom or RSS feed as read, before it is turned into an `OfficialStatus`.
public struct ParsedFeed: Sendable, Equatable {
    /// Which syntax the feed used.
    public enum Format: String, Sendable, Equatable {
        /// Atom 1.0.
        case atom
        /// RSS 2.0 (and RSS 0.9x / 1.0, read the same way).
        case rss
    }

    /// Atom or RSS.
    public var format: Format
    /// The feed's title (`<title>` of the feed or channel).
    public var title: String?
    /// Atom `<updated>`; RSS `<lastBuildDate>`, else `<pubDate>`.
    public var updated: Timestamp?
    /// The entries kept, newest first, at most `DocumentLimits.maxEntries`.
    public var entries: [FeedEntry]
    /// How many entries the document held before the limit was applied.
    public var totalEntries: Int

    /// A parsed feed with the given parts.
    public init(format: Format, title: String?, updated: Timestamp?, entries: [FeedEntry], totalEntries: Int) {
        self.format = format
        self.title = title
        self.updated = updated
        self.entries = entries
        self.totalEntries = totalEntries
    }
}

/// One Atom entry or RSS item.
public struct FeedEntry: Sendable, Equatable {
    /// The entry's title (empty when it has none).
    public var title: String
    /// The entry's web link (Atom `link rel=alternate`, RSS `link`, or a permalink `guid`).
    public var link: String?
    /// Atom `id`, RSS `guid`.
    public var id: String?
    /// Atom `published` (else `updated`); RSS `pubDate`.
    public var published: Timestamp?
    /// Atom `updated`; RSS `pubDate`.
    public var updated: Timestamp?
    /// The update labels found in the content (Statuspage's `<strong>Resolved</strong>`),
    /// newest first, exactly as written (up to the first status label when the feed was
    /// read only for its status).
    public var updateLabels: [String]
    /// The text of the content, summary or description, markup removed.
    public var summary: String?

    /// An entry with the given parts.
    public init(
        title: String, link: String? = nil, id: String? = nil, published: Timestamp? = nil, updated: Timestamp? = nil,
        updateLabels: [String] = [], summary: String? = nil
    ) {
        self.title = title
        self.link = link
        self.id = id
        self.published = published
        self.updated = updated
        self.updateLabels = updateLabels
        self.summary = summary
    }

    /// The newest label that is a real incident status ("Update" is skipped).
    public var newestStatusLabel: String? {
        updateLabels.first { StatusWords.incidentStatus($0) != nil }
    }
}
