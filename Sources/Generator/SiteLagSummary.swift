/// The site-wide lag figures: every paired incident of every service in one median.
struct SiteLagSummary: Equatable {
    var pairs = 0
    var services = 0
    var medianDetectedBeforeMinutes: Double?
    var medianBackToNormalBeforeResolutionMinutes: Double?
    var incidentsWithoutEpisode = 0
    var episodesWithoutIncident = 0

    /// The figures as one line, for the site pages' input hash.
    var hashInput: String {
        "\(pairs)|\(services)|\(medianDetectedBeforeMinutes ?? .nan)|"
            + "\(medianBackToNormalBeforeResolutionMinutes ?? .nan)|\(incidentsWithoutEpisode)|\(episodesWithoutIncident)"
    }
}
