import CLibXML2

/// The result of an XPath expression.
public enum XPathValue {
    /// A node set, in document order.
    case nodes([LibXMLNode])
    /// A string result (`string(…)`, `normalize-space(…)`).
    case string(String)
    /// A number result (`count(…)`).
    case number(Double)
    /// A boolean result (`boolean(…)`, comparisons).
    case boolean(Bool)

    /// The selected nodes; empty for a non-node result.
    public var nodes: [LibXMLNode] {
        if case .nodes(let nodes) = self { return nodes }
        return []
    }

    /// Each match as text: every node's collapsed text, or the one string/number/boolean.
    public var texts: [String] {
        switch self {
        case .nodes(let nodes): nodes.map(\.text)
        case .string(let text): [TreeWalker.collapseWhitespace(text)]
        case .number(let number): [number.isNaN ? "" : String(number)]
        case .boolean(let flag): [String(flag)]
        }
    }
}

/// Compiles and runs XPath expressions with namespaces registered and a work budget.
enum XPathEvaluator {
    /// Prefixes available in every expression.
    static let namespaces: [(prefix: String, uri: String)] = [
        ("a", "http://www.w3.org/2005/Atom"),
        ("atom", "http://www.w3.org/2005/Atom"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rss1", "http://purl.org/rss/1.0/"),
    ]

    static func evaluate(_ expression: String, in document: LibXMLDocument, at node: xmlNodePtr?) throws
        -> XPathValue
    {
        guard let context = xmlXPathNewContext(document.pointer) else {
            throw StatusParseError.xpathInvalid(expression)
        }
        defer { xmlXPathFreeContext(context) }
        // A structured handler keeps libxml2 from printing XPath errors on stderr.
        context.pointee.error = { _, _ in }
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(context, prefix, uri) }
        context.pointee.opLimit = UInt(max(1, document.limits.maxXPathOperations))
        context.pointee.opCount = 0
        if let node { context.pointee.node = node }

        guard let compiled = xmlXPathCtxtCompile(context, expression) else {
            throw StatusParseError.xpathInvalid(expression)
        }
        defer { xmlXPathFreeCompExpr(compiled) }
        guard let result = xmlXPathCompiledEval(compiled, context) else {
            if context.pointee.opCount >= context.pointee.opLimit {
                throw StatusParseError.xpathTooExpensive(expression)
            }
            throw StatusParseError.xpathInvalid(expression)
        }
        defer { xmlXPathFreeObject(result) }
        return value(of: result.pointee, document: document)
    }

    private static func value(of object: xmlXPathObject, document: LibXMLDocument) -> XPathValue {
        switch object.type {
        case XPATH_NODESET:
            guard let set = object.nodesetval, set.pointee.nodeNr > 0, let table = set.pointee.nodeTab else {
                return .nodes([])
            }
            var nodes: [LibXMLNode] = []
            nodes.reserveCapacity(Int(set.pointee.nodeNr))
            for index in 0..<Int(set.pointee.nodeNr) {
                // Namespace nodes are xmlNs structs, not xmlNode: never wrap them.
                if let pointer = table[index], pointer.pointee.type != XML_NAMESPACE_DECL {
                    nodes.append(LibXMLNode(document: document, pointer: pointer))
                }
            }
            return .nodes(nodes)
        case XPATH_STRING:
            return .string(LibXML.string(object.stringval) ?? "")
        case XPATH_NUMBER:
            return .number(object.floatval)
        case XPATH_BOOLEAN:
            return .boolean(object.boolval != 0)
        default:
            return .nodes([])
        }
    }
}
