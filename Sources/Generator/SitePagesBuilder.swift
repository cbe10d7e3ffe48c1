import Analysis
import Foundation
import Model
import Render

/// Renders the site-wide files: home, categories, summary JSON, feeds, sitemap, robots, 404,
/// methodology.
struct SitePagesBuilder {
    let shell: SiteShell
    let templates: TemplateLibrary
    let data: SiteData
    let services: [Service]
    /// The site-wide lag figures of the methodology page.
    var lags = SiteLagSummary()

    /// The manifest item of the site-wide pages.
    static let manifestItem = "_site"

    /// A hash of everything the site-wide pages (all but the summary JSON) depend on.
    func inputHash() -> String {
        var hasher = StableHasher()
        hasher.combine(shell.fingerprint)
        for service in services {
            let state = data.state(for: service.slug)
            hasher.combine(
                "\(service.slug)|\(service.name)|\(service.category)|\(service.aliases.joined(separator: ","))|"
                    + "\(state?.state.rawValue ?? "-")|\(state?.since.seconds ?? 0)")
        }
        hasher.combine(lags.hashInput)
        for change in data.recentChanges {
            hasher.combine("\(change.slug)|\(change.at.seconds)|\(change.to.rawValue)|\(change.reason)")
        }
        for entry in siteFeedEntries() { hasher.combine(entry.title + "|" + entry.summary) }
        return hasher.hexDigest
    }

    /// The summary JSON alone: the one site file that changes on every run.
    func summaryFile() throws -> (String, Data) {
        ("api/v1/summary.json", try JSONOutput.encode(summary()))
    }

