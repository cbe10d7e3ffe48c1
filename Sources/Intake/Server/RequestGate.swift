import Hummingbird
import IntakeRules
import Model

/// The checks every API request passes first, cheapest first: origin, declared body size,
/// the client's own rate limit (by client key), then the global rate limit. A client over its
/// own allowance is refused before it touches the global bucket, so it cannot use up everyone's share.
struct RequestGate: Sendable {
    /// A request that passed, with what the endpoint needs to go on.
    struct Pass: Sendable {
        var clientKey: String
        var now: Timestamp
        var cors: CORSPolicy.Verdict
        var wantsJSON: Bool
        /// The visitor's country, as a trusted proxy named it; nil when unknown or untrusted.
        var country: String? = nil
    }

    /// What the checks decided.
    enum Admission: Sendable {
        case pass(Pass)
        case refused(Response)
    }

    let settings: IntakeSettings
    let cors: CORSPolicy
    let resolver: ClientAddressResolver
    let keys: ClientKeyMaker
    let clientLimiter: KeyedRateLimiter
    let globalLimiter: GlobalRateLimiter
    let proxyMonitor: ProxySetupMonitor
    let clock: IntakeClock
    /// `settings.countryHeader` as a header name (nil when it is not a valid one).
    let countryHeader: HTTPFields.Element.Name?

    init(
        settings: IntakeSettings, cors: CORSPolicy, resolver: ClientAddressResolver, keys: ClientKeyMaker,
        clientLimiter: KeyedRateLimiter, globalLimiter: GlobalRateLimiter, proxyMonitor: ProxySetupMonitor,
        clock: IntakeClock
    ) {
        self.settings = settings
        self.cors = cors
        self.resolver = resolver
        self.keys = keys
        self.clientLimiter = clientLimiter
        self.globalLimiter = globalLimiter
        self.proxyMonitor = proxyMonitor
        self.clock = clock
        countryHeader = HTTPFields.Element.Name(settings.countryHeader)
    }

    /// Whether the caller asked for JSON (Accept or Content-Type), rather than a page.
    static func wantsJSON(_ request: Request) -> Bool {
        acceptsJSON(accept: request.headers[.accept], contentType: request.headers[.contentType])
    }

