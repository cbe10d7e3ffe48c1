import Foundation

/// Everything `downtrack.yml` can set, with a default for every field.
public struct SiteConfiguration: Sendable, Equatable {
    public var site = Site()
    /// The SQLite database, relative to the site root.
    public var database = "data/downtrack.sqlite"
    /// The output folder, relative to the site root.
    public var output = "output"
    public var intake = Intake()
    public var collect = Collect()
    public var detection = Detection()
    public var reports = Reports()
    public var notify = Notify()
    public var content = Content()
    public var serve = Serve()

    public init() {}

    public struct Site: Sendable, Equatable {
        public var title = "Downtrack"
        /// Absolute URL the site is served from, without a trailing slash.
        public var baseURL = "http://localhost:8080"
        public var language = "en"
        public var description =
            "Is it down, or is it me? Live problem reports and official status for popular services."
        /// A country is shown on a service's page and in its JSON only with at least this many
        /// reports in the period, so one person's location is never revealed.
        public var countryMinimumReports = 5
        /// The licence the open data (history JSON and CSV) is published under, e.g.
        /// "CC BY 4.0"; nil publishes no licence line (`null`).
        public var dataLicense: String?
        public init() {}
    }

    public struct Intake: Sendable, Equatable {
        /// Where the page's buttons post: a path on the same site, or an absolute URL.
        public var url = "/api/v1"
        public var host = "127.0.0.1"
        public var port = 8081
        /// Addresses (or CIDR ranges) whose `X-Forwarded-For` is believed. The shipped file lists
        /// loopback, for the nginx snippet in `deploy/` that proxies from 127.0.0.1.
        public var trustedProxies: [String] = []
        public var reportWindowMinutes = 15
        /// IPv6 clients are told apart by this many leading bits (one host usually holds a /64).
        public var ipv6Prefix = 64
        /// Requests one client may make per minute, all endpoints together (`--client-rate`).
        public var clientRequestsPerMinute = 30
        /// Requests all clients together may make per second (`--global-rate`).
        public var globalRequestsPerSecond = 20_000
        /// Sign-ups one client may make per hour (`--sign-up-rate`).
        public var signUpsPerHour = 5
        /// Reports waiting for the database before new ones are refused with 503.
        public var maxQueuedReports = 10_000
        /// The header a trusted proxy or CDN sets to the visitor's ISO 3166-1 alpha-2 country code
        /// (Cloudflare's `CF-IPCountry`, CloudFront's `CloudFront-Viewer-Country`); believed only
        /// from `trustedProxies`.
        public var countryHeader = "CF-IPCountry"
        public init() {}
    }

    public struct Collect: Sendable, Equatable {
        public var concurrency = 32
        public var timeoutSeconds = 10
        public var maxBodyBytes = 5_242_880
        public var staleAfterMinutes = 30
        public var maxRedirects = 5
        /// Lets sources point at loopback, private, link-local and metadata addresses. Off by
        /// default: a content file must not make the collector probe the machine's own network.
        public var allowPrivateAddresses = false
        /// Each source is checked once in this many minutes, at a minute of its own (a stable
        /// hash spreads the sources evenly), so a run every minute checks about 1/n of them.
        public var intervalMinutes = 5
        public init() {}
    }

    public struct Detection: Sendable, Equatable {
        /// The live count covers this many minutes.
        public var windowMinutes = 15
        /// A floor under the evidence rule: fewer reports than this in a window never make a
        /// problem, however improbable they are for a near-silent service.
        public var minimumReports = 5
        /// The hold time: how long the evidence must stay below the exit level before a
        /// problem is over (longer for small services, whose reports are rare).
        public var calmMinutes = 10
        /// A build shows the crowd state as unknown when collection has not run for this long.
        public var staleAfterMinutes = 30
        public init() {}
    }

    public struct Reports: Sendable, Equatable {
        /// Raw reports and per-minute counts are kept this long.
        public var minuteRetentionDays = 7
        /// 15-minute counts (baselines, charts) are kept this long.
        public var historyRetentionDays = 120
        public init() {}
    }

    public struct Notify: Sendable, Equatable {
        public var from = "Downtrack <noreply@localhost>"
        public var sendmail = "/usr/sbin/sendmail -t -i"
        public var webhooks: [String] = []
        /// Signs generic webhook bodies (`X-Downtrack-Signature: sha256=<hex HMAC-SHA256>`); unsigned when nil.
        public var webhookSecret: String?
        /// Confirmation mails sent at most per hour, site-wide; sign-ups past it get 503.
        public var confirmationsPerHour = 200
        /// Notice mails one address gets per hour at most; notices past it are not sent (`--hourly-cap`).
        public var noticesPerAddressPerHour = 4
        public init() {}
    }

    public struct Content: Sendable, Equatable {
        /// Raw HTML in Markdown bodies and FAQ answers is omitted unless this is true.
        public var allowRawHTML = false
        public init() {}
    }

    /// `downtrack serve`, the local preview.
    public struct Serve: Sendable, Equatable {
        /// Address the preview listens on (`--host`).
        public var host = "127.0.0.1"
        /// Port the preview listens on (`--port`).
        public var port = 8080
        public init() {}
    }

    /// The site origin (scheme, host, port) of `site.baseURL`, for CORS and absolute links.
    public var siteOrigin: String {
        let base = site.baseURL
        guard let schemeEnd = base.range(of: "://") else { return base }
        let rest = base[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        return String(base[..<hostEnd])
    }
}
