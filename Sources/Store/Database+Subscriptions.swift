import GRDB
import Model

/// One "Notify me" sign-up: an address, a service, and whether the address confirmed it.
public struct SubscriptionRecord: Sendable, Equatable {
    public enum Status: String, Sendable { case pending, confirmed }

    public var id: Int64
    public var email: String
    public var slug: String
    public var status: Status
    /// Random value bound into the row's signed links; a new sign-up after unsubscribing gets a new one.
    public var nonce: String
    public var createdAt: Timestamp
    public var confirmedAt: Timestamp?

    static let columns = "id, email, slug, status, nonce, created_at, confirmed_at"

    init(row: Row) {
        id = row[0]
        email = row[1]
        slug = row[2]
        status = Status(rawValue: row[3]) ?? .pending
        nonce = row[4]
        createdAt = Timestamp(seconds: row[5])
        confirmedAt = (row[6] as Int64?).map(Timestamp.init(seconds:))
    }
}

/// Limits on sign-ups that protect addresses, and the site's mail reputation, from being
/// flooded with confirmation mail. Addresses are compared by `DowntrackDatabase.addressKey`.
public struct SignUpLimits: Sendable {
    /// Services one address may follow.
    public var subscriptionsPerAddress = 50
    /// Confirmation mails to one address in 24 hours.
    public var confirmationsPerAddressPerDay = 5
    /// A pending sign-up repeated sooner than this sends no second mail.
    public var resendAfterSeconds: Int64 = 600
    /// Confirmation mails to anyone in the last hour (`notify.confirmations_per_hour`).
    public var confirmationsPerHour = 200

    public init() {}
}

/// What a sign-up did.
public enum SignUpOutcome: Sendable, Equatable {
    /// A confirmation mail was put in the outbox.
    case confirmationQueued(SubscriptionRecord)
    /// The address already follows the service; nothing to send.
    case alreadyConfirmed
    /// A confirmation mail went out moments ago; not sent again.
    case confirmationRecentlySent
    /// Too many confirmation mails to this address today; try again after this many seconds.
    case addressLimited(retryAfter: Int64)
    /// The address follows too many services.
    case tooManySubscriptions
    /// The site sent its hourly budget of confirmation mail; try again after this many seconds.
    case siteLimited(retryAfter: Int64)
}

/// What confirming did.
public enum ConfirmOutcome: Sendable, Equatable {
    case confirmed(SubscriptionRecord)
    case alreadyConfirmed(SubscriptionRecord)
    /// No such sign-up (unsubscribed, expired and purged, or never made).
    case notFound
}

extension DowntrackDatabase {
    /// The form of an address every per-address cap compares: lowercased (the local part too,
    /// for caps only; mail goes to the address as given).
    public static func addressKey(_ email: String) -> String { email.lowercased() }

