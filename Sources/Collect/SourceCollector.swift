import Logging
import Model

/// Checks many official sources at once, with at most `configuration.concurrency` requests
/// in flight. One source's failure never stops the others.
public struct SourceCollector: Sendable {
    /// Does each check, with the configuration's limits.
    public let fetcher: StatusFetcher
    /// Where each check's outcome is logged, at debug level: a failure reaches the operator once,
    /// as its line in the collect run's summary.
    public let logger: Logger

    /// A collector with the given limits; `logger` receives one debug line per source.
    public init(
        configuration: FetchConfiguration = FetchConfiguration(), logger: Logger = Logger(label: "downtrack.collect")
    ) {
        self.fetcher = StatusFetcher(configuration: configuration)
        self.logger = logger
    }

    /// Checks every request and returns one result per request, in the same order.
    ///
    /// - Parameters:
    ///   - requests: the sources to check.
    ///   - now: the time recorded as each result's `checkedAt`.
    ///   - progress: called on the calling task after each source with (done, total).
    public func collect(
        _ requests: [SourceCheckRequest], now: Timestamp, progress: ((Int, Int) -> Void)? = nil
    ) async -> [SourceCheckResult] {
        guard !requests.isEmpty else { return [] }
        let limit = max(1, fetcher.configuration.concurrency)
        var results = [SourceCheckResult?](repeating: nil, count: requests.count)
        let fetcher = self.fetcher
        await withTaskGroup(of: (Int, SourceCheckResult).self) { group in
            var next = 0
            func addNext() {
                guard next < requests.count else { return }
                let index = next
                let request = requests[index]
                next += 1
                group.addTask { (index, await fetcher.check(request, now: now)) }
            }
            for _ in 0..<min(limit, requests.count) { addNext() }
            var done = 0
            for await (index, result) in group {
                results[index] = result
                done += 1
                log(result)
                progress?(done, requests.count)
                addNext()
            }
        }
        return results.enumerated().map { index, result in
            result
                ?? SourceCheckResult(
                    slug: requests[index].slug, sourceURL: requests[index].source.url,
                    fetchedURL: requests[index].source.url, checkedAt: now, outcome: .failed(reason: "not checked"))
        }
    }

    private func log(_ result: SourceCheckResult) {
        // Outside text (URLs after redirects, reasons) is escaped: no terminal sequence runs.
        let metadata: Logger.Metadata = [
            "slug": "\(InertText.escapedForLog(result.slug))", "url": "\(InertText.escapedForLog(result.fetchedURL))",
            "ms": "\(result.elapsedMilliseconds)",
        ]
        switch result.outcome {
        case .parsed(let status):
            logger.debug("checked: \(status.indicator.rawValue)", metadata: metadata)
        case .notModified:
            logger.debug("not modified", metadata: metadata)
        case .failed(let reason):
            logger.debug("source failed: \(InertText.escapedForLog(reason, limit: 500))", metadata: metadata)
        }
    }
}
