import Analysis
import Foundation
import Model
import Store

/// Step five: the detector's decision for every service, from the live window of report
/// counts, its baseline, the worst fresh official indicator and what it remembered.
struct StateDecision {
    let settings: DetectionSettings
    /// Seconds after which an official status no longer counts.
    let staleAfter: Int

    /// The updates to store, one per service, in content order.
    func decide(
        services: [Service], baselines: [String: Baseline], database: DowntrackDatabase, now: Timestamp
    ) throws -> [StateUpdate] {
        let window = settings.windowMinutes
        let end = now.floored(to: BucketSize.minute)
        let minutes = try database.minuteCounts(
            from: end.adding(seconds: -Int64(window - 1) * 60), to: end.adding(seconds: 60))
        let memories = try database.detectorMemories()
        let official = try database.officialSnapshots()
        let detector = Detector(settings: settings)
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var updates: [StateUpdate] = []
        for service in services {
            let perMinute = minutes[service.slug] ?? [:]
            var counts = [Int](repeating: 0, count: window)
            for index in 0..<window {
                counts[index] = perMinute[end.adding(seconds: -Int64(window - 1 - index) * 60).seconds] ?? 0
            }
            let indicator = Self.worstIndicator(
                official[service.slug] ?? [], sources: service.statusSources, now: now, staleAfter: staleAfter)
            let memory = memories[service.slug].flatMap {
                try? decoder.decode(DetectorMemory.self, from: Data($0.utf8))
            }
            let decision = detector.decide(
                DetectorInput(
                    slug: service.slug, now: now, counts: counts,
                    baseline: baselines[service.slug] ?? .flat(perSlot: 0),
                    official: indicator, memory: memory))
            let memoryJSON = (try? encoder.encode(decision.memory)).map { String(decoding: $0, as: UTF8.self) }
            updates.append(
                StateUpdate(slug: service.slug, state: decision.state, reason: decision.reason, memory: memoryJSON))
        }
        return updates
    }

    /// The worst fresh official indicator among a service's sources (`unknown` when none is fresh).
    static func worstIndicator(
        _ snapshots: [OfficialSnapshot], sources: [StatusSource], now: Timestamp, staleAfter: Int
    ) -> OfficialIndicator {
        var worst = OfficialIndicator.unknown
        for source in sources {
            guard let snapshot = snapshots.first(where: { $0.sourceURL == source.url }) else { continue }
            let indicator = snapshot.effectiveStatus(at: now, staleAfter: staleAfter).indicator
            if indicator.severity > worst.severity { worst = indicator }
        }
        return worst
    }
}
