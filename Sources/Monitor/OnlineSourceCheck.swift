import Collect
import Foundation
import Model

/// `check --online`: fetches every official source once and says which ones cannot be read
/// or are declared with a kind that does not match what their URL serves.
public enum OnlineSourceCheck {
    /// How many sources are fetched at once.
    static let concurrency = 8

    /// One `path:line: source <url>: <problem>` per source that fails, in content order;
    /// `progress` hears a line every 25 sources.
    public static func problems(
        in services: [Service], root: URL, fetcher: StatusFetcher, now: Timestamp,
        progress: ((String) -> Void)? = nil
    ) async -> [String] {
        let sources = services.flatMap { service in service.statusSources.map { (service, $0) } }
        var found: [(Int, String)] = []
        await withTaskGroup(of: (Int, String?).self) { group in
            var next = 0
            var done = 0
            func startNext() {
                guard next < sources.count else { return }
                let index = next
                let (service, source) = sources[index]
                next += 1
                group.addTask {
                    let probe = await fetcher.probe(slug: service.slug, source: source, now: now)
                    guard let problem = probe.problem(for: source) else { return (index, nil) }
                    let line = ContentFileLine.first(containing: source.url, in: service, root: root)
                    let url = InertText.escapedForLog(source.url, limit: 200)
                    return (index, "\(service.sourcePath):\(line): source \(url): \(problem)")
                }
            }
            for _ in 0..<concurrency { startNext() }
            while let (index, problem) = await group.next() {
                if let problem { found.append((index, problem)) }
                done += 1
                if done % 25 == 0 { progress?("check: \(done) of \(sources.count) sources fetched") }
                startNext()
            }
        }
        return found.sorted { $0.0 < $1.0 }.map(\.1)
    }
}
