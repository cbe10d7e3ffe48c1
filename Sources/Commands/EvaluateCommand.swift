import Analysis
import ArgumentParser
import Foundation

/// `downtrack evaluate`: replays the detector over simulated reports with injected outages
/// and prints how well it did.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Measure the detector: simulated services with injected outages, replayed minute by minute.")

    @Option(
        help: """
            The site root: the detection settings of its downtrack.yml are measured \
            (default: the standard settings).
            """)
    var root: String?
    @Option(help: "Seed of the simulation.") var seed: UInt64 = EvaluationConfiguration.standard.seed
    @Option(help: "Simulated services (the small and night-time cohorts scale with it).") var services =
        EvaluationConfiguration.standard.services
    @Option(help: "Days scored.") var days = EvaluationConfiguration.standard.days

    func validate() throws {
        guard (1...5000).contains(services) else { throw ValidationError("--services must be between 1 and 5000") }
        guard (1...365).contains(days) else { throw ValidationError("--days must be between 1 and 365") }
    }

    func run() async throws {
        try await runReporting {
            var configuration = EvaluationConfiguration.standard
            configuration.seed = seed
            configuration.services = services
            // The cohorts keep their share of the published run's 200 services (at least one each).
            let standardServices = EvaluationConfiguration.standard.services
            configuration.cohorts = configuration.cohorts.map { cohort in
                var scaled = cohort
                scaled.services = max(1, cohort.services * services / standardServices)
                return scaled
            }
            configuration.days = days
            var source = "standard detection settings"
            if let root {
                let site = try SiteOptions.parse(["--root", root])
                configuration.settings = DetectionSettings(try site.configuration().detection)
                source = "detection settings of \(site.rootURL.appendingPathComponent("downtrack.yml").path)"
            }
            printError("evaluate: simulating \(services) services for \(days) days (seed \(seed), \(source)) …")
            let report = Evaluation.run(configuration)
            for line in report.summaryLines { print(line) }
            print("evaluate: \(report.meetsTargets ? "all targets met" : "some targets missed")")
        }
    }
}