    /// Records a sign-up of `email` for `slug` and, within the same transaction, queues the
    /// confirmation mail that `confirmation` composes for the stored row. An earlier sign-up of
    /// the same mailbox (however its address was spelled) for `slug` is the same sign-up.
    public func signUp(
        email: String, slug: String, at now: Timestamp, nonce: String, limits: SignUpLimits,
        confirmation: @Sendable (SubscriptionRecord) -> OutboxItem
    ) async throws -> SignUpOutcome {
        let key = Self.addressKey(email)
        return try await writeAsync { db in
            let existing = try Row.fetchOne(
                db,
                sql: """
                    SELECT \(SubscriptionRecord.columns), last_confirmation_at FROM subscription
                    WHERE email_key = ? AND slug = ? ORDER BY id LIMIT 1
                    """, arguments: [key, slug])
            if let existing {
                if existing[3] == SubscriptionRecord.Status.confirmed.rawValue { return .alreadyConfirmed }
                if let last: Int64 = existing[7], now.seconds - last < limits.resendAfterSeconds {
                    return .confirmationRecentlySent
                }
            } else {
                let count =
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM subscription WHERE email_key = ?", arguments: [key])
                    ?? 0
                if count >= limits.subscriptionsPerAddress { return .tooManySubscriptions }
            }
            let dayAgo = now.seconds - 86_400
            let sent = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*), MIN(created_at) FROM outbox WHERE recipient_key = ? AND purpose = 'confirm' AND created_at > ?
                    """, arguments: [key, dayAgo])
            if let sent, (sent[0] as Int) >= limits.confirmationsPerAddressPerDay {
                let oldest: Int64 = sent[1] ?? now.seconds
                return .addressLimited(retryAfter: max(1, oldest + 86_400 - now.seconds))
            }
            if let wait = try Self.hourlyBudgetWait(db, now: now, budget: limits.confirmationsPerHour) {
                return .siteLimited(retryAfter: wait)
            }
            let id: Int64
            if let existing {
                id = existing[0]
                try db.execute(
                    sql: "UPDATE subscription SET last_confirmation_at = ? WHERE id = ?", arguments: [now.seconds, id])
            } else {
                try db.execute(
                    sql: """
                        INSERT INTO subscription (email, email_key, slug, status, nonce, created_at, last_confirmation_at)
                        VALUES (?, ?, ?, 'pending', ?, ?, ?)
                        """, arguments: [email, key, slug, nonce, now.seconds, now.seconds])
                id = db.lastInsertedRowID
            }
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT \(SubscriptionRecord.columns) FROM subscription WHERE id = ?", arguments: [id])
            else {
                throw StoreError.failed(path: "subscription", reason: "the sign-up just stored cannot be read back")
            }
            let record = SubscriptionRecord(row: row)
            _ = try Self.enqueue([confirmation(record)], into: db)
            return .confirmationQueued(record)
        }
    }

    /// Seconds until the site may send another confirmation mail, or nil when the hourly
    /// budget has room. Counts every confirmation queued in the last hour, sent or not.
    static func hourlyBudgetWait(_ db: GRDB.Database, now: Timestamp, budget: Int) throws -> Int64? {
        let hourAgo = now.seconds - 3600
        let count =
            try Int.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) FROM outbox WHERE purpose = 'confirm' AND created_at > ?
                    """, arguments: [hourAgo]) ?? 0
        guard count >= max(0, budget) else { return nil }
        // The budget frees up when the oldest of the newest `budget` mails turns an hour old.
        let oldest =
            try Int64.fetchOne(
                db,
                sql: """
                    SELECT created_at FROM outbox WHERE purpose = 'confirm' AND created_at > ?
                    ORDER BY created_at DESC LIMIT 1 OFFSET ?
                    """, arguments: [hourAgo, max(0, budget - 1)]) ?? now.seconds
        return max(1, oldest + 3600 - now.seconds)
    }

    /// Confirms the sign-up `id` whose links carry `nonce`.
    public func confirmSubscription(id: Int64, nonce: String, at now: Timestamp) async throws -> ConfirmOutcome {
        try await writeAsync { db in
            guard var record = try Self.subscription(db, id: id, nonce: nonce) else { return .notFound }
            if record.status == .confirmed { return .alreadyConfirmed(record) }
            try db.execute(
                sql: "UPDATE subscription SET status = 'confirmed', confirmed_at = ? WHERE id = ?",
                arguments: [now.seconds, id])
            record.status = .confirmed
            record.confirmedAt = now
            return .confirmed(record)
        }
    }

    /// Deletes the sign-up `id` whose links carry `nonce`, with every outbox row that holds its
    /// address. - Returns: the deleted row, or nil when there was none.
    public func unsubscribe(id: Int64, nonce: String) async throws -> SubscriptionRecord? {
        try await writeAsync { db in
            guard let record = try Self.subscription(db, id: id, nonce: nonce) else { return nil }
            try db.execute(sql: "DELETE FROM outbox WHERE subscription_id = ?", arguments: [id])
            try db.execute(sql: "DELETE FROM subscription WHERE id = ?", arguments: [id])
            return record
        }
    }

    /// The sign-up `id`, if it exists and its links carry `nonce`.
    private static func subscription(_ db: GRDB.Database, id: Int64, nonce: String) throws -> SubscriptionRecord? {
        try Row.fetchOne(
            db, sql: "SELECT \(SubscriptionRecord.columns) FROM subscription WHERE id = ? AND nonce = ?",
            arguments: [id, nonce]
        ).map(SubscriptionRecord.init(row:))
    }

    /// The sign-up with this id, if it exists.
    public func subscription(id: Int64) throws -> SubscriptionRecord? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(SubscriptionRecord.columns) FROM subscription WHERE id = ?", arguments: [id]
            )
            .map(SubscriptionRecord.init(row:))
        }
    }

    /// Confirmed subscribers of `slug`, oldest first.
    public func confirmedSubscriptions(slug: String) throws -> [SubscriptionRecord] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(SubscriptionRecord.columns) FROM subscription WHERE slug = ? AND status = 'confirmed' ORDER BY id
                    """, arguments: [slug]
            ).map(SubscriptionRecord.init(row:))
        }
    }

    /// Deletes sign-ups never confirmed whose last confirmation mail is older than `cutoff`,
    /// so unconfirmed addresses are not kept. - Returns: how many were deleted.
    @discardableResult
    public func purgeUnconfirmed(before cutoff: Timestamp) throws -> Int {
        try write { db in
            try db.execute(
                sql: """
                    DELETE FROM outbox WHERE subscription_id IN (
                        SELECT id FROM subscription WHERE status = 'pending' AND last_confirmation_at < ?)
                    """, arguments: [cutoff.seconds])
            try db.execute(
                sql: "DELETE FROM subscription WHERE status = 'pending' AND last_confirmation_at < ?",
                arguments: [cutoff.seconds])
            return db.changesCount
        }
    }
}
