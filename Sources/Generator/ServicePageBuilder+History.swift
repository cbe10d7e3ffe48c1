import Foundation
import Model
import Render

/// The history parts of a service's pages: "Past outages", the 90-day strip and the lag on the
/// service page, and the history page itself (`services/<slug>/history/`).
extension ServicePageBuilder {
    /// How many rows "Past outages" shows on the service page.
    static let pastOutagesShown = 5

    /// The service page's history keys: past outages, strip, median lag and the data licence.
    func historyContext(_ service: Service) -> [String: Any] {
        let timeline = histories.timeline(for: service.slug)
        let days = histories.strip(for: service.slug)
        var context: [String: Any] = [
            "history_url": shell.path("services/\(service.slug)/history/"),
            "history_json_url": shell.path("api/v1/services/\(service.slug)/history.json"),
            "history_csv_url": shell.path("api/v1/services/\(service.slug)/history.csv"),
            "past_outages_html": OutageHistoryHTML.list(
                Array(timeline.entries.prefix(Self.pastOutagesShown)), service: service.name,
                problems: problemTitles(service),
                empty: "No outages recorded in the last \(HistoryFilesBuilder.days) days."),
            "strip_svg": OutageStrip.svg(
                days, title: "Worst state of \(service.name) each day, last \(days.count) days (UTC)"),
            "strip_table": OutageStrip.table(days),
            "strip_days": days.count,
            "history_days": HistoryFilesBuilder.days,
        ]
        if let median = medianSentence(timeline.summary, service: service) { context["median_lag"] = median }
        if let license = shell.configuration.site.dataLicense, !license.isEmpty { context["data_license"] = license }
        return context
    }

    /// `services/<slug>/history/index.html`: the whole window in one timeline.
    func historyPage(_ service: Service) throws -> String {
        let timeline = histories.timeline(for: service.slug)
        let summary = timeline.summary
        let canonical = shell.absolute("services/\(service.slug)/history/")
        var context = shell.context(
            title: "\(service.name) outage history: the last \(HistoryFilesBuilder.days) days",
            description:
                "Every outage of \(service.name) reported by people or by its status page in the last "
                + "\(HistoryFilesBuilder.days) days, and who knew first.",
            canonical: canonical, extra: historyContext(service))
        context["service"] = [
            "slug": service.slug, "name": service.name, "url": shell.path("services/\(service.slug)/"),
            "category": service.category, "category_url": shell.path("categories/\(service.categorySlug)/"),
        ]
        context["timeline_html"] = OutageHistoryHTML.list(
            timeline.entries, service: service.name, problems: problemTitles(service),
            empty: "No outages recorded in the last \(HistoryFilesBuilder.days) days.")
        context["counts"] = OutageHistoryText.counts(
            episodes: (histories.episodes[service.slug] ?? []).count,
            incidents: (histories.incidents[service.slug] ?? []).count, days: HistoryFilesBuilder.days)
        context["unmatched"] = OutageHistoryText.unmatched(summary, service: service.name)
        context["breadcrumb_jsonld"] = try StructuredData.breadcrumbs(
            breadcrumbs(service) + [("History", canonical)])
        return try templates.render(context, template: "history")
    }

    private func problemTitles(_ service: Service) -> [String: String] {
        Dictionary(service.problems.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    private func medianSentence(_ summary: OutageLagSummary, service: Service) -> String? {
        OutageHistoryText.median(
            summary.medianDetectedBeforeMinutes, compared: summary.lags.count,
            before: "\(service.name)'s status page")
    }
}
