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
                    let line = ContentFileLine.first(containing: expression, in: service, root: root)
                    problems.append("\(service.sourcePath):\(line): invalid XPath '\(expression)'")
                }
            }
        }
        return problems
    }
}
