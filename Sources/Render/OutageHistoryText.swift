import Model

/// The sentences of the outage history, in plain words: durations, lags and medians.
public enum OutageHistoryText {
    /// "1 minute", "47 minutes", "2 hours", "3 hours 5 minutes", "2 days 4 hours".
    public static func duration(minutes: Int) -> String { DurationText.words(minutes: minutes) }

    /// Who knew first about one incident, e.g. "People reported problems 14 minutes before
    /// Zoom's status page." (the vendor first when the lag is negative).
    public static func detected(_ lag: OutageLag, service: String) -> String {
        let minutes = lag.detectedBeforeMinutes
        if minutes > 0 {
            return "People reported problems \(duration(minutes: minutes)) before \(service)'s status page."
        }
        if minutes < 0 {
            return "\(service)'s status page reported the problem \(duration(minutes: minutes)) before people did."
        }
        return "People reported problems within the same minute as \(service)'s status page."
    }

    /// Who said first that it was over, or nil while either side is still open.
    public static func recovered(_ lag: OutageLag, service: String) -> String? {
        guard let minutes = lag.backToNormalBeforeResolutionMinutes else { return nil }
        if minutes > 0 {
            return "Reports were back to normal \(duration(minutes: minutes)) before \(service) marked it resolved."
        }
        if minutes < 0 {
            return "\(service) marked it resolved \(duration(minutes: minutes)) before reports were back to normal."
        }
        return "Reports were back to normal within the same minute as \(service) marked it resolved."
    }

    /// Minutes as a reader sees them: whole, or with one decimal for a median between two.
    public static func minutes(_ value: Double) -> String {
        let tenths = (value.magnitude * 10).rounded()
        guard tenths.isFinite, tenths < 1e12 else { return "0 minutes" }
        let whole = Int(tenths) / 10
        let fraction = Int(tenths) % 10
        if fraction == 0 { return whole == 1 ? "1 minute" : "\(whole) minutes" }
        return "\(whole).\(fraction) minutes"
    }

    /// The median lag in one sentence, e.g. "People reported problems a median of 9 minutes
    /// before Zoom's status page (4 incidents compared).", or nil with no pair.
    public static func median(_ value: Double?, compared: Int, before subject: String) -> String? {
        guard let value else { return nil }
        let pairs = compared == 1 ? "1 incident compared" : "\(compared) incidents compared"
        if value > 0 { return "People reported problems a median of \(minutes(value)) before \(subject) (\(pairs))." }
        if value < 0 {
            return "\(subject.prefix(1).uppercased() + subject.dropFirst()) reported problems a median of "
                + "\(minutes(value)) before people did (\(pairs))."
        }
        return "People reported problems within the same minute as \(subject), at the median (\(pairs))."
    }

    /// The unmatched counts in one sentence.
    public static func unmatched(_ summary: OutageLagSummary, service: String) -> String {
        let incidents = summary.incidentsWithoutEpisode
        let episodes = summary.episodesWithoutIncident
        let incidentText =
            incidents == 1
            ? "1 official incident was not noticed by people"
            : "\(incidents) official incidents were not noticed by people"
        let episodeText =
            episodes == 1
            ? "1 problem reported by people was never acknowledged by \(service)"
            : "\(episodes) problems reported by people were never acknowledged by \(service)"
        return "\(incidentText); \(episodeText)."
    }

    /// Whole minutes from `start` to `end`, rounded; 0 when the difference does not fit.
    public static func minutesBetween(_ start: Timestamp, _ end: Timestamp) -> Int {
        let (difference, overflow) = end.seconds.subtractingReportingOverflow(start.seconds)
        guard !overflow, difference.magnitude < UInt64(Int.max / 2) else { return 0 }
        return Int((Double(difference) / 60).rounded())
    }

    /// "3 problems reported by people and 1 official incident in the last 120 days."
    public static func counts(episodes: Int, incidents: Int, days: Int) -> String {
        let episodeText = episodes == 1 ? "1 problem reported by people" : "\(episodes) problems reported by people"
        let incidentText = incidents == 1 ? "1 official incident" : "\(incidents) official incidents"
        return "\(episodeText) and \(incidentText) in the last \(days) days."
    }
}
