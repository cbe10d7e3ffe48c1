import Model

/// How official sources are fetched: concurrency, deadlines and size limits.
public struct FetchConfiguration: Sendable, Equatable {
    /// The most requests in flight at once (default 32).
    public var concurrency: Int
    /// The deadline for one whole request, connection to last byte, redirects included, in
    /// seconds (default 10, at most a day).
    /// It holds even against a server that accepts the connection and never answers.
    public var timeoutSeconds: Double
    /// The most redirects followed per request (default 5); more is a failure.
    public var maxRedirects: Int
    /// The largest body accepted, after content decoding (default 5 MiB); a larger body is
    /// cut off as it streams in and the check fails.
    public var maxBodyBytes: Int
    /// The `User-Agent` header, `Downtrack/1.0 (+<site base URL>)`.
    public var userAgent: String
    /// Whether sources may be fetched from loopback, private, link-local and other non-public
    /// addresses (default false: such a source, or a redirect to one, fails with a reason).
    public var allowPrivateAddresses: Bool

    /// A configuration; every value has the documented default.
    public init(
        concurrency: Int = 32, timeoutSeconds: Double = 10, maxRedirects: Int = 5,
        maxBodyBytes: Int = 5 * 1024 * 1024, userAgent: String = FetchConfiguration.userAgent(siteBaseURL: nil),
        allowPrivateAddresses: Bool = false
    ) {
        self.concurrency = max(1, concurrency)
        // At most a day: the clocks and timers below take no more without overflowing.
        self.timeoutSeconds = timeoutSeconds.isNaN ? 10 : min(max(0.1, timeoutSeconds), 86_400)
        self.maxRedirects = max(0, maxRedirects)
        self.maxBodyBytes = max(1, maxBodyBytes)
        self.userAgent = userAgent
        self.allowPrivateAddresses = allowPrivateAddresses
    }

    /// The configuration the site's `downtrack.yml` describes (`collect:` and `site.base_url`).
    public init(_ collect: SiteConfiguration.Collect, siteBaseURL: String) {
        self.init(
            concurrency: collect.concurrency, timeoutSeconds: Double(collect.timeoutSeconds),
            maxRedirects: collect.maxRedirects, maxBodyBytes: collect.maxBodyBytes,
            userAgent: FetchConfiguration.userAgent(siteBaseURL: siteBaseURL),
            allowPrivateAddresses: collect.allowPrivateAddresses)
    }

    /// `Downtrack/1.0 (+https://example.com)`, or `Downtrack/1.0` without a site URL.
    public static func userAgent(siteBaseURL: String?) -> String {
        guard let siteBaseURL, !siteBaseURL.isEmpty else { return "Downtrack/1.0" }
        return "Downtrack/1.0 (+\(siteBaseURL))"
    }

    /// The document limits matching this configuration's body limit.
    public var documentLimits: DocumentLimits { DocumentLimits(maxBytes: maxBodyBytes) }
}
