import Foundation
import Model

/// Reads any HTML page with the XPath rules a content file gives (`XPathRules`).
///
/// - `indicator`: the text of the first match is the description; keywords in it give the
///   indicator (`StatusWords.indicator(forText:)`: operational / all systems / no issues /
///   up → none, degraded / partial / minor → minor, outage / down / major → major,
///   maintenance → maintenance, else unknown). `rawIndicator` is that text.
/// - `incidents`: each match's text is the title of an open incident.
/// - `components`: each match is one component; its first child element is the name and the
///   rest the status words, or, for a match without children, the trailing status words of
///   its text ("API Partial Outage"). Matches whose status cannot be read are skipped.
/// - Without an indicator rule, the indicator is derived from incidents and components.
public enum XPathHTMLParser {
    /// Parses an HTML page with the given rules.
    /// - Throws: `StatusParseError.missingXPathRules` when no rule is set, `.xpathInvalid`,
    ///   `.xpathTooExpensive`, `.noStatusData` when the indicator rule matches nothing, and
    ///   the `LibXMLDocument.html` errors.
    public static func parse(
        _ body: [UInt8], rules: XPathRules, url: String? = nil, contentType: String? = nil,
        limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        guard rules.indicator != nil || rules.incidents != nil || rules.components != nil else {
            throw StatusParseError.missingXPathRules
        }
        let document = try LibXMLDocument.html(body, url: url, contentType: contentType, limits: limits)
        let incidents =
            try rules.incidents.map { rule in
                try texts(rule, in: document).map { OfficialIncident(title: $0) }
            } ?? []
        let components =
            try rules.components.map { rule in
                try document.evaluate(rule, at: nil).nodes.compactMap(component)
            } ?? []
        guard let indicatorRule = rules.indicator else {
            return OfficialStatus(
                indicator: StatusWords.derivedIndicator(components: components, incidents: incidents),
                rawIndicator: nil, description: nil, components: components, incidents: incidents
            ).collected(documentURL: url)
        }
        guard let text = try texts(indicatorRule, in: document).first else {
            throw StatusParseError.noStatusData("the indicator rule \"\(indicatorRule)\" matched nothing")
        }
        return OfficialStatus(
            indicator: StatusWords.indicator(forText: text), rawIndicator: text, description: text,
            components: components, incidents: incidents
        ).collected(documentURL: url)
    }

    /// The non-empty texts of a rule's matches.
    private static func texts(_ rule: String, in document: LibXMLDocument) throws -> [String] {
        try document.evaluate(rule, at: nil).texts.filter { !$0.isEmpty }
    }

    static func component(_ node: LibXMLNode) -> OfficialComponent? {
        let parts = node.children.map(\.text).filter { !$0.isEmpty }
        if parts.count >= 2 {
            let statusText = parts.dropFirst().joined(separator: " ")
            guard let status = StatusWords.componentStatus(forText: statusText) else { return nil }
            return OfficialComponent(name: parts[0], status: status, rawStatus: statusText)
        }
        return splitNameAndStatus(node.text)
    }

    /// "Website Partial Outage" → ("Website", partial_outage): the longest trailing run of up
    /// to three words that names a status.
    static func splitNameAndStatus(_ text: String) -> OfficialComponent? {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return nil }
        for length in stride(from: min(3, words.count - 1), through: 1, by: -1) {
            let tail = words.suffix(length).joined(separator: " ")
            if isStatusPhrase(tail), let status = StatusWords.componentStatus(forText: tail) {
                return OfficialComponent(
                    name: words.dropLast(length).joined(separator: " "), status: status, rawStatus: tail)
            }
        }
        return nil
    }

    private static func isStatusPhrase(_ text: String) -> Bool {
        let phrases: Set<String> = [
            "operational", "degraded performance", "degraded", "partial outage", "major outage", "outage",
            "under maintenance", "maintenance", "down", "up", "ok", "operating normally", "normal",
            "degraded_performance", "partial_outage", "major_outage", "under_maintenance", "full outage",
            "slow", "disrupted", "good",
        ]
        return phrases.contains(text.lowercased().trimmingCharacters(in: .punctuationCharacters))
    }
}
