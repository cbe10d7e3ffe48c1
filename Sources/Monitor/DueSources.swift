import Collect
import Model
import Store

/// Step one: the services a run covers and, of their official sources, the ones due now
/// (a source backing off after failures waits until its next attempt time).
public struct DueSources: Sendable, Equatable {
    /// The requests to send, with the validators from the last check.
    public var requests: [SourceCheckRequest]
    /// Sources skipped because they are backing off.
    public var backingOff: Int

    /// The services named in `only` (all when empty), in content order.
    /// - Throws: `MonitorError.unknownService` for a slug the content does not have.
    public static func services(_ services: [Service], only: [String]) throws -> [Service] {
        guard !only.isEmpty else { return services }
        let known = Set(services.map(\.slug))
        if let unknown = only.first(where: { !known.contains($0) }) { throw MonitorError.unknownService(unknown) }
        return services.filter { only.contains($0.slug) }
    }

    /// The due sources of `services` at `now`, given each source's stored state.
    public init(services: [Service], states: [String: OfficialSourceState], now: Timestamp) {
        requests = []
        backingOff = 0
        for service in services {
            for source in service.statusSources {
                let state = states[Self.key(service.slug, source.url)]
                if let next = state?.nextAttemptAt, next > now {
                    backingOff += 1
                    continue
                }
                requests.append(
                    SourceCheckRequest(
                        slug: service.slug, source: source, etag: state?.etag, lastModified: state?.lastModified))
            }
        }
    }

    /// How `officialSourceStates()` keys a source.
    static func key(_ slug: String, _ url: String) -> String { "\(slug) \(url)" }
}
