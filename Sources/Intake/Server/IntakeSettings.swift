import IntakeRules
import Model
import Store

/// Everything the intake server is told at start: where it lives, what it trusts, its limits.
public struct IntakeSettings: Sendable {
    /// Path the API is served under (the path of `intake.url`, default `/api/v1`).
    public var pathPrefix: String
    /// The only cross-site origin allowed to call the API (the site's origin).
    public var siteOrigin: String
    /// Absolute links to pages and to the API, for replies and mail.
    public var links: SiteLinks
    /// Addresses and ranges whose `X-Forwarded-For` is believed.
    public var trustedProxies: [String]
    /// The header whose country code is believed from a trusted proxy (`intake.country_header`).
    public var countryHeader = "CF-IPCountry"
    /// IPv6 clients are told apart by this many leading bits (`intake.ipv6_prefix`).
    public var ipv6PrefixBits = 64
    /// A client's report of one service counts once per this many seconds.
    public var reportWindowSeconds: Int64
    /// Requests per client, any endpoint (`intake.client_requests_per_minute`).
    public var clientLimit: RateLimit
    /// Requests for everyone together (`intake.global_requests_per_second`).
    public var globalLimit: RateLimit
    /// Sign-ups per client (`intake.sign_ups_per_hour`).
    public var signUpLimit: RateLimit
    /// Sign-up limits per address and for the whole site (kept in the database).
    public var addressLimits = SignUpLimits()
    /// Reports waiting for the writer before new ones get 503 (`intake.max_queued_reports`).
    public var maximumQueuedReports: Int
    /// Largest request body accepted.
    public var maximumBodyBytes = 4096
    /// How long a confirmation link works.
    public var confirmationLifetime: Int64 = 48 * 3600
    /// The `From:` of mail.
    public var mailFrom: String

    /// Settings from `downtrack.yml`.
    public init(configuration: SiteConfiguration) {
        let url = configuration.intake.url
        var prefix = url
        if let scheme = url.range(of: "://") {
            let rest = url[scheme.upperBound...]
            prefix = rest.firstIndex(of: "/").map { String(rest[$0...]) } ?? ""
        }
        while prefix.hasSuffix("/") { prefix.removeLast() }
        if !prefix.isEmpty, !prefix.hasPrefix("/") { prefix = "/" + prefix }
        pathPrefix = prefix
        siteOrigin = configuration.siteOrigin
        links = SiteLinks(configuration: configuration)
        trustedProxies = configuration.intake.trustedProxies
        countryHeader = configuration.intake.countryHeader
        reportWindowSeconds = Int64(configuration.intake.reportWindowMinutes) * 60
        mailFrom = configuration.notify.from
        ipv6PrefixBits = configuration.intake.ipv6Prefix
        addressLimits.confirmationsPerHour = configuration.notify.confirmationsPerHour
        let intake = configuration.intake
        clientLimit = RateLimit(count: intake.clientRequestsPerMinute, per: 60)
        globalLimit = RateLimit(count: intake.globalRequestsPerSecond, per: 1)
        signUpLimit = RateLimit(count: intake.signUpsPerHour, per: 3600)
        maximumQueuedReports = intake.maxQueuedReports
    }
}
