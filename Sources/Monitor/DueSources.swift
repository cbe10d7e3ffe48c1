import Collect
import Model
import Store

/// Step one: the services a run covers and, of their official sources, the ones due now
/// (see `PollSchedule`; a source backing off after failures waits until its next attempt time).
public struct DueSources: Sendable, Equatable {
    /// The requests to send, with the validators from the last check.
    public var requests: [SourceCheckRequest]
    /// Sources skipped because they are backing off.
    public var backingOff: Int
    /// Sources skipped because their minute in the interval has not come yet.
    public var notYet: Int

    /// The services named in `only` (all when empty), in content order.
    /// - Throws: `MonitorError.unknownService` for a slug the content does not have.
    public static func services(_ services: [Service], only: [String]) throws -> [Service] {
        guard !only.isEmpty else { return services }
        let known = Set(services.map(\.slug))
        if let unknown = only.first(where: { !known.contains($0) }) { throw MonitorError.unknownService(unknown) }
        return services.filter { only.contains($0.slug) }
    }

    /// The due sources of `services` at `now`, given each source's stored state.
    /// - Parameter schedule: when each source is due; nil checks every source not backing off
    ///   (`collect --only` and `--all-sources`).
    public init(
        services: [Service], states: [String: OfficialSourceState], now: Timestamp, schedule: PollSchedule?
    ) {
        // An interval of one minute makes every source due that is not backing off.
        let schedule = schedule ?? PollSchedule(intervalMinutes: 1)
        requests = []
        backingOff = 0
        notYet = 0
        for service in services {
            for source in service.statusSources {
                let state = states[Self.key(service.slug, source.url)]
                switch schedule.decision(slug: service.slug, url: source.url, state: state, now: now) {
                case .backingOff:
                    backingOff += 1
                    continue
                case .notYet:
                    notYet += 1
                    continue
                case .due:
                    requests.append(
                        SourceCheckRequest(
                            slug: service.slug, source: source, etag: state?.etag, lastModified: state?.lastModified))
                }
            }
        }
    }

    /// How `officialSourceStates()` keys a source.
    static func key(_ slug: String, _ url: String) -> String { "\(slug) \(url)" }
}
