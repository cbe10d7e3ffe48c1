import Foundation
import Model

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Fetches and reads one official source: conditional GET, redirect cap, body limit,
/// deadline, and for Statuspage the API first with the HTML page as fallback.
public struct StatusFetcher: Sendable {
    /// Timeouts, limits and the user agent.
    public let configuration: FetchConfiguration
    /// Resolves hosts for the address rules (`AddressPolicy`) before each request.
    public let resolver: any HostResolving

    /// A fetcher with the given configuration; `resolver` is the system's unless a test
    /// stands in its own.
    public init(
        configuration: FetchConfiguration = FetchConfiguration(), resolver: any HostResolving = SystemHostResolver()
    ) {
        self.configuration = configuration
        self.resolver = resolver
    }

    /// Checks one source. Never throws: every problem is a `.failed(reason:)` result.
    ///
    /// For a `.statuspage` source whose URL does not end in `.json`, `<url>/api/v2/summary.json`
    /// is fetched first; when that answers 404/410 or something that is not JSON, the page
    /// itself is fetched and read as HTML.
    public func check(_ request: SourceCheckRequest, now: Timestamp) async -> SourceCheckResult {
        let clock = ContinuousClock()
        let started = clock.now
        let (url, response) = await fetchDocument(request)
        var result = interpret(response, request: request, requestedURL: url, now: now)
        let elapsed = clock.now - started
        result.elapsedMilliseconds = Int(
            elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return result
    }

    /// The document a check reads: for Statuspage the API first, then the page; with the URL
    /// that was asked last.
    func fetchDocument(_ request: SourceCheckRequest) async -> (
        url: String, response: Result<HTTPResponse, FetchFailure>
    ) {
        let source = request.source
        guard source.kind == .statuspage, let api = Self.statuspageAPIURL(source.url) else {
            let response = await get(
                source.url, accept: Self.accept(for: source.kind), etag: request.etag,
                lastModified: request.lastModified)
            return (source.url, response)
        }
        let response = await get(
            api, accept: "application/json", etag: request.etag, lastModified: request.lastModified)
        if case .success(let answer) = response, Self.needsHTMLFallback(answer) {
            let page = await get(
                source.url, accept: "text/html", etag: request.etag, lastModified: request.lastModified)
            return (source.url, page)
        }
        return (api, response)
    }

    /// `<base>/api/v2/summary.json` for a Statuspage base URL; nil when the URL already names
    /// a document (`.json`, or the `history.atom` / `history.rss` feed).
    static func statuspageAPIURL(_ base: String) -> String? {
        let path = (URLComponents(string: base)?.path ?? base).lowercased()
        if path.hasSuffix(".json") || path.hasSuffix(".atom") || path.hasSuffix(".rss") { return nil }
        var trimmed = base
        if let query = trimmed.firstIndex(where: { $0 == "?" || $0 == "#" }) { trimmed = String(trimmed[..<query]) }
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + "/api/v2/summary.json"
    }

    private static func needsHTMLFallback(_ response: HTTPResponse) -> Bool {
        if response.status == 404 || response.status == 410 { return true }
        return (200..<300).contains(response.status) && !JSONInput.looksLikeJSON(response.body)
    }

    private static func accept(for kind: StatusSourceKind) -> String {
        switch kind {
        case .statuspage, .googleCloud, .slack, .incidentIO, .instatus, .cachet, .cstate, .statusIO, .betterStack, .aws:
            "application/json"
        case .atom: "application/atom+xml, application/xml;q=0.9, */*;q=0.5"
        case .rss: "application/rss+xml, application/xml;q=0.9, */*;q=0.5"
        case .html: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
        case .auto: "application/json, application/atom+xml, application/rss+xml, text/html;q=0.9, */*;q=0.5"
        }
    }

    /// One GET with the configured limits, following redirects itself: each `Location` is
    /// resolved against the URL that sent it (RFC 3986), must be http(s), and its host is
    /// checked against the address rules like the first one; at most `maxRedirects` hops,
    /// all within the one deadline.
    func get(_ address: String, accept: String, etag: String?, lastModified: String?) async
        -> Result<HTTPResponse, FetchFailure>
    {
        guard var url = Self.fetchableURL(address) else {
            return .failure(.invalidURL(address))
        }
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64(configuration.timeoutSeconds * 1000))
        var redirects = 0
        while true {
            let left = deadline - clock.now
            let remaining = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            guard remaining > 0 else { return .failure(.timedOut(seconds: configuration.timeoutSeconds)) }
            if !configuration.allowPrivateAddresses, let refusal = await addressRefusal(url, timeout: remaining) {
                if case .timedOut = refusal { return .failure(.timedOut(seconds: configuration.timeoutSeconds)) }
                return .failure(refusal)
            }
            let answer = await HTTPTransfer.run(
                request(url, accept: accept, etag: etag, lastModified: lastModified), configuration: configuration,
                timeout: remaining)
            var response: HTTPResponse
            switch answer {
            case .failure(.timedOut): return .failure(.timedOut(seconds: configuration.timeoutSeconds))
            case .failure(let failure): return .failure(failure)
            case .success(let success): response = success
            }
            response.finalURL = url.absoluteString
            guard Self.redirectStatuses.contains(response.status) else { return .success(response) }
            redirects += 1
            guard redirects <= configuration.maxRedirects else {
                return .failure(.tooManyRedirects(limit: configuration.maxRedirects))
            }
            guard let location = response.headers["location"], !location.isEmpty else {
                return .failure(.redirectWithoutLocation(status: response.status))
            }
            guard let next = SafeLink.absoluteHTTP(location, base: url.absoluteString).flatMap(Self.fetchableURL)
            else {
                let scheme =
                    SafeLink.scheme(of: location).map { "a \($0): URL" } ?? "a location that is not an http(s) URL"
                return .failure(.unsafeRedirect(scheme))
            }
            url = next
        }
    }

