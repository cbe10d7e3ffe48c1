import ArgumentParser
import Foundation
import Intake
import IntakeRules
import Logging
import Model
import Store

/// `downtrack intake`: the report and sign-up API behind the page's buttons, until stopped.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Serve the report and sign-up API (POST /api/v1/reports, /api/v1/subscriptions) until stopped.",
        discussion:
            "SIGTERM or SIGINT stops it gracefully: requests under way are answered and every accepted report is stored."
    )

    @OptionGroup var site: SiteOptions
    @Option(help: "Address to listen on (default: intake.host).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default: intake.port).") var port: Int?
    @OptionGroup var limits: IntakeLimitOptions

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let server = try makeIntakeServer(
                site: site, configuration: configuration, database: database, limits: limits)
            let host = host ?? configuration.intake.host
            let port = port ?? configuration.intake.port
            let prefix = server.settings.pathPrefix
            var logger = Logger(label: "downtrack.intake")
            logger.logLevel = .warning
            do {
                try await server.run(host: host, port: port, logger: logger) { bound in
                    // Written unbuffered: scripts and tests wait for this line.
                    FileHandle.standardOutput.write(
                        Data("intake: listening on http://\(host):\(bound)\(prefix) (SIGTERM or Ctrl-C stops)\n".utf8))
                }
            } catch {
                throw CommandFailure("intake: cannot serve on \(host):\(port): \(error) (is the port in use?)")
            }
            let written = await server.writer.written
            let batches = await server.writer.batches
            print("intake: stopped; \(written) reports stored in \(batches) transactions")
        }
    }
}

/// The command line's overrides of the intake's rate limits, shared by `intake` and `serve`.
struct IntakeLimitOptions: ParsableArguments {
    @Option(help: "Requests per minute from one client, all endpoints (default: intake.client_requests_per_minute).")
    var clientRate: Int?
    @Option(help: "Requests per second from all clients together (default: intake.global_requests_per_second).")
    var globalRate: Int?
    @Option(help: "Sign-ups per hour from one client (default: intake.sign_ups_per_hour).")
    var signUpRate: Int?

    func validate() throws {
        for (name, value) in [
            ("--client-rate", clientRate), ("--global-rate", globalRate), ("--sign-up-rate", signUpRate),
        ] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1, not \(value)") }
        }
    }

    /// The configured limits with the ones given on the command line put in their place.
    func apply(to settings: inout IntakeSettings) {
        if let clientRate { settings.clientLimit.count = clientRate }
        if let globalRate { settings.globalLimit.count = globalRate }
        if let signUpRate { settings.signUpLimit.count = signUpRate }
    }
}

/// The intake server for this site, its failures to start turned into messages.
func makeIntakeServer(
    site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, limits: IntakeLimitOptions
) throws -> IntakeServer {
    let content = try loadContent(site)
    do {
        return try IntakeServer(
            configuration: configuration, services: content.services, database: database, adjust: limits.apply)
    } catch let error as IntakeSetupError {
        throw CommandFailure("downtrack.yml: \(error)")
    } catch let error as StoreError {
        throw CommandFailure("\(error)")
    }
}
