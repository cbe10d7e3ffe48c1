import Model

extension DetectionSettings {
    /// The standard settings with what `downtrack.yml`'s `detection` section overrides.
    public init(_ detection: SiteConfiguration.Detection) {
        self = .standard
        windowMinutes = detection.windowMinutes
        // The floor for `outage` is never below the one for `possible`.
        minimumReportsPossible = detection.minimumReports
        minimumReportsOutage = max(minimumReportsOutage, detection.minimumReports)
        calmMinutes = detection.calmMinutes
    }
}