    /// The statuses whose `Location` is followed.
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// An http(s) URL with a plain host (no percent-encoding in it), without its fragment.
    static func fetchableURL(_ address: String) -> URL? {
        guard var components = URLComponents(string: address), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.percentEncodedHost, !host.isEmpty,
            !host.contains("%")
        else { return nil }
        components.fragment = nil
        return components.url
    }

    /// Why the URL's host may not be fetched (it resolves to a non-public address, or not at
    /// all), or nil when every address it resolves to is public.
    private func addressRefusal(_ url: URL, timeout: Double) async -> FetchFailure? {
        guard var host = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedHost else {
            return .invalidURL(url.absoluteString)
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        switch await resolver.addresses(of: host, timeout: timeout) {
        case .failure(let failure):
            return failure
        case .success(let addresses):
            for address in addresses {
                if let kind = AddressPolicy.restriction(of: address) {
                    return .refusedAddress(host: host, address: address.description, kind: kind)
                }
            }
            return nil
        }
    }

    private func request(_ url: URL, accept: String, etag: String?, lastModified: String?) -> URLRequest {
        var request = URLRequest(
            url: url, cachePolicy: .reloadIgnoringLocalCacheData,
            timeoutInterval: max(1, configuration.timeoutSeconds.rounded(.up)))
        request.httpMethod = "GET"
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let etag = VendorText.validator(etag) { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified = VendorText.validator(lastModified) {
            request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since")
        }
        return request
    }

    func interpret(
        _ response: Result<HTTPResponse, FetchFailure>, request: SourceCheckRequest, requestedURL: String,
        now: Timestamp
    ) -> SourceCheckResult {
        var result = SourceCheckResult(
            slug: request.slug, sourceURL: request.source.url, fetchedURL: requestedURL, checkedAt: now,
            outcome: .failed(reason: "not fetched"))
        let answer: HTTPResponse
        switch response {
        case .failure(let failure):
            result.outcome = .failed(reason: InertText.escapedForLog(failure.description, limit: 500))
            return result
        case .success(let success):
            answer = success
        }
        result.fetchedURL = answer.finalURL
        result.httpStatus = answer.status
        switch answer.status {
        case 304:
            result.outcome = .notModified
            result.etag = VendorText.validator(answer.headers["etag"]) ?? request.etag
            result.lastModified = VendorText.validator(answer.headers["last-modified"]) ?? request.lastModified
        case 200..<300:
            result.etag = VendorText.validator(answer.headers["etag"])
            result.lastModified = VendorText.validator(answer.headers["last-modified"])
            result.bodySHA256 = SHA256.hex(answer.body)
            do {
                let status = try StatusDocumentParser.parse(
                    kind: request.source.kind, url: answer.finalURL, body: answer.body,
                    contentType: answer.headers["content-type"], xpath: request.source.xpath,
                    limits: configuration.documentLimits)
                result.outcome = .parsed(status)
            } catch let error as StatusParseError {
                result.outcome = .failed(reason: InertText.escapedForLog("could not parse: \(error)", limit: 500))
            } catch {
                result.outcome = .failed(reason: "could not parse the document")
            }
        default:
            result.outcome = .failed(reason: HTTPStatusText.describe(answer.status))
            if answer.status == 429 || answer.status == 503 {
                result.retryAfterSeconds = RetryAfter.seconds(
                    answer.headers["retry-after"], responseDate: answer.headers["date"])
            }
        }
        return result
    }
}
