import Collect
import Model

/// Targets for the official status readers: every format a source may serve, and the sniffing
/// that picks one.
enum StatusDocumentTargets {
    /// Pages may be large; feeds and JSON rarely are.
    static let pageLength = 1024 * 1024

    static let all: [FuzzTarget] = [
        FuzzTarget(
            name: "statuspage-json", summary: "Statuspage API JSON (summary, components, incidents)",
            run: statuspageJSON),
        FuzzTarget(
            name: "statuspage-html", summary: "a Statuspage-hosted HTML page", maxLength: pageLength,
            run: statuspageHTML),
        FuzzTarget(
            name: "feeds", summary: "Atom and RSS feeds, as entries and as a status", maxLength: 256 * 1024, run: feeds),
        FuzzTarget(name: "hund", summary: "a Hund.io HTML page", maxLength: pageLength, run: hund),
        FuzzTarget(name: "upptime", summary: "Upptime's history/summary.json", run: upptime),
        FuzzTarget(name: "fedora", summary: "Fedora's statusfpo statuses.json", run: fedora),
        FuzzTarget(
            name: "vendor-json",
            summary: "the vendors' own JSON: Google Cloud, Slack, incident.io, Instatus, Cachet, cState, status.io, "
                + "Better Stack, AWS Health",
            maxLength: 256 * 1024, run: vendorJSON),
        FuzzTarget(
            name: "xpath-page", summary: "any HTML page read with a fixed set of XPath rules", maxLength: pageLength,
            run: xpathPage),
        FuzzTarget(
            name: "format-detection", summary: "format sniffing and the auto and statuspage source kinds",
            maxLength: pageLength, run: formatDetection),
    ]

    /// The URL documents claim to come from (a base for relative links).
    static let url = "https://status.example.com/"

    /// The rules of a typical `html` source; `Tests/Fuzz/seeds/xpath-page` has pages they match.
    static let xpathRules = XPathRules(
        indicator: "//div[@id='status'] | //*[contains(concat(' ', normalize-space(@class), ' '), ' page-status ')]",
        incidents: "//li[@class='incident'] | //div[contains(@class, 'unresolved-incident')]//a",
        components: "//tr[@class='component'] | //p[@class='svc'] | //div[@data-component-status]")

    static func statuspageJSON(_ bytes: [UInt8]) {
        report { try StatuspageJSONParser.parse(bytes, url: url) }
    }

    static func statuspageHTML(_ bytes: [UInt8]) {
        report { try StatuspageHTMLParser.parse(bytes, url: url) }
        FuzzSink.consume(StatuspageHTMLParser.looksLikeStatuspage(bytes))
    }

    /// The feed's entries (with summaries), then the status the collector derives from it.
    static func feeds(_ bytes: [UInt8]) {
        do {
            let feed = try FeedParser.parseFeed(bytes, url: url + "history.atom")
            FuzzSink.consume(feed.format.rawValue)
            FuzzSink.consume(feed.title ?? "")
            FuzzSink.consume(feed.totalEntries)
            if let updated = feed.updated { OutputExercise.timestamp(updated) }
            for entry in feed.entries {
                for text in [
                    entry.title, entry.link ?? "", entry.id ?? "", entry.summary ?? "", entry.newestStatusLabel ?? "",
                ] {
                    FuzzSink.consume(text)
                }
                entry.updateLabels.forEach(FuzzSink.consume)
                if let published = entry.published { OutputExercise.timestamp(published) }
                if let updated = entry.updated { OutputExercise.timestamp(updated) }
            }
        } catch {
            OutputExercise.error(error)
        }
        report { try FeedParser.parse(bytes, url: url + "history.atom") }
    }

    static func hund(_ bytes: [UInt8]) {
        report { try HundHTMLParser.parse(bytes, url: url) }
        FuzzSink.consume(HundHTMLParser.looksLikeHund(bytes))
    }

    static func upptime(_ bytes: [UInt8]) {
        report { try UpptimeSummaryParser.parse(bytes) }
    }

    static func fedora(_ bytes: [UInt8]) {
        report { try FedoraStatusParser.parse(bytes) }
    }

    /// Every vendor JSON reader on the same bytes: each must answer or refuse, never trap.
    static func vendorJSON(_ bytes: [UInt8]) {
        report { try GoogleCloudIncidentsParser.parse(bytes, url: url) }
        report { try SlackStatusParser.parse(bytes, url: url) }
        report { try IncidentIOSummaryParser.parse(bytes, url: url) }
        report { try InstatusSummaryParser.parse(bytes, url: url) }
        report { try CachetAPIParser.parse(bytes, url: url) }
        report { try CStateIndexParser.parse(bytes, url: url) }
        report { try StatusIOParser.parse(bytes, url: url) }
        report { try BetterStackIndexParser.parse(bytes, url: url) }
        report { try AWSHealthEventsParser.parse(bytes, url: url) }
    }

    static func xpathPage(_ bytes: [UInt8]) {
        report { try XPathHTMLParser.parse(bytes, rules: xpathRules, url: url) }
    }

    /// What the detector recognises, then the two source kinds that sniff: `auto` (through
    /// the detected format) and `statuspage` (JSON, page or feed).
    static func formatDetection(_ bytes: [UInt8]) {
        FuzzSink.consume(FormatDetector.detect(url: url, body: bytes, contentType: nil)?.rawValue ?? "")
        report { try StatusDocumentParser.parse(kind: .auto, url: url, body: bytes, contentType: nil, xpath: nil) }
        report {
            try StatusDocumentParser.parse(
                kind: .statuspage, url: url, body: bytes, contentType: "text/html", xpath: nil)
        }
    }

    /// Runs a parse and exercises its status, or the error a user would read.
    private static func report(_ parse: () throws -> OfficialStatus) {
        do {
            OutputExercise.status(try parse())
        } catch {
            OutputExercise.error(error)
        }
    }
}
