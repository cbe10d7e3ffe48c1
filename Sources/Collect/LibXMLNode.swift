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
    public func hasClass(_ name: String) -> Bool { NodeAccess.hasClass(pointer, name) }

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
        guard let matcher = NodeAccess.NameMatcher(name) else { return children.first { $0.name == name } }
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, matcher.matches(current) {
                return LibXMLNode(document: document, pointer: current)
            }
            child = current.pointee.next
        }
        return nil
    }

    /// All element children with the given local name.
    public func children(named name: String) -> [LibXMLNode] {
        guard let matcher = NodeAccess.NameMatcher(name) else { return children.filter { $0.name == name } }
        var result: [LibXMLNode] = []
        var child = pointer.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, matcher.matches(current) {
                result.append(LibXMLNode(document: document, pointer: current))
            }
            child = current.pointee.next
        }
        return result
    }

    /// The descendant elements (document order) for which `matches` is true; iterative, and
    /// not descending into a match when `descendIntoMatches` is false.
    public func descendants(descendIntoMatches: Bool = true, where matches: (LibXMLNode) -> Bool) -> [LibXMLNode] {
        var result: [LibXMLNode] = []
        visitDescendantElements { node in
            let wrapped = LibXMLNode(document: document, pointer: node)
            guard matches(wrapped) else { return .descend }
            result.append(wrapped)
            return descendIntoMatches ? .descend : .skipChildren
        }
        return result
    }

    /// The first descendant element for which `matches` is true.
    public func firstDescendant(where matches: (LibXMLNode) -> Bool) -> LibXMLNode? {
        firstDescendantPointer { matches(LibXMLNode(document: document, pointer: $0)) }
            .map { LibXMLNode(document: document, pointer: $0) }
    }

    /// The first descendant element with the class `name` (as `hasClass`), found without
    /// wrapping every node on the way.
    func firstDescendant(withClass name: String) -> LibXMLNode? {
        firstDescendantPointer { NodeAccess.hasClass($0, name) }.map { LibXMLNode(document: document, pointer: $0) }
    }

    /// The first descendant element whose local name is exactly `name` (bytes).
    func firstDescendant(named name: StaticString) -> LibXMLNode? {
        firstDescendantPointer { NodeAccess.nameEquals($0, name) }.map { LibXMLNode(document: document, pointer: $0) }
    }

    /// `firstDescendant(where:)` on raw element pointers.
    func firstDescendantPointer(where matches: (xmlNodePtr) -> Bool) -> xmlNodePtr? {
        var found: xmlNodePtr?
        visitDescendantElements { node in
            guard matches(node) else { return .descend }
            found = node
            return .stop
        }
        return found
    }

    /// Calls `visit` on each element below this node, in document order (`TreeWalker.walk`).
    private func visitDescendantElements(_ visit: (xmlNodePtr) -> TreeWalker.Step) {
        let start = pointer
        TreeWalker.walk(start) { node, _ in
            guard node != start, node.pointee.type == XML_ELEMENT_NODE else { return .descend }
            return visit(node)
        }
    }

    /// The nodes an XPath expression selects with this node as the context node.
    public func select(_ xpath: String) throws -> [LibXMLNode] {
        try document.evaluate(xpath, at: self).nodes
    }
}

/// Allocation-free reads of libxml2 nodes, each with the exact meaning of the `LibXMLNode`
/// API (or of the XPath expression) it stands in for; anything unusual takes the slow path.
enum NodeAccess {
    /// Whether the element's local name is `name`, byte for byte.
    @inline(__always)
    static func nameEquals(_ node: xmlNodePtr, _ name: StaticString) -> Bool {
        guard let own = node.pointee.name else { return false }
        return bytesEqual(own, name)
    }

    /// Whether a NUL-terminated string equals `literal` byte for byte.
    @inline(__always)
    static func bytesEqual(_ string: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let bytes = literal.utf8Start
        var index = 0
        while index < count {
            if string[index] != bytes[index] { return false }
            index += 1
        }
        return string[count] == 0
    }

    /// Compares element names with a Swift string the way `String ==` would. Only built for
    /// names where that is byte equality: ASCII, and none of the three ASCII characters
    /// (`K`, `;`, `` ` ``) that a non-ASCII character is canonically equivalent to.
    struct NameMatcher {
        let bytes: [UInt8]

        init?(_ name: String) {
            let bytes = Array(name.utf8)
            for byte in bytes where byte >= 0x80 || byte == 0x4B || byte == 0x3B || byte == 0x60 || byte == 0 {
                return nil
            }
            self.bytes = bytes
        }

        func matches(_ node: xmlNodePtr) -> Bool {
            guard let name = node.pointee.name else { return bytes.isEmpty }
            let count = bytes.count
            for index in 0..<count where name[index] != bytes[index] { return false }
            return name[count] == 0
        }
    }

    /// The attribute node `name` as `xmlGetProp` finds it among the element's own attributes
    /// (first match, any namespace).
    @inline(__always)
    static func property(_ node: xmlNodePtr, _ name: StaticString) -> xmlAttrPtr? {
        var property = node.pointee.properties
        while let current = property {
            if let own = current.pointee.name, bytesEqual(own, name) { return current }
            property = current.pointee.next
        }
        return nil
    }

