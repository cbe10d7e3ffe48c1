import CLibXML2
import Foundation
import Model

/// Reads a Statuspage-hosted HTML status page (the page people see, not the API).
///
/// - Indicator: `div.page-status.status-*` when present (`rawIndicator` is that class);
///   while incidents are open Statuspage drops that block, so the indicator is then the
///   highest `div.unresolved-incident.impact-*` (`rawIndicator` is that class).
/// - Components: every element with `data-component-status`, except group headers
///   (`data-js-hook="component-group-opener"`); a component inside an `is-group` container
///   carries the name of that container's header as its group.
/// - Incidents: the unresolved ones, with title, link, impact, and as status the newest
///   update whose label is a real status ("Update" is not one).
public enum StatuspageHTMLParser {
    /// Parses the bytes of a Statuspage HTML page.
    /// - Throws: `StatusParseError.noStatusData` for a page with no status block, no components
    ///   and no incidents (an inactive page), and the `LibXMLDocument.html` errors.
    public static func parse(
        _ body: [UInt8], url: String? = nil, contentType: String? = nil, limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        try parse(document: LibXMLDocument.html(body, url: url, contentType: contentType, limits: limits), url: url)
            .collected(documentURL: url)
    }

    /// Whether raw bytes carry a Statuspage HTML marker (cheap, before parsing).
    public static func looksLikeStatuspage(_ body: [UInt8]) -> Bool {
        let markers = ["data-component-status", "unresolved-incident", "page-status", "Powered by Statuspage"]
        return markers.contains { ByteSearch.contains(body, $0) }
    }

    static func parse(document: LibXMLDocument, url: String?) throws -> OfficialStatus {
        // One walk collects what five `//` XPath queries selected (see `PageScan`).
        let scan = PageScan(document)
        let issued = scan.issuedMeta.map { LibXMLNode(document: document, pointer: $0) }?.attribute("content")
            .flatMap { Int64($0) }.map(Timestamp.init(seconds:))
            .flatMap { Timestamp.plausibleYears.contains($0.civil.0) ? $0 : nil }
        let pageStatus = scan.pageStatus.map { LibXMLNode(document: document, pointer: $0) }
        var groupNames: [xmlNodePtr: String] = [:]
        let components = scan.components.compactMap {
            component(LibXMLNode(document: document, pointer: $0), groupNames: &groupNames)
        }
        var incidents = scan.unresolvedIncidents.map {
            incident(LibXMLNode(document: document, pointer: $0), kind: .unresolved, pageURL: url, issued: issued)
        }
        incidents += scan.scheduledIncidents.map {
            incident(LibXMLNode(document: document, pointer: $0), kind: .scheduled, pageURL: url, issued: issued)
        }

        if let pageStatus, let word = pageStatus.classSuffix(after: "status-") {
            let text = pageStatus.firstDescendant(withClass: "status")?.text ?? pageStatus.text
            return OfficialStatus(
                indicator: OfficialIndicator(rawValue: word) ?? StatusWords.indicator(forText: text),
                rawIndicator: "status-\(word)", description: text.isEmpty ? nil : text,
                components: components, incidents: incidents)
        }
        let open = incidents.filter { $0.isOpen && $0.status != .scheduled }
        if let worst = open.max(by: { ($0.impact?.severity ?? 2) < ($1.impact?.severity ?? 2) }) {
            return OfficialStatus(
                indicator: worst.impact ?? .minor, rawIndicator: worst.rawImpact.map { "impact-\($0)" },
                description: nil, components: components, incidents: incidents)
        }
        guard !components.isEmpty || !incidents.isEmpty else {
            throw StatusParseError.noStatusData("no status block, components or incidents; the page may be inactive")
        }
        return OfficialStatus(
            indicator: StatusWords.derivedIndicator(components: components, incidents: incidents),
            rawIndicator: nil, description: nil, components: components, incidents: incidents)
    }

    /// `//tag[contains(concat(' ', normalize-space(@class), ' '), ' name ')]`: one class token.
    static func classXPath(_ tag: String, _ className: String) -> String {
        "//\(tag)[contains(concat(' ', normalize-space(@class), ' '), ' \(className) ')]"
    }

    /// One component, with its group; `groupNames` remembers each group container's name
    /// ("" for none), so a group's header is looked up once whatever its size.
    private static func component(_ node: LibXMLNode, groupNames: inout [xmlNodePtr: String]) -> OfficialComponent? {
        guard node.attribute("data-js-hook") != "component-group-opener",
            let raw = node.attribute("data-component-status"),
            let status = StatusWords.componentStatus(forText: raw)
        else { return nil }
        let name = node.firstDescendant(withClass: "name")?.text ?? node.text
        var group: String?
        if let container = groupContainer(of: node.pointer) {
            let known = groupNames[container] ?? groupName(LibXMLNode(document: node.document, pointer: container))
            groupNames[container] = known
            group = known.isEmpty ? nil : known
        }
        return OfficialComponent(name: name, status: status, rawStatus: raw, group: group)
    }

    /// The nearest enclosing `is-group` container, or nil outside any group.
    private static func groupContainer(of node: xmlNodePtr) -> xmlNodePtr? {
        var ancestor = node.pointee.parent
        while let current = ancestor, current.pointee.type == XML_ELEMENT_NODE {
            if NodeAccess.hasClass(current, "is-group") { return current }
            ancestor = current.pointee.parent
        }
        return nil
    }

