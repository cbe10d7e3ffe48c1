import ArgumentParser
import Foundation
import Generator
import Model
import Store

/// `downtrack build`: renders the site incrementally.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build", abstract: "Render content, templates and the database into the output folder.")

    @OptionGroup var site: SiteOptions
    @Option(help: "Output folder (default: from downtrack.yml).") var output: String?
    @Option(help: "As-of time, ISO 8601 (default: the last collect's time).") var now: String?
    @Flag(help: "Render every page, even unchanged ones.") var full = false

    func validate() throws { _ = try parseTime(now, option: "--now") }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 120, command: "build")
            defer { withExtendedLifetime(lock) {} }
            try Build.perform(
                site: site, configuration: configuration, database: database, output: output,
                now: try parseTime(now, option: "--now"), full: full)
        }
    }
}

/// The build step shared by `build` and `run`.
enum Build {
    static func perform(
        site: SiteOptions, configuration: SiteConfiguration, database: DowntrackDatabase, output: String?,
        now: Timestamp?,
        full: Bool
    ) throws {
        let outputURL = site.resolve(output ?? configuration.output)
        let generator = SiteGenerator(configuration: configuration, database: database)
        do {
            let summary = try generator.build(
                BuildOptions(root: site.rootURL, output: outputURL, now: now, full: full),
                progress: { printError($0) })
            print(summary.line)
        } catch let error as BuildError {
            throw CommandFailure(error.description + "\nbuild: failed; the previous output was left as it was")
        }
    }
}
