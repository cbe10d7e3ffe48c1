import GRDB
import Model

/// Something to deliver once: a mail or a webhook call, under an idempotency key.
public struct OutboxItem: Sendable, Equatable {
    public enum Channel: String, Sendable { case email, webhook }
    public enum Purpose: String, Sendable { case confirm, notice }

    /// Unique per delivery ("change:12:subscription:3"); queuing the same key twice keeps one row.
    public var key: String
    public var channel: Channel
    public var purpose: Purpose
    /// The address, or the webhook URL.
    public var recipient: String
    /// The sign-up a mail belongs to; its rows go when the address unsubscribes.
    public var subscriptionID: Int64?
    /// The whole mail message, or the webhook's JSON body.
    public var payload: String
    public var createdAt: Timestamp

    public init(
        key: String, channel: Channel, purpose: Purpose, recipient: String, subscriptionID: Int64?, payload: String,
        createdAt: Timestamp
    ) {
        self.key = key
        self.channel = channel
        self.purpose = purpose
        self.recipient = recipient
        self.subscriptionID = subscriptionID
        self.payload = payload
        self.createdAt = createdAt
    }
}

/// An outbox row claimed for delivery.
public struct OutboxEntry: Sendable, Equatable {
    public var id: Int64
    public var item: OutboxItem
    /// Attempts before this one.
    public var attempts: Int
}

/// Where an outbox row stands.
public enum OutboxStatus: String, Sendable, CaseIterable {
    case pending, sending, sent, failed, interrupted, capped, dropped
}

extension DowntrackDatabase {
    static func enqueue(_ items: [OutboxItem], into db: GRDB.Database) throws -> Int {
        let insert = try db.makeStatement(
            sql: """
                INSERT OR IGNORE INTO outbox (key, channel, purpose, recipient, recipient_key, subscription_id, payload, status,
                    next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
                """)
        var added = 0
        for item in items {
            try insert.execute(arguments: [
                item.key, item.channel.rawValue, item.purpose.rawValue, item.recipient,
                item.channel == .email ? Self.addressKey(item.recipient) : nil, item.subscriptionID,
                item.payload, item.createdAt.seconds, item.createdAt.seconds,
            ])
            added += db.changesCount
        }
        return added
    }

    /// Queues items; keys already queued are skipped. - Returns: how many were new.
    @discardableResult
    public func enqueue(_ items: [OutboxItem]) throws -> Int {
        try write { db in try Self.enqueue(items, into: db) }
    }

    /// Marks up to `limit` rows that are due at `now` as `sending` by `claimer` and returns them;
    /// a row is claimed by one deliverer only.
    public func claimDueOutbox(
        now: Timestamp, claimer: String, purpose: OutboxItem.Purpose?, limit: Int
    ) async throws -> [OutboxEntry] {
        try await writeAsync { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, key, channel, purpose, recipient, subscription_id, payload, created_at, attempts FROM outbox
                    WHERE status = 'pending' AND next_attempt_at <= ? AND (? IS NULL OR purpose = ?)
                    ORDER BY next_attempt_at, id LIMIT ?
                    """, arguments: [now.seconds, purpose?.rawValue, purpose?.rawValue, limit])
            let claim = try db.makeStatement(
                sql: """
                    UPDATE outbox SET status = 'sending', claimed_by = ?, claimed_at = ? WHERE id = ? AND status = 'pending'
                    """)
            return try rows.map { row in
                try claim.execute(arguments: [claimer, now.seconds, row[0] as Int64])
                let item = OutboxItem(
                    key: row[1], channel: OutboxItem.Channel(rawValue: row[2]) ?? .email,
                    purpose: OutboxItem.Purpose(rawValue: row[3]) ?? .notice, recipient: row[4], subscriptionID: row[5],
                    payload: row[6], createdAt: Timestamp(seconds: row[7]))
                return OutboxEntry(id: row[0], item: item, attempts: row[8])
            }
        }
    }

    /// Records the outcome of a delivery attempt. `retryAt` puts the row back in the queue
    /// for that time; otherwise `status` is final.
    public func finishOutbox(
        id: Int64, status: OutboxStatus, at now: Timestamp, error: String? = nil, retryAt: Timestamp? = nil
    ) async throws {
        try await writeAsync { db in
            if let retryAt {
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?, last_error = ?,
                            claimed_by = NULL, claimed_at = NULL WHERE id = ?
                        """, arguments: [retryAt.seconds, error, id])
            } else {
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?,
                            sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?
                        """, arguments: [status.rawValue, error, status.rawValue, now.seconds, id])
            }
        }
    }

    /// Rows left `sending` by a deliverer that is gone (`isAlive` says no) or that claimed them
    /// longer than `lease` seconds ago become `interrupted`: they may have gone out, so they are
    /// not sent again. - Returns: how many.
    public func recoverInterruptedOutbox(
        now: Timestamp, lease: Int64, isAlive: @Sendable (String) -> Bool
    ) async throws -> Int {
        try await writeAsync { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT id, claimed_by, claimed_at FROM outbox WHERE status = 'sending'")
            var count = 0
            for row in rows {
                let claimer: String = row[1] ?? ""
                let claimedAt: Int64 = row[2] ?? 0
                guard !isAlive(claimer) || now.seconds - claimedAt > lease else { continue }
                try db.execute(
                    sql: """
                        UPDATE outbox SET status = 'interrupted',
                            last_error = 'interrupted between sending and recording; not sent again' WHERE id = ?
                        """, arguments: [row[0] as Int64])
                count += 1
            }
            return count
        }
    }

    /// How many `purpose` deliveries went to `recipient` at or after `since`. Mail addresses
    /// are compared by `addressKey`, so one mailbox spelled two ways shares one cap.
    public func outboxSentCount(recipient: String, purpose: OutboxItem.Purpose, since: Timestamp) throws -> Int {
        let key = Self.addressKey(recipient)
        return try read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM outbox WHERE recipient_key = ? AND purpose = ? AND status = 'sent' AND sent_at >= ?
                    """, arguments: [key, purpose.rawValue, since.seconds]) ?? 0
        }
    }

    /// How many outbox rows there are in all (for limits and tests).
    public func outboxCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox") ?? 0 }
    }

    /// Outbox rows per status.
    public func outboxStatusCounts() throws -> [OutboxStatus: Int] {
        try read { db in
            var result: [OutboxStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM outbox GROUP BY status") {
                if let status = OutboxStatus(rawValue: row[0]) { result[status] = row[1] }
            }
            return result
        }
    }

    /// Removes finished rows created before `cutoff` (delivered, failed, skipped).
    @discardableResult
    public func pruneOutbox(before cutoff: Timestamp) throws -> Int {
        try write { db in
            try db.execute(
                sql: "DELETE FROM outbox WHERE status NOT IN ('pending', 'sending') AND created_at < ?",
                arguments: [cutoff.seconds])
            return db.changesCount
        }
    }
}
