import ArgumentParser
import Content
import Foundation
import Model
import Monitor
import Render

/// `downtrack check`: validates configuration, content and templates.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate downtrack.yml, content and templates; print path:line: message for each problem.")

    @OptionGroup var site: SiteOptions

    @Flag(
        name: .long,
        help:
            "Also fetch every official source once: report those that cannot be read or whose kind does not match what their URL serves."
    )
    var online = false

    func run() async throws {
        var problems: [String] = []
        var configuration: SiteConfiguration?
        do { configuration = try ConfigurationLoader.load(root: site.rootURL) } catch let error as ContentError {
            problems += error.problems.map(\.description)
        }
        var count = 0
        do {
            let content = try ContentLoader.load(root: site.rootURL)
            count = content.services.count
            problems += InvalidXPathRules.problems(in: content.services, root: site.rootURL)
            if online, let configuration {
                let fetcher = ServiceMonitor.statusFetcher(for: configuration)
                problems += await OnlineSourceCheck.problems(
                    in: content.services, root: site.rootURL, fetcher: fetcher,
                    now: Timestamp(seconds: Int64(Date().timeIntervalSince1970))
                ) { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
            }
        } catch let error as ContentError {
            problems += error.problems.map(\.description)
        }
        do { _ = try TemplateLibrary(folder: site.rootURL.appendingPathComponent("templates")) } catch let error
            as RenderError
        {
            problems.append(error.description)
        }
        for problem in problems { print(problem) }
        if problems.isEmpty {
            let sources = online ? ", official sources" : ""
            print("check: \(count) services, configuration\(sources) and templates are fine")
        } else {
            print("check: \(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
    }
}
