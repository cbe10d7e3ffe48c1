import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `downtrack serve`: previews the output folder on a local port.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Preview the built site (and the intake API) on a local port.")

    @OptionGroup var site: SiteOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let output = site.resolve(configuration.output).path
            guard FileManager.default.fileExists(atPath: output + "/index.html") else {
                throw CommandFailure("serve: \(output) has no site yet; run 'downtrack build' (or 'make run') first")
            }
            var logger = Logger(label: "downtrack.serve")
            logger.logLevel = .warning
            let router = Router()
            router.add(middleware: FileMiddleware(output, searchForIndexHtml: true, logger: logger))
            let app = Application(
                router: router, configuration: .init(address: .hostname(host, port: port), serverName: "downtrack"),
                onServerRunning: { _ in print("serve: http://\(host):\(port)/ (Ctrl-C to stop)") }, logger: logger)
            try await app.runService()
            print("serve: stopped")
        }
    }
}
