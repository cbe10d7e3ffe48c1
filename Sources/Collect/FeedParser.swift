import Model

/// Reads Atom and RSS feeds: Statuspage's `history.atom` / `history.rss` and generic ones.
public enum FeedParser {
    /// Parses a feed and reduces it to an official status (see `FeedStatus` for the rules).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        FeedStatus.status(of: try parseFeed(body, url: url, limits: limits))
    }

    /// Parses a feed into its title, date and newest entries.
    /// - Throws: `StatusParseError.notXML` for XML that is not well-formed,
    ///   `.unrecognisedFormat` for XML that is neither Atom nor RSS, and the size/depth errors.
    public static func parseFeed(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> ParsedFeed
    {
        let document = try LibXMLDocument.xml(body, url: url, limits: limits)
        guard let root = document.root else { throw StatusParseError.unrecognisedFormat }
        switch root.name {
        case "feed": return atom(root, url: url, limits: limits)
        case "rss", "RDF": return rss(root, url: url, limits: limits)
        default: throw StatusParseError.unrecognisedFormat
        }
    }

    private static func atom(_ feed: LibXMLNode, url: String?, limits: DocumentLimits) -> ParsedFeed {
        let entries = feed.children(named: "entry").map { entry -> RawEntry in
            let links = entry.children(named: "link")
            let link = (links.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? links.first)?
                .attribute("href")
            let updated = entry.child(named: "updated").flatMap { DateText.parse($0.text) }
            return RawEntry(
                entry: FeedEntry(
                    title: entry.child(named: "title")?.text ?? "",
                    link: link.map { URLText.resolve($0, against: url) }, id: entry.child(named: "id")?.text,
                    published: entry.child(named: "published").flatMap { DateText.parse($0.text) } ?? updated,
                    updated: updated),
                content: entry.child(named: "content") ?? entry.child(named: "summary"))
        }
        return finish(
            .atom, title: feed.child(named: "title")?.text,
            updated: feed.child(named: "updated").flatMap { DateText.parse($0.text) }, raw: entries, limits: limits)
    }

    private static func rss(_ root: LibXMLNode, url: String?, limits: DocumentLimits) -> ParsedFeed {
        let channel = root.child(named: "channel")
        // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
        let items = (channel?.children(named: "item") ?? []) + root.children(named: "item")
        let entries = items.map { item -> RawEntry in
            let guid = item.child(named: "guid")
            let permalink = guid.flatMap { $0.attribute("isPermaLink") == "false" ? nil : $0.text }
            let link = item.child(named: "link")?.text.nonEmpty ?? permalink.flatMap { $0.contains("://") ? $0 : nil }
            let date = (item.child(named: "pubDate") ?? item.child(named: "date")).flatMap { DateText.parse($0.text) }
            return RawEntry(
                entry: FeedEntry(
                    title: item.child(named: "title")?.text ?? "", link: link.map { URLText.resolve($0, against: url) },
                    id: guid?.text, published: date, updated: date),
                content: item.child(named: "description") ?? item.child(named: "encoded"))
        }
        let updated =
            (channel?.child(named: "lastBuildDate") ?? channel?.child(named: "pubDate")
            ?? channel?.child(named: "date")).flatMap { DateText.parse($0.text) }
        return finish(.rss, title: channel?.child(named: "title")?.text, updated: updated, raw: entries, limits: limits)
    }

    private struct RawEntry {
        var entry: FeedEntry
        var content: LibXMLNode?
    }

    /// Newest first (by date when every entry has one, else document order), limited, and
    /// only then the (costlier) reading of each kept entry's content.
    private static func finish(
        _ format: ParsedFeed.Format, title: String?, updated: Timestamp?, raw: [RawEntry], limits: DocumentLimits
    ) -> ParsedFeed {
        var ordered = raw
        if raw.allSatisfy({ ($0.entry.updated ?? $0.entry.published) != nil }) {
            let indexed = raw.enumerated().map { ($0.offset, $0.element) }
            ordered = indexed.sorted { lhs, rhs in
                let left = lhs.1.entry.published ?? lhs.1.entry.updated!
                let right = rhs.1.entry.published ?? rhs.1.entry.updated!
                return left != right ? left > right : lhs.0 < rhs.0
            }.map(\.1)
        }
        let kept = ordered.prefix(max(0, limits.maxEntries)).map { raw -> FeedEntry in
            var entry = raw.entry
            if let content = raw.content {
                let reading = FeedContent.read(content, limits: limits)
                entry.updateLabels = reading.labels
                entry.summary = reading.text.nonEmpty
            }
            return entry
        }
        return ParsedFeed(format: format, title: title, updated: updated, entries: kept, totalEntries: raw.count)
    }
}

extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
