import Foundation
import Model

/// The entry point: turns one fetched document into an `OfficialStatus`, by source kind.
public enum StatusDocumentParser {
    /// Parses a fetched status document.
    ///
    /// - `.statuspage`: Statuspage API JSON; an HTML body is read as the Statuspage page, and
    ///   its `history.atom` / `history.rss` feed as a feed.
    /// - `.atom`, `.rss`: a feed (either syntax is accepted for either kind).
    /// - `.html`: the page with `xpath` rules; without rules, a recognised Statuspage or Hund page.
    /// - `.googleCloud`, `.slack`, `.incidentIO`, `.instatus`, `.cachet`, `.cstate`,
    ///   `.statusIO`, `.betterStack`, `.aws`: those vendors' JSON.
    /// - `.auto`: the format `FormatDetector` recognises; a generic HTML page needs `xpath`.
    /// - Parameters:
    ///   - kind: the source kind from the content file.
    ///   - url: the URL the body came from (base for links, hint for the format).
    ///   - body: the bytes as received (after content decoding).
    ///   - contentType: the HTTP `Content-Type`, for the HTML charset.
    ///   - xpath: the source's XPath rules, if any.
    ///   - limits: size, depth, entry and XPath bounds.
    /// - Throws: `StatusParseError`, whose description tells the user what to change.
    public static func parse(
        kind: StatusSourceKind, url: String, body: [UInt8], contentType: String?, xpath: XPathRules?,
        limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        guard body.count <= limits.maxBytes else { throw StatusParseError.tooLarge(limit: limits.maxBytes) }
        // UTF-16 (some JSON endpoints serve it) is read as UTF-8 from here on.
        let body = DocumentBytes.utf8IfUTF16(body)
        guard !DocumentBytes.isBlank(body) else { throw StatusParseError.emptyDocument }
        let rules = xpath.flatMap { $0.indicator == nil && $0.incidents == nil && $0.components == nil ? nil : $0 }
        switch kind {
        case .statuspage:
            if JSONInput.looksLikeJSON(body) { return try StatuspageJSONParser.parse(body, url: url, limits: limits) }
            if looksLikeHTML(body) {
                return try StatuspageHTMLParser.parse(body, url: url, contentType: contentType, limits: limits)
            }
            if let format = FormatDetector.detect(url: url, body: body, contentType: contentType),
                format == .atom || format == .rss
            {
                return try FeedParser.parse(body, url: url, limits: limits)
            }
            try JSONInput.check(body, limits: limits)  // throws .notJSON with a preview
            return try StatuspageJSONParser.parse(body, url: url, limits: limits)
        case .atom, .rss:
            return try FeedParser.parse(body, url: url, limits: limits)
        case .googleCloud:
            return try GoogleCloudIncidentsParser.parse(body, url: url, limits: limits)
        case .slack:
            return try SlackStatusParser.parse(body, url: url, limits: limits)
        case .incidentIO:
            return try IncidentIOSummaryParser.parse(body, url: url, limits: limits)
        case .instatus:
            return try InstatusSummaryParser.parse(body, url: url, limits: limits)
        case .cachet:
            return try CachetAPIParser.parse(body, url: url, limits: limits)
        case .cstate:
            return try CStateIndexParser.parse(body, url: url, limits: limits)
        case .statusIO:
            return try StatusIOParser.parse(body, url: url, limits: limits)
        case .betterStack:
            return try BetterStackIndexParser.parse(body, url: url, limits: limits)
        case .aws:
            return try AWSHealthEventsParser.parse(body, url: url, limits: limits)
        case .html:
            if let rules {
                return try XPathHTMLParser.parse(body, rules: rules, url: url, contentType: contentType, limits: limits)
            }
            let format = FormatDetector.detect(url: url, body: body, contentType: contentType)
            guard let format, format == .statuspageHTML || format == .hundHTML else {
                throw StatusParseError.missingXPathRules
            }
            return try parse(format: format, url: url, body: body, contentType: contentType, limits: limits)
        case .auto:
            if let format = FormatDetector.detect(url: url, body: body, contentType: contentType) {
                return try parse(format: format, url: url, body: body, contentType: contentType, limits: limits)
            }
            if let rules, looksLikeHTML(body) {
                return try XPathHTMLParser.parse(body, rules: rules, url: url, contentType: contentType, limits: limits)
            }
            throw StatusParseError.unrecognisedFormat
        }
    }

    /// The same, for a `Data` body.
    public static func parse(
        kind: StatusSourceKind, url: String, body: Data, contentType: String?, xpath: XPathRules?,
        limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        try parse(kind: kind, url: url, body: [UInt8](body), contentType: contentType, xpath: xpath, limits: limits)
    }

    /// Parses a body whose format is already known.
    public static func parse(
        format: StatusFormat, url: String, body: [UInt8], contentType: String?, limits: DocumentLimits = .standard
    ) throws -> OfficialStatus {
        // UTF-16 (AWS serves its events so at times) is read as UTF-8, as `parse(kind:)` does.
        let body = DocumentBytes.utf8IfUTF16(body)
        return switch format {
        case .statuspageJSON: try StatuspageJSONParser.parse(body, url: url, limits: limits)
        case .statuspageHTML: try StatuspageHTMLParser.parse(body, url: url, contentType: contentType, limits: limits)
        case .atom, .rss: try FeedParser.parse(body, url: url, limits: limits)
        case .hundHTML: try HundHTMLParser.parse(body, url: url, contentType: contentType, limits: limits)
        case .upptimeJSON: try UpptimeSummaryParser.parse(body, limits: limits)
        case .fedoraJSON: try FedoraStatusParser.parse(body, limits: limits)
        case .googleCloudJSON: try GoogleCloudIncidentsParser.parse(body, url: url, limits: limits)
        case .slackJSON: try SlackStatusParser.parse(body, url: url, limits: limits)
        case .incidentIOJSON: try IncidentIOSummaryParser.parse(body, url: url, limits: limits)
        case .instatusJSON: try InstatusSummaryParser.parse(body, url: url, limits: limits)
        case .cachetJSON: try CachetAPIParser.parse(body, url: url, limits: limits)
        case .cstateJSON: try CStateIndexParser.parse(body, url: url, limits: limits)
        case .statusIOJSON: try StatusIOParser.parse(body, url: url, limits: limits)
        case .betterStackJSON: try BetterStackIndexParser.parse(body, url: url, limits: limits)
        case .awsHealthJSON: try AWSHealthEventsParser.parse(body, url: url, limits: limits)
        }
    }

    /// Whether the body looks like HTML (a tag near the start, allowing leading junk).
    static func looksLikeHTML(_ body: [UInt8]) -> Bool {
        ByteSearch.containsIgnoringCase(body, "<html", limit: 4096)
            || ByteSearch.containsIgnoringCase(body, "<!doctype html", limit: 4096)
            || ByteSearch.containsIgnoringCase(body, "<body", limit: 4096)
            || ByteSearch.containsIgnoringCase(body, "<div", limit: 4096)
    }
}
