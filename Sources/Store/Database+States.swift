import Foundation
import GRDB
import Model

/// A service's new state as decided by a collect run, with the detector's memory.
public struct StateUpdate: Sendable, Equatable {
    public var slug: String
    public var state: ServiceState
    public var reason: String
    /// Opaque detector memory (JSON), kept for the next run.
    public var memory: String?
    /// The changes that led to `state`, each at its own time (nil: one change at the time
    /// passed to `apply`, when `state` differs from the stored one).
    public var changes: [StateChange]?

    public init(slug: String, state: ServiceState, reason: String, memory: String?, changes: [StateChange]? = nil) {
        self.slug = slug
        self.state = state
        self.reason = reason
        self.memory = memory
        self.changes = changes
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
    /// `state_change` row with its reason, at the time of each change the update carries (at
    /// `now` when it carries none). All in one transaction.
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
                let steps =
                    update.changes
                    ?? [
                        StateChange(slug: update.slug, at: now, from: .unknown, to: update.state, reason: update.reason)
                    ]
                var current = old
                var latest: StateChange?
                for step in steps where step.to != current {
                    let change = StateChange(
                        slug: update.slug, at: step.at, from: current ?? .unknown, to: step.to, reason: step.reason)
                    // The first decision for a service is recorded only when it says something.
                    if current != nil || step.to != .unknown {
                        try insertChange.execute(arguments: [
                            change.slug, change.at.seconds, change.from.rawValue, change.to.rawValue, change.reason,
                        ])
                        changes.append(change)
                    }
                    current = step.to
                    latest = change
                }
                if let latest, current != old {
                    try upsertChanged.execute(arguments: [
                        update.slug, latest.to.rawValue, latest.at.seconds, latest.reason, update.memory, now.seconds,
                    ])
                } else if old == nil {
                    // Nothing to say yet, but the memory is kept: the next run goes on from here.
                    try upsertChanged.execute(arguments: [
                        update.slug, update.state.rawValue, now.seconds, update.reason, update.memory, now.seconds,
                    ])
                } else {
                    try updateSame.execute(arguments: [update.memory, now.seconds, update.slug])
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

/// One stored check of an official source, as the decision replay reads it.
public struct OfficialCheckEntry: Sendable, Equatable {
    public var sourceURL: String
    public var checkedAt: Timestamp
    /// Whether the check failed.
    public var failed: Bool
    /// The indicator read, nil when the check failed or the page had not changed.
    public var indicator: OfficialIndicator?

    public init(sourceURL: String, checkedAt: Timestamp, failed: Bool, indicator: OfficialIndicator?) {
        self.sourceURL = sourceURL
        self.checkedAt = checkedAt
        self.failed = failed
        self.indicator = indicator
    }
}

extension DowntrackDatabase {
    /// The stored official check history from `since`, by slug, oldest first, with each
    /// source's last row before `since` and its last row with a status before `since` (what
    /// still held at `since`). The history keeps a row only when a source's answer changed or
    /// failed, so each row holds until the next.
    ///
    /// Reads the plain `indicator` column (no JSON), the rows since `since` by time, and the
    /// two rows before it by source (two index look-ups a source, not a scan of the history).
    public func officialCheckHistory(since: Timestamp) throws -> [String: [OfficialCheckEntry]] {
        try read { db in
            var result: [String: [OfficialCheckEntry]] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT c.slug, c.source_url, c.checked_at, c.outcome, c.indicator, c.id FROM official_check c
                    WHERE c.checked_at >= :since
                    UNION
                    SELECT c.slug, c.source_url, c.checked_at, c.outcome, c.indicator, c.id
                    FROM official_source s JOIN official_check c
                    ON c.id = (SELECT p.id FROM official_check p
                               WHERE p.slug = s.slug AND p.source_url = s.source_url AND p.checked_at < :since
                               ORDER BY p.checked_at DESC, p.id DESC LIMIT 1)
                    UNION
                    SELECT c.slug, c.source_url, c.checked_at, c.outcome, c.indicator, c.id
                    FROM official_source s JOIN official_check c
                    ON c.id = (SELECT p.id FROM official_check p
                               WHERE p.slug = s.slug AND p.source_url = s.source_url AND p.checked_at < :since
                                 AND p.indicator IS NOT NULL
                               ORDER BY p.checked_at DESC, p.id DESC LIMIT 1)
                    ORDER BY 1, 3, 6
                    """, arguments: ["since": since.seconds])
            while let row = try rows.next() {
                let indicator: String? = row[4]
                let outcome: String = row[3]
                result[row[0], default: []].append(
                    OfficialCheckEntry(
                        sourceURL: row[1], checkedAt: Timestamp(seconds: row[2]),
                        failed: outcome == OfficialCheckRecord.Outcome.failed.rawValue,
                        indicator: indicator.map { OfficialIndicator(rawValue: $0) ?? .unknown }))
            }
            return result
        }
    }
}
