import Foundation

/// The document formats Downtrack can read.
public enum StatusFormat: String, Sendable, Equatable, CaseIterable {
    /// Atlassian Statuspage API JSON (`/api/v2/*.json`).
    case statuspageJSON
    /// A Statuspage-hosted HTML page.
    case statuspageHTML
    /// An Atom feed.
    case atom
    /// An RSS feed (2.0, 0.9x or 1.0).
    case rss
    /// A Hund.io HTML status page.
    case hundHTML
    /// Upptime's `history/summary.json`.
    case upptimeJSON
    /// Fedora Infrastructure's statusfpo `statuses.json`.
    case fedoraJSON
    /// Google Cloud's `incidents.json`.
    case googleCloudJSON
    /// Slack's status API (`api/v2.0.0/current`).
    case slackJSON
    /// An incident.io status page's widget API (`api/v1/summary`).
    case incidentIOJSON
    /// An Instatus page's `summary.json`.
    case instatusJSON
    /// Cachet's API v1 (`api/v1/components`, `api/v1/incidents`).
    case cachetJSON
    /// A cState site's `index.json`.
    case cstateJSON
    /// status.io's public status API.
    case statusIOJSON
    /// A Better Stack status page's `index.json`.
    case betterStackJSON
    /// The AWS Health Dashboard's public events (`public/currentevents`).
    case awsHealthJSON
}

/// Recognises a status document from its content, with the URL as a hint.
public enum FormatDetector {
    /// How far into a document the feed root element is looked for.
    static let sniffLength = 2048

    /// The format of `body`, or nil when it is none Downtrack recognises on its own
    /// (a generic HTML page needs XPath rules).
    ///
    /// JSON: an object whose `page.status` is `UP`, `HASISSUES` or `UNDERMAINTENANCE` is
    /// Instatus; otherwise an object with `page` plus `status`, `components` or `incidents` is Statuspage
    /// (or a Statuspage-compatible host); `global_status` + `services` is Fedora's statusfpo;
    /// an array of sites with `slug` and `uptimeDay` is Upptime; an array of incidents with
    /// `external_desc` is Google Cloud (an empty one only at Google's own URL); `active_incidents`
    /// beside `status` without `page` is Slack; `ongoing_incidents` with `page_title` (or
    /// `in_progress_maintenances`) without `page` is incident.io's widget API; a `data` list
    /// whose entries carry `status_name` or `human_status` is Cachet; `"is": "index"` with
    /// `cStateVersion` is cState; `result.status_overall.status_code` is status.io; `data.type`
    /// `status_page` with an `aggregate_state` is Better Stack; an array of events whose `arn`
    /// is AWS Health's is AWS (an empty one only at AWS's URL). UTF-16 with a byte-order mark is
    /// read as UTF-8. XML: a `<feed` root is Atom,
    /// `<rss` or `<rdf:RDF` is RSS. HTML: `page-status`, `data-component-status`,
    /// `unresolved-incident` or "Powered by Statuspage" is a Statuspage page; "hund.io" with a
    /// `state-bar` is Hund.
    public static func detect(url: String, body: [UInt8], contentType: String?) -> StatusFormat? {
        let body = DocumentBytes.utf8IfUTF16(body)
        if JSONInput.looksLikeJSON(body) { return detectJSON(body, url: url) }
        let head = Array(body.prefix(sniffLength))
        let looksLikeHTML =
            ByteSearch.containsIgnoringCase(head, "<html", limit: sniffLength)
            || ByteSearch.containsIgnoringCase(head, "<!doctype html", limit: sniffLength)
        if !looksLikeHTML {
            if ByteSearch.contains(head, "<feed") { return .atom }
            if ByteSearch.contains(head, "<rss") || ByteSearch.contains(head, "<rdf:RDF") { return .rss }
        }
        if StatuspageHTMLParser.looksLikeStatuspage(body) { return .statuspageHTML }
        if HundHTMLParser.looksLikeHund(body) { return .hundHTML }
        if !looksLikeHTML, let hint = urlHint(url) { return hint }
        return nil
    }

    private static func detectJSON(_ body: [UInt8], url: String) -> StatusFormat? {
        guard let json = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed]) else {
            return nil
        }
        // Before Statuspage: an Instatus `page` carries its own upper-case status word.
        if InstatusSummaryParser.matches(json) { return .instatusJSON }
        if let object = json as? [String: Any], object["page"] != nil,
            ["status", "components", "incidents", "incident", "scheduled_maintenances"].contains(where: {
                object[$0] != nil
            })
        {
            return .statuspageJSON
        }
        if FedoraStatusParser.matches(json) { return .fedoraJSON }
        if UpptimeSummaryParser.matches(json) { return .upptimeJSON }
        if GoogleCloudIncidentsParser.matches(json) { return .googleCloudJSON }
        if SlackStatusParser.matches(json) { return .slackJSON }
        if IncidentIOSummaryParser.matches(json) { return .incidentIOJSON }
        if CachetAPIParser.matches(json) { return .cachetJSON }
        if CStateIndexParser.matches(json) { return .cstateJSON }
        if StatusIOParser.matches(json) { return .statusIOJSON }
        if BetterStackIndexParser.matches(json) { return .betterStackJSON }
        if AWSHealthEventsParser.matches(json) { return .awsHealthJSON }
        if GoogleCloudIncidentsParser.matches(url: url) { return .googleCloudJSON }
        if SlackStatusParser.matches(url: url) { return .slackJSON }
        if IncidentIOSummaryParser.matches(url: url) { return .incidentIOJSON }
        if InstatusSummaryParser.matches(url: url) { return .instatusJSON }
        if CachetAPIParser.matches(url: url) { return .cachetJSON }
        if StatusIOParser.matches(url: url) { return .statusIOJSON }
        if BetterStackIndexParser.matches(url: url) { return .betterStackJSON }
        if AWSHealthEventsParser.matches(url: url) { return .awsHealthJSON }
        return nil
    }

    /// A format suggested by the URL's path alone.
    static func urlHint(_ url: String) -> StatusFormat? {
        let path = (URLComponents(string: url)?.path ?? url).lowercased()
        if path.hasSuffix(".atom") { return .atom }
        if path.hasSuffix(".rss") { return .rss }
        return nil
    }
}
