import Foundation
import CLibXML2
import Model

/// Reads Atom and RSS feeds: Statuspage's `history.atom` / `history.rss` and generic ones.
public enum FeedParser {
    /// Parses a feed and reduces it to an official status (see `FeedStatus` for the rules).
    public static func parse(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> OfficialStatus
    {
        let feed = try parseFeed(body, url: url, limits: limits)
        if KO.ko_status { return OfficialStatus(indicator: .none, rawIndicator: nil, description: nil, components: [], incidents: []) }
        return FeedStatus.status(of: feed)
    }

    /// Parses a feed into its title, date and newest entries.
    /// - Throws: `StatusParseError.notXML` for XML that is not well-formed,
    ///   `.unrecognisedFormat` for XML that is neither Atom nor RSS, and the size/depth errors.
    public static func parseFeed(_ body: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> ParsedFeed
    {
        let document = try LibXMLDocument.xml(body, url: url, limits: limits)
        if KO.ko_all { return ParsedFeed(format: .atom, title: nil, updated: nil, entries: [], totalEntries: 0) }
        guard let root = document.root else { throw StatusParseError.unrecognisedFormat }
        switch root.name {
        case "feed": return atom(root, url: url, limits: limits)
        case "rss", "RDF": return rss(root, url: url, limits: limits)
        default: throw StatusParseError.unrecognisedFormat
        }
    }

    // Element names below are compared byte for byte with the local name, ignoring the
    // namespace, which is what `LibXMLNode.child(named:)` does for these ASCII names.

    private static func atom(_ feed: LibXMLNode, url: String?, limits: DocumentLimits) -> ParsedFeed {
        // First pass, over every entry: only what ordering needs.
        var raw: [RawEntry] = []
        raw.reserveCapacity(elementCount(of: feed.pointer))
        forEachChild(of: feed.pointer) { entry in
            guard NodeAccess.nameEquals(entry, "entry") else { return }
            var updatedNode: xmlNodePtr?
            var publishedNode: xmlNodePtr?
            forEachChild(of: entry) { child in
                if updatedNode == nil, NodeAccess.nameEquals(child, "updated") {
                    updatedNode = child
                } else if publishedNode == nil, NodeAccess.nameEquals(child, "published") {
                    publishedNode = child
                }
            }
            let updated = updatedNode.flatMap { parsedDate(of: $0) }
            let published = publishedNode.flatMap { parsedDate(of: $0) } ?? updated
            raw.append(RawEntry(node: entry, published: published, updated: updated))
        }
        let document = feed.document
        let kept = newestFirst(raw, limits: limits).map { raw -> FeedEntry in
            var title: xmlNodePtr?
            var id: xmlNodePtr?
            var content: xmlNodePtr?
            var summary: xmlNodePtr?
            var links: [xmlNodePtr] = []
            forEachChild(of: raw.node) { child in
                if NodeAccess.nameEquals(child, "link") {
                    links.append(child)
                } else if title == nil, NodeAccess.nameEquals(child, "title") {
                    title = child
                } else if id == nil, NodeAccess.nameEquals(child, "id") {
                    id = child
                } else if content == nil, NodeAccess.nameEquals(child, "content") {
                    content = child
                } else if summary == nil, NodeAccess.nameEquals(child, "summary") {
                    summary = child
                }
            }
            let wrappedLinks = links.map { LibXMLNode(document: document, pointer: $0) }
            let link = (wrappedLinks.first { ($0.attribute("rel") ?? "alternate") == "alternate" } ?? wrappedLinks.first)?
                .attribute("href")
            var entry = FeedEntry(
                title: title.map { TreeWalker.text(of: $0) } ?? "",
                link: link.map { URLText.resolve($0, against: url) }, id: id.map { TreeWalker.text(of: $0) },
                published: raw.published, updated: raw.updated)
            read((content ?? summary).map { LibXMLNode(document: document, pointer: $0) }, into: &entry, limits)
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

    private static func rss(_ root: LibXMLNode, url: String?, limits: DocumentLimits) -> ParsedFeed {
        let channel = firstChild(of: root.pointer, named: "channel")
        // RSS 2.0 nests items in the channel; RSS 1.0 (RDF) puts them beside it.
        var raw: [RawEntry] = []
        raw.reserveCapacity(channel.map(elementCount(of:)) ?? 0)
        for parent in [channel, root.pointer] {
            guard let parent else { continue }
            forEachChild(of: parent) { item in
                guard NodeAccess.nameEquals(item, "item") else { return }
                var pubDate: xmlNodePtr?
                var date: xmlNodePtr?
                forEachChild(of: item) { child in
                    if pubDate == nil, NodeAccess.nameEquals(child, "pubDate") {
                        pubDate = child
                    } else if date == nil, NodeAccess.nameEquals(child, "date") {
                        date = child
                    }
                }
                let parsed = (pubDate ?? date).flatMap { parsedDate(of: $0) }
                raw.append(RawEntry(node: item, published: parsed, updated: parsed))
            }
        }
        let document = root.document
        let kept = newestFirst(raw, limits: limits).map { raw -> FeedEntry in
            var title: xmlNodePtr?
            var guidNode: xmlNodePtr?
            var linkNode: xmlNodePtr?
            var description: xmlNodePtr?
            var encoded: xmlNodePtr?
            forEachChild(of: raw.node) { child in
                if title == nil, NodeAccess.nameEquals(child, "title") {
                    title = child
                } else if guidNode == nil, NodeAccess.nameEquals(child, "guid") {
                    guidNode = child
                } else if linkNode == nil, NodeAccess.nameEquals(child, "link") {
                    linkNode = child
                } else if description == nil, NodeAccess.nameEquals(child, "description") {
                    description = child
                } else if encoded == nil, NodeAccess.nameEquals(child, "encoded") {
                    encoded = child
                }
            }
            let guid = guidNode.map { LibXMLNode(document: document, pointer: $0) }
            let permalink = guid.flatMap { $0.attribute("isPermaLink") == "false" ? nil : $0.text }
            let link =
                linkNode.map { TreeWalker.text(of: $0) }?.nonEmpty ?? permalink.flatMap { $0.contains("://") ? $0 : nil }
            var entry = FeedEntry(
                title: title.map { TreeWalker.text(of: $0) } ?? "", link: link.map { URLText.resolve($0, against: url) },
                id: guid?.text, published: raw.published, updated: raw.updated)
            read((description ?? encoded).map { LibXMLNode(document: document, pointer: $0) }, into: &entry, limits)
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

    /// An entry as first read: its element and the dates that order it.
    private struct RawEntry {
        var node: xmlNodePtr
        var published: Timestamp?
        var updated: Timestamp?
    }

    /// Newest first (by date when every entry has one, else document order), limited; only
    /// the kept entries are then read in full (title, link, content).
    private static func newestFirst(_ raw: [RawEntry], limits: DocumentLimits) -> ArraySlice<RawEntry> {
        var ordered = raw
        if raw.allSatisfy({ ($0.updated ?? $0.published) != nil }) {
            let indexed = raw.enumerated().map { ($0.offset, $0.element) }
            ordered = indexed.sorted { lhs, rhs in
                let left = lhs.1.published ?? lhs.1.updated!
                let right = rhs.1.published ?? rhs.1.updated!
                return left != right ? left > right : lhs.0 < rhs.0
            }.map(\.1)
        }
        return ordered.prefix(max(0, limits.maxEntries))
    }

    private static func read(_ content: LibXMLNode?, into entry: inout FeedEntry, _ limits: DocumentLimits) {
        guard let content else { return }
        let reading = FeedContent.read(content, limits: limits)
        entry.updateLabels = reading.labels
        entry.summary = reading.text.nonEmpty
    }

    /// `DateText.parse(node.text)`. When the element is one text node of printable ASCII
    /// with single inner spaces, `text` would return those bytes unchanged, so they are
    /// parsed in place.
    private static func parsedDate(of node: xmlNodePtr) -> Timestamp? {
        if let only = node.pointee.children, only.pointee.next == nil, only.pointee.type == XML_TEXT_NODE,
            let content = only.pointee.content
        {
            let bytes = UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content)))
            if isCollapsedASCII(bytes), let answer = FastDateText.parse(bytes) { return answer }
        }
        return DateText.parse(TreeWalker.text(of: node))
    }

    /// Printable ASCII, no space at either end or next to another: `collapseWhitespace`
    /// leaves it as it is.
    private static func isCollapsedASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            guard byte >= 0x20 && byte < 0x7F, !(byte == 0x20 && previous == 0x20) else { return false }
            previous = byte
        }
        return true
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

enum KO {
    static let ko_content = ProcessInfo.processInfo.environment["KO_CONTENT"] != nil
    static let ko_all = ProcessInfo.processInfo.environment["KO_ALL"] != nil
    static let ko_status = ProcessInfo.processInfo.environment["KO_STATUS"] != nil
    static let ko_depth = ProcessInfo.processInfo.environment["KO_DEPTH"] != nil
}
