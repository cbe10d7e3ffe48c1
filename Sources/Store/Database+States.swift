import GRDB
import Model

/// A service's new state as decided by a collect run, with the detector's memory.
public struct StateUpdate: Sendable, Equatable {
    public var slug: String
    public var state: ServiceState
    public var reason: String
    /// Opaque detector memory (JSON), kept for the next run.
    public var memory: String?

    public init(slug: String, state: ServiceState, reason: String, memory: String?) {
        self.slug = slug
        self.state = state
        self.reason = reason
        self.memory = memory
    }
}

extension DowntrackDatabase {
    /// Every service's current state, by slug.
    public func currentStates() throws -> [String: CurrentState] {
        try read { db in
            var result: [String: CurrentState] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT slug, state, since, reason FROM service_state")
            while let row = try rows.next() {
                let slug: String = row[0]
                result[slug] = CurrentState(
                    slug: slug, state: ServiceState(rawValue: row[1]) ?? .unknown,
                    since: Timestamp(seconds: row[2]), reason: row[3])
            }
            return result
        }
    }

    /// The detector memory stored for each service, by slug.
    public func detectorMemories() throws -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT slug, memory FROM service_state WHERE memory IS NOT NULL")
            while let row = try rows.next() { result[row[0]] = row[1] }
            return result
        }
    }

    /// Stores the states decided at `now`; a state that differs from the stored one becomes a
    /// `state_change` row with its reason. All in one transaction.
    /// - Returns: the changes recorded.
    @discardableResult
    public func apply(_ updates: [StateUpdate], at now: Timestamp) throws -> [StateChange] {
        try write { db in
            var previous: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT slug, state FROM service_state")
            while let row = try rows.next() { previous[row[0]] = row[1] }
            let upsertChanged = try db.makeStatement(
                sql: """
                    INSERT INTO service_state (slug, state, since, reason, memory, updated_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT(slug) DO UPDATE SET state = excluded.state, since = excluded.since,
                        reason = excluded.reason, memory = excluded.memory, updated_at = excluded.updated_at
                    """)
            let updateSame = try db.makeStatement(
                sql: """
                    UPDATE service_state SET memory = ?, updated_at = ? WHERE slug = ?
                    """)
            let insertChange = try db.makeStatement(
                sql: """
                    INSERT INTO state_change (slug, at, old_state, new_state, reason) VALUES (?, ?, ?, ?, ?)
                    """)
            var changes: [StateChange] = []
            for update in updates {
                let old = previous[update.slug].flatMap(ServiceState.init(rawValue:))
                if old == update.state {
                    try updateSame.execute(arguments: [update.memory, now.seconds, update.slug])
                    continue
                }
                try upsertChanged.execute(arguments: [
                    update.slug, update.state.rawValue, now.seconds, update.reason, update.memory, now.seconds,
                ])
                let change = StateChange(
                    slug: update.slug, at: now, from: old ?? .unknown, to: update.state, reason: update.reason)
                // The first decision for a service is recorded only when it says something.
                if old != nil || update.state != .unknown {
                    try insertChange.execute(arguments: [
                        change.slug, now.seconds, change.from.rawValue, change.to.rawValue, change.reason,
                    ])
                    changes.append(change)
                }
            }
            return changes
        }
    }

    /// State changes, newest first; of one service when `slug` is given.
    public func stateChanges(slug: String? = nil, limit: Int = 50) throws -> [StateChange] {
        try read { db in
            let sql =
                slug == nil
                ? "SELECT slug, at, old_state, new_state, reason FROM state_change ORDER BY at DESC, id DESC LIMIT ?"
                : "SELECT slug, at, old_state, new_state, reason FROM state_change WHERE slug = ? ORDER BY at DESC, id DESC LIMIT ?"
            let arguments: StatementArguments = slug.map { [$0, limit] } ?? [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.stateChange)
        }
    }

    /// The newest `perService` changes of every service, by slug, newest first.
    public func recentStateChangesByService(perService: Int) throws -> [String: [StateChange]] {
        try read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT slug, at, old_state, new_state, reason FROM (
                        SELECT *, ROW_NUMBER() OVER (PARTITION BY slug ORDER BY at DESC, id DESC) AS rank
                        FROM state_change)
                    WHERE rank <= ? ORDER BY slug, at DESC
                    """, arguments: [perService])
            return Dictionary(grouping: rows.map(Self.stateChange), by: \.slug)
        }
    }

    static func stateChange(_ row: Row) -> StateChange {
        StateChange(
            slug: row[0], at: Timestamp(seconds: row[1]), from: ServiceState(rawValue: row[2]) ?? .unknown,
            to: ServiceState(rawValue: row[3]) ?? .unknown, reason: row[4])
    }
}
