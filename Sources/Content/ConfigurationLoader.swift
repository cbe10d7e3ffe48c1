import Foundation
import Model
import Yams

/// Reads `downtrack.yml` into a `SiteConfiguration`: every key optional, unknown keys errors.
public enum ConfigurationLoader {
    /// The configuration file's name at the site root.
    public static let fileName = "downtrack.yml"

    /// Loads `<root>/downtrack.yml`, or the defaults when there is no such file.
    /// - Throws: `ContentError` naming the key and line of every problem.
    public static func load(root: URL) throws -> SiteConfiguration {
        let url = root.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return SiteConfiguration() }
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ContentError(problems: [
                ContentProblem(path: fileName, line: 0, message: "cannot read: \(error.localizedDescription)")
            ])
        }
        return try parse(text, path: fileName)
    }

    /// Parses configuration text; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws -> SiteConfiguration {
        var reader = YAMLNodeReader(path: path, lineOffset: 0)
        var config = SiteConfiguration()
        guard let root = reader.compose(text) else {
            if reader.problems.isEmpty { return config }
            throw ContentError(problems: reader.problems)
        }
        let sections = Set(topLevelKeys + sectionKeys.map(\.section))
        for (key, _, value) in reader.entries(of: root, context: "configuration", allowed: sections) {
            switch key {
            case "database": config.database = reader.nonEmptyString(value, key) ?? config.database
            case "output": config.output = reader.nonEmptyString(value, key) ?? config.output
            case "site": readSite(value, &reader, &config.site)
            case "intake": readIntake(value, &reader, &config.intake)
            case "collect": readCollect(value, &reader, &config.collect)
            case "detection": readDetection(value, &reader, &config.detection)
            case "reports": readReports(value, &reader, &config.reports)
            case "notify": readNotify(value, &reader, &config.notify)
            case "content": readContent(value, &reader, &config.content)
            case "serve": readServe(value, &reader, &config.serve)
            default: break
            }
        }
        if !reader.problems.isEmpty { throw ContentError(problems: reader.problems) }
        return config
    }

    /// Top-level keys that hold a value rather than a section.
    static let topLevelKeys = ["database", "output"]

    /// Each section's keys: the one list both the reader and `knownKeys` use.
    static let sectionKeys: [(section: String, keys: [String])] = [
        ("site", ["title", "base_url", "language", "description", "country_minimum_reports", "data_license"]),
        (
            "intake",
            [
                "url", "host", "port", "trusted_proxies", "report_window_minutes", "ipv6_prefix",
                "client_requests_per_minute", "global_requests_per_second", "sign_ups_per_hour", "max_queued_reports",
                "country_header",
            ]
        ),
        (
            "collect",
            [
                "concurrency", "timeout_seconds", "max_body_bytes", "stale_after_minutes", "max_redirects",
                "allow_private_addresses", "interval_minutes",
            ]
        ),
        ("detection", ["window_minutes", "minimum_reports", "calm_minutes", "stale_after_minutes"]),
        (
            "notify",
            [
                "from", "sendmail", "webhooks", "webhook_secret", "confirmations_per_hour",
                "notices_per_address_per_hour",
            ]
        ),
        ("reports", ["minute_retention_days", "history_retention_days"]),
        ("content", ["allow_raw_html"]),
        ("serve", ["host", "port"]),
    ]

    /// Every key the loader reads, dotted (`intake.port`): the shipped `downtrack.yml` lists them all.
    public static var knownKeys: [String] {
        topLevelKeys + sectionKeys.flatMap { section in section.keys.map { "\(section.section).\($0)" } }
    }

    /// The keys of one section.
    static func keys(of section: String) -> Set<String> {
        Set(sectionKeys.first { $0.section == section }?.keys ?? [])
    }

    private static func readSite(_ node: Node, _ reader: inout YAMLNodeReader, _ site: inout SiteConfiguration.Site) {
        for (key, _, value) in reader.entries(of: node, context: "site", allowed: keys(of: "site")) {
            let field = "site.\(key)"
            switch key {
            case "title": site.title = reader.nonEmptyString(value, field) ?? site.title
            case "description": site.description = reader.nonEmptyString(value, field) ?? site.description
            case "language": site.language = reader.nonEmptyString(value, field) ?? site.language
            case "data_license":
                // `~` (the shipped file's value) publishes no licence.
                if !isNull(value) { site.dataLicense = reader.nonEmptyString(value, field) ?? site.dataLicense }
            case "country_minimum_reports":
                site.countryMinimumReports =
                    reader.int(value, field, range: 1...1_000_000) ?? site.countryMinimumReports
            case "base_url":
                guard let text = reader.nonEmptyString(value, field) else { break }
                if URLCheck.isHTTPURL(text) {
                    site.baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
                } else {
                    reader.report("'\(field)' must be an absolute http(s) URL, not '\(text)'", at: value)
                }
            default: break
            }
        }
    }

    private static func readIntake(
        _ node: Node, _ reader: inout YAMLNodeReader, _ intake: inout SiteConfiguration.Intake
    ) {
        for (key, _, value) in reader.entries(of: node, context: "intake", allowed: keys(of: "intake")) {
            let field = "intake.\(key)"
            switch key {
            case "url": intake.url = reader.nonEmptyString(value, field) ?? intake.url
            case "host": intake.host = reader.nonEmptyString(value, field) ?? intake.host
            case "port": intake.port = reader.int(value, field, range: 1...65535) ?? intake.port
            case "trusted_proxies": intake.trustedProxies = reader.strings(value, field)
            case "report_window_minutes":
                intake.reportWindowMinutes = reader.int(value, field, range: 1...1440) ?? intake.reportWindowMinutes
            case "ipv6_prefix": intake.ipv6Prefix = reader.int(value, field, range: 32...128) ?? intake.ipv6Prefix
            case "client_requests_per_minute":
                intake.clientRequestsPerMinute =
                    reader.int(value, field, range: 1...1_000_000) ?? intake.clientRequestsPerMinute
            case "global_requests_per_second":
                intake.globalRequestsPerSecond =
                    reader.int(value, field, range: 1...100_000_000) ?? intake.globalRequestsPerSecond
            case "sign_ups_per_hour":
                intake.signUpsPerHour = reader.int(value, field, range: 1...1_000_000) ?? intake.signUpsPerHour
            case "max_queued_reports":
                intake.maxQueuedReports = reader.int(value, field, range: 1...10_000_000) ?? intake.maxQueuedReports
            case "country_header":
                guard let name = reader.nonEmptyString(value, field) else { break }
                if isHeaderName(name) {
                    intake.countryHeader = name
                } else {
                    reader.report(
                        "'\(field)' must be an HTTP header name (letters, digits, '-'), not '\(name)'", at: value)
                }
            default: break
            }
        }
    }

    private static func readCollect(
        _ node: Node, _ reader: inout YAMLNodeReader, _ collect: inout SiteConfiguration.Collect
    ) {
        for (key, _, value) in reader.entries(of: node, context: "collect", allowed: keys(of: "collect")) {
            let field = "collect.\(key)"
            switch key {
            case "concurrency": collect.concurrency = reader.int(value, field, range: 1...1024) ?? collect.concurrency
            case "timeout_seconds":
                collect.timeoutSeconds = reader.int(value, field, range: 1...300) ?? collect.timeoutSeconds
            case "max_body_bytes":
                collect.maxBodyBytes = reader.int(value, field, range: 1024...(512 << 20)) ?? collect.maxBodyBytes
            case "stale_after_minutes":
                collect.staleAfterMinutes = reader.int(value, field, range: 1...10080) ?? collect.staleAfterMinutes
            case "max_redirects": collect.maxRedirects = reader.int(value, field, range: 0...20) ?? collect.maxRedirects
            case "allow_private_addresses":
                collect.allowPrivateAddresses = reader.bool(value, field) ?? collect.allowPrivateAddresses
            case "interval_minutes":
                collect.intervalMinutes = reader.int(value, field, range: 1...60) ?? collect.intervalMinutes
            default: break
            }
        }
    }

    private static func readDetection(
        _ node: Node, _ reader: inout YAMLNodeReader, _ detection: inout SiteConfiguration.Detection
    ) {
        for (key, _, value) in reader.entries(of: node, context: "detection", allowed: keys(of: "detection")) {
            let field = "detection.\(key)"
            switch key {
            case "window_minutes":
                detection.windowMinutes = reader.int(value, field, range: 1...120) ?? detection.windowMinutes
            case "minimum_reports":
                detection.minimumReports = reader.int(value, field, range: 1...100_000) ?? detection.minimumReports
            case "calm_minutes":
                detection.calmMinutes = reader.int(value, field, range: 1...1440) ?? detection.calmMinutes
            case "stale_after_minutes":
                detection.staleAfterMinutes =
                    reader.int(value, field, range: 1...10080) ?? detection.staleAfterMinutes
            default: break
            }
        }
    }

    private static func readReports(
        _ node: Node, _ reader: inout YAMLNodeReader, _ reports: inout SiteConfiguration.Reports
    ) {
        for (key, _, value) in reader.entries(of: node, context: "reports", allowed: keys(of: "reports")) {
            let field = "reports.\(key)"
            switch key {
            case "minute_retention_days":
                reports.minuteRetentionDays = reader.int(value, field, range: 1...365) ?? reports.minuteRetentionDays
            case "history_retention_days":
                reports.historyRetentionDays = reader.int(value, field, range: 7...3650) ?? reports.historyRetentionDays
            default: break
            }
        }
    }

    private static func readNotify(
        _ node: Node, _ reader: inout YAMLNodeReader, _ notify: inout SiteConfiguration.Notify
    ) {
        for (key, _, value) in reader.entries(of: node, context: "notify", allowed: keys(of: "notify")) {
            let field = "notify.\(key)"
            switch key {
            case "from": notify.from = reader.nonEmptyString(value, field) ?? notify.from
            case "sendmail": notify.sendmail = reader.nonEmptyString(value, field) ?? notify.sendmail
            case "webhooks":
                let urls = reader.strings(value, field)
                for url in urls where !URLCheck.isHTTPURL(url) {
                    reader.report("'\(field)' entries must be http(s) URLs, not '\(url)'", at: value)
                }
                notify.webhooks = urls
            case "webhook_secret":
                // `~` (the shipped file's value) leaves bodies unsigned.
                if !isNull(value) { notify.webhookSecret = reader.nonEmptyString(value, field) ?? notify.webhookSecret }
            case "confirmations_per_hour":
                notify.confirmationsPerHour =
                    reader.int(value, field, range: 1...1_000_000) ?? notify.confirmationsPerHour
            case "notices_per_address_per_hour":
                notify.noticesPerAddressPerHour =
                    reader.int(value, field, range: 1...1000) ?? notify.noticesPerAddressPerHour
            default: break
            }
        }
    }

    private static func readContent(
        _ node: Node, _ reader: inout YAMLNodeReader, _ content: inout SiteConfiguration.Content
    ) {
        for (key, _, value) in reader.entries(of: node, context: "content", allowed: keys(of: "content")) {
            switch key {
            case "allow_raw_html": content.allowRawHTML = reader.bool(value, "content.\(key)") ?? content.allowRawHTML
            default: break
            }
        }
    }

    private static func readServe(_ node: Node, _ reader: inout YAMLNodeReader, _ serve: inout SiteConfiguration.Serve)
    {
        for (key, _, value) in reader.entries(of: node, context: "serve", allowed: keys(of: "serve")) {
            let field = "serve.\(key)"
            switch key {
            case "host": serve.host = reader.nonEmptyString(value, field) ?? serve.host
            case "port": serve.port = reader.int(value, field, range: 1...65535) ?? serve.port
            default: break
            }
        }
    }

    /// Whether `name` is an HTTP header name: ASCII letters, digits and `-`, at most 64 of them.
    static func isHeaderName(_ name: String) -> Bool {
        name.utf8.count <= 64
            && name.utf8.allSatisfy { byte in
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                    || byte == 0x2D
            }
    }

    /// Whether a value is YAML's null (`~`, `null` or nothing), which leaves an optional key unset.
    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
