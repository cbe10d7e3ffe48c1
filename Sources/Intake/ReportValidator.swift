import Model

/// Checks reports against the content: the service must exist and offer the problem.
public struct ReportValidator: Sendable {
    let problemsBySlug: [String: Set<String>]

    public init(services: [Service]) {
        var map: [String: Set<String>] = [:]
        for service in services { map[service.slug] = Set(service.problems.map(\.id)) }
        problemsBySlug = map
    }

    /// Why the report is not acceptable, or nil when it is.
    public func problem(service: String, problem: String) -> String? {
        guard let problems = problemsBySlug[service] else { return "unknown service '\(service)'" }
        guard problems.contains(problem) else {
            return "unknown problem '\(problem)' for \(service) (known: \(problems.sorted().joined(separator: ", ")))"
        }
        return nil
    }
}
