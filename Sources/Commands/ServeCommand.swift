import ArgumentParser
import Foundation
import Generator
import Intake
import Logging

/// `downtrack serve`: previews the output folder on a local port, with the intake API beside it
/// so the page's buttons work.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Preview the built site (and the intake API) on a local port.")

    @OptionGroup var site: SiteOptions
    @Option(help: "Address to listen on (default: serve.host).") var host: String?
    @Option(help: "Port to listen on; 0 picks a free one (default: serve.port).") var port: Int?
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
            let preview = PreviewServer(
                folder: output, policy: ContentSecurityPolicy.policy(for: configuration), intake: intake)
            let host = host ?? configuration.serve.host
            let prefix = intake.settings.pathPrefix
            try await preview.run(host: host, port: port ?? configuration.serve.port, logger: logger) { bound in
                let line = "serve: http://\(host):\(bound)/ with the intake API at \(prefix)/ (Ctrl-C to stop)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
            print("serve: stopped")
        }
    }
}
