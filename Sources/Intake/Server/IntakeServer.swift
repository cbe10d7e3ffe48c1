import Foundation
import Hummingbird
import IntakeRules
import Logging
import Model
import Notify
import Store

/// The intake API: report and sign-up endpoints, their limits, the report writer and the
/// confirmation mailer. `downtrack intake` runs it alone; `downtrack serve` mounts its routes
/// beside the static files.
///
/// Lifecycle: `start()`, serve requests, and after the HTTP server stopped (all requests
/// answered) `stop()`, which stores every report still waiting.
public final class IntakeServer: Sendable {
    public let settings: IntakeSettings
    /// The one writer of reports (exposed for statistics).
    public let writer: ReportWriter
    let gate: RequestGate
    let reports: ReportEndpoint
    let subscriptions: SubscriptionEndpoints
    let mailer: ConfirmationMailer
    let proxyMonitor: ProxySetupMonitor
    let checkpointer: WALCheckpointer

    /// - Parameters:
    ///   - clientSecret: the secret behind client keys (shared with `import-reports`).
    ///   - tokenSecret: the secret that signs confirmation and unsubscribe links.
    ///   - transport: how confirmation mail leaves (sendmail in production).
    /// - Throws: `IntakeSetupError` for bad settings, `StoreError` when the database cannot be read.
    public init(
        settings: IntakeSettings, services: [Service], database: DowntrackDatabase, clientSecret: String,
        tokenSecret: String, transport: DeliveryTransport, webhookSecret: String? = nil, clock: IntakeClock = .system
    ) throws {
        self.settings = settings
        let byslug = Dictionary(services.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        proxyMonitor = ProxySetupMonitor()
        gate = RequestGate(
            settings: settings, cors: CORSPolicy(siteOrigin: settings.siteOrigin),
            resolver: try ClientAddressResolver(trustedProxies: settings.trustedProxies),
            keys: ClientKeyMaker(secret: clientSecret, ipv6PrefixBits: settings.ipv6PrefixBits),
            clientLimiter: KeyedRateLimiter(limit: settings.clientLimit),
            globalLimiter: GlobalRateLimiter(limit: settings.globalLimit), proxyMonitor: proxyMonitor, clock: clock)
        writer = ReportWriter(database: database, maximumWaiting: settings.maximumQueuedReports)
        checkpointer = WALCheckpointer(database: database)
        let recent = try database.recentClientReports(since: clock.now.adding(seconds: -settings.reportWindowSeconds))
        reports = ReportEndpoint(
            gate: gate, validator: ReportValidator(services: services), services: byslug,
            window: ReportWindow(seconds: settings.reportWindowSeconds, recent: recent), writer: writer)
        let tokens = SubscriptionTokens(secret: tokenSecret)
        mailer = ConfirmationMailer(
            deliverer: OutboxDeliverer(
                database: database, transport: transport, webhookSecret: webhookSecret, clock: clock))
        subscriptions = SubscriptionEndpoints(
            gate: gate, services: byslug, database: database, tokens: tokens,
            composer: NoticeComposer(links: settings.links, from: settings.mailFrom, tokens: tokens),
            signUpLimiter: KeyedRateLimiter(limit: settings.signUpLimit), mailer: mailer)
    }

    /// Adds the API routes (under `settings.pathPrefix`), the pages' style sheet and
    /// `GET /healthz` to `router`.
    ///
    /// `/healthz` answers 200 with `{"status":"ok","warnings":[…]}`: the warnings name set-up
    /// problems seen so far (forwarded headers from an untrusted peer), for monitoring to show.
    public func addRoutes(to router: Router<IntakeRequestContext>) {
        let prefix = settings.pathPrefix
        let reports = reports
        let subscriptions = subscriptions
        let gate = gate
        let monitor = proxyMonitor
        router.get("/healthz") { _, _ in Self.health(warnings: monitor.current) }
        router.get(RouterPath(prefix + "/intake.css")) { _, _ in
            var headers = IntakeReply.securityHeaders()
            headers[.contentType] = "text/css; charset=utf-8"
            headers[.cacheControl] = "public, max-age=3600"
            return Response(
                status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: IntakeReply.styleSheet)))
        }
        router.post(RouterPath(prefix + "/reports")) { await reports.handle($0, $1) }
        router.post(RouterPath(prefix + "/subscriptions")) { await subscriptions.signUp($0, $1) }
        router.get(RouterPath(prefix + "/subscriptions/confirm")) { await subscriptions.confirmPage($0, $1) }
        router.post(RouterPath(prefix + "/subscriptions/confirm")) { await subscriptions.confirm($0, $1) }
        router.get(RouterPath(prefix + "/subscriptions/unsubscribe")) { await subscriptions.unsubscribePage($0, $1) }
        router.post(RouterPath(prefix + "/subscriptions/unsubscribe")) { await subscriptions.unsubscribe($0, $1) }
        for path in ["/reports", "/subscriptions", "/subscriptions/confirm", "/subscriptions/unsubscribe"] {
            router.on(RouterPath(prefix + path), method: .options) { request, _ in gate.preflight(request) }
        }
    }

    static func health(warnings: [String]) -> Response {
        var headers = IntakeReply.securityHeaders()
        headers[.contentType] = "application/json"
        let object: [String: Any] = ["status": "ok", "warnings": warnings]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Starts the report writer, its checkpoints and the confirmation mailer.
    public func start() async {
        await checkpointer.start()
        await writer.start()
        mailer.start()
    }

    /// Stores every report still waiting and stops the mailer. Call after the HTTP server stopped.
    public func stop() async {
        await writer.close()
        await mailer.stop()
        await checkpointer.stop()
    }

    /// An application serving only the intake routes on `host:port` (port 0 picks a free one;
    /// `onRunning` gets the port actually bound).
    public func application(
        host: String, port: Int, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        if settings.trustedProxies.isEmpty, let address = IPAddress(host), ProxySetupMonitor.isLoopback(address) {
            proxyMonitor.loopbackListenerTrustsNoProxy()
        }
        let router = Router(context: IntakeRequestContext.self)
        addRoutes(to: router)
        // Idle connections are closed after 30 s, so slow or silent clients cannot hold them.
        return Application(
            router: router, server: .http1(configuration: .init(idleTimeout: .seconds(30))),
            configuration: .init(address: .hostname(host, port: port), serverName: "downtrack-intake"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) },
            logger: RequestLogHandler.logger(like: logger))
    }

    /// Runs the intake until SIGTERM or SIGINT, then shuts down gracefully: the server stops
    /// accepting, answers the requests under way, and the writer stores every accepted report.
    public func run(host: String, port: Int, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void)
        async throws
    {
        await start()
        do {
            try await application(host: host, port: port, logger: logger, onRunning: onRunning).runService()
        } catch {
            await stop()
            throw error
        }
        await stop()
    }
}
