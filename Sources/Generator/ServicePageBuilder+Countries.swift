import Model
import Render

extension ServicePageBuilder {
    /// The most countries the page's table lists.
    static let countryRows = 10

    /// The service's countries as published: those with at least `site.country_minimum_reports`.
    func countries(for service: Service) -> ServiceDocument.Countries {
        ServiceDocument.Countries(
            lastHour: data.countriesLastHour[service.slug] ?? [],
            last24Hours: data.countries24Hours[service.slug] ?? [],
            minimum: shell.configuration.site.countryMinimumReports)
    }

    /// What the country table and JSON depend on, for the page's input hash: each published
    /// country's code, name and count, and the total the page's shares are of.
    func countriesHashInput(for service: Service) -> String {
        let published = countries(for: service)
        func text(_ counts: [CountryCount]) -> String {
            counts.map { "\($0.country)=\(data.countryNames.name($0.country))=\($0.count)" }.joined(separator: ",")
        }
        return "countries \(knownCountryTotal(for: service)):\(text(published.lastHour));\(text(published.last24Hours))"
    }

    /// Reports in the last 24 hours whose country is known, shown or not: the whole the shares
    /// are of.
    func knownCountryTotal(for service: Service) -> Int {
        (data.countries24Hours[service.slug] ?? []).reduce(0) { $0 + $1.count }
    }

    /// "Where people report problems": a table of the top countries of the last 24 hours with
    /// their count and share, or nil when no country reaches the minimum (the section is hidden).
    func countriesTable(for service: Service, countries: ServiceDocument.Countries) -> String? {
        let shown = countries.last24Hours.prefix(Self.countryRows)
        let total = knownCountryTotal(for: service)
        guard !shown.isEmpty, total > 0 else { return nil }
        let minimum = shell.configuration.site.countryMinimumReports
        var out = "<table class=\"countries\">\n<caption>Reports about \(HTMLEscaping.escape(service.name)) "
        out += "in the last 24 hours by country, where the country is known. Countries with fewer than "
        out += "\(minimum) report\(minimum == 1 ? "" : "s") are not shown.</caption>\n"
        out += "<thead><tr><th scope=\"col\">Country</th><th scope=\"col\">Reports</th>"
        out += "<th scope=\"col\">Share</th></tr></thead>\n<tbody>\n"
        for row in shown {
            let percent = Int((Double(row.count) / Double(total) * 100).rounded())
            out += "<tr><th scope=\"row\">\(HTMLEscaping.escape(data.countryNames.name(row.country)))</th>"
            out += "<td>\(row.count)</td><td><span class=\"share\">\(percent)%</span> "
            // An SVG bar: its width is an attribute, not an inline style the CSP would block.
            out += "<svg class=\"bar-track\" viewBox=\"0 0 100 6\" preserveAspectRatio=\"none\" aria-hidden=\"true\" "
            out += "focusable=\"false\"><rect class=\"bar-fill\" width=\"\(percent)\" height=\"6\"/></svg></td></tr>\n"
        }
        return out + "</tbody>\n</table>"
    }
}