    /// Every site-wide file but the summary JSON.
    func render() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let ordered = services.sorted { lhs, rhs in
            let left = state(lhs)
            let right = state(rhs)
            if left != right { return left > right }
            return lhs.name.localizedCaseInsensitiveCompare(rhs.name) == .orderedAscending
        }
        files["index.html"] = Data(try home(ordered).utf8)
        for category in shell.categories {
            let members = ordered.filter { $0.categorySlug == category.slug }
            files["categories/\(category.slug)/index.html"] = Data(
                try categoryPage(category.name, category.slug, members).utf8)
        }
        files["feed.xml"] = Data(siteFeed().utf8)
        files["sitemap.xml"] = Data(sitemap().utf8)
        files["robots.txt"] = Data("User-agent: *\nAllow: /\n\nSitemap: \(shell.absolute("sitemap.xml"))\n".utf8)
        let notFound = shell.context(
            title: "Page not found", description: "This page does not exist.", canonical: shell.absolute("404.html"),
            extra: [:])
        files["404.html"] = Data(try templates.render(notFound, template: "404").utf8)
        files["methodology/index.html"] = Data(try methodology().utf8)
        files["_headers"] = Data(Self.headers(policy: ContentSecurityPolicy.policy(for: shell.configuration)).utf8)
        return files
    }

    /// Cache and security policy for CDNs that read a `_headers` file (Netlify, Cloudflare
    /// Pages): assets have content-hashed names and live forever; everything else is
    /// short-lived; every file carries the Content-Security-Policy.
    static func headers(policy: String) -> String {
        """
        /assets/*
          ! Cache-Control
          Cache-Control: public, max-age=31536000, immutable
        /*
          Cache-Control: public, max-age=60, stale-while-revalidate=60
          X-Content-Type-Options: nosniff
          Referrer-Policy: strict-origin-when-cross-origin
          X-Frame-Options: DENY
          Content-Security-Policy: \(policy)

        """
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    private func state(_ service: Service) -> ServiceState { data.state(for: service.slug)?.state ?? .unknown }

    /// The service list as HTML, built in Swift: a template loop over thousands of rows is slow.
    private func list(_ members: [Service]) -> String {
        var out = "<ul class=\"service-list\">"
        for service in members {
            let state = state(service)
            let name = HTMLEscaping.escape(service.name)
            let aliases = HTMLEscaping.escape(([service.name] + service.aliases).joined(separator: " ").lowercased())
            out += "<li class=\"service-item\" data-slug=\"\(service.slug)\" data-search=\"\(aliases)\">"
            out += "<a href=\"\(shell.path("services/\(service.slug)/"))\"><span class=\"name\">\(name)</span>"
            out +=
                "<span class=\"chip \(state.cssClass)\" data-state=\"\(state.rawValue)\">\(state.headline)</span></a></li>"
        }
        out += "</ul>"
        return out
    }

    private func home(_ ordered: [Service]) throws -> String {
        let troubled = ordered.filter { state($0) >= .possible }
        var sections = ""
        for category in shell.categories {
            let members = ordered.filter { $0.categorySlug == category.slug }
            sections += "<section class=\"category\" aria-labelledby=\"cat-\(category.slug)\">"
            sections +=
                "<h2 id=\"cat-\(category.slug)\"><a href=\"\(shell.path("categories/\(category.slug)/"))\">\(HTMLEscaping.escape(category.name))</a></h2>"
            sections += list(members) + "</section>"
        }
        let context = shell.context(
            title: "\(shell.configuration.site.title): is it down, or is it me?",
            description: shell.configuration.site.description, canonical: shell.absolute(""),
            extra: [
                "is_home": true,
                "has_troubled": !troubled.isEmpty,
                "troubled_html": troubled.isEmpty ? "" : list(troubled),
                "sections_html": sections,
                "service_count": services.count,
            ])
        return try templates.render(context, template: "home")
    }

    private func categoryPage(_ name: String, _ slug: String, _ members: [Service]) throws -> String {
        let context = shell.context(
            title: "\(name) services: outages and problems",
            description: "Live status of \(members.count) \(name) services.",
            canonical: shell.absolute("categories/\(slug)/"),
            extra: ["category_name": name, "list_html": list(members), "service_count": members.count])
        return try templates.render(context, template: "category")
    }

    private func summary() -> SummaryDocument {
        SummaryDocument(
            generatedAt: data.asOf.iso8601, lastCollect: data.lastCollect?.iso8601,
            services: services.map { service in
                let current = data.state(for: service.slug)
                let snapshots = data.official[service.slug] ?? []
                let staleAfter = shell.configuration.collect.staleAfterMinutes * 60
                let indicator = snapshots.first.map {
                    $0.effectiveStatus(at: data.asOf, staleAfter: staleAfter).indicator.rawValue
                }
                return SummaryDocument.Entry(
                    slug: service.slug, name: service.name, category: service.category, aliases: service.aliases,
                    state: (current?.state ?? .unknown).rawValue, stateSince: current?.since.iso8601,
                    reportsLastHour: data.lastHour[service.slug] ?? 0, officialIndicator: indicator)
            })
    }

    /// The site feed's entries: the recent state changes, with the episodes they start and end.
    private func siteFeedEntries() -> [FeedRenderer.Entry] {
        let names = Dictionary(uniqueKeysWithValues: services.map { ($0.slug, $0.name) })
        return data.recentChanges.compactMap { change -> FeedRenderer.Entry? in
            guard let name = names[change.slug] else { return nil }
            return FeedRenderer.changeEntry(
                change, serviceName: name, link: shell.absolute("services/\(change.slug)/"),
                episodes: data.feedEpisodes[change.slug] ?? [])
        }
    }

    private func siteFeed() -> String {
        FeedRenderer.atom(
            id: shell.absolute(""), title: "\(shell.configuration.site.title): state changes",
            selfURL: shell.absolute("feed.xml"), siteURL: shell.absolute(""), entries: siteFeedEntries(),
            fallback: Timestamp(seconds: 0))
    }

    private func sitemap() -> String {
        var urls: [(loc: String, lastmod: Timestamp?)] = [
            (shell.absolute(""), nil), (shell.absolute("methodology/"), nil),
        ]
        for category in shell.categories { urls.append((shell.absolute("categories/\(category.slug)/"), nil)) }
        for service in services {
            urls.append((shell.absolute("services/\(service.slug)/"), data.state(for: service.slug)?.since))
            urls.append((shell.absolute("services/\(service.slug)/history/"), nil))
        }
        return SitemapRenderer.xml(urls)
    }

    private func methodology() throws -> String {
        let detection = DetectionSettings(shell.configuration.detection)
        let context = shell.context(
            title: "How Downtrack decides a service is down",
            description: "The published rule behind every state on this site.",
            canonical: shell.absolute("methodology/"),
            extra: [
                "window_minutes": detection.windowMinutes,
                "minimum_reports": detection.minimumReportsPossible,
                "minimum_reports_outage": detection.minimumReportsOutage,
                "possible_ratio": Self.number(detection.possibleRatio),
                "outage_ratio": Self.number(detection.outageRatio),
                "enter_minutes": detection.enterMinutes,
                "baseline_weeks": detection.baselineWeeks,
                "calm_minutes": detection.calmMinutes,
                "stale_minutes": shell.configuration.collect.staleAfterMinutes,
                "report_window_minutes": shell.configuration.intake.reportWindowMinutes,
                "country_minimum_reports": shell.configuration.site.countryMinimumReports,
            ].merging(lagContext(), uniquingKeysWith: { first, _ in first }))
        return try templates.render(context, template: "page")
    }

    /// The methodology's site-wide lag: the median over every paired incident, and the counts.
    private func lagContext() -> [String: Any] {
        var context: [String: Any] = [
            "history_days": HistoryFilesBuilder.days,
            "lag_pairs": lags.pairs,
            "lag_services": lags.services,
            "incidents_without_episode": lags.incidentsWithoutEpisode,
            "episodes_without_incident": lags.episodesWithoutIncident,
        ]
        if let sentence = OutageHistoryText.median(
            lags.medianDetectedBeforeMinutes, compared: lags.pairs, before: "the services' own status pages")
        {
            context["median_lag"] = sentence
        }
        if let recovered = lags.medianBackToNormalBeforeResolutionMinutes {
            context["median_recovery"] =
                recovered >= 0
                ? "Reports were back to normal a median of \(OutageHistoryText.minutes(recovered)) before the "
                    + "incident was marked resolved."
                : "Incidents were marked resolved a median of \(OutageHistoryText.minutes(recovered)) before "
                    + "reports were back to normal."
        }
        return context
    }
}
