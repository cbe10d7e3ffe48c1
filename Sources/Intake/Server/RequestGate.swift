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

    /// Whether the caller asked for JSON (Accept or Content-Type), rather than a page.
    static func wantsJSON(_ request: Request) -> Bool {
        let accept = request.headers[.accept]?.lowercased() ?? ""
        let type = request.headers[.contentType]?.lowercased() ?? ""
        return accept.contains("application/json") || type.hasPrefix("application/json")
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
        let address = clientAddress(request, context)
        let clientKey = keys.key(for: address, at: now)
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
                country: country(request, context)))
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
        let connection = context.connectionAddress.flatMap { IPAddress($0) }
        if connection.map(resolver.isTrusted) != true {
            for header in ProxySetupMonitor.forwardingHeaders {
                if let name = HTTPFields.Element.Name(header), request.headers[name] != nil {
                    proxyMonitor.forwardedHeaderFromUntrustedPeer(header, peer: ProxySetupMonitor.kind(of: connection))
                }
            }
        }
        return resolver.clientAddress(
            connection: context.connectionAddress, forwardedFor: request.headers[values: .init("X-Forwarded-For")!])
    }

    /// The country code in `settings.countryHeader`, believed only when the connection is a
    /// trusted proxy (like `X-Forwarded-For`); nil when absent, unknown or not believed.
    func country(_ request: Request, _ context: IntakeRequestContext) -> String? {
        guard let connection = context.connectionAddress.flatMap({ IPAddress($0) }), resolver.isTrusted(connection),
            let name = HTTPFields.Element.Name(settings.countryHeader)
        else { return nil }
        return CountryCode.normalized(request.headers[name])
    }

    /// `reply` as a response with the CORS headers `cors` calls for.
    func respond(_ reply: IntakeReply, cors verdict: CORSPolicy.Verdict, json: Bool) -> Response {
        reply.response(
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
