import Model

/// The 90-day strip of a service page: one bar a day, its height and colour the worst crowd
/// state of the day, with the same days as a table for screen readers and people who prefer
/// words. Days are UTC.
public enum OutageStrip {
    /// One day of the strip.
    public struct Day: Sendable, Equatable {
        /// Midnight UTC at the start of the day.
        public var start: Timestamp
        /// `ok` when no episode touched the day, else the worst state of those that did.
        public var worst: ServiceState
        /// Official incidents first posted that day.
        public var incidents: Int

        public init(start: Timestamp, worst: ServiceState, incidents: Int) {
            self.start = start
            self.worst = worst
            self.incidents = incidents
        }

        /// "2026-11-20".
        public var date: String {
            let (year, month, day, _, _, _) = start.civil
            return "\(year)-\(ChartRenderer.two(month))-\(ChartRenderer.two(day))"
        }

        /// The day's state in words.
        public var label: String { worst == .ok ? "No problems recorded" : worst.headline }
    }

    /// The `count` days ending with the one holding `asOf`, oldest first. An open episode lasts
    /// until `asOf`; an episode ending at midnight does not touch the next day.
    public static func days(
        episodes: [OutageEpisode], incidents: [IncidentRecord], asOf: Timestamp, count: Int = 90
    ) -> [Day] {
        let today = asOf.floored(to: 86_400)
        var days = (0..<max(0, count)).map { index in
            Day(start: today.adding(seconds: -Int64(count - 1 - index) * 86_400), worst: .ok, incidents: 0)
        }
        guard let first = days.first?.start else { return [] }
        func index(of time: Timestamp) -> Int? {
            guard time >= first else { return nil }
            let (offset, overflow) = (time.seconds - first.seconds).dividedReportingOverflow(by: 86_400)
            guard !overflow, offset < Int64(days.count) else { return nil }
            return Int(offset)
        }
        for episode in episodes {
            let end = max(episode.end ?? asOf, episode.start)
            guard end > first, episode.start <= asOf else { continue }
            let from = index(of: max(episode.start, first)) ?? 0
            // The last moment inside the episode: an end at midnight belongs to the day before.
            let lastMoment = end > episode.start ? end.adding(seconds: -1) : end
            let to = index(of: min(lastMoment, asOf)) ?? (days.count - 1)
            guard from <= to else { continue }
            for day in from...to where episode.worstState > days[day].worst { days[day].worst = episode.worstState }
        }
        for incident in incidents {
            if let day = index(of: incident.firstPost), incident.firstPost <= asOf { days[day].incidents += 1 }
        }
        return days
    }

    /// The strip as inline SVG: bar heights carry the state without colour (low: none,
    /// half: possible problems, full and hatched: problems detected); each day with trouble or
    /// an official incident has a title.
    public static func svg(_ days: [Day], title: String) -> String {
        let width = 720.0
        let height = 40.0
        let step = days.isEmpty ? width : width / Double(days.count)
        var out = """
            <svg class="strip" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-labelledby="strip-title" \
            preserveAspectRatio="none" xmlns="http://www.w3.org/2000/svg"><title id="strip-title">\(HTMLEscaping.escape(title))</title>\
            <defs><pattern id="strip-hatch" width="4" height="4" patternUnits="userSpaceOnUse" \
            patternTransform="rotate(45)"><rect class="hatch-line" width="2" height="4"/></pattern></defs>
            """
        for (index, day) in days.enumerated() {
            let barHeight: Double =
                switch day.worst {
                case .outage: height
                case .possible: height / 2
                default: height / 5
                }
            let x = ChartRenderer.format(step * Double(index) + step * 0.1)
            let y = ChartRenderer.format(height - barHeight)
            let barWidth = ChartRenderer.format(step * 0.8)
            let shape = "x=\"\(x)\" y=\"\(y)\" width=\"\(barWidth)\" height=\"\(ChartRenderer.format(barHeight))\"/>"
            let rect = "<rect " + shape
            // A quiet day is a bare low bar (the table and caption say it in words): it keeps the
            // page light; a day with trouble or an incident is labelled.
            guard day.worst > .ok || day.incidents > 0 else {
                out += rect
                continue
            }
            let incidents = day.incidents == 0 ? "" : ", \(incidentCount(day.incidents))"
            out += "<g class=\"day-\(day.worst.rawValue)\"><title>\(day.date): \(day.label)\(incidents)</title>\(rect)"
            if day.worst == .outage { out += "<rect class=\"hatch\" " + shape }
            out += "</g>"
        }
        out += "</svg>"
        return out
    }

    /// The days with trouble or an official incident as a table, newest first, and how many
    /// other days were quiet: the strip in words.
    public static func table(_ days: [Day]) -> String {
        let marked = days.reversed().filter { $0.worst > .ok || $0.incidents > 0 }
        var out =
            "<table class=\"strip-table\"><caption>Days with problems or official incidents, last \(days.count) days (newest first)</caption>"
        out +=
            "<thead><tr><th scope=\"col\">Day (UTC)</th><th scope=\"col\">Reports from people</th><th scope=\"col\">Official incidents</th></tr></thead><tbody>"
        for day in marked {
            out += "<tr><td>\(day.date)</td><td>\(day.label)</td>"
            out += "<td>\(day.incidents)</td></tr>"
        }
        if marked.isEmpty { out += "<tr><td colspan=\"3\">None: no problems recorded.</td></tr>" }
        out += "</tbody></table>"
        let quiet = days.count - marked.count
        out += "<p class=\"meta\">\(quiet) of \(days.count) days had no problems recorded and no official incident.</p>"
        return out
    }

    /// "1 official incident", "3 official incidents".
    static func incidentCount(_ count: Int) -> String {
        count == 1 ? "1 official incident" : "\(count) official incidents"
    }
}
