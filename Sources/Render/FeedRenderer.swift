import Model

/// Atom feeds of state changes and official incidents.
public enum FeedRenderer {
    /// One feed entry.
    public struct Entry: Sendable {
        public var id: String
        public var title: String
        public var updated: Timestamp
        public var link: String
        public var summary: String

        public init(id: String, title: String, updated: Timestamp, link: String, summary: String) {
            self.id = id
            self.title = title
            self.updated = updated
            self.link = link
            self.summary = summary
        }
    }

    /// An Atom document. `updated` is the newest entry's time (or `fallback`), never the build clock.
    public static func atom(
        id: String, title: String, selfURL: String, siteURL: String, entries: [Entry], fallback: Timestamp
    ) -> String {
        let updated = entries.map(\.updated).max() ?? fallback
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
            <id>\(text(id))</id>
            <title>\(text(title))</title>
            <updated>\(updated.iso8601)</updated>
            <link rel="self" type="application/atom+xml" href="\(text(selfURL))"/>
            <link rel="alternate" type="text/html" href="\(text(siteURL))"/>
            <author><name>Downtrack</name></author>

            """
        for entry in entries {
            out += """
                <entry>
                <id>\(text(entry.id))</id>
                <title>\(text(entry.title))</title>
                <updated>\(entry.updated.iso8601)</updated>
                <link rel="alternate" type="text/html" href="\(text(entry.link))"/>
                <summary>\(text(entry.summary))</summary>
                </entry>

                """
        }
        out += "</feed>\n"
        return out
    }

    /// Escaped text without the characters XML 1.0 forbids (C0 controls but tab and line
    /// breaks, and U+FFFE/U+FFFF), so one vendor's stray byte never makes the feed ill-formed.
    static func text(_ value: String) -> String {
        var cleaned = InertText.clean(value)
        if cleaned.unicodeScalars.contains(where: { $0.value == 0xFFFE || $0.value == 0xFFFF }) {
            cleaned.unicodeScalars.removeAll { $0.value == 0xFFFE || $0.value == 0xFFFF }
        }
        return HTMLEscaping.escape(cleaned)
    }
}

/// `sitemap.xml`.
public enum SitemapRenderer {
    public static func xml(_ urls: [(loc: String, lastmod: Timestamp?)]) -> String {
        var out =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for url in urls {
            out += "<url><loc>\(HTMLEscaping.escape(url.loc))</loc>"
            if let lastmod = url.lastmod { out += "<lastmod>\(lastmod.iso8601)</lastmod>" }
            out += "</url>\n"
        }
        out += "</urlset>\n"
        return out
    }
}
