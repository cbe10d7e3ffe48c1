import Model

/// One official source to check, with what the last good fetch returned for conditional GET.
public struct SourceCheckRequest: Sendable, Equatable {
    /// The service the source belongs to.
    public var slug: String
    /// The source as the content file gives it.
    public var source: StatusSource
    /// The `ETag` of the last successful response, sent as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last successful response, sent as `If-Modified-Since`.
    public var lastModified: String?

    /// A request; pass the validators of the last good response for a conditional GET.
    public init(slug: String, source: StatusSource, etag: String? = nil, lastModified: String? = nil) {
        self.slug = slug
        self.source = source
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What checking one source gave. Failures are values, never thrown.
public struct SourceCheckResult: Sendable, Equatable {
    /// What became of the check.
    public enum Outcome: Sendable, Equatable {
        /// The document was fetched and read.
        case parsed(OfficialStatus)
        /// The server answered 304: nothing changed since the given ETag / Last-Modified.
        case notModified
        /// Nothing usable came back; the reason is written for the person running Downtrack
        /// ("HTTP 503 Service Unavailable", "timed out after 10 s", "could not parse: …").
        case failed(reason: String)
    }

    /// The service the source belongs to.
    public var slug: String
    /// The source's URL as configured.
    public var sourceURL: String
    /// The URL that answered last (after redirects and the Statuspage API/HTML choice).
    public var fetchedURL: String
    /// The collect run's time (`now`), the same for every source of one run.
    public var checkedAt: Timestamp
    /// Parsed, not modified, or failed with a reason.
    public var outcome: Outcome
    /// The final HTTP status, when a response arrived.
    public var httpStatus: Int?
    /// The response's `ETag`, to send next time (kept from the request on a 304).
    public var etag: String?
    /// The response's `Last-Modified`, to send next time (kept from the request on a 304).
    public var lastModified: String?
    /// SHA-256 of the (decoded) body in lowercase hex, when there was a body.
    public var bodySHA256: String?
    /// From a 429 or 503 response's `Retry-After` (seconds or an HTTP date), in seconds.
    public var retryAfterSeconds: Int?
    /// Time spent on the check, all requests and parsing included.
    public var elapsedMilliseconds: Int

    /// A result with the given parts.
    public init(
        slug: String, sourceURL: String, fetchedURL: String, checkedAt: Timestamp, outcome: Outcome,
        httpStatus: Int? = nil, etag: String? = nil, lastModified: String? = nil, bodySHA256: String? = nil,
        retryAfterSeconds: Int? = nil, elapsedMilliseconds: Int = 0
    ) {
        self.slug = slug
        self.sourceURL = sourceURL
        self.fetchedURL = fetchedURL
        self.checkedAt = checkedAt
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.etag = etag
        self.lastModified = lastModified
        self.bodySHA256 = bodySHA256
        self.retryAfterSeconds = retryAfterSeconds
        self.elapsedMilliseconds = elapsedMilliseconds
    }

    /// The status read, when the check parsed one.
    public var status: OfficialStatus? {
        if case .parsed(let status) = outcome { return status }
        return nil
    }

    /// The failure reason, when the check failed.
    public var failureReason: String? {
        if case .failed(let reason) = outcome { return reason }
        return nil
    }
}
