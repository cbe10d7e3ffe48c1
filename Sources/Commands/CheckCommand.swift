import ArgumentParser
import Collect
import Content
import Foundation
import Model
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
            problems += xpathProblems(content.services)
        } catch let error as ContentError {
            problems += error.problems.map(\.description)
        }
        do { _ = try TemplateLibrary(folder: site.rootURL.appendingPathComponent("templates")) } catch let error
            as RenderError
        {
            problems.append(error.description)
        }
        for problem in problems { print(problem) }
        _ = count
        if problems.isEmpty {
            print("check: \(count) services, configuration and templates are fine")
        } else {
            print("check: \(problems.count) problem\(problems.count == 1 ? "" : "s") found")
            throw ExitCode(1)
        }
    }
}

extension CheckCommand {
    /// XPath rules that libxml2 cannot compile, located by the line that holds them.
    func xpathProblems(_ services: [Service]) -> [String] {
        var problems: [String] = []
        for service in services {
            for source in service.statusSources {
                guard let rules = source.xpath else { continue }
                for expression in XPathRuleCheck.invalidExpressions(in: rules) {
                    let text =
                        (try? String(
                            contentsOf: site.rootURL.appendingPathComponent(service.sourcePath), encoding: .utf8)) ?? ""
                    let line =
                        text.split(separator: "\n", omittingEmptySubsequences: false)
                        .firstIndex { $0.contains(expression) }.map { $0 + 1 } ?? 0
                    problems.append("\(service.sourcePath):\(line): invalid XPath '\(expression)'")
                }
            }
        }
        return problems
    }
}
