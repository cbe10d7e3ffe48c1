/// The wording of decision reasons ("312 reports in the last 15 minutes against 11 expected").
enum ReasonText {
    /// "312 reports in the last 15 minutes against 11 expected".
    static func counts(_ window: Detector.WindowCount) -> String {
        let reports = window.observed == 1 ? "1 report" : "\(window.observed) reports"
        let period = window.minutes == 1 ? "the last minute" : "the last \(window.minutes) minutes"
        return "\(reports) in \(period) against \(expected(window.expected)) expected"
    }

    /// An expected count for a reader: whole numbers from 1 up, one decimal below.
    static func expected(_ value: Double) -> String {
        if value >= 0.95 { return String(Int(value.rounded())) }
        if value >= 0.05 {
            let tenths = Int((value * 10).rounded())
            return "0.\(tenths)"
        }
        return "almost none"
    }
}
