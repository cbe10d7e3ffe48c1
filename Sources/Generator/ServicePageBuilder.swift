import Foundation
import Model
import Render

/// Renders one service's files: page, JSON, feed and badge.
struct ServicePageBuilder {
    let shell: SiteShell
    let templates: TemplateLibrary
    let data: SiteData
    let servicesBySlug: [String: Service]
    /// Every service's outage history, for "Past outages", the strip and the history page.
    var histories = ServiceHistories()

    /// A hash of everything this service's files depend on.
    func inputHash(for service: Service, contentHash: String) -> String {
        var hasher = StableHasher()
        hasher.combine(shell.fingerprint)
        hasher.combine(contentHash)
        hasher.combine(service.sourcePath)
        let state = data.state(for: service.slug)
        hasher.combine("\(state?.state.rawValue ?? "-")|\(state?.since.seconds ?? 0)|\(state?.reason ?? "")")
        // The chart as shown: its start, counts and expectations.
        hasher.combine(data.chartStart.seconds)
        let series = data.series(for: service.slug)
        series.withUnsafeBufferPointer { buffer in
            for point in buffer {
                hasher.combine(Int64(point.count))
                hasher.combine(Int64(((point.expected ?? 0) * 100).rounded()))
            }
        }
        hasher.combine(Int64(data.lastHour[service.slug] ?? 0))
        for count in data.problemCounts[service.slug] ?? [] { hasher.combine("\(count.problemID):\(count.count)") }
        hasher.combine(countriesHashInput(for: service))
        for official in officialView(service) { hasher.combine(data: (try? JSONOutput.encode(official)) ?? Data()) }
        for change in data.changesByService[service.slug] ?? [] {
            hasher.combine("\(change.at.seconds)|\(change.to.rawValue)|\(change.reason)")
        }
        for episode in data.feedEpisodes[service.slug] ?? [] {
            hasher.combine("feed-episode|\(episode.start.seconds)|\(episode.end?.seconds ?? -1)")
        }
        hasher.combine(histories.hashInput(for: service.slug))
        for slug in service.related {
            if let related = servicesBySlug[slug] { hasher.combine(related.name) }
            hasher.combine(data.state(for: slug)?.state.rawValue ?? "-")
        }
        return hasher.hexDigest
    }

    /// The official view to show, with freshness applied and every vendor text made inert
    /// (control characters out, links only when http(s)), whatever the collector stored.
    func officialView(_ service: Service) -> [ServiceDocument.Official] {
        let snapshots = data.official[service.slug] ?? []
        let staleAfter = shell.configuration.collect.staleAfterMinutes * 60
        return service.statusSources.map { source in
            let snapshot = snapshots.first { $0.sourceURL == source.url }
            let status =
                (snapshot?.effectiveStatus(at: data.asOf, staleAfter: staleAfter)
                ?? OfficialStatus(indicator: .unknown, description: "Not checked yet")).inert
            return ServiceDocument.Official(
                indicator: status.indicator.rawValue, rawIndicator: status.rawIndicator,
                description: status.description,
                checkedAt: snapshot?.lastGoodAt?.floored(to: BucketSize.chart).iso8601,
                source: source.url, error: snapshot?.lastError.map { InertText.clean($0) },
                components: status.components.filter { $0.status != .operational }.map(ServiceDocument.Component.init),
                groups: status.componentGroups.isEmpty ? nil : status.componentGroups.map(ServiceDocument.Group.init),
                incidents: status.openIncidents.prefix(20).map(ServiceDocument.Incident.init))
        }
    }

