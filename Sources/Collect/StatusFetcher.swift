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

    /// A fetcher with the given configuration.
    public init(configuration: FetchConfiguration = FetchConfiguration()) {
        self.configuration = configuration
    }

    /// Checks one source. Never throws: every problem is a `.failed(reason:)` result.
    ///
    /// For a `.statuspage` source whose URL does not end in `.json`, `<url>/api/v2/summary.json`
    /// is fetched first; when that answers 404/410 or something that is not JSON, the page
    /// itself is fetched and read as HTML.
    public func check(_ request: SourceCheckRequest, now: Timestamp) async -> SourceCheckResult {
        let clock = ContinuousClock()
        let started = clock.now
        let source = request.source
        var url = source.url
        var response: Result<HTTPResponse, FetchFailure>
        if source.kind == .statuspage, let api = Self.statuspageAPIURL(source.url) {
            url = api
            response = await get(
                api, accept: "application/json", etag: request.etag, lastModified: request.lastModified)
            if case .success(let answer) = response, Self.needsHTMLFallback(answer) {
                url = source.url
                response = await get(
                    source.url, accept: "text/html", etag: request.etag, lastModified: request.lastModified)
            }
        } else {
            response = await get(
                source.url, accept: Self.accept(for: source.kind), etag: request.etag,
                lastModified: request.lastModified)
        }
        var result = interpret(response, request: request, requestedURL: url, now: now)
        let elapsed = clock.now - started
        result.elapsedMilliseconds = Int(
            elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
        return result
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
        case .statuspage: "application/json"
        case .atom: "application/atom+xml, application/xml;q=0.9, */*;q=0.5"
        case .rss: "application/rss+xml, application/xml;q=0.9, */*;q=0.5"
        case .html: "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
        case .auto: "application/json, application/atom+xml, application/rss+xml, text/html;q=0.9, */*;q=0.5"
        }
    }

    /// One GET with the configured limits.
    func get(_ address: String, accept: String, etag: String?, lastModified: String?) async
        -> Result<HTTPResponse, FetchFailure>
    {
        guard let url = URL(string: address), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https",
            url.host != nil
        else { return .failure(.invalidURL(address)) }
        var request = URLRequest(
            url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: configuration.timeoutSeconds)
        request.httpMethod = "GET"
        request.setValue(configuration.userAgent, forHTTPHeaderField: "User-Agent")
        request.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        request.setValue(accept, forHTTPHeaderField: "Accept")
        if let etag, !etag.isEmpty { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
        if let lastModified, !lastModified.isEmpty {
            request.setValue(lastModified, forHTTPHeaderField: "If-Modified-Since")
        }
        return await HTTPTransfer.run(request, configuration: configuration)
    }

    private func interpret(
        _ response: Result<HTTPResponse, FetchFailure>, request: SourceCheckRequest, requestedURL: String,
        now: Timestamp
    ) -> SourceCheckResult {
        var result = SourceCheckResult(
            slug: request.slug, sourceURL: request.source.url, fetchedURL: requestedURL, checkedAt: now,
            outcome: .failed(reason: "not fetched"))
        let answer: HTTPResponse
        switch response {
        case .failure(let failure):
            result.outcome = .failed(reason: failure.description)
            return result
        case .success(let success):
            answer = success
        }
        result.fetchedURL = answer.finalURL
        result.httpStatus = answer.status
        switch answer.status {
        case 304:
            result.outcome = .notModified
            result.etag = answer.headers["etag"] ?? request.etag
            result.lastModified = answer.headers["last-modified"] ?? request.lastModified
        case 200..<300:
            result.etag = answer.headers["etag"]
            result.lastModified = answer.headers["last-modified"]
            result.bodySHA256 = SHA256.hex(answer.body)
            do {
                let status = try StatusDocumentParser.parse(
                    kind: request.source.kind, url: answer.finalURL, body: answer.body,
                    contentType: answer.headers["content-type"], xpath: request.source.xpath,
                    limits: configuration.documentLimits)
                result.outcome = .parsed(status)
            } catch {
                result.outcome = .failed(reason: "could not parse: \(error)")
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
