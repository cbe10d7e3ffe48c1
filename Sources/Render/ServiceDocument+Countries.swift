import Model

extension ServiceDocument {
    /// Where a service's reports came from, by country: only countries with at least the site's
    /// minimum (`site.country_minimum_reports`) in the period, most reported first. Countries
    /// below it, and reports whose country is unknown, are left out, so no one person's
    /// location is ever shown.
    public struct Countries: Codable, Sendable, Equatable {
        /// The last four 15-minute buckets (the one holding the build time and the three before).
        public var lastHour: [CountryCount]
        /// The 96 buckets of the 24-hour chart.
        public var last24Hours: [CountryCount]

        enum CodingKeys: String, CodingKey {
            case lastHour
            case last24Hours = "last_24_hours"
        }

        public init(lastHour: [CountryCount] = [], last24Hours: [CountryCount] = []) {
            self.lastHour = lastHour
            self.last24Hours = last24Hours
        }

        /// The counts of each period with every country under `minimum` taken out, most reported
        /// first (ties by code).
        public init(lastHour: [CountryCount], last24Hours: [CountryCount], minimum: Int) {
            func published(_ counts: [CountryCount]) -> [CountryCount] {
                counts.filter { $0.count >= minimum }.sorted { ($1.count, $0.country) < ($0.count, $1.country) }
            }
            self.init(lastHour: published(lastHour), last24Hours: published(last24Hours))
        }
    }
}
