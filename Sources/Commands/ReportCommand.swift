import ArgumentParser
import Content
import Foundation
import IntakeRules
import Model
import Store

/// `downtrack report SLUG PROBLEM`: records reports from the command line.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Record problem reports for a service.")

    @OptionGroup var site: SiteOptions
    @Argument(help: "The service's slug.") var slug: String
    @Argument(help: "The problem's id.") var problem: String
    @Option(help: "When, ISO 8601 (default: now).") var at: String?
    @Option(help: "How many reports.") var count: Int = 1

    func validate() throws {
        _ = try parseTime(at, option: "--at")
        guard (1...1_000_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000000") }
    }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let content = try loadContent(site)
            if let problem = ReportValidator(services: content.services).problem(service: slug, problem: problem) {
                throw CommandFailure("report: \(problem)")
            }
            let database = try site.database(configuration)
            let time = try parseTime(at, option: "--at") ?? currentTime()
            try database.record([ReportRecord(slug: slug, problem: problem, at: time, count: count, source: "cli")])
            print("report: \(count) report\(count == 1 ? "" : "s") of '\(problem)' for \(slug) at \(time.iso8601)")
        }
    }
}