    /// The JSON view model.
    func document(for service: Service, series: [ReportBucket]) -> ServiceDocument {
        let state = data.state(for: service.slug)
        let total24h = series.reduce(0) { $0 + $1.count }
        let counts = data.problemCounts[service.slug] ?? []
        let totalProblems = max(1, counts.reduce(0) { $0 + $1.count })
        let problems = counts.compactMap { count -> ServiceDocument.ProblemShare? in
            let title = service.problem(withID: count.problemID)?.title ?? count.problemID
            return ServiceDocument.ProblemShare(
                id: count.problemID, title: title, count: count.count,
                share: (Double(count.count) / Double(totalProblems) * 1000).rounded() / 1000)
        }
        let newestBucket = series.last(where: { $0.count > 0 })?.start
        let updated = [state?.since, newestBucket, data.chartStart].compactMap { $0 }.max()!
        return ServiceDocument(
            slug: service.slug, name: service.name, category: service.category,
            url: shell.absolute("services/\(service.slug)/"), updatedAt: updated.iso8601,
            state: (state?.state ?? .unknown).rawValue, stateSince: state?.since.iso8601,
            stateReason: state?.reason ?? "No reports or official status yet.",
            reports: .init(
                bucketMinutes: 15,
                series: series.map { .init(start: $0.start.iso8601, count: $0.count, expected: $0.expected ?? 0) },
                lastHour: data.lastHour[service.slug] ?? 0, last24h: total24h, problems: problems),
            official: officialView(service).first)
    }

    /// Every file of the service, path → bytes.
    func render(_ service: Service, text: ServiceText) throws -> [String: Data] {
        let series = data.series(for: service.slug)
        var document = document(for: service, series: series)
        document.countries = countries(for: service)
        var files: [String: Data] = [:]
        files["api/v1/services/\(service.slug).json"] = try JSONOutput.encode(document)
        files["services/\(service.slug)/index.html"] = Data(
            try page(service, text: text, document: document, series: series).utf8)
        files["services/\(service.slug)/history/index.html"] = Data(try historyPage(service).utf8)
        files["services/\(service.slug)/feed.xml"] = Data(feed(service).utf8)
        let state = data.state(for: service.slug)?.state ?? .unknown
        files["badges/\(service.slug).svg"] = Data(BadgeRenderer.svg(name: service.name, state: state).utf8)
        return files
    }

    private func feed(_ service: Service) -> String {
        let link = shell.absolute("services/\(service.slug)/")
        let episodes = data.feedEpisodes[service.slug] ?? []
        var entries = (data.changesByService[service.slug] ?? []).map { change in
            FeedRenderer.changeEntry(change, serviceName: service.name, link: link, episodes: episodes)
        }
        for official in officialView(service) {
            for incident in official.incidents {
                let started = incident.startedAt.flatMap(Timestamp.init(iso8601:)) ?? data.chartStart
                entries.append(
                    FeedRenderer.Entry(
                        id: incident.url ?? "\(link)#incident-\(StableHasher.digest(incident.title))",
                        title: "\(service.name) official: \(incident.title)", updated: started,
                        link: incident.url ?? link,
                        summary:
                            "Official status: \(incident.status ?? "open"), impact \(incident.impact ?? "unknown")."))
            }
        }
        entries.sort { ($0.updated, $0.id) > ($1.updated, $1.id) }
        return FeedRenderer.atom(
            id: link, title: "\(service.name) status — \(shell.configuration.site.title)",
            selfURL: shell.absolute("services/\(service.slug)/feed.xml"), siteURL: link, entries: entries,
            fallback: data.chartStart)
    }

