import Model

/// The outage timeline as escaped HTML, for the service page ("Past outages") and the history
/// page: built in Swift, since a template loop costs more than the rest of the page.
public enum OutageHistoryHTML {
    /// `entries` as an ordered list, newest first; a muted line when there are none.
    /// - Parameters:
    ///   - service: the service's name, for the sentences.
    ///   - problems: problem titles by id, for an episode's top problems.
    public static func list(
        _ entries: [OutageTimeline.Entry], service: String, problems: [String: String], empty: String
    ) -> String {
        guard !entries.isEmpty else { return "<p class=\"muted\">\(HTMLEscaping.escape(empty))</p>" }
        var out = "<ol class=\"outages\">"
        for entry in entries { out += item(entry, service: service, problems: problems) }
        out += "</ol>"
        return out
    }

    static func item(_ entry: OutageTimeline.Entry, service: String, problems: [String: String]) -> String {
        let name = HTMLEscaping.escape(service)
        guard let episode = entry.episode else {
            var out = "<li class=\"outage official-only\"><p><strong>Official incident</strong> · "
            for incident in entry.incidents { out += incidentText(incident.record) }
            out += "</p><p class=\"meta\">Not noticed by people: no rise in reports.</p></li>"
            return out
        }
        var out =
            "<li class=\"outage day-\(episode.worstState.rawValue)\"><p><strong>\(episode.worstState.headline)</strong> · "
        out += time(episode.start)
        if let end = episode.end {
            let minutes = OutageHistoryText.minutesBetween(episode.start, end)
            out += " · lasted \(OutageHistoryText.duration(minutes: minutes))"
        } else {
            out += " · still going on"
        }
        if let peak = episode.peak {
            out +=
                " · peak \(peak.count) reports in 15 minutes (\(ChartRenderer.formatExpected(peak.expected)) expected)"
        }
        out += "</p>"
        let top = episode.topProblems.prefix(3).map { problem in
            "\(HTMLEscaping.escape(problems[problem.id] ?? problem.id)) \(Int((problem.share * 100).rounded()))%"
        }
        if !top.isEmpty { out += "<p class=\"meta\">Most reported: \(top.joined(separator: ", "))</p>" }
        if entry.incidents.isEmpty {
            out += "<p class=\"meta\">Never acknowledged on \(name)'s status page.</p>"
        }
        for incident in entry.incidents {
            out += "<p class=\"incident\">Official: " + incidentText(incident.record) + "</p>"
            if let lag = incident.lag {
                out += "<p class=\"lag\">\(HTMLEscaping.escape(OutageHistoryText.detected(lag, service: service)))"
                if let recovered = OutageHistoryText.recovered(lag, service: service) {
                    out += " \(HTMLEscaping.escape(recovered))"
                }
                out += "</p>"
            }
        }
        out += "</li>"
        return out
    }

    /// Title (linked when the vendor gave an http(s) link), impact, first post and resolution.
    static func incidentText(_ record: IncidentRecord) -> String {
        let title = HTMLEscaping.escape(InertText.clean(record.title, limit: 300))
        var out =
            InertText.httpURL(record.url).map { "<a href=\"\(HTMLEscaping.escape($0))\" rel=\"nofollow\">\(title)</a>" }
            ?? title
        if let impact = record.impact { out += " (impact \(impact.rawValue))" }
        out += ", posted " + time(record.firstPost)
        if let resolved = record.resolved {
            out += ", resolved " + time(resolved)
        } else {
            out += ", not resolved yet"
        }
        return out
    }

    /// A time element: "2026-11-20 10:00 UTC".
    public static func time(_ time: Timestamp) -> String {
        let (year, month, day, hour, minute, _) = time.civil
        let two = ChartRenderer.two
        return
            "<time datetime=\"\(time.iso8601)\">\(year)-\(two(month))-\(two(day)) \(two(hour)):\(two(minute)) UTC</time>"
    }
}