    /// `wantsJSON` from the two headers.
    static func acceptsJSON(accept: String?, contentType: String?) -> Bool {
        let accept = accept ?? ""
        let type = contentType ?? ""
        // ASCII (every real header) is compared byte by byte, ignoring case; anything else
        // through Unicode lowercasing.
        if accept.utf8.allSatisfy({ $0 < 0x80 }), type.utf8.allSatisfy({ $0 < 0x80 }) {
            let json = Array("application/json".utf8)
            let acceptBytes = Array(accept.utf8).map(asciiLowercased)
            let typeBytes = Array(type.utf8.prefix(json.count)).map(asciiLowercased)
            return typeBytes == json
                || (acceptBytes.count >= json.count
                    && (0...acceptBytes.count - json.count).contains {
                        acceptBytes[$0..<$0 + json.count].elementsEqual(json)
                    })
        }
        return accept.lowercased().contains("application/json") || type.lowercased().hasPrefix("application/json")
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    /// Runs the checks: the pass, or the response that refuses the request.
    func admit(_ request: Request, _ context: IntakeRequestContext) -> Admission {
        let verdict = cors.verdict(for: request)
        let json = Self.wantsJSON(request)
        func refuse(_ reply: IntakeReply) -> Admission {
            .refused(respond(reply, cors: verdict, json: json))
        }
        if case .denied(let origin) = verdict {
            return refuse(
                .error(.forbidden, "requests from \(origin) are not accepted; use the form on \(settings.siteOrigin)"))
        }
        if PostedFields.declaresTooMuch(request, limit: settings.maximumBodyBytes) {
            return refuse(.error(.contentTooLarge, "the request body is over \(settings.maximumBodyBytes) bytes"))
        }
        let seconds = clock.seconds()
        let now = Timestamp(seconds: Int64(seconds.rounded(.down)))
        let peer = context.connectionIP
        let trustedPeer = peer.map(resolver.isTrusted) == true
        let clientKey = clientKey(request, context, peer: peer, trusted: trustedPeer, at: now)
        if let wait = clientLimiter.take(clientKey, now: seconds) {
            let retry = IntakeReply.seconds(wait)
            return refuse(
                .error(
                    .tooManyRequests, "too many requests from your network; please try again in \(retry) seconds",
                    retryAfter: retry))
        }
        if let wait = globalLimiter.take(now: seconds) {
            return refuse(
                .error(
                    .tooManyRequests, "the server is very busy; please try again in a moment",
                    retryAfter: IntakeReply.seconds(wait)))
        }
        return .pass(
            Pass(
                clientKey: clientKey, now: now, cors: verdict, wantsJSON: json,
                country: trustedPeer ? country(request) : nil))
    }

    /// The key of the client behind the request (see `clientAddress`); `peer` is the connection's
    /// address and `trusted` whether it is a trusted proxy.
    private func clientKey(
        _ request: Request, _ context: IntakeRequestContext, peer: IPAddress?, trusted: Bool, at now: Timestamp
    ) -> String {
        // Without an IP address, `clientAddress` names the peer (and notes its forwarding headers).
        guard let peer else { return keys.key(for: clientAddress(request, context), at: now) }
        if !trusted { noteForwardingHeaders(request, peer: peer) }
        return keys.key(
            for: resolver.client(connection: peer, forwardedFor: request.headers[values: Self.forwardedFor]), at: now)
    }

    /// `X-Forwarded-For`.
    private static let forwardedFor = HTTPFields.Element.Name("X-Forwarded-For")!
    /// The headers of `ProxySetupMonitor.forwardingHeaders`.
    private static let forwardingHeaderNames = ProxySetupMonitor.forwardingHeaders.compactMap { header in
        HTTPFields.Element.Name(header).map { (header, $0) }
    }

    /// Tells the proxy monitor about forwarding headers from `peer`, which is not trusted.
    private func noteForwardingHeaders(_ request: Request, peer: IPAddress?) {
        for (header, name) in Self.forwardingHeaderNames where request.headers[name] != nil {
            proxyMonitor.forwardedHeaderFromUntrustedPeer(header, peer: ProxySetupMonitor.kind(of: peer))
        }
    }

    /// Runs `action` for a request that passes the checks, and answers with its reply. A thrown
    /// `IntakeReply` is the answer as it is; any other error is answered with `failure(error)`.
    /// `action` may change the pass (a posted JSON body asks for a JSON answer).
    func answer(
        _ request: Request, _ context: IntakeRequestContext, failure: (any Error) -> IntakeReply,
        action: (inout Pass) async throws -> IntakeReply
    ) async -> Response {
        var pass: Pass
        switch admit(request, context) {
        case .refused(let response): return response
        case .pass(let admitted): pass = admitted
        }
        do {
            return respond(try await action(&pass), pass)
        } catch let reply as IntakeReply {
            return respond(reply, pass)
        } catch {
            return respond(failure(error), pass)
        }
    }

    /// The posted fields of a request (at most `settings.maximumBodyBytes`); a JSON body asks
    /// for a JSON answer.
    func fields(of request: Request, _ pass: inout Pass) async throws -> PostedFields {
        let fields = try await PostedFields.read(request, limit: settings.maximumBodyBytes)
        pass.wantsJSON = pass.wantsJSON || fields.isJSON
        return fields
    }

    /// The client's address: the connection's, or the one a trusted proxy forwarded. Forwarding
    /// headers from an untrusted peer are ignored and reported to the proxy monitor.
    func clientAddress(_ request: Request, _ context: IntakeRequestContext) -> String {
        let connection = context.connectionIP
        if connection.map(resolver.isTrusted) != true { noteForwardingHeaders(request, peer: connection) }
        return resolver.clientAddress(
            connection: context.connectionAddress, forwardedFor: request.headers[values: Self.forwardedFor])
    }

    /// The country code in `settings.countryHeader`, for a request from a trusted proxy (the
    /// caller checks that, as for `X-Forwarded-For`); nil when absent or unknown.
    func country(_ request: Request) -> String? {
        guard let name = countryHeader else { return nil }
        return CountryCode.normalized(request.headers[name])
    }

    /// `reply` as a response with the CORS headers `cors` calls for.
    func respond(_ reply: IntakeReply, cors verdict: CORSPolicy.Verdict, json: Bool) -> Response {
        if json, reply.isAcceptedReport, case .noOrigin = verdict { return IntakeReply.acceptedReportResponse }
        return reply.response(
            json: json, siteTitle: settings.links.siteTitle, stylesheet: settings.pathPrefix + "/intake.css",
            extraHeaders: cors.headers(for: verdict))
    }

    /// `reply` for a request that passed.
    func respond(_ reply: IntakeReply, _ pass: Pass) -> Response {
        respond(reply, cors: pass.cors, json: pass.wantsJSON)
    }

    /// The answer to an `OPTIONS` preflight.
    func preflight(_ request: Request) -> Response {
        let verdict = cors.verdict(for: request)
        if case .denied = verdict {
            return Response(status: .forbidden, headers: cors.headers(for: verdict))
        }
        return Response(status: .noContent, headers: cors.headers(for: verdict, preflight: true))
    }

    /// Where "back" goes after a form post: the page the form was on when it is this site's
    /// (or this host's), else the service's page.
    func backLink(_ request: Request, slug: String) -> String {
        if let referer = request.headers[.referer] {
            if referer.hasPrefix(settings.links.baseURL + "/") { return referer }
            if let host = request.head.authority,
                referer.hasPrefix("http://\(host)/") || referer.hasPrefix("https://\(host)/")
            {
                return referer
            }
        }
        return settings.links.servicePage(slug)
    }
}
