import CLibXML2
import Model

/// Reads Atom and RSS feeds: Statuspage's `history.atom` / `history.rss` and generic ones.
public enum FeedParser {
    /// Parses a feed and reduces it to an official status (see `FeedStatus` for the rules).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        // The status never shows an entry's summary or id: they are left out.
        FeedStatus.status(of: try parseFeed(body, url: url, limits: limits, forStatus: true))
            .collected(documentURL: url)
    }

    /// Parses a feed into its title, date and newest entries.
    /// - Throws: `StatusParseError.notXML` for XML that is not well-formed,
    ///   `.unrecognisedFormat` for XML that is neither Atom nor RSS, and the size/depth errors.
    public static func parseFeed(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> ParsedFeed
    {
        try parseFeed(body, url: url, limits: limits, forStatus: false)
    }

    /// `parseFeed`; with `forStatus`, only what `FeedStatus` reads: every entry's `summary`
    /// and `id` are left nil, and its `updateLabels` may end with the first status label.
    static func parseFeed(_ body: [UInt8], url: String?, limits: DocumentLimits, forStatus: Bool) throws -> ParsedFeed {
        let document = try LibXMLDocument.xml(body, url: url, limits: limits)
        guard let root = document.root else { throw StatusParseError.unrecognisedFormat }
        let reading = ContentReading(limits: limits, summaries: !forStatus)
        switch root.name {
        case "feed": return atom(root, url: url, reading: reading).collected(documentURL: url)
        case "rss", "RDF": return rss(root, url: url, reading: reading).collected(documentURL: url)
        default: throw StatusParseError.unrecognisedFormat
        }
    }

    /// How entry contents are read.
    private struct ContentReading {
        let limits: DocumentLimits
        let summaries: Bool

        func read(_ content: xmlNodePtr?, in document: LibXMLDocument, into entry: inout FeedEntry) {
            guard let content else { return }
            // For a status, only the labels up to the first status label matter.
            let stop: ((String) -> Bool)? = summaries ? nil : { FeedStatus.isStatusLabel($0) }
            let reading = FeedContent.read(
                LibXMLNode(document: document, pointer: content), wantsText: summaries, until: stop)
            entry.updateLabels = reading.labels
            entry.summary = summaries ? reading.text.nonEmpty : nil
        }
    }

    // Element names below are compared byte for byte with the local name, ignoring the
    // namespace, which is what `LibXMLNode.child(named:)` does for these ASCII names.

    private static func atom(_ feed: LibXMLNode, url: String?, reading: ContentReading) -> ParsedFeed {
        // First pass, over every entry: only what ordering needs.
        var raw: [RawEntry] = []
        raw.reserveCapacity(elementCount(of: feed.pointer))
        forEachChild(of: feed.pointer) { entry in
            guard NodeAccess.nameEquals(entry, "entry") else { return }
            let parts = Parts(of: entry)
            let updated = parts.updated.flatMap { parsedDate(of: $0) }
            let published = parts.published.flatMap { parsedDate(of: $0) } ?? updated
            raw.append(RawEntry(parts: parts, published: published, updated: updated))
        }
        let document = feed.document
        let kept = newestFirst(raw, limits: reading.limits).map { index -> FeedEntry in
            let raw = raw[index]
            let parts = raw.parts
            // The first `link` with rel "alternate" (the default), else the first: with one
            // link, that one.
            var linkNode = parts.link
            if parts.linkCount > 1 {
                var links: [xmlNodePtr] = []
                forEachChild(of: parts.node) { if NodeAccess.nameEquals($0, "link") { links.append($0) } }
                linkNode =
                    links.first { (NodeAccess.attributeString($0, "rel") ?? "alternate") == "alternate" } ?? links.first
            }
            let link = linkNode.flatMap { NodeAccess.attributeString($0, "href") }
            var entry = FeedEntry(
                title: parts.title.map { TreeWalker.text(of: $0) } ?? "",
                link: link.flatMap { URLText.resolve($0, against: url) },
                id: reading.summaries ? parts.id.map { TreeWalker.text(of: $0) } : nil,
                published: raw.published, updated: raw.updated)
            reading.read(parts.content ?? parts.summary, in: document, into: &entry)
            return entry
        }
        var title: xmlNodePtr?
        var updated: xmlNodePtr?
        forEachChild(of: feed.pointer) { child in
            if title == nil, NodeAccess.nameEquals(child, "title") {
                title = child
            } else if updated == nil, NodeAccess.nameEquals(child, "updated") {
                updated = child
            }
        }
        return ParsedFeed(
            format: .atom, title: title.map { TreeWalker.text(of: $0) },
            updated: updated.flatMap { parsedDate(of: $0) }, entries: kept,
            totalEntries: raw.count)
    }

    private static func rss(_ root: LibXMLNode, url: String?, reading: ContentReading) -> ParsedFeed {
        let channel = firstChild(of: root.pointer, named: "channel")
        // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
        var raw: [RawEntry] = []
        raw.reserveCapacity(channel.map(elementCount(of:)) ?? 0)
        for parent in [channel, root.pointer] {
            guard let parent else { continue }
            forEachChild(of: parent) { item in
                guard NodeAccess.nameEquals(item, "item") else { return }
                let parts = Parts(of: item)
                let parsed = (parts.pubDate ?? parts.date).flatMap { parsedDate(of: $0) }
                raw.append(RawEntry(parts: parts, published: parsed, updated: parsed))
            }
        }
        let document = root.document
        let kept = newestFirst(raw, limits: reading.limits).map { index -> FeedEntry in
            let raw = raw[index]
            let parts = raw.parts
            let guid = parts.guid.map { LibXMLNode(document: document, pointer: $0) }
            // The guid is the link only when there is no (non-empty) link element.
            let link =
                parts.link.map { TreeWalker.text(of: $0) }?.nonEmpty
                ?? guid.flatMap { NodeAccess.attributeString($0.pointer, "isPermaLink") == "false" ? nil : $0.text }
                .flatMap { $0.contains("://") ? $0 : nil }
            var entry = FeedEntry(
                title: parts.title.map { TreeWalker.text(of: $0) } ?? "",
                link: link.flatMap { URLText.resolve($0, against: url) },
                id: reading.summaries ? guid?.text : nil, published: raw.published, updated: raw.updated)
            reading.read(parts.description ?? parts.encoded, in: document, into: &entry)
            return entry
        }
        var title: xmlNodePtr?
        var lastBuildDate: xmlNodePtr?
        var pubDate: xmlNodePtr?
        var date: xmlNodePtr?
        if let channel {
            forEachChild(of: channel) { child in
                if title == nil, NodeAccess.nameEquals(child, "title") {
                    title = child
                } else if lastBuildDate == nil, NodeAccess.nameEquals(child, "lastBuildDate") {
                    lastBuildDate = child
                } else if pubDate == nil, NodeAccess.nameEquals(child, "pubDate") {
                    pubDate = child
                } else if date == nil, NodeAccess.nameEquals(child, "date") {
                    date = child
                }
            }
        }
        let updated = (lastBuildDate ?? pubDate ?? date).flatMap { parsedDate(of: $0) }
        return ParsedFeed(
            format: .rss, title: title.map { TreeWalker.text(of: $0) }, updated: updated, entries: kept,
            totalEntries: raw.count)
    }

    /// An entry as first read: its parts and the dates that order it.
    private struct RawEntry {
        var parts: Parts
        var published: Timestamp?
        var updated: Timestamp?
    }

    /// The first child element of each name an Atom entry or RSS item is read from (local
    /// names, any namespace, as `LibXMLNode.child(named:)` finds them), found in one pass.
    private struct Parts {
        let node: xmlNodePtr
        var title, id, updated, published, content, summary, link: xmlNodePtr?
        var guid, pubDate, date, description, encoded: xmlNodePtr?
        /// How many `link` children there are (`link` is the first).
        var linkCount = 0

        init(of node: xmlNodePtr) {
            self.node = node
            var child = node.pointee.children
            while let current = child {
                child = current.pointee.next
                guard current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name else { continue }
                switch name[0] {
                case UInt8(ascii: "t"):
                    if title == nil, NodeAccess.bytesEqual(name, "title") { title = current }
                case UInt8(ascii: "i"):
                    if id == nil, NodeAccess.bytesEqual(name, "id") { id = current }
                case UInt8(ascii: "u"):
                    if updated == nil, NodeAccess.bytesEqual(name, "updated") { updated = current }
                case UInt8(ascii: "p"):
                    if published == nil, NodeAccess.bytesEqual(name, "published") {
                        published = current
                    } else if pubDate == nil, NodeAccess.bytesEqual(name, "pubDate") {
                        pubDate = current
                    }
                case UInt8(ascii: "c"):
                    if content == nil, NodeAccess.bytesEqual(name, "content") { content = current }
                case UInt8(ascii: "s"):
                    if summary == nil, NodeAccess.bytesEqual(name, "summary") { summary = current }
                case UInt8(ascii: "l"):
                    if NodeAccess.bytesEqual(name, "link") {
                        if link == nil { link = current }
                        linkCount += 1
                    }
                case UInt8(ascii: "g"):
                    if guid == nil, NodeAccess.bytesEqual(name, "guid") { guid = current }
                case UInt8(ascii: "d"):
                    if date == nil, NodeAccess.bytesEqual(name, "date") {
                        date = current
                    } else if description == nil, NodeAccess.bytesEqual(name, "description") {
                        description = current
                    }
                case UInt8(ascii: "e"):
                    if encoded == nil, NodeAccess.bytesEqual(name, "encoded") { encoded = current }
                default:
                    break
                }
            }
        }
    }

    /// The positions of the entries kept, newest first (by date when every entry has one,
    /// else document order), limited; only the kept entries are then read in full (title,
    /// link, content).
    private static func newestFirst(_ raw: [RawEntry], limits: DocumentLimits) -> [Int] {
        let keep = max(0, limits.maxEntries)
        guard raw.allSatisfy({ ($0.updated ?? $0.published) != nil }) else { return Array(0..<min(keep, raw.count)) }
        // Sort positions rather than entries: the same order (ties keep document order).
        var order = Array(0..<raw.count)
        raw.withUnsafeBufferPointer { entries in
            order.sort { lhs, rhs in
                let left = entries[lhs].published ?? entries[lhs].updated!
                let right = entries[rhs].published ?? entries[rhs].updated!
                return left != right ? left > right : lhs < rhs
            }
        }
        return Array(order.prefix(keep))
    }

    /// The date an element's text spells.
    private static func parsedDate(of node: xmlNodePtr) -> Timestamp? {
        TreeWalker.withText(of: node) { DateText.parse($0) }
    }

    @inline(__always)
    private static func forEachChild(of node: xmlNodePtr, _ body: (xmlNodePtr) -> Void) {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { body(current) }
            child = current.pointee.next
        }
    }

    private static func elementCount(of node: xmlNodePtr) -> Int {
        var count = 0
        forEachChild(of: node) { _ in count += 1 }
        return count
    }

    private static func firstChild(of node: xmlNodePtr, named name: StaticString) -> xmlNodePtr? {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, NodeAccess.nameEquals(current, name) { return current }
            child = current.pointee.next
        }
        return nil
    }
}

extension String {
    /// Nil for an empty string.
    var nonEmpty: String? { isEmpty ? nil : self }
}
