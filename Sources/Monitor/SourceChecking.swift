import Collect
import Model

/// Something that checks official sources: the real `SourceCollector`, or a stand-in in tests.
public protocol SourceChecking: Sendable {
    /// Checks every request; one result per request, in the same order.
    func collect(
        _ requests: [SourceCheckRequest], now: Timestamp, progress: ((Int, Int) -> Void)?
    ) async -> [SourceCheckResult]
}

extension SourceCollector: SourceChecking {}