    /// A group container's name: the name of its header (`data-js-hook="component-group-opener"`),
    /// or "" when it has none.
    private static func groupName(_ container: LibXMLNode) -> String {
        guard
            let header = container.firstDescendant(where: {
                $0.attribute("data-js-hook") == "component-group-opener"
            })
        else { return "" }
        return header.firstDescendant(withClass: "name")?.text ?? header.text
    }

    private enum IncidentKind { case unresolved, scheduled }

    private static func incident(_ node: LibXMLNode, kind: IncidentKind, pageURL: String?, issued: Timestamp?)
        -> OfficialIncident
    {
        let titleNode =
            node.firstDescendant(withClass: "actual-title") ?? node.firstDescendant(withClass: "incident-title")
        let link = titleNode.flatMap { $0.name == "a" ? $0 : $0.firstDescendant { $0.name == "a" } }?
            .attribute("href")
        let updates = node.descendants(descendIntoMatches: false) { $0.hasClass("update") }.map { update in
            (
                label: update.firstDescendant(named: "strong")?.text ?? "",
                date: update.firstDescendant(named: "small").flatMap {
                    StatuspageDates.parse($0.text, issued: issued)
                }
            )
        }
        let newestReal = updates.first { StatusWords.incidentStatus($0.label) != nil }
        let rawImpact = node.classSuffix(after: "impact-")
        return OfficialIncident(
            title: titleNode?.text ?? "Untitled incident",
            status: newestReal.flatMap { StatusWords.incidentStatus($0.label) }
                ?? (kind == .scheduled ? .scheduled : nil),
            rawStatus: newestReal?.label ?? updates.first?.label,
            impact: rawImpact.flatMap(OfficialIndicator.init(rawValue:)) ?? (kind == .scheduled ? .maintenance : nil),
            rawImpact: rawImpact, startedAt: updates.last?.date, updatedAt: updates.first?.date,
            url: link.flatMap { URLText.resolve($0, against: pageURL) })
    }

    /// What the page's XPath queries selected, gathered in one walk over the document, in
    /// document order, with the queries' exact tests (XPath `@name` attributes, blank-split
    /// class tokens, byte-equal names):
    /// `(//meta[@name='issued'])[1]`, `(//div[class page-status])[1]`,
    /// `//*[@data-component-status]`, `//div[class unresolved-incident]` and
    /// `//div[class scheduled-incident]`, where `div[class X]` is `classXPath("div", X)`.
    struct PageScan {
        var issuedMeta: xmlNodePtr?
        var pageStatus: xmlNodePtr?
        var components: [xmlNodePtr] = []
        var unresolvedIncidents: [xmlNodePtr] = []
        var scheduledIncidents: [xmlNodePtr] = []

        init(_ document: LibXMLDocument) {
            let start = UnsafeMutableRawPointer(document.pointer).assumingMemoryBound(to: xmlNode.self)
            TreeWalker.walk(start) { node, _ in
                guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return .descend }
                let unqualified = node.pointee.ns == nil
                if unqualified, NodeAccess.bytesEqual(name, "div") {
                    if let attribute = NodeAccess.xpathAttribute(node, "class") {
                        NodeAccess.withValue(of: attribute) { value in
                            if pageStatus == nil, PageScan.hasToken(value, "page-status") { pageStatus = node }
                            if PageScan.hasToken(value, "unresolved-incident") { unresolvedIncidents.append(node) }
                            if PageScan.hasToken(value, "scheduled-incident") { scheduledIncidents.append(node) }
                        }
                    }
                } else if issuedMeta == nil, unqualified, NodeAccess.bytesEqual(name, "meta") {
                    if PageScan.xpathAttribute(node, "name", equals: "issued") { issuedMeta = node }
                }
                if NodeAccess.xpathAttribute(node, "data-component-status") != nil { components.append(node) }
                return .descend
            }
        }

        /// `@name = 'value'`: some attribute `name` has exactly that string value.
        private static func xpathAttribute(_ node: xmlNodePtr, _ name: StaticString, equals value: StaticString)
            -> Bool
        {
            var property = node.pointee.properties
            while let current = property {
                if let own = current.pointee.name, NodeAccess.bytesEqual(own, name),
                    current.pointee.ns == nil || current.pointee.ns.pointee.prefix == nil
                {
                    let equal = NodeAccess.withValue(of: current) { bytes in
                        bytes.count == value.utf8CodeUnitCount
                            && (bytes.count == 0 || memcmp(bytes.baseAddress!, value.utf8Start, bytes.count) == 0)
                    }
                    if equal { return true }
                }
                property = current.pointee.next
            }
            return false
        }

        /// One of the blank-separated runs of `value` is `token`.
        private static func hasToken(_ value: UnsafeBufferPointer<UInt8>, _ token: StaticString) -> Bool {
            let length = token.utf8CodeUnitCount
            let bytes = token.utf8Start
            let count = value.count
            var index = 0
            while index < count {
                while index < count, isBlank(value[index]) { index += 1 }
                let start = index
                while index < count, !isBlank(value[index]) { index += 1 }
                if index - start == length, memcmp(value.baseAddress! + start, bytes, length) == 0 { return true }
            }
            return false
        }

        private static func isBlank(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
    }
}
