import ArgumentParser
import Foundation
import Generator
import Hummingbird
import Intake
import Logging

/// `downtrack serve`: previews the output folder on a local port, with the intake API beside it
/// so the page's buttons work.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Preview the built site (and the intake API) on a local port.")

    @OptionGroup var site: SiteOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free one.") var port = 8080
    @OptionGroup var limits: IntakeLimitOptions

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let output = site.resolve(configuration.output).path
            guard FileManager.default.fileExists(atPath: output + "/index.html") else {
                throw CommandFailure("serve: \(output) has no site yet; run 'downtrack build' (or 'make run') first")
            }
            var logger = Logger(label: "downtrack.serve")
            logger.logLevel = .warning
            let database = try site.database(configuration)
            let intake = try makeIntakeServer(
                site: site, configuration: configuration, database: database, limits: limits)
            let router = Router(context: IntakeRequestContext.self)
            router.add(middleware: SecurityHeadersMiddleware(policy: ContentSecurityPolicy.policy(for: configuration)))
            router.add(middleware: FileMiddleware(output, searchForIndexHtml: true, logger: logger))
            intake.addRoutes(to: router)
            let app = Application(
                router: router, configuration: .init(address: .hostname(host, port: port), serverName: "downtrack"),
                onServerRunning: { channel in
                    let bound = channel.localAddress?.port ?? port
                    let line =
                        "serve: http://\(host):\(bound)/ with the intake API at \(intake.settings.pathPrefix)/ (Ctrl-C to stop)\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }, logger: logger)
            await intake.start()
            do { try await app.runService() } catch {
                await intake.stop()
                throw error
            }
            await intake.stop()
            print("serve: stopped")
        }
    }
}

/// Sends the site's Content-Security-Policy with every preview response, as `_headers` and
/// the nginx snippet do in production, so the preview shows any violation a page would cause.
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
