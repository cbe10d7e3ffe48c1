import ArgumentParser
import Foundation
import Model
import Monitor

/// `downtrack import-reports FILE…`: NDJSON lines or access-log lines of the report beacon.
struct ImportReportsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-reports",
        abstract: "Import reports from NDJSON files or web-server access logs of GET /r/<service>/<problem>.")

    @OptionGroup var site: SiteOptions
    @Argument(help: "Files to import.") var files: [String]

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let content = try loadContent(site)
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 600, command: "import-reports")
            defer { withExtendedLifetime(lock) {} }
            let importer = try ReportImporter(
                configuration: configuration, services: content.services, database: database)
            var totals = ReportImportCounts()
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure("\(file):0: cannot read the file")
                }
                let result = try importer.importText(String(decoding: data, as: UTF8.self), now: currentTime())
                for problem in result.problems { printError("\(file):\(problem.line): \(problem.message)") }
                totals += result.counts
            }
            print(totals.line(windowMinutes: configuration.intake.reportWindowMinutes))
        }
    }
}
