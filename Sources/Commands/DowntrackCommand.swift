import ArgumentParser

/// `downtrack`: the command line of an outage tracker that runs from cron and serves static files.
public struct DowntrackCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "downtrack",
        abstract: "Outage tracker: collects official status and problem reports, builds a static site.",
        subcommands: [
            CheckCommand.self, CollectCommand.self, BuildCommand.self, RunCommand.self, ReportCommand.self,
            ImportReportsCommand.self, PruneCommand.self, DemoCommand.self, ServeCommand.self, EvaluateCommand.self,
            BenchParseCommand.self, IntakeCommand.self,
            NotifyCommand.self,
        ])

    public init() {}
}
