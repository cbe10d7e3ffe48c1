import ArgumentParser
import Content
import Foundation
import Monitor
import Render

/// `downtrack check`: validates configuration, content and templates.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate downtrack.yml, content and templates; print path:line: message for each problem.")

    @OptionGroup var site: SiteOptions

    func run() async throws {
        var problems: [String] = []
        do { _ = try ConfigurationLoader.load(root: site.rootURL) } catch let error as ContentError {
            problems += error.problems.map(\.description)
        }
        var count = 0
        do {
            let content = try ContentLoader.load(root: site.rootURL)
            count = content.services.count
            problems += InvalidXPathRules.problems(in: content.services, root: site.rootURL)
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
            print("check: \(count) services, configuration and templates are fine")
        } else {
            print("check: \(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
    }
}
