import CLibXML2
import Model

/// Reads a Hund.io status page.
///
/// - Indicator: the state class of `aside.state-bar` (`operational`, `degraded`, `outage`,
///   `maintenance`), kept as `rawIndicator`; the bar's `span.status` text ("Operating
///   Normally") is the description.
/// - Components: each `div.item` inside a `section.group` (the groups' headers are not
///   components): `span.name` and the state class of its `span.state`.
/// - Incidents: none are read (no captured sample of a Hund page with an open event).
public enum HundHTMLParser {
    /// The state words Hund uses as classes, with their normalised meaning.
    static let states: [String: (indicator: OfficialIndicator, component: ComponentStatus)] = [
        "operational": (.none, .operational),
        "degraded": (.minor, .degradedPerformance),
        "outage": (.major, .majorOutage),
        "maintenance": (.maintenance, .underMaintenance),
    ]

    /// Parses a Hund page.
    /// - Throws: `StatusParseError.noStatusData` when the page has no state bar and no
    ///   components, and the `LibXMLDocument.html` errors.
    public static func parse(
        _ body: [UInt8], url: String? = nil, contentType: String? = nil, limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        let document = try LibXMLDocument.html(body, url: url, contentType: contentType, limits: limits)
        // One walk for `(//aside[class state-bar])[1]` and `//section[class group]`.
        var barPointer: xmlNodePtr?
        var groups: [xmlNodePtr] = []
        let start = UnsafeMutableRawPointer(document.pointer).assumingMemoryBound(to: xmlNode.self)
        TreeWalker.walk(start) { node, _ in
            guard node.pointee.type == XML_ELEMENT_NODE, node.pointee.ns == nil else { return .descend }
            if barPointer == nil, NodeAccess.nameEquals(node, "aside"),
                NodeAccess.xpathHasClassToken(node, "state-bar")
            {
                barPointer = node
            } else if NodeAccess.nameEquals(node, "section"), NodeAccess.xpathHasClassToken(node, "group") {
                groups.append(node)
            }
            return .descend
        }
        let bar = barPointer.map { LibXMLNode(document: document, pointer: $0) }
        let items = groups.map { LibXMLNode(document: document, pointer: $0) }.flatMap { group in
            group.descendants(descendIntoMatches: false) {
                NodeAccess.nameEquals($0.pointer, "div") && NodeAccess.hasClass($0.pointer, "item")
            }
        }
        let components = items.compactMap(component)
        guard bar != nil || !components.isEmpty else {
            throw StatusParseError.noStatusData("no state bar and no components on the Hund page")
        }
        let rawState = bar.flatMap(stateWord)
        let text = bar.flatMap { $0.firstDescendant(withClass: "status")?.text }?.nonEmpty
        let indicator =
            rawState.flatMap { states[$0]?.indicator }
            ?? text.map(StatusWords.indicator(forText:))
            ?? StatusWords.derivedIndicator(components: components, incidents: [])
        return OfficialStatus(
            indicator: indicator, rawIndicator: rawState, description: text, components: components, incidents: []
        ).collected(documentURL: url)
    }

    /// Whether raw bytes look like a Hund page.
    public static func looksLikeHund(_ body: [UInt8]) -> Bool {
        ByteSearch.containsIgnoringCase(body, "hund.io", limit: body.count) && ByteSearch.contains(body, "state-bar")
    }

    private static func component(_ item: LibXMLNode) -> OfficialComponent? {
        guard let name = item.firstDescendant(withClass: "name")?.text.nonEmpty,
            let state = item.firstDescendant(withClass: "state")
        else { return nil }
        if let word = stateWord(state), let known = states[word] {
            return OfficialComponent(name: name, status: known.component, rawStatus: word)
        }
        let title = state.attribute("title") ?? state.text
        guard let status = StatusWords.componentStatus(forText: title) else { return nil }
        return OfficialComponent(name: name, status: status, rawStatus: title)
    }

    /// The class of an element that names a Hund state.
    private static func stateWord(_ node: LibXMLNode) -> String? {
        node.classes.first { states[$0] != nil }
    }
}
