import ArgumentParser
import Foundation
import Model
import Monitor
import Store

/// `downtrack demo`: simulated history so a new site looks alive.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill the database with simulated report history (marked as demo data; --remove takes it out).")

    @OptionGroup var site: SiteOptions
    @Option(help: "The simulated history ends at this time, ISO 8601 (default: now).") var now: String?
    @Option(help: "Weeks of history to simulate.") var weeks = 5
    @Option(help: "Seed of the simulation; the same seed gives the same data.") var seed: UInt64 = 42
    @Flag(help: "Remove the demo data instead.") var remove = false

    func validate() throws {
        _ = try parseTime(now, option: "--now")
        guard (1...16).contains(weeks) else { throw ValidationError("--weeks must be between 1 and 16") }
    }

    func run() async throws {
        try await runReporting {
            let configuration = try site.configuration()
            let database = try site.database(configuration)
            let lock = try site.lock(configuration, wait: 120, command: "demo")
            defer { withExtendedLifetime(lock) {} }
            if remove {
                let removed = try database.removeDemoData()
                print("demo: removed \(removed) rows of demo data; run 'downtrack run' to recompute states")
                return
            }
            let services = try loadContent(site).services
            let end = (try parseTime(now, option: "--now") ?? currentTime()).floored(to: BucketSize.minute)
            let simulation = DemoSimulation(seed: seed, end: end, weeks: weeks)
            let data = simulation.generate(services)
            try database.recordDemo(buckets: data.buckets, minutes: data.minutes, at: end)
            try database.recordDemoCountries(data.countries)
            // Replay the detector over the last minutes so states reflect the simulated history.
            let monitor = ServiceMonitor(configuration: configuration, database: database)
            for minutesAgo in stride(from: 5, through: 0, by: -1) {
                _ = try monitor.decide(services: services, now: end.adding(seconds: -Int64(minutesAgo) * 60))
            }
            // After the replay, so each past episode's peak is set against the learned baseline.
            try database.recordDemoHistory(episodes: data.episodes, incidents: data.incidents)
            let names = data.outages.joined(separator: ", ")
            print(
                "demo: \(data.buckets.count) 15-minute and \(data.minutes.count) per-minute counts for \(services.count) "
                    + "services over \(weeks) weeks to \(end.iso8601); outages in progress: \(names.isEmpty ? "none" : names). "
                    + "'downtrack demo --remove' takes the demo data out.")
        }
    }
}