    private func page(
        _ service: Service, text: ServiceText, document: ServiceDocument, series: [ReportBucket]
    ) throws -> String {
        let state = data.state(for: service.slug)?.state ?? .unknown
        let official = officialView(service)
        let description =
            "Is \(service.name) down? Live problem reports from users and \(service.name)'s official status, "
            + "updated every minute."
        var context = shell.context(
            title: "\(service.name) down? Current problems and status",
            description: description, canonical: shell.absolute("services/\(service.slug)/"),
            extra: [:])
        let categoryURL = shell.path("categories/\(service.categorySlug)/")
        context["service"] = compact([
            "slug": service.slug, "name": service.name, "category": service.category, "category_url": categoryURL,
            "website": service.website ?? "", "aliases": service.aliases.joined(separator: ", "),
        ])
        context["state"] = state.rawValue
        context["state_headline"] = state.headline
        context["state_reason"] = document.stateReason
        if let since = document.stateSince { context["state_since"] = since }
        context["updated_at"] = document.updatedAt
        context["last_hour"] = document.reports.lastHour
        context["last_24h"] = document.reports.last24h
        context["chart_svg"] = ChartRenderer.svg(
            series: series, title: "Reports about \(service.name) per 15 minutes, last 24 hours")
        context["chart_table"] = ChartRenderer.table(series: series)
        // Lists are built here rather than in template loops: a section costs ~15 µs an item.
        context["problems_html"] = PageFragments.problemShares(document.reports.problems)
        context["choices_html"] = PageFragments.problemChoices(service.problems)
        if let table = countriesTable(for: service, countries: countries(for: service)) {
            context["countries_html"] = table
        }
        context["official"] = official.map { item -> [String: Any] in
            let indicator = OfficialIndicator(rawValue: item.indicator) ?? .unknown
            return compact([
                "has_components": !item.components.isEmpty, "has_incidents": !item.incidents.isEmpty,
                "indicator": item.indicator, "label": indicator.label, "description": item.description ?? "",
                "checked_at": item.checkedAt ?? "", "source": item.source, "error": item.error ?? "",
                "components": item.components.map {
                    ["name": $0.displayName, "status": (ComponentStatus(rawValue: $0.status)?.label ?? $0.rawStatus)]
                },
                "incidents": item.incidents.map {
                    compact([
                        "title": $0.title, "status": $0.status ?? "", "impact": $0.impact ?? "",
                        "started_at": $0.startedAt ?? "", "url": $0.url ?? "",
                    ])
                },
            ])
        }
        let rawHTML = shell.configuration.content.allowRawHTML
        context["body_html"] = Markdown.html(text.body, rawHTML: rawHTML)
        context["faq"] = text.faq.map {
            ["question": $0.question, "answer_html": Markdown.html($0.answer, rawHTML: rawHTML)]
        }
        context["has_faq"] = !text.faq.isEmpty
        if !text.faq.isEmpty { context["faq_jsonld"] = try StructuredData.faq(text.faq) }
        context["breadcrumb_jsonld"] = try StructuredData.breadcrumbs(breadcrumbs(service))
        let related = service.related.compactMap { slug in
            servicesBySlug[slug].map {
                ($0.name, shell.path("services/\(slug)/"), data.state(for: slug)?.state ?? .unknown)
            }
        }
        context["related_html"] = PageFragments.related(related)
        context["has_related"] = !related.isEmpty
        context["has_changes"] = !(data.changesByService[service.slug] ?? []).isEmpty
        context["changes"] = (data.changesByService[service.slug] ?? []).prefix(10).map {
            ["at": $0.at.iso8601, "headline": $0.to.headline, "state": $0.to.rawValue, "reason": $0.reason]
        }
        context["reports_url"] = shell.intake("reports")
        context["subscriptions_url"] = shell.intake("subscriptions")
        context["json_url"] = shell.path("api/v1/services/\(service.slug).json")
        context["service_feed_url"] = shell.path("services/\(service.slug)/feed.xml")
        context["badge_url"] = shell.path("badges/\(service.slug).svg")
        for (key, value) in historyContext(service) { context[key] = value }
        return try templates.render(context, template: "service")
    }

    func breadcrumbs(_ service: Service) -> [(name: String, link: String)] {
        [
            (shell.configuration.site.title, shell.absolute("")),
            (service.category, shell.absolute("categories/\(service.categorySlug)/")),
            (service.name, shell.absolute("services/\(service.slug)/")),
        ]
    }
}

/// The dictionary without empty-string values, so `{{#key}}` sections skip them.
func compact(_ dictionary: [String: Any]) -> [String: Any] {
    dictionary.filter { !(($0.value as? String)?.isEmpty ?? false) }
}
