import IntakeRules
import Model
import Store

/// The intake's memory of the once-per-window rule (`ReportWindowRule`).
///
/// Kept in memory (seeded from the database at start, so a restart forgets nothing), and
/// checked and reserved in one step, so two simultaneous reports from one client cannot both pass.
/// At most `capacity` client-and-service pairs are held; past that the oldest reservation is
/// forgotten first (the one closest to expiring anyway), so a flood of clients cannot grow memory.
final class ReportWindow: Sendable {
    private struct State {
        var last: BoundedMap<Int64>
        var lastSweep: Int64 = 0
    }

    let rule: ReportWindowRule
    var seconds: Int64 { rule.seconds }
    private let state: Locked<State>

    /// The default bound: about 100 MB at most.
    static let defaultCapacity = 500_000

    /// Pairs held now (for tests and statistics).
    var entryCount: Int { state.withLock { $0.last.count } }

    init(seconds: Int64, recent: [ClientReport], capacity: Int = ReportWindow.defaultCapacity) {
        rule = ReportWindowRule(seconds: seconds)
        state = Locked(State(last: BoundedMap(capacity: capacity)))
        state.withLock { state in
            for report in recent {
                let key = Self.key(report.clientKey, report.slug)
                state.last[key] = max(state.last[key] ?? .min, report.at.seconds)
            }
        }
    }

    /// Reserves the window for this client and service at `now`. - Returns: nil when the report
    /// may count, or the seconds until it may.
    func admit(clientKey: String, slug: String, at now: Timestamp) -> Int64? {
        let key = Self.key(clientKey, slug)
        return state.withLock { state in
            if now.seconds - state.lastSweep >= max(60, rule.seconds / 2) {
                let rule = rule
                state.last.removeAll { rule.hasExpired(lastCounted: Timestamp(seconds: $0), now: now) }
                state.lastSweep = now.seconds
            }
            if let wait = rule.wait(lastCounted: state.last[key].map(Timestamp.init(seconds:)), now: now) {
                return wait
            }
            state.last[key] = now.seconds
            return nil
        }
    }

    /// Gives the window back when the report reserved at `at` could not be stored.
    func release(clientKey: String, slug: String, at: Timestamp) {
        let key = Self.key(clientKey, slug)
        state.withLock { state in
            if state.last[key] == at.seconds { state.last[key] = nil }
        }
    }

    private static func key(_ clientKey: String, _ slug: String) -> String {
        ReportWindowRule.key(clientKey: clientKey, slug: slug)
    }
}
