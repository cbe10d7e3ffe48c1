import Collect
import Foundation
import Model

/// The `html` sources' XPath rules that libxml2 cannot compile, for `check`: found before a
/// collect run would fail on them.
public enum InvalidXPathRules {
    /// One `path:line: invalid XPath '…'` per rule that does not compile, located by the first
    /// line of the service's file (under `root`) that holds the expression (0 when none does).
    public static func problems(in services: [Service], root: URL) -> [String] {
        var problems: [String] = []
        for service in services {
            for source in service.statusSources {
                guard let rules = source.xpath else { continue }
                for expression in XPathRuleCheck.invalidExpressions(in: rules) {
                    let text =
                        (try? String(contentsOf: root.appendingPathComponent(service.sourcePath), encoding: .utf8))
                        ?? ""
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
