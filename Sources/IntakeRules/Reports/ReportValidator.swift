import Model

/// Checks reports against the content: the service must exist and offer the problem.
public struct ReportValidator: Sendable {
    let problemsBySlug: [String: Set<String>]

    public init(services: [Service]) {
        var map: [String: Set<String>] = [:]
        for service in services { map[service.slug] = Set(service.problems.map(\.id)) }
        problemsBySlug = map
    }

    /// Why the report is not acceptable, or nil when it is. The sentence repeats the service
    /// or problem only when it is a plain identifier (see `OutsideText`).
    public func problem(service: String, problem: String) -> String? {
        guard let problems = problemsBySlug[service] else {
            return "unknown service \(OutsideText.quoted(service, or: "(not a service name)"))"
        }
        guard problems.contains(problem) else {
            return "unknown problem \(OutsideText.quoted(problem, or: "(not a problem name)")) for \(service) "
                + "(known: \(problems.sorted().joined(separator: ", ")))"
        }
        return nil
    }
}
