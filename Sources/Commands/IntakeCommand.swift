import ArgumentParser
import Foundation
import Intake
import IntakeRules
import Logging
import Model
import Notify
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
            let prefix = server.settings.pathPrefix
            var logger = Logger(label: "downtrack.intake")
            logger.logLevel = .warning
            do {
                try await server.run(host: host, port: port ?? configuration.intake.port, logger: logger) { bound in
                    // Written unbuffered: scripts and tests wait for this line.
                    FileHandle.standardOutput.write(
                        Data("intake: listening on http://\(host):\(bound)\(prefix) (SIGTERM or Ctrl-C stops)\n".utf8))
                }
            } catch {
                throw CommandFailure(
                    "intake: cannot serve on \(host):\(port ?? configuration.intake.port): \(error) (is the port in use?)"
                )
            }
            let written = await server.writer.written
            let batches = await server.writer.batches
            print("intake: stopped; \(written) reports stored in \(batches) transactions")
        }
    }
}

/// The intake's rate limits, shared by `intake` and `serve`.
struct IntakeLimitOptions: ParsableArguments {
    @Option(help: "Requests per minute from one client (all endpoints).") var clientRate = 30
    @Option(help: "Requests per second from all clients together.") var globalRate = 20_000
    @Option(help: "Sign-ups per hour from one client.") var signUpRate = 5

    func validate() throws {
        for (name, value) in [
            ("--client-rate", clientRate), ("--global-rate", globalRate), ("--sign-up-rate", signUpRate),
        ]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1, not \(value)")
        }
    }
}

/// The intake server for this site: content, secrets, limits and mail transport from the configuration.
func makeIntakeServer(
    site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, limits: IntakeLimitOptions
) throws -> IntakeServer {
    let content = try loadContent(site)
    var settings = IntakeSettings(configuration: configuration)
    settings.clientLimit = RateLimit(count: limits.clientRate, per: 60)
    settings.globalLimit = RateLimit(count: limits.globalRate, per: 1)
    settings.signUpLimit = RateLimit(count: limits.signUpRate, per: 3600)
    do {
        return try IntakeServer(
            settings: settings, services: content.services, database: database,
            clientSecret: try ClientSecret.load(database), tokenSecret: try subscriptionSecret(database),
            transport: .live(sendmailCommand: configuration.notify.sendmail),
            webhookSecret: configuration.notify.webhookSecret)
    } catch let error as IntakeSetupError {
        throw CommandFailure("downtrack.yml: \(error)")
    } catch let error as StoreError {
        throw CommandFailure("\(error)")
    }
}

/// The secret that signs confirmation and unsubscribe links, made once per database.
func subscriptionSecret(_ database: DowntrackDatabase) throws -> String {
    try database.meta("subscription_secret", insertingIfAbsent: randomHex(bytes: 32))
}
