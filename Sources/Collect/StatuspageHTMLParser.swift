import Foundation
import Model

/// Reads a Statuspage-hosted HTML status page (the page people see, not the API).
///
/// - Indicator: `div.page-status.status-*` when present (`rawIndicator` is that class);
///   while incidents are open Statuspage drops that block, so the indicator is then the
///   highest `div.unresolved-incident.impact-*` (`rawIndicator` is that class).
/// - Components: every element with `data-component-status`, except group headers
///   (`data-js-hook="component-group-opener"`).
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
    }

    /// Whether raw bytes carry a Statuspage HTML marker (cheap, before parsing).
    public static func looksLikeStatuspage(_ body: [UInt8]) -> Bool {
        let markers = ["data-component-status", "unresolved-incident", "page-status", "Powered by Statuspage"]
        return markers.contains { ByteSearch.contains(body, $0) }
    }

    static func parse(document: LibXMLDocument, url: String?) throws -> OfficialStatus {
        let issued = try document.select("//meta[@name='issued']").first?.attribute("content")
            .flatMap { Int64($0) }.map(Timestamp.init(seconds:))
        let pageStatus = try document.select(classXPath("div", "page-status")).first
        let components = try document.select("//*[@data-component-status]").compactMap(component)
        var incidents = try document.select(classXPath("div", "unresolved-incident")).map {
            incident($0, kind: .unresolved, pageURL: url, issued: issued)
        }
        incidents += try document.select(classXPath("div", "scheduled-incident")).map {
            incident($0, kind: .scheduled, pageURL: url, issued: issued)
        }

        if let pageStatus, let word = pageStatus.classSuffix(after: "status-") {
            let text = pageStatus.firstDescendant { $0.hasClass("status") }?.text ?? pageStatus.text
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

    private static func component(_ node: LibXMLNode) -> OfficialComponent? {
        guard node.attribute("data-js-hook") != "component-group-opener",
            let raw = node.attribute("data-component-status"),
            let status = StatusWords.componentStatus(forText: raw)
        else { return nil }
        let name = node.firstDescendant { $0.hasClass("name") }?.text ?? node.text
        return OfficialComponent(name: name, status: status, rawStatus: raw)
    }

    private enum IncidentKind { case unresolved, scheduled }

    private static func incident(_ node: LibXMLNode, kind: IncidentKind, pageURL: String?, issued: Timestamp?)
        -> OfficialIncident
    {
        let titleNode =
            node.firstDescendant { $0.hasClass("actual-title") }
            ?? node.firstDescendant { $0.hasClass("incident-title") }
        let link = titleNode.flatMap { $0.name == "a" ? $0 : $0.firstDescendant { $0.name == "a" } }?
            .attribute("href")
        let updates = node.descendants(descendIntoMatches: false) { $0.hasClass("update") }.map { update in
            (
                label: update.firstDescendant { $0.name == "strong" }?.text ?? "",
                date: update.firstDescendant { $0.name == "small" }.flatMap {
                    StatuspageDates.parse($0.text, issued: issued)
                }
            )
        }
        let newestReal = updates.first { IncidentStatus.parse($0.label) != nil }
        let rawImpact = node.classSuffix(after: "impact-")
        return OfficialIncident(
            title: titleNode?.text ?? "Untitled incident",
            status: newestReal.flatMap { IncidentStatus.parse($0.label) } ?? (kind == .scheduled ? .scheduled : nil),
            rawStatus: newestReal?.label ?? updates.first?.label,
            impact: rawImpact.flatMap(OfficialIndicator.init(rawValue:)) ?? (kind == .scheduled ? .maintenance : nil),
            rawImpact: rawImpact, startedAt: updates.last?.date, updatedAt: updates.first?.date,
            url: link.map { URLText.resolve($0, against: pageURL) })
    }
}
