import CLibXML2
import Foundation

/// A parsed HTML or XML document, owned by this object and freed with it.
///
/// Not `Sendable`: a document and the nodes taken from it belong to the task that parsed
/// them. No libxml2 pointer is visible outside the module.
public final class LibXMLDocument {
    /// How the document was parsed.
    public enum Syntax: Sendable, Equatable {
        /// Lenient HTML (`htmlCtxtReadMemory`).
        case html
        /// Well-formed XML (`xmlCtxtReadMemory`).
        case xml
    }

    /// How the document was parsed.
    public let syntax: Syntax
    /// The limits it was parsed with (XPath work is bounded by them too).
    public let limits: DocumentLimits
    let pointer: xmlDocPtr

    private init(pointer: xmlDocPtr, syntax: Syntax, limits: DocumentLimits) {
        self.pointer = pointer
        self.syntax = syntax
        self.limits = limits
    }

    deinit { xmlFreeDoc(pointer) }

    /// Parses HTML leniently (broken markup is repaired, never an error).
    ///
    /// - Parameters:
    ///   - bytes: the body as served; NUL bytes are removed and UTF-16 is transcoded first.
    ///   - url: the document's address, used only as its base URI.
    ///   - contentType: the HTTP `Content-Type`, whose charset wins over the page's `<meta>`.
    ///   - limits: size and depth bounds.
    /// - Throws: `StatusParseError.emptyDocument`, `.tooLarge`, `.tooDeep`, `.notHTML`.
    public static func html(
        _ bytes: [UInt8], url: String? = nil, contentType: String? = nil, limits: DocumentLimits = .standard
    ) throws -> LibXMLDocument {
        try checkSize(bytes, limits: limits)
        LibXML.ensureInitialized()
        let prepared = DocumentBytes.prepare(bytes)
        let encoding =
            prepared.isTranscodedUTF8
            ? "UTF-8" : HTMLCharset.detect(contentType: contentType, document: prepared.bytes)
        // With a known encoding, a contradicting <meta> later in the page must not switch it.
        let options = encoding != nil ? LibXML.htmlKnownEncodingOptions : LibXML.htmlOptions
        guard let context = htmlNewParserCtxt() else { throw StatusParseError.notHTML("out of memory") }
        defer { htmlFreeParserCtxt(context) }
        let document = try withParserInput(prepared.bytes) { base, count in
            htmlCtxtReadMemory(context, base, count, url, encoding, options)
        }
        guard let document else {
            throw StatusParseError.notHTML(LibXMLErrorText.describe(context.pointee.lastError) ?? "libxml2 gave up")
        }
        let result = LibXMLDocument(pointer: document, syntax: .html, limits: limits)
        try result.checkDepth(nestingBound: Int(context.pointee.nodeMax))
        return result
    }

    /// Parses well-formed XML without loading DTDs or external entities and without
    /// substituting entities.
    ///
    /// - Throws: `StatusParseError.emptyDocument`, `.tooLarge`, `.tooDeep`, `.notXML` (with line
    ///   and libxml2's message) for anything not well-formed, including entity loops.
    public static func xml(_ bytes: [UInt8], url: String? = nil, limits: DocumentLimits = .standard) throws
        -> LibXMLDocument
    {
        try checkSize(bytes, limits: limits)
        LibXML.ensureInitialized()
        let prepared = DocumentBytes.prepare(bytes)
        let encoding: String? = prepared.isTranscodedUTF8 ? "UTF-8" : nil
        guard let context = xmlNewParserCtxt() else { throw StatusParseError.notXML("out of memory") }
        defer { xmlFreeParserCtxt(context) }
        let document = try withParserInput(prepared.bytes) { base, count in
            xmlCtxtReadMemory(context, base, count, url, encoding, LibXML.xmlOptions)
        }
        guard let document else {
            let detail = LibXMLErrorText.describe(context.pointee.lastError) ?? "not well-formed"
            if LibXMLErrorText.isExcessiveDepth(context.pointee.lastError) {
                throw StatusParseError.tooDeep(limit: min(limits.maxDepth, deepestSupportedNesting))
            }
            throw StatusParseError.notXML(detail)
        }
        let result = LibXMLDocument(pointer: document, syntax: .xml, limits: limits)
        try result.checkDepth(nestingBound: Int(context.pointee.nodeMax))
        return result
    }

    /// The root element, if the document has one.
    public var root: LibXMLNode? {
        xmlDocGetRootElement(pointer).map { LibXMLNode(document: self, pointer: $0) }
    }

    /// The nodes an XPath expression selects, in document order (empty for a non-node result).
    ///
    /// Namespace prefixes registered: `a` and `atom` (Atom), `dc`, `content`, `rdf`, `rss1`.
    /// - Throws: `StatusParseError.xpathInvalid` or `.xpathTooExpensive`.
    public func select(_ xpath: String) throws -> [LibXMLNode] {
        try evaluate(xpath, at: nil).nodes
    }

    /// Evaluates an XPath expression, relative to `node` when given.
    public func evaluate(_ xpath: String, at node: LibXMLNode?) throws -> XPathValue {
        try XPathEvaluator.evaluate(xpath, in: self, at: node?.pointer)
    }

    /// Hands the prepared bytes to a libxml2 reader as `(char *, int)`.
    private static func withParserInput(
        _ bytes: [UInt8], _ read: (UnsafePointer<CChar>, Int32) -> xmlDocPtr?
    ) throws -> xmlDocPtr? {
        // A body that was only a byte-order mark or NULs is empty once prepared.
        guard !DocumentBytes.isBlank(bytes) else { throw StatusParseError.emptyDocument }
        guard bytes.count < Int(Int32.max) else { throw StatusParseError.tooLarge(limit: Int(Int32.max) - 1) }
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in read(chars.baseAddress!, Int32(chars.count)) }
        }
    }

    private static func checkSize(_ bytes: [UInt8], limits: DocumentLimits) throws {
        guard bytes.count <= limits.maxBytes else { throw StatusParseError.tooLarge(limit: limits.maxBytes) }
        guard !DocumentBytes.isBlank(bytes) else { throw StatusParseError.emptyDocument }
    }

    /// The deepest nesting accepted whatever the limits say: libxml2 stops parsing at 256
    /// levels (without NOERROR it would say "Excessive depth"), dropping the rest.
    public static let deepestSupportedNesting = 250

    /// Refuses a tree with a node at `limit` levels below the root element or deeper.
    ///
    /// - Parameter nestingBound: the capacity of the parser's element stack (`nodeMax`).
    ///   Every element of the tree is pushed on that stack while its content is parsed, so
    ///   no element is nested deeper than the capacity, and no node (text included) lies
    ///   deeper below the root than that. Below the limit, the tree need not be walked.
    private func checkDepth(nestingBound: Int) throws {
        guard let root = xmlDocGetRootElement(pointer) else { return }
        let limit = min(limits.maxDepth, Self.deepestSupportedNesting)
        if nestingBound > 0 && nestingBound < limit { return }
        // Every node (text too) counts; only elements are descended into.
        var tooDeep = false
        TreeWalker.walk(root) { _, depth in
            guard depth < limit else {
                tooDeep = true
                return .stop
            }
            return .descend
        }
        if tooDeep { throw StatusParseError.tooDeep(limit: limit) }
    }
}
