import Hummingbird
import Logging

/// `downtrack serve`: the built site's files and the intake's routes on one local port, so a
/// preview's buttons work.
public struct PreviewServer {
    /// The built site.
    public let folder: String
    /// The Content-Security-Policy sent with every response, as `_headers` and the nginx snippet
    /// do in production, so the preview shows any violation a page would cause.
    public let policy: String
    public let intake: IntakeServer

    public init(folder: String, policy: String, intake: IntakeServer) {
        self.folder = folder
        self.policy = policy
        self.intake = intake
    }

    /// Serves until SIGTERM or SIGINT; `onRunning` gets the port actually bound (port 0 picks a
    /// free one). Every accepted report is stored before it returns.
    public func run(
        host: String, port: Int, logger: Logger, onRunning: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let router = Router(context: IntakeRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(policy: policy))
        router.add(middleware: FileMiddleware(folder, searchForIndexHtml: true, logger: logger))
        intake.addRoutes(to: router)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "downtrack"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
        await intake.start()
        do { try await app.runService() } catch {
            await intake.stop()
            throw error
        }
        await intake.stop()
    }
}

/// Adds the site's Content-Security-Policy (unless a response has its own) and `nosniff` to
/// every response.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = policy }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
