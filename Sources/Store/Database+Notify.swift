import GRDB
import Model

/// A recorded state change with its row id, the position `downtrack notify` keeps.
public struct NumberedStateChange: Sendable, Equatable {
    public var id: Int64
    public var change: StateChange

    public init(id: Int64, change: StateChange) {
        self.id = id
        self.change = change
    }
}

extension DowntrackDatabase {
    static let notifyCursorKey = "notify_cursor"

    /// The id of the last state change whose notices were queued, if notify ever ran.
    public func notifyCursor() throws -> Int64? {
        try meta(Self.notifyCursorKey).flatMap { Int64($0) }
    }

    /// State changes after the change `afterID`, oldest first; with no cursor (nil), the
    /// changes at or after `since`.
    public func stateChanges(afterID: Int64?, since: Timestamp, limit: Int) throws -> [NumberedStateChange] {
        try read { db in
            let sql = """
                SELECT id, slug, at, old_state, new_state, reason FROM state_change
                WHERE \(afterID == nil ? "at >= ?" : "id > ?") ORDER BY id LIMIT ?
                """
            let arguments: StatementArguments = [afterID ?? since.seconds, limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                NumberedStateChange(
                    id: row[0],
                    change: StateChange(
                        slug: row[1], at: Timestamp(seconds: row[2]), from: ServiceState(rawValue: row[3]) ?? .unknown,
                        to: ServiceState(rawValue: row[4]) ?? .unknown, reason: row[5]))
            }
        }
    }

    /// The id of the newest state change, 0 when there is none.
    public func latestStateChangeID() throws -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM state_change") ?? 0 }
    }

    /// Queues `items` and moves the notify cursor to `cursor`, in one transaction: a change is
    /// either fully queued and passed, or neither. - Returns: how many items were new.
    @discardableResult
    public func queueNotices(_ items: [OutboxItem], advancingCursorTo cursor: Int64) throws -> Int {
        try write { db in
            let added = try Self.enqueue(items, into: db)
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                arguments: [Self.notifyCursorKey, String(cursor)])
            return added
        }
    }
}
