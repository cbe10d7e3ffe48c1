import CLibXML2

/// A node of a `LibXMLDocument`. It keeps its document alive; it must stay on the task that
/// parsed the document (it is deliberately not `Sendable`).
public struct LibXMLNode {
    /// The document that owns the node.
    public let document: LibXMLDocument
    let pointer: xmlNodePtr

    init(document: LibXMLDocument, pointer: xmlNodePtr) {
        self.document = document
        self.pointer = pointer
    }

    /// Whether this is an element (rather than text, a comment, an attribute…).
    public var isElement: Bool { pointer.pointee.type == XML_ELEMENT_NODE }

    /// The local name (`div`, `entry`); lowercase for HTML.
    public var name: String { LibXML.string(pointer.pointee.name) ?? "" }

    /// The namespace URI of an XML element, if it has one.
    public var namespaceURI: String? {
        guard isElement, let namespace = pointer.pointee.ns else { return nil }
        return LibXML.string(namespace.pointee.href)
    }

    /// The text inside the node, whitespace collapsed and trimmed (scripts and styles skipped).
    /// For an attribute node, its value.
    public var text: String { TreeWalker.text(of: pointer) }

    /// The value of an attribute (no namespace), or nil when absent.
    public func attribute(_ name: String) -> String? {
        LibXML.takeString(xmlGetProp(pointer, name))
    }

    /// The class names of an HTML element.
    public var classes: [String] {
        guard let value = attribute("class") else { return [] }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
    }

    /// Whether the element has the class `name`.
    public func hasClass(_ name: String) -> Bool { classes.contains(name) }

    /// The suffix of the first class starting with `prefix` (`status-` → `minor`).
    public func classSuffix(after prefix: String) -> String? {
        classes.first { $0.hasPrefix(prefix) && $0.count > prefix.count }.map { String($0.dropFirst(prefix.count)) }
    }

    /// The element children, in order.
    public var children: [LibXMLNode] {
        var result: [LibXMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE {
                result.append(LibXMLNode(document: document, pointer: current))
            }
            child = current.pointee.next
        }
        return result
    }

    /// The first element child with the given local name.
    public func child(named name: String) -> LibXMLNode? {
        children.first { $0.name == name }
    }

    /// All element children with the given local name.
    public func children(named name: String) -> [LibXMLNode] {
        children.filter { $0.name == name }
    }

    /// The descendant elements (document order) for which `matches` is true; iterative, and
    /// not descending into a match when `descendIntoMatches` is false.
    public func descendants(descendIntoMatches: Bool = true, where matches: (LibXMLNode) -> Bool) -> [LibXMLNode] {
        var result: [LibXMLNode] = []
        let document = self.document
        let start = pointer
        TreeWalker.walk(start) { node, _ in
            guard node != start, node.pointee.type == XML_ELEMENT_NODE else { return .descend }
            let wrapped = LibXMLNode(document: document, pointer: node)
            if matches(wrapped) {
                result.append(wrapped)
                return descendIntoMatches ? .descend : .skipChildren
            }
            return .descend
        }
        return result
    }

    /// The first descendant element for which `matches` is true.
    public func firstDescendant(where matches: (LibXMLNode) -> Bool) -> LibXMLNode? {
        var found: LibXMLNode?
        let document = self.document
        let start = pointer
        TreeWalker.walk(start) { node, _ in
            guard node != start, node.pointee.type == XML_ELEMENT_NODE else { return .descend }
            let wrapped = LibXMLNode(document: document, pointer: node)
            if matches(wrapped) {
                found = wrapped
                return .stop
            }
            return .descend
        }
        return found
    }

    /// The nodes an XPath expression selects with this node as the context node.
    public func select(_ xpath: String) throws -> [LibXMLNode] {
        try document.evaluate(xpath, at: self).nodes
    }
}
