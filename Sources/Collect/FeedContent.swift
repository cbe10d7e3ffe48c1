/// Reads the body of one feed entry: Statuspage writes each update as
/// `<p><small>Date</small><br><strong>Label</strong> - text</p>`, newest first, as escaped HTML.
enum FeedContent {
    struct Reading {
        /// `<strong>` texts in document order (newest update first on Statuspage).
        var labels: [String]
        /// The content as plain text.
        var text: String
    }

    /// The labels and text of an Atom `content`/`summary` or RSS `description` element.
    static func read(_ content: LibXMLNode, limits: DocumentLimits) -> Reading {
        if !content.children.isEmpty {
            // Inline XHTML: the markup is already part of the tree.
            let labels = content.descendants { $0.name == "strong" || $0.name == "b" }.map(\.text)
            return Reading(labels: labels, text: content.text)
        }
        // The escaped HTML arrives as text; collapsing its whitespace is harmless.
        let source = content.text
        guard source.contains("<") else {
            return Reading(labels: [], text: TreeWalker.collapseWhitespace(source))
        }
        guard let html = try? LibXMLDocument.html(Array(source.utf8), limits: limits), let body = html.root else {
            return Reading(labels: [], text: TreeWalker.collapseWhitespace(source))
        }
        let labels = body.descendants { $0.name == "strong" || $0.name == "b" }.map(\.text).filter { !$0.isEmpty }
        return Reading(labels: labels, text: body.text)
    }

}
