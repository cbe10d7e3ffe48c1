import CLibXML2

/// Reads the body of one feed entry: Statuspage writes each update as
/// `<p><small>Date</small><br><strong>Label</strong> - text</p>`, newest first, as escaped
/// HTML inside an Atom `content` or RSS `description`. Inline XHTML (markup that is part of
/// the feed's own tree) is read from the tree.
enum FeedContent {
    /// What an entry's content says.
    struct Reading: Equatable {
        /// `<strong>` and `<b>` texts in document order (newest update first on Statuspage).
        var labels: [String]
        /// The content as plain text ("" when it was not asked for).
        var text: String
    }

    /// The labels and text of an Atom `content`/`summary` or RSS `description` element.
    ///
    /// - Parameters:
    ///   - wantsText: false when only the labels are needed (`text` is then "").
    ///   - stop: when given, the labels of escaped HTML may end with the first one it accepts
    ///     (`EntryHTML.read`).
    static func read(_ content: LibXMLNode, wantsText: Bool = true, until stop: ((String) -> Bool)? = nil) -> Reading {
        let node = content.pointer
        if hasElementChild(node) {
            let labels = content.descendants { isLabelElement($0.pointer) }.map(\.text)
            return Reading(labels: labels, text: wantsText ? content.text : "")
        }
        // Escaped HTML arrives as text: usually one text or CDATA node, read in place.
        if let only = node.pointee.children, only.pointee.next == nil,
            only.pointee.type == XML_TEXT_NODE || only.pointee.type == XML_CDATA_SECTION_NODE
        {
            guard let text = only.pointee.content else { return Reading(labels: [], text: "") }
            let html = UnsafeBufferPointer(start: text, count: Int(xmlStrlen(text)))
            return EntryHTML.read(html, wantsText: wantsText, until: stop)
        }
        var raw: [UInt8] = []
        TreeWalker.appendRawText(of: node, to: &raw)
        return raw.withUnsafeBufferPointer { EntryHTML.read($0, wantsText: wantsText, until: stop) }
    }

    private static func hasElementChild(_ node: xmlNodePtr) -> Bool {
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { return true }
            child = current.pointee.next
        }
        return false
    }

    /// `strong` or `b`.
    private static func isLabelElement(_ node: xmlNodePtr) -> Bool {
        NodeAccess.nameEquals(node, "strong") || NodeAccess.nameEquals(node, "b")
    }
}