    /// The attribute node `name` as XPath's `@name` selects it (no namespace prefix).
    @inline(__always)
    static func xpathAttribute(_ node: xmlNodePtr, _ name: StaticString) -> xmlAttrPtr? {
        var property = node.pointee.properties
        while let current = property {
            if let own = current.pointee.name, bytesEqual(own, name),
                current.pointee.ns == nil || current.pointee.ns.pointee.prefix == nil
            {
                return current
            }
            property = current.pointee.next
        }
        return nil
    }

    /// Calls `body` with an attribute's value (its string value, as `xmlGetProp` or XPath read
    /// it), without copying in the usual case of one text child.
    @inline(__always)
    static func withValue<T>(of attribute: xmlAttrPtr, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let child = attribute.pointee.children else {
            return body(UnsafeBufferPointer(start: nil, count: 0))
        }
        if child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE
        {
            guard let content = child.pointee.content else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return body(UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))))
        }
        let copy = xmlNodeListGetString(attribute.pointee.doc, attribute.pointee.children, 1)
        defer { if let copy { downtrack_xmlFree(copy) } }
        guard let copy else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: copy, count: Int(xmlStrlen(copy))))
    }

    /// Whether the document may supply attribute values from DTD defaults (which
    /// `xmlGetProp` reports although they are not among the element's attributes).
    @inline(__always)
    static func mayHaveDefaultAttributes(_ node: xmlNodePtr) -> Bool {
        guard let document = node.pointee.doc else { return false }
        if let subset = document.pointee.intSubset, subset.pointee.attributes != nil { return true }
        if let subset = document.pointee.extSubset, subset.pointee.attributes != nil { return true }
        return false
    }

    /// `LibXMLNode.attribute(name)` (`xmlGetProp`) without the intermediate copy.
    static func attributeString(_ node: xmlNodePtr, _ name: StaticString) -> String? {
        guard node.pointee.type == XML_ELEMENT_NODE else { return nil }
        guard let attribute = property(node, name) else {
            guard mayHaveDefaultAttributes(node) else { return nil }
            return LibXML.takeString(xmlGetProp(node, name.description))
        }
        if let child = attribute.pointee.children, child.pointee.next == nil,
            child.pointee.type == XML_TEXT_NODE || child.pointee.type == XML_CDATA_SECTION_NODE
        {
            // xmlGetProp copies the content, which is NULL only if the copy would be.
            guard let content = child.pointee.content else { return nil }
            return String(decoding: UnsafeBufferPointer(start: content, count: Int(xmlStrlen(content))), as: UTF8.self)
        }
        return LibXML.takeString(xmlGetProp(node, name.description))
    }

    /// XPath's `contains(concat(' ', normalize-space(@class), ' '), ' token ')` for a token
    /// without blanks: whether one of the blank-separated runs of `@class` is `token`.
    static func xpathHasClassToken(_ node: xmlNodePtr, _ token: StaticString) -> Bool {
        guard let attribute = xpathAttribute(node, "class") else { return false }
        return withValue(of: attribute) { value in
            containsToken(value, token.utf8Start, token.utf8CodeUnitCount, separators: xmlBlank)
        }
    }

    /// XML's blank characters (normalize-space) and the separators `classes` splits on.
    @inline(__always)
    private static func xmlBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    @inline(__always)
    private static func containsToken(
        _ value: UnsafeBufferPointer<UInt8>, _ token: UnsafePointer<UInt8>, _ length: Int,
        separators isSeparator: (UInt8) -> Bool
    ) -> Bool {
        let count = value.count
        var index = 0
        while index < count {
            while index < count && isSeparator(value[index]) { index += 1 }
            let start = index
            while index < count && !isSeparator(value[index]) { index += 1 }
            if index - start == length {
                var equal = true
                for offset in 0..<length where value[start + offset] != token[offset] {
                    equal = false
                    break
                }
                if equal { return true }
            }
        }
        return false
    }

    /// `LibXMLNode.hasClass`: `classes.contains(name)`, where `classes` splits the value of
    /// `xmlGetProp(node, "class")` into Characters. Byte comparison gives the same answer
    /// for an ASCII value without CR (CR LF is one Character, and no separator) and an
    /// ASCII name; anything else goes the original way.
    static func hasClass(_ node: xmlNodePtr, _ name: String) -> Bool {
        guard node.pointee.type == XML_ELEMENT_NODE else { return false }
        guard let attribute = property(node, "class") else {
            if mayHaveDefaultAttributes(node) { return slowHasClass(node, name) }
            return false
        }
        // "" is never a class: the split omits empty pieces.
        guard !name.isEmpty else { return false }
        var name = name
        return name.withUTF8 { token in
            for byte in token where byte >= 0x80 { return slowHasClass(node, String(decoding: token, as: UTF8.self)) }
            let answer: Bool? = withValue(of: attribute) { value in
                for byte in value where byte >= 0x80 || byte == 0x0D { return nil }
                return containsToken(value, token.baseAddress!, token.count, separators: xmlBlank)
            }
            return answer ?? slowHasClass(node, String(decoding: token, as: UTF8.self))
        }
    }

    static func slowHasClass(_ node: xmlNodePtr, _ name: String) -> Bool {
        guard let value = LibXML.takeString(xmlGetProp(node, "class")) else { return false }
        return value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
            .contains(name)
    }
}
