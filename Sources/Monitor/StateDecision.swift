import Analysis
import Foundation
import Model
import Store

/// Step five: the detector's decision for every service, replayed minute by minute from the
/// last decided minute to now over the stored report counts, baselines and official checks,
/// so the states and their changes do not depend on how often `collect` runs.
///
/// A decision at a whole minute T covers the complete minutes before T. At most
/// `replayLimitMinutes` (24 hours) are replayed: after a longer gap, or for a service never
/// decided, the replay starts 24 hours before now, carrying over what was remembered (the
/// detector restarts its streaks after a gap, so the minutes before are not counted).
struct StateDecision {
    let settings: DetectionSettings
    /// Seconds after which an official status no longer counts.
    let staleAfter: Int

    /// The most minutes replayed for one service in one run.
    static let replayLimitMinutes = 1440

    /// Where each service's replay starts, and what it remembered before.
    struct Plan {
        /// The last minute to decide.
        var end: Timestamp
        /// The first minute to decide and the memory before it, by slug.
        var starts: [String: (start: Timestamp, memory: DetectorMemory?, json: String?)]

        /// The minutes each service's baselines must cover.
        var ranges: [String: ClosedRange<Timestamp>] {
            starts.mapValues { min($0.start, end)...end }
        }
    }

    /// Reads what was decided so far and plans the replay up to `now`.
    func plan(services: [Service], database: DowntrackDatabase, now: Timestamp) throws -> Plan {
        let end = now.floored(to: BucketSize.minute)
        let earliest = end.adding(seconds: -Int64(Self.replayLimitMinutes - 1) * 60)
        let memories = try database.detectorMemories()
        let decoder = JSONDecoder()
        var plan = Plan(end: end, starts: [:])
        for service in services {
            let json = memories[service.slug]
            let memory = json.flatMap { try? decoder.decode(DetectorMemory.self, from: Data($0.utf8)) }
            let next = memory.map { $0.decidedAt.floored(to: BucketSize.minute).adding(seconds: 60) } ?? earliest
            plan.starts[service.slug] = (max(next, earliest), memory, json)
        }
        return plan
    }

    /// What every service's replay reads from the database, loaded once per run.
    struct Inputs {
        var minutes: [String: [Int64: Int]]
        var official: [String: [OfficialSourceIndicator]]
        var history: [String: [OfficialCheckEntry]]
    }

    /// Loads the counts and official checks the plan's replays need.
    func inputs(plan: Plan, database: DowntrackDatabase) throws -> Inputs {
        let window = Int64(max(settings.windowMinutes, 1))
        let from = plan.starts.values.map(\.start).min() ?? plan.end
        return Inputs(
            minutes: try database.minuteCounts(from: from.adding(seconds: -window * 60), to: plan.end),
            official: try database.officialIndicators(),
            history: try database.officialCheckHistory(since: from))
    }

    /// The updates to store, one per service, in content order.
    func decide(
        services: [Service], plan: Plan, baselines: [String: BaselineSeries], inputs: Inputs
    ) -> [StateUpdate] {
        let minutes = inputs.minutes
        let official = inputs.official
        let history = inputs.history
        let replay = DetectorReplay(detector: Detector(settings: settings))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var updates: [StateUpdate] = []
        for service in services {
            guard let (start, memory, json) = plan.starts[service.slug] else { continue }
            let timeline = OfficialTimeline(
                sources: service.statusSources, latest: official[service.slug] ?? [],
                history: history[service.slug] ?? [], staleAfter: staleAfter)
            let series = baselines[service.slug] ?? BaselineSeries(estimates: [])
            let outcome = replay.replay(
                slug: service.slug, first: start, last: plan.end, perMinute: minutes[service.slug] ?? [:],
                baseline: series.baseline(at:), official: timeline.indicator(at:), memory: memory)
            guard let last = outcome.last else {
                // Already decided up to this minute: nothing new to say.
                if let memory {
                    updates.append(
                        StateUpdate(slug: service.slug, state: memory.state, reason: "", memory: json, changes: []))
                }
                continue
            }
            let memoryJSON = (try? encoder.encode(last.memory)).map { String(decoding: $0, as: UTF8.self) }
            updates.append(
                StateUpdate(
                    slug: service.slug, state: last.state, reason: last.reason, memory: memoryJSON,
                    changes: outcome.changes))
        }
        return updates
    }
}
